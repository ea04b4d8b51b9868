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

/** Which officers a set-based query over terms picks (see officerHoldersOn). */
export interface OfficerHolderFilter {
  /** Position codes; at least one. */
  positions: readonly string[]
  sector?: 'state' | 'non_state' | undefined
  /** Terms in grassroots unions only (true) or in other units only (false). */
  grassroots?: boolean | undefined
}

/**
 * Officers holding one of the positions on `onDate`, as a subquery for other modules' set-based
 * work (training candidates, coverage reports): columns member_id, union_id, union_path (the
 * union's current path), position_code, position_name, position_sort. Unlike termCurrentOn, the
 * start is tested too, so a past date reads the bodies as they stood then.
 */
export function officerHoldersOn(onDate: string, filter: OfficerHolderFilter): SQL {
  const positions = filter.positions.length > 0 ? filter.positions : ['']
  return sql`SELECT t.member_id, t.union_id, u.path AS union_path, p.code AS position_code, p.name AS position_name, p.sort_order AS position_sort
    FROM officer_terms t
    JOIN officer_positions p ON p.id = t.position_id
    JOIN unions u ON u.id = t.union_id
    JOIN unit_types ut ON ut.id = u.unit_type_id
   WHERE t.started_on <= ${onDate}::date
     AND (t.ended_on IS NULL OR t.ended_on > ${onDate}::date)
     AND p.code IN (${sql.join(positions.map((code) => sql`${code}`), sql`, `)})
     ${filter.sector ? sql`AND u.sector = ${filter.sector}` : sql``}
     ${filter.grassroots === undefined ? sql`` : sql`AND ut.is_grassroots = ${filter.grassroots}`}`
}
