import { EMPTY_AGREEMENT_TERMS } from '@liendoan/contracts'
import { sql } from 'drizzle-orm'
import { v7 as uuidv7 } from 'uuid'
import {
  agreements,
  memberships,
  members,
  supportPayments,
  trainingCertificates,
  trainingClassTopics,
  trainingClasses,
  trainingParticipants,
  unionRatings,
} from '../../src/db/schema/index.js'
import { type TestContext, queryRows } from './app.js'
import { newCitizenId } from './members.js'

/**
 * Direct inserts for the results fixtures: records as their history left them (past dates the
 * API refuses to write today), and thousands of them without going through HTTP one by one.
 */

/** Members admitted into `union` on the given days (one member each); returns their ids. */
export async function admitMembers(ctx: TestContext, union: { id: string }, admittedOn: readonly string[]): Promise<string[]> {
  const ids: string[] = []
  for (let start = 0; start < admittedOn.length; start += 1000) {
    const rows = admittedOn.slice(start, start + 1000).map((day, index) => ({
      id: uuidv7(),
      unionId: union.id,
      fullName: `Đoàn Viên Chỉ Tiêu ${start + index + 1}`,
      dateOfBirth: '1990-05-20',
      gender: index % 2 ? ('male' as const) : ('female' as const),
      citizenId: newCitizenId(),
      admittedOn: day,
    }))
    await ctx.db.insert(members).values(rows)
    await ctx.db.insert(memberships).values(rows.map((row) => ({ id: uuidv7(), memberId: row.id, unionId: union.id, startedOn: row.admittedOn })))
    ids.push(...rows.map((row) => row.id))
  }
  return ids
}

/** Moves a member's membership to another union on `on` (the history a transfer leaves). */
export async function transferMember(ctx: TestContext, memberId: string, to: { id: string }, on: string): Promise<void> {
  await ctx.db.execute(sql`UPDATE memberships SET ended_on = ${on}::date, end_reason = 'transferred' WHERE member_id = ${memberId}::uuid AND ended_on IS NULL`)
  await ctx.db.insert(memberships).values({ id: uuidv7(), memberId, unionId: to.id, startedOn: on })
  await ctx.db.execute(sql`UPDATE members SET union_id = ${to.id}::uuid WHERE id = ${memberId}::uuid`)
}

export interface AgreementRowInput {
  signedOn: string
  inForceOn: string
  expiresOn: string
  endedOn?: string
  status: 'in_force' | 'expired' | 'terminated'
}

export async function insertAgreement(ctx: TestContext, union: { id: string }, input: AgreementRowInput): Promise<string> {
  const id = uuidv7()
  await ctx.db.insert(agreements).values({
    id,
    title: `Thỏa ước ${id.slice(-6)}`,
    unionId: union.id,
    employerName: `Công ty Chỉ Tiêu ${id.slice(-8)}`,
    status: input.status,
    signedOn: input.signedOn,
    effectiveOn: input.inForceOn,
    expiresOn: input.expiresOn,
    inForceOn: input.inForceOn,
    endedOn: input.endedOn ?? null,
    workersCovered: 100,
    terms: EMPTY_AGREEMENT_TERMS,
  })
  return id
}

/** A completed class on `topicCode` organised by `organiser`, and a valid certificate for `member` issued on `issuedOn`. */
export async function certify(ctx: TestContext, organiser: { id: string }, member: { id: string; unionId: string }, topicCode: string, issuedOn: string): Promise<void> {
  const [topic] = await queryRows<{ id: string }>(ctx, sql`SELECT id FROM training_topics WHERE code = ${topicCode}`)
  if (!topic) throw new Error(`no topic ${topicCode}`)
  const classId = uuidv7()
  await ctx.db.insert(trainingClasses).values({ id: classId, title: `Lớp ${topicCode} ${classId.slice(-6)}`, organiserUnionId: organiser.id, capacity: 50, status: 'completed', startsOn: issuedOn, endsOn: issuedOn })
  await ctx.db.insert(trainingClassTopics).values({ classId, topicId: topic.id })
  const participantId = uuidv7()
  await ctx.db.insert(trainingParticipants).values({ id: participantId, classId, memberId: member.id, unionId: member.unionId, outcome: 'completed' })
  await ctx.db.insert(trainingCertificates).values({
    id: uuidv7(),
    number: `CT-${classId.slice(-10)}`,
    verificationCode: uuidv7(),
    participantId,
    classId,
    memberId: member.id,
    issuedOn,
  })
}

/** The current rating of a union for a year (grade code of that year's scale). */
export async function rate(ctx: TestContext, union: { id: string }, year: number, gradeCode: string): Promise<void> {
  const [grade] = await queryRows<{ id: string }>(
    ctx,
    sql`SELECT g.id FROM rating_grades g JOIN rating_scales s ON s.id = g.scale_id
         WHERE g.code = ${gradeCode} AND s.from_year <= ${year} AND (s.to_year IS NULL OR s.to_year >= ${year})`,
  )
  if (!grade) throw new Error(`no grade ${gradeCode} in ${year}`)
  await ctx.db.insert(unionRatings).values({ id: uuidv7(), unionId: union.id, year, gradeId: grade.id })
}

/** A support payment concerning `union`: disbursed on `disbursedOn`, or only approved when null. */
export async function insertPayment(
  ctx: TestContext,
  input: { programId: string; union: { id: string }; amountVnd: number; disbursedOn: string | null; proposerId: string; approverId: string },
): Promise<void> {
  await ctx.db.insert(supportPayments).values({
    id: uuidv7(),
    programId: input.programId,
    reasonKind: 'hardship',
    reasonId: uuidv7(),
    role: 'member',
    beneficiaryKind: 'member',
    beneficiaryId: uuidv7(),
    beneficiaryName: 'Đoàn viên khó khăn',
    unionId: input.union.id,
    amountVnd: input.amountVnd,
    status: input.disbursedOn ? 'disbursed' : 'approved',
    proposedByUserId: input.proposerId,
    approvedByUserId: input.approverId,
    approvedAt: new Date(),
    disbursedOn: input.disbursedOn,
    disbursementMethod: input.disbursedOn ? 'cash' : null,
    disbursementReference: input.disbursedOn ? `PC-${uuidv7().slice(-6)}` : null,
  })
}
