import type { CreateMemberBody } from '@liendoan/contracts'
import { sql } from 'drizzle-orm'
import { type TestContext, queryRows } from './app.js'
import { newCitizenId, newPhone } from './members.js'

/** A valid admission body for `union`; override any field. */
export function admissionBody(union: { id: string }, overrides: Partial<CreateMemberBody> = {}): CreateMemberBody {
  return {
    unionId: union.id,
    fullName: 'Trần Văn Bình',
    dateOfBirth: '1988-09-12',
    gender: 'male',
    citizenId: newCitizenId(),
    phone: newPhone(),
    ethnicity: 'Kinh',
    occupation: 'Công nhân may',
    admittedOn: '2021-06-15',
    ...overrides,
  }
}

/**
 * Everything a request could have written about one member: used to prove a refused request
 * changed nothing.
 */
export async function memberFootprint(ctx: TestContext, memberId: string) {
  const [footprint] = await queryRows<Record<string, unknown>>(
    ctx,
    sql`SELECT
      (SELECT row_to_json(m)::text FROM members m WHERE m.id = ${memberId}) AS member,
      (SELECT count(*) FROM memberships WHERE member_id = ${memberId})::int AS memberships,
      (SELECT coalesce(string_agg(card_number || ':' || status, ',' ORDER BY card_number), '') FROM membership_cards WHERE member_id = ${memberId}) AS cards,
      (SELECT count(*) FROM member_events WHERE member_id = ${memberId})::int AS events,
      (SELECT count(*) FROM audit_events WHERE entity_id = ${memberId})::int AS audit`,
  )
  return footprint
}

export interface AuditRow {
  action: string
  entity_id: string | null
  union_id: string | null
  actor_user_id: string | null
  before: unknown
  after: unknown
}

/** Audit events about one member, oldest first. */
export async function auditOf(ctx: TestContext, memberId: string): Promise<AuditRow[]> {
  return queryRows<AuditRow>(
    ctx,
    sql`SELECT action, entity_id, union_id, actor_user_id, before, after FROM audit_events WHERE entity_id = ${memberId} ORDER BY occurred_at, id`,
  )
}

/** Audit events written by one account, oldest first. */
export async function auditBy(ctx: TestContext, userId: string): Promise<AuditRow[]> {
  return queryRows<AuditRow>(
    ctx,
    sql`SELECT action, entity_id, union_id, actor_user_id, before, after FROM audit_events WHERE actor_user_id = ${userId} ORDER BY occurred_at, id`,
  )
}

/** Records a member leaving, directly in the database (for tests of what comes after). */
export async function markLeft(ctx: TestContext, memberId: string, on = '2023-01-10'): Promise<void> {
  await ctx.db.execute(sql`UPDATE memberships SET ended_on = ${on}, end_reason = 'left' WHERE member_id = ${memberId} AND ended_on IS NULL`)
  await ctx.db.execute(sql`UPDATE members SET status = 'left', status_date = ${on}, status_reason = 'Nghỉ việc' WHERE id = ${memberId}`)
}

/** The id of an officer position by code (reference data). */
export async function positionId(ctx: TestContext, code: string): Promise<string> {
  const [row] = await queryRows<{ id: string }>(ctx, sql`SELECT id FROM officer_positions WHERE code = ${code}`)
  if (!row) throw new Error(`no position ${code}`)
  return row.id
}
