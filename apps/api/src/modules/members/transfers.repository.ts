import type { Transfer, TransferDestination } from '@liendoan/contracts'
import { and, asc, eq, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { Database } from '../../db/client.js'
import { memberTransfers, members, unions, unitTypes, users } from '../../db/schema/index.js'

export const fromUnion = alias(unions, 'from_union')
export const toUnion = alias(unions, 'to_union')
const requester = alias(users, 'requester')
const decider = alias(users, 'decider')
const parent = alias(unions, 'parent')

const transferColumns = {
  id: memberTransfers.id,
  memberId: memberTransfers.memberId,
  memberName: members.fullName,
  fromUnionId: memberTransfers.fromUnionId,
  fromUnionCode: fromUnion.code,
  fromUnionName: fromUnion.name,
  fromUnionPath: fromUnion.path,
  toUnionId: memberTransfers.toUnionId,
  toUnionCode: toUnion.code,
  toUnionName: toUnion.name,
  toUnionPath: toUnion.path,
  kind: memberTransfers.kind,
  status: memberTransfers.status,
  effectiveDate: memberTransfers.effectiveDate,
  reason: memberTransfers.reason,
  decisionNote: memberTransfers.decisionNote,
  requestedByName: requester.fullName,
  decidedByName: decider.fullName,
  requestedAt: memberTransfers.requestedAt,
  /** requested_at to the microsecond, for cursors (a JavaScript Date keeps only milliseconds). */
  requestedAtKey: sql<string>`to_char(${memberTransfers.requestedAt} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
  decidedAt: memberTransfers.decidedAt,
}

/** Transfers with the member's name, both unions and the people who asked and decided; add `.where(...)`. */
export function selectTransfers(executor: Database) {
  return executor
    .select(transferColumns)
    .from(memberTransfers)
    .innerJoin(members, eq(members.id, memberTransfers.memberId))
    .innerJoin(fromUnion, eq(fromUnion.id, memberTransfers.fromUnionId))
    .innerJoin(toUnion, eq(toUnion.id, memberTransfers.toUnionId))
    .leftJoin(requester, eq(requester.id, memberTransfers.requestedByUserId))
    .leftJoin(decider, eq(decider.id, memberTransfers.decidedByUserId))
}

export type TransferRow = Awaited<ReturnType<typeof selectTransfers>>[number]

export async function findTransfer(executor: Database, id: string): Promise<TransferRow | undefined> {
  const [row] = await selectTransfers(executor).where(eq(memberTransfers.id, id))
  return row
}

/** Row → contract, the one place a transfer's JSON shape is made. Of the member, only the name leaves. */
export function presentTransfer(row: TransferRow): Transfer {
  return {
    id: row.id,
    memberId: row.memberId,
    memberName: row.memberName,
    fromUnion: { id: row.fromUnionId, code: row.fromUnionCode, name: row.fromUnionName },
    toUnion: { id: row.toUnionId, code: row.toUnionCode, name: row.toUnionName },
    kind: row.kind,
    status: row.status,
    effectiveDate: row.effectiveDate,
    reason: row.reason,
    decisionNote: row.decisionNote,
    requestedByName: row.requestedByName,
    decidedByName: row.decidedByName,
    requestedAt: row.requestedAt.toISOString(),
    decidedAt: row.decidedAt?.toISOString() ?? null,
  }
}

/** A transfer as the audit log keeps it. */
export function transferAuditSnapshot(row: TransferRow): Record<string, unknown> {
  return {
    memberId: row.memberId,
    fromUnionId: row.fromUnionId,
    toUnionId: row.toUnionId,
    kind: row.kind,
    status: row.status,
    effectiveDate: row.effectiveDate,
    reason: row.reason,
    decisionNote: row.decisionNote,
  }
}

/** A union as a transfer's destination, looked up anywhere in the system (the sender's scope doesn't matter). */
export async function findDestination(executor: Database, unionId: string) {
  const [row] = await executor
    .select({
      id: unions.id,
      code: unions.code,
      name: unions.name,
      path: unions.path,
      status: unions.status,
      isGrassroots: unitTypes.isGrassroots,
    })
    .from(unions)
    .innerJoin(unitTypes, eq(unitTypes.id, unions.unitTypeId))
    .where(eq(unions.id, unionId))
  return row
}

export type DestinationRow = NonNullable<Awaited<ReturnType<typeof findDestination>>>

/**
 * Active grassroots unions anywhere whose name, code, employer or tax code contains `q`, accent-
 * insensitively (the trigram index serves the LIKE); with `fuzzy`, those whose words are close to
 * it, for typos, best first. Only what a sender needs to pick one.
 */
export async function searchDestinations(executor: Database, q: string, limit: number, mode: 'exact' | 'fuzzy'): Promise<TransferDestination[]> {
  const pattern = q.replace(/[\\%_]/g, '\\$&')
  const matches =
    mode === 'exact'
      ? sql`${unions.searchText} LIKE '%' || liendoan_normalize(${pattern}) || '%'`
      : sql`liendoan_normalize(${q}) <<% ${unions.searchText}`
  return executor
    .select({ id: unions.id, code: unions.code, name: unions.name, parentName: parent.name })
    .from(unions)
    .innerJoin(unitTypes, eq(unitTypes.id, unions.unitTypeId))
    .leftJoin(parent, eq(parent.id, unions.parentId))
    .where(and(eq(unitTypes.isGrassroots, true), eq(unions.status, 'active'), matches))
    .orderBy(
      ...(mode === 'fuzzy' ? [sql`word_similarity(liendoan_normalize(${q}), ${unions.searchText}) DESC`] : []),
      asc(unions.nameKey),
      asc(unions.id),
    )
    .limit(limit)
}
