import type { MemberExportQuery, MemberListQuery } from '@liendoan/contracts'
import { type SQL, and, asc, desc, eq, gt, gte, inArray, lt, lte, or, sql } from 'drizzle-orm'
import type { Database } from '../../db/client.js'
import { members } from '../../db/schema/index.js'
import { todayInVietnam } from '../../lib/dates.js'
import { badRequest } from '../../lib/errors.js'
import { decodeCursor, encodeCursor, pageSize } from '../../lib/pagination.js'
import { listSubtreePath } from '../unions/union-scope.js'
import { yearsBefore } from './member-rules.js'
import { type MemberRow, selectMembers } from './members.repository.js'

/**
 * The member list: filters, accent-insensitive search and cursor pagination, always inside the
 * actor's subtree. Built for a national table (10 million rows): the scope is one range of the
 * (union_path, name_key, id) index with real bounds, pages follow (name_key, id), and the
 * search reads the trigram index.
 */

export type MemberFilters = Omit<MemberExportQuery, 'format' | 'reveal'>

/**
 * The WHERE conditions of a member list for `filters`, the actor's scope included; null when
 * nothing can match (an `under` outside the scope). Shared by the list and the export; `q` is
 * left to memberSearchCondition. The `citizenId` filter is applied here; its permission check
 * and audit are the caller's.
 */
export async function memberFilterConditions(
  db: Database,
  actorUnionId: string,
  filters: MemberFilters,
  options: { renewalYears: number; today?: string },
): Promise<SQL[] | null> {
  const rootPath = await listSubtreePath(db, actorUnionId, filters.under)
  if (!rootPath) return null
  const today = options.today ?? todayInVietnam()
  if (filters.ageMin !== undefined && filters.ageMax !== undefined && filters.ageMin > filters.ageMax) {
    throw badRequest('ageMax', 'range_order', 'ageMax is below ageMin.')
  }
  if (filters.admittedFrom && filters.admittedTo && filters.admittedFrom > filters.admittedTo) {
    throw badRequest('admittedTo', 'range_order', 'admittedTo is before admittedFrom.')
  }
  const conditions: (SQL | undefined)[] = [gte(members.unionPath, rootPath), lt(members.unionPath, `${rootPath}~`)]
  if (filters.unionId) conditions.push(eq(members.unionId, filters.unionId))
  if (filters.status) conditions.push(eq(members.status, filters.status))
  if (filters.gender) conditions.push(eq(members.gender, filters.gender))
  if (filters.citizenId) conditions.push(eq(members.citizenId, filters.citizenId))
  // Age in whole years today, as bounds on the date of birth.
  if (filters.ageMin !== undefined) conditions.push(lte(members.dateOfBirth, yearsBefore(today, filters.ageMin)))
  if (filters.ageMax !== undefined) conditions.push(gt(members.dateOfBirth, yearsBefore(today, filters.ageMax + 1)))
  if (filters.admittedFrom) conditions.push(gte(members.admittedOn, filters.admittedFrom))
  if (filters.admittedTo) conditions.push(lte(members.admittedOn, filters.admittedTo))
  if (filters.cardStatus === 'due') {
    // Active members without a valid card, or whose card has reached the renewal age.
    conditions.push(
      eq(members.status, 'active'),
      or(
        inArray(members.cardStatus, ['none', 'lost']),
        and(eq(members.cardStatus, 'active'), lte(members.cardIssuedOn, yearsBefore(today, options.renewalYears))),
      ),
    )
  } else if (filters.cardStatus) {
    conditions.push(eq(members.cardStatus, filters.cardStatus))
  }
  if (filters.position) {
    conditions.push(sql`EXISTS (
      SELECT 1 FROM officer_terms ot JOIN officer_positions op ON op.id = ot.position_id
      WHERE ot.member_id = ${members.id} AND ot.ended_on IS NULL AND op.code = ${filters.position})`)
  }
  return conditions.filter((condition): condition is SQL => condition !== undefined)
}

/** Search text as the `search_text` column holds it: trimmed, single spaces (normalised in SQL). */
export function searchTerm(q: string | undefined): string | undefined {
  const term = q?.trim().replace(/\s+/g, ' ')
  return term ? term : undefined
}

// The search column is normalised by liendoan_normalize (lower case, no diacritics); the term
// is normalised by the same function in the statement, so both sides always agree.
const normalizedTerm = (term: string) => sql`liendoan_normalize(${term})`

/**
 * Substring match. LIKE rather than strpos: with a constant pattern the planner can answer a
 * rare name from the trigram index instead of walking a whole province in name order.
 * LIKE's wildcards in the term are escaped (they are not touched by the normaliser).
 */
export function memberSearchCondition(term: string): SQL {
  const escaped = term.replace(/[\\%_]/g, '\\$&')
  return sql`${members.searchText} LIKE '%' || ${normalizedTerm(escaped)} || '%'`
}

/** Typo-tolerant match: the term is close to some run of words of the name or card number. */
function fuzzyMatch(term: string): SQL {
  return sql`${normalizedTerm(term)} <% ${members.searchText}`
}

/** Shortest term worth a typo-tolerant search: below it nearly everything is "similar". */
const FUZZY_MIN_LENGTH = 4

/**
 * Word-similarity thresholds tried in turn. The typo search reads every candidate the trigram
 * index offers, and a term such as "nguyen thi lna" is 0.6-similar to every "Nguyễn Thị …" in
 * the country (a sixth of all names). A strict pass first prunes that to the close matches;
 * when it fills the page, the page is exactly the one the loose pass would give (results are
 * ranked by similarity), so the loose pass only runs when the strict one falls short.
 */
const FUZZY_THRESHOLDS = ['0.8', '0.6'] as const

/** Ids of the best near matches of `term`, most similar first. */
async function nearMatchIds(db: Database, conditions: SQL[], term: string, limit: number): Promise<string[]> {
  const similarity = sql`word_similarity(${normalizedTerm(term)}, ${members.searchText})`
  let ids: string[] = []
  for (const threshold of FUZZY_THRESHOLDS) {
    ids = await db.transaction(async (tx) => {
      // `<%` reads its threshold from this setting; set_config(..., true) keeps it to this transaction.
      await tx.execute(sql`SELECT set_config('pg_trgm.word_similarity_threshold', ${threshold}, true)`)
      const near = await tx
        .select({ id: members.id })
        .from(members)
        .where(and(...conditions, fuzzyMatch(term)))
        .orderBy(desc(similarity), asc(members.nameKey), asc(members.id))
        .limit(limit)
      return near.map((row) => row.id)
    })
    if (ids.length >= limit) break
  }
  return ids
}

export interface MemberRowsPage {
  rows: MemberRow[]
  nextCursor: string | null
}

/**
 * The full rows of a page, in the page's order. The page itself is chosen from members alone
 * (id and name_key): with scope and search text in members_name_key_idx, a name-ordered walk
 * is an index-only scan, and the union join runs for the rows shown only.
 */
async function rowsInOrder(db: Database, ids: readonly string[]): Promise<MemberRow[]> {
  if (ids.length === 0) return []
  const rows = await selectMembers(db).where(inArray(members.id, [...ids]))
  const byId = new Map(rows.map((row) => [row.id, row]))
  return ids.flatMap((id) => byId.get(id) ?? [])
}

/** A term that looks like a card number (letters then digits, or digits): searched by its start. */
const CARD_LIKE = /^[a-z]{0,4}[0-9]{3,}$/

/**
 * Matches that start with the term: the name (officers type a name from its first word), or the
 * card number. Both columns compare byte by byte, so this is one index range whose entries are
 * already in name order, and a page is found at once however common the name ("nguyen").
 */
function startsWith(term: string): SQL {
  const escaped = term.replace(/[\\%_]/g, '\\$&')
  if (CARD_LIKE.test(term.replace(/ /g, ''))) {
    return sql`${members.cardNumber} LIKE upper(${normalizedTerm(escaped.replace(/ /g, ''))}) || '%'`
  }
  return sql`${members.nameKey} LIKE ${normalizedTerm(escaped)} || '%'`
}

/**
 * One page of members. Without `q`: name order with a cursor. With `q`, two phases, each in
 * name order: first the members whose name (or card number) starts with the term, then those
 * whose name contains it elsewhere ("lan anh" in "Nguyễn Thị Lan Anh"); the cursor says which
 * phase it is in. When both are empty on a first page, one page of near matches (typos), best
 * first, with no next page.
 */
export async function listMemberRows(
  db: Database,
  actorUnionId: string,
  query: MemberListQuery,
  options: { renewalYears: number },
): Promise<MemberRowsPage> {
  const limit = pageSize(query.limit)
  const term = searchTerm(query.q)
  const cursor = decodeCursor(query.cursor, term ? 3 : 2)
  const conditions = await memberFilterConditions(db, actorUnionId, query, options)
  if (!conditions) return { rows: [], nextCursor: null }
  const after = (key: (string | number | null)[] | undefined) =>
    key ? sql`(${members.nameKey}, ${members.id}) > (${String(key[0])}, ${String(key[1])}::uuid)` : undefined
  const pageKeys = (extra: (SQL | undefined)[], count: number) =>
    db
      .select({ id: members.id, nameKey: members.nameKey })
      .from(members)
      .where(and(...conditions, ...extra))
      .orderBy(asc(members.nameKey), asc(members.id))
      .limit(count)

  if (!term) {
    const keys = await pageKeys([after(cursor)], limit + 1)
    return toRowsPage(db, keys, limit, (last) => [last.nameKey, last.id])
  }
  if (cursor && cursor[2] !== 'start' && cursor[2] !== 'contains') throw badRequest('cursor', 'invalid', 'The cursor is not one this API issued.')
  const prefix = startsWith(term)
  const keys: { id: string; nameKey: string; phase: 'start' | 'contains' }[] = []
  if (!cursor || cursor[2] === 'start') {
    const starting = await pageKeys([prefix, after(cursor)], limit + 1)
    keys.push(...starting.map((key) => ({ ...key, phase: 'start' as const })))
  }
  if (keys.length <= limit) {
    const containing = await pageKeys(
      [memberSearchCondition(term), sql`NOT (${prefix})`, cursor?.[2] === 'contains' ? after(cursor) : undefined],
      limit + 1 - keys.length,
    )
    keys.push(...containing.map((key) => ({ ...key, phase: 'contains' as const })))
  }
  if (keys.length === 0 && !cursor && term.length >= FUZZY_MIN_LENGTH) {
    return { rows: await rowsInOrder(db, await nearMatchIds(db, conditions, term, limit)), nextCursor: null }
  }
  return toRowsPage(db, keys, limit, (last) => [last.nameKey, last.id, last.phase])
}

/** Rows were fetched with `limit + 1` keys: the extra one says whether a next page exists. */
async function toRowsPage<Key extends { id: string; nameKey: string }>(
  db: Database,
  keys: Key[],
  limit: number,
  cursorOf: (last: Key) => (string | number | null)[],
): Promise<MemberRowsPage> {
  const hasMore = keys.length > limit
  const shown = hasMore ? keys.slice(0, limit) : keys
  const last = shown.at(-1)
  return {
    rows: await rowsInOrder(db, shown.map((key) => key.id)),
    nextCursor: hasMore && last ? encodeCursor(cursorOf(last)) : null,
  }
}
