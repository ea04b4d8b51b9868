import type { Employment, OfficerTerm } from '@liendoan/contracts'
import { type SQL, and, eq, gt, isNotNull, isNull, lte, or, sql } from 'drizzle-orm'
import type { Database } from '../../db/client.js'
import { members, officerPositions, officerTerms, unions, unitTypes } from '../../db/schema/index.js'

/** Columns of an officer term as every read needs them: the union, the member's name, the position. */
export const termColumns = {
  id: officerTerms.id,
  unionId: officerTerms.unionId,
  unionCode: unions.code,
  unionName: unions.name,
  unionPath: unions.path,
  memberId: officerTerms.memberId,
  memberName: members.fullName,
  memberNameKey: members.nameKey,
  positionId: officerTerms.positionId,
  positionCode: officerPositions.code,
  positionName: officerPositions.name,
  positionSortOrder: officerPositions.sortOrder,
  singleHolder: officerTerms.singleHolder,
  startedOn: officerTerms.startedOn,
  endedOn: officerTerms.endedOn,
  termLabel: officerTerms.termLabel,
  employment: officerTerms.employment,
  endReason: officerTerms.endReason,
  version: officerTerms.version,
  createdAt: officerTerms.createdAt,
}

/** Terms joined to their union (and its unit type), member and position; add `.where(...)`. */
export function selectTerms(executor: Database) {
  return executor
    .select(termColumns)
    .from(officerTerms)
    .innerJoin(unions, eq(unions.id, officerTerms.unionId))
    .innerJoin(unitTypes, eq(unitTypes.id, unions.unitTypeId))
    .innerJoin(members, eq(members.id, officerTerms.memberId))
    .innerJoin(officerPositions, eq(officerPositions.id, officerTerms.positionId))
}

export type TermRow = Awaited<ReturnType<typeof selectTerms>>[number]

/**
 * Holds the position on `today`: not ended, or ended on a later date. Start dates are never in
 * the future (the appointment refuses them), so the start needs no test.
 */
export function termCurrentOn(today: string): SQL {
  return or(isNull(officerTerms.endedOn), gt(officerTerms.endedOn, today))!
}

/** Ended on or before `today`. */
export function termPastOn(today: string): SQL {
  return and(isNotNull(officerTerms.endedOn), lte(officerTerms.endedOn, today))!
}

/** The sort of every officer list: position rank, then the officer's name, then the term id. */
export const termOrder = [officerPositions.sortOrder, members.nameKey, officerTerms.id] as const

/** Keyset condition after a cursor of termCursor(). */
export function termsAfter(cursor: (string | number | null)[]): SQL {
  return sql`(${officerPositions.sortOrder}, ${members.nameKey}, ${officerTerms.id}) > (${Number(cursor[0])}, ${String(cursor[2])}, ${String(cursor[1])}::uuid)`
}

/** Cursor values of a row; the id sits second, where decodeCursor expects the tie-breaker. */
export function termCursor(row: TermRow): (string | number)[] {
  return [row.positionSortOrder, row.id, row.memberNameKey]
}

export function isCurrentTerm(row: Pick<TermRow, 'endedOn'>, today: string): boolean {
  return row.endedOn === null || row.endedOn > today
}

/** Row → contract, the one place an officer term's JSON shape is made. Only the member's name leaves. */
export function presentTerm(row: TermRow, today: string): OfficerTerm {
  return {
    id: row.id,
    union: { id: row.unionId, code: row.unionCode, name: row.unionName },
    memberId: row.memberId,
    memberName: row.memberName,
    position: { id: row.positionId, code: row.positionCode, name: row.positionName },
    startedOn: row.startedOn,
    endedOn: row.endedOn,
    termLabel: row.termLabel,
    employment: row.employment as Employment,
    endReason: row.endReason,
    current: isCurrentTerm(row, today),
    version: row.version,
    createdAt: row.createdAt.toISOString(),
  }
}

/** A term as the audit log keeps it: no personal field of the member. */
export function termAuditSnapshot(row: TermRow): Record<string, unknown> {
  return {
    unionId: row.unionId,
    memberId: row.memberId,
    positionCode: row.positionCode,
    startedOn: row.startedOn,
    endedOn: row.endedOn,
    termLabel: row.termLabel,
    employment: row.employment,
    endReason: row.endReason,
    version: row.version,
  }
}
