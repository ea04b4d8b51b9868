import type { MemberExportQuery, MemberListQuery } from '@liendoan/contracts'
import { type SQL, and, asc, desc, eq, gt, gte, inArray, lt, lte, or, sql } from 'drizzle-orm'
import { type Database, rowsOf } from '../../db/client.js'
import { members } from '../../db/schema/index.js'
import { todayInVietnam } from '../../lib/dates.js'
import { badRequest } from '../../lib/errors.js'
import { decodeCursor, encodeCursor, pageSize } from '../../lib/pagination.js'
import { listSubtreePath } from '../unions/union-scope.js'
import { yearsBefore } from './member-rules.js'
import { type MemberJsonRow, type MemberRow, memberJsonColumns, memberRowFromJson } from './members.repository.js'

/**
 * The member list: filters, accent-insensitive search and cursor pagination, always inside the
 * actor's subtree. Built for a national table (10 million rows): the scope is one range of the
 * (union_path, name_key, id) index with real bounds, pages follow (name_key, id), a search reads
 * name prefixes from members_name_key_idx and later words from member_name_suffixes, and only a
 * typo reaches the trigram index.
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
  return rootPath ? filterConditions(rootPath, filters, options) : null
}

/** The conditions of memberFilterConditions once the scope's root path is known. */
function filterConditions(rootPath: string, filters: MemberFilters, options: { renewalYears: number; today?: string }): SQL[] {
  return [...scopeConditions(rootPath), ...narrowingConditions(filters, options)]
}

const scopeConditions = (rootPath: string) => [gte(members.unionPath, rootPath), lt(members.unionPath, `${rootPath}~`)]

/** The filters other than the scope. */
function narrowingConditions(filters: MemberFilters, options: { renewalYears: number; today?: string }): SQL[] {
  const today = options.today ?? todayInVietnam()
  if (filters.ageMin !== undefined && filters.ageMax !== undefined && filters.ageMin > filters.ageMax) {
    throw badRequest('ageMax', 'range_order', 'ageMax is below ageMin.')
  }
  if (filters.admittedFrom && filters.admittedTo && filters.admittedFrom > filters.admittedTo) {
    throw badRequest('admittedTo', 'range_order', 'admittedTo is before admittedFrom.')
  }
  const conditions: (SQL | undefined)[] = []
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

/** LIKE's wildcards in a term, escaped (the normaliser leaves them alone). */
const escapeLike = (term: string) => term.replace(/[\\%_]/g, '\\$&')

// The search column is normalised by liendoan_normalize (lower case, no diacritics); the term
// is normalised by the same function in the statement, so both sides always agree.
const normalizedTerm = (term: string) => sql`liendoan_normalize(${term})`

/**
 * The list's match as one condition, for the export: the name or card number starts with the
 * term, or a later word of the name does. (The list reads the same matches page by page from
 * two indexes; an export reads its whole scope anyway.)
 */
export function memberSearchCondition(term: string): SQL {
  return sql`(${startsWith(term)} OR ' ' || ${members.nameKey} LIKE '% ' || ${normalizedTerm(escapeLike(term))} || '%')`
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
 * The full rows of a page, in the page's order, as one JSON text. The page itself is chosen
 * from members alone (id and name_key, an index-only walk with the scope in
 * members_name_key_idx), so the union join runs for the rows shown only.
 */
async function rowsInOrder(db: Database, ids: readonly string[]): Promise<MemberRow[]> {
  if (ids.length === 0) return []
  const [result] = rowsOf<{ rows: string | null }>(
    await db.execute(sql`
      SELECT json_agg(r)::text AS rows FROM (
        SELECT ${memberJsonColumns} FROM members JOIN unions ON unions.id = members.union_id
        WHERE members.id = ANY(${`{${ids.join(',')}}`}::uuid[])) r`),
  )
  const rows = result?.rows ? (JSON.parse(result.rows) as MemberJsonRow[]).map(memberRowFromJson) : []
  const byId = new Map(rows.map((row) => [row.id, row]))
  return ids.flatMap((id) => byId.get(id) ?? [])
}

/** A term that looks like a card number (letters then digits, or digits): searched by its start. */
const CARD_LIKE = /^[a-z]{0,4}[0-9]{3,}$/
const isCardLike = (term: string) => CARD_LIKE.test(term.replace(/ /g, ''))

/**
 * Matches that start with the term: the name (officers type a name from its first word), or the
 * card number. Both columns compare byte by byte, so this is one index range whose entries are
 * already in name order, and a page is found at once however common the name ("nguyen").
 */
function startsWith(term: string): SQL {
  const escaped = escapeLike(term)
  if (isCardLike(term)) {
    return sql`${members.cardNumber} LIKE upper(${normalizedTerm(escaped.replace(/ /g, ''))}) || '%'`
  }
  return sql`${members.nameKey} LIKE ${normalizedTerm(escaped)} || '%'`
}

/** Scope sizes already probed: (root path, union) → small, for a few minutes. */
const scopeSizes = new Map<string, { small: boolean; until: number }>()
const SCOPE_SIZE_TTL_MS = 10 * 60_000
const SCOPE_SIZES_KEPT = 10_000

/**
 * Whether the scope (narrowed to one union when asked) holds fewer than `threshold` members.
 * Counting up to the threshold costs about a millisecond, so the answer is remembered: it only
 * chooses between two ways to the same results, and a stale one costs time, never correctness.
 */
async function isSmallScope(db: Database, rootPath: string, unionId: string | undefined, threshold: number): Promise<boolean> {
  const key = `${threshold}|${rootPath}|${unionId ?? ''}`
  const now = Date.now()
  const known = scopeSizes.get(key)
  if (known && known.until > now) return known.small
  const probe = and(...scopeConditions(rootPath), unionId ? eq(members.unionId, unionId) : undefined)
  const [result] = rowsOf<{ small: boolean }>(
    await db.execute(sql`SELECT count(*) < ${threshold} AS small FROM (SELECT 1 FROM members WHERE ${probe} LIMIT ${threshold}) probe`),
  )
  const small = result?.small === true
  scopeSizes.delete(key)
  scopeSizes.set(key, { small, until: now + SCOPE_SIZE_TTL_MS })
  // Oldest first in a Map: drop the oldest entry past the cap.
  if (scopeSizes.size > SCOPE_SIZES_KEPT) scopeSizes.delete(scopeSizes.keys().next().value ?? key)
  return small
}

/**
 * Below `smallScope` members in a search's scope (and union), matches are found by reading the
 * scope's names once; above it, by walking the two name indexes from the term and skipping
 * entries outside the scope. A walk reads about page size × (all members / scope members)
 * entries, the read about the scope's size: they cost the same near √(50 × 1,000,000) ≈ 7,000
 * members at a million members, ≈ 22,000 at ten million. Deciding costs a count of up to that
 * many index entries (remembered for a while), so the default (MEMBER_SEARCH_SMALL_SCOPE) is
 * lower, 4,000: walks in scopes just above it stay short.
 *
 * Both ways give the same keys, (phase, suffix, name_key, id), in that order: phase 0 for names
 * that start with the term (suffix null), phase 1 for names with a later word that starts with
 * it, the suffix being the name from the first such word on. A member is listed once.
 */
type SearchCursor = (string | number | null)[] | undefined

interface SearchKeysInput {
  rootPath: SQL
  term: SQL
  take: SQL
  /** Conditions on `members` besides the scope (filters), and the cursor, when there are any. */
  narrowing?: SQL[]
  cursor?: SearchCursor
}

/** Where a term's first word-start match is in a name (1: the name starts with it; 0: nowhere). */
const wordStartIn = (nameKey: SQL, term: SQL) => sql`strpos(' ' || ${nameKey}, ' ' || ${term})`
const inScope = (path: SQL, rootPath: SQL) => sql`${path} >= ${rootPath} AND ${path} < ${rootPath} || '~'`

/** Keys from one read of the scope's names (small scopes). */
function scopeReadKeys({ rootPath, term, take, narrowing = [], cursor }: SearchKeysInput): SQL {
  const wordStart = wordStartIn(sql`members.name_key`, term)
  const phase = sql`CASE WHEN ${wordStart} = 1 THEN 0 ELSE 1 END`
  const suffix = sql`CASE WHEN ${wordStart} = 1 THEN NULL ELSE substr(members.name_key, ${wordStart}) END`
  const after = cursor
    ? sql`AND (${phase}, coalesce(${suffix}, ''), members.name_key, members.id) > (${cursor[2] === 'start' ? 0 : 1}, ${String(cursor[3] ?? '')}, ${String(cursor[0])}, ${String(cursor[1])}::uuid)`
    : sql``
  return sql`SELECT ${phase} AS phase, members.id, members.name_key, ${suffix} COLLATE "C" AS suffix FROM members
    WHERE ${inScope(sql`members.union_path`, rootPath)} AND ${wordStart} > 0 ${narrowing.length > 0 ? sql`AND ${and(...narrowing)}` : sql``} ${after}
    ORDER BY 1, coalesce(${suffix}, ''), 3, 2 LIMIT ${take}`
}

/** Keys from walks of members_name_key_idx, then member_name_suffixes if the page is not full (large scopes, card numbers). */
function indexWalkKeys({ rootPath, term, take, narrowing = [], cursor }: SearchKeysInput, startsWith: SQL, cardLike: boolean): SQL {
  const filters = narrowing.length > 0 ? sql`AND ${and(...narrowing)}` : sql``
  const starting = !cursor || cursor[2] === 'start'
    ? sql`SELECT 0 AS phase, members.id, members.name_key, NULL::text COLLATE "C" AS suffix FROM members
        WHERE ${inScope(sql`members.union_path`, rootPath)} AND ${startsWith} ${filters}
          ${cursor ? sql`AND (members.name_key, members.id) > (${String(cursor[0])}, ${String(cursor[1])}::uuid)` : sql``}
        ORDER BY members.name_key, members.id LIMIT ${take}`
    : sql`SELECT 0 AS phase, NULL::uuid AS id, NULL::text COLLATE "C" AS name_key, NULL::text COLLATE "C" AS suffix WHERE false`
  // Names hold no digits: a card number is only ever matched from its start.
  const wordsWanted = cardLike ? sql`false` : sql`(SELECT count(*) FROM start_keys) < ${take}`
  const wordCursor = cursor?.[2] === 'word'
    ? sql`AND (x.suffix, x.name_key, x.member_id) > (${String(cursor[3])}, ${String(cursor[0])}, ${String(cursor[1])}::uuid)`
    : sql``
  return sql`WITH start_keys AS MATERIALIZED (${starting})
    SELECT * FROM (
      SELECT * FROM start_keys
      UNION ALL
      (SELECT 1, x.member_id, x.name_key, x.suffix FROM member_name_suffixes x
        ${narrowing.length > 0 ? sql`JOIN members ON members.id = x.member_id` : sql``}
        WHERE ${wordsWanted} AND x.suffix >= ${term} AND x.suffix < ${term} || chr(1114111) AND ${inScope(sql`x.union_path`, rootPath)}
          AND ${wordStartIn(sql`x.name_key`, term)} = length(x.name_key) - length(x.suffix) + 1 ${filters} ${wordCursor}
        ORDER BY x.suffix, x.name_key, x.member_id LIMIT ${take})
    ) keys ORDER BY phase, suffix NULLS FIRST, name_key, id LIMIT ${take}`
}

/** The members of a page of keys, as one JSON text built by PostgreSQL, in the keys' order. */
function searchPageStatement(keys: SQL): SQL {
  return sql`SELECT json_agg(r ORDER BY r.phase, r.suffix NULLS FIRST, r."nameKey", r.id)::text AS rows FROM (
    SELECT k.phase, k.suffix, ${memberJsonColumns}
    FROM (${keys}) AS k
    JOIN members ON members.id = k.id
    JOIN unions ON unions.id = members.union_id) r`
}

/** The JSON rows of a search statement (limit + 1 of them at most) as a page with its cursor. */
function searchPageFromJson(json: string | null, limit: number): MemberRowsPage {
  const found = json ? (JSON.parse(json) as (MemberJsonRow & { phase: number; suffix: string | null })[]) : []
  const rows = found.slice(0, limit).map(memberRowFromJson)
  const last = rows.at(-1)
  return {
    rows,
    nextCursor: found.length > limit && last ? encodeCursor([last.nameKey, last.id, last.phase === 0 ? 'start' : 'word', last.suffix]) : null,
  }
}

/** Any page of a search, for any filters and cursor, planned for its values. */
async function searchPage(
  db: Database,
  rootPath: string,
  narrowing: SQL[],
  term: string,
  cursor: SearchCursor,
  limit: number,
  smallScope: boolean,
): Promise<MemberRowsPage> {
  const input: SearchKeysInput = { rootPath: sql`${rootPath}`, term: normalizedTerm(term), take: sql`${limit + 1}`, narrowing, cursor }
  const cardLike = isCardLike(term)
  const keys = smallScope && !cardLike ? scopeReadKeys(input) : indexWalkKeys(input, startsWith(term), cardLike)
  const [result] = rowsOf<{ rows: string | null }>(await db.execute(searchPageStatement(keys)))
  return searchPageFromJson(result?.rows ?? null, limit)
}

/**
 * The search box's everyday request, the first page of a name search with no filter but the
 * scope, prepared once per database handle in both forms: preparing spares the planning, which
 * cost as much as running it. The plan is generic, so the walk uses ranges (not LIKE) to keep
 * its index bounds; the term is normalised once per execution.
 */
function prepareFirstSearchPages(db: Database) {
  const term = sql`(SELECT liendoan_normalize(${sql.placeholder('q')}::text))`
  const input: SearchKeysInput = { rootPath: sql`${sql.placeholder('root')}::text`, term, take: sql`${sql.placeholder('take')}::int` }
  const prepare = (keys: SQL, name: string) =>
    db.select({ rows: sql<string | null>`page.rows` }).from(sql`(${searchPageStatement(keys)}) AS page`).prepare(name)
  return {
    small: prepare(scopeReadKeys(input), 'member_search_read_scope'),
    large: prepare(indexWalkKeys(input, sql`members.name_key >= ${term} AND members.name_key < ${term} || chr(1114111)`, false), 'member_search_walk'),
  }
}

const firstSearchPages = new WeakMap<Database, ReturnType<typeof prepareFirstSearchPages>>()

async function firstSearchPage(db: Database, rootPath: string, term: string, limit: number, smallScope: boolean): Promise<MemberRowsPage> {
  let prepared = firstSearchPages.get(db)
  if (!prepared) {
    prepared = prepareFirstSearchPages(db)
    firstSearchPages.set(db, prepared)
  }
  const [result] = await (smallScope ? prepared.small : prepared.large).execute({ root: rootPath, q: term, take: limit + 1 })
  return searchPageFromJson(result?.rows ?? null, limit)
}

/**
 * Whether a word of the term begins no word of any member's name in the whole database: a typo,
 * the one case where near matches help. A correctly spelt name that is just not in the scope
 * gets its empty page at once instead of a costly scan for lookalikes.
 */
async function hasUnknownWord(db: Database, term: string): Promise<boolean> {
  const known = term.split(' ').map((word) => {
    const pattern = sql`${normalizedTerm(escapeLike(word))} || '%'`
    return sql`(EXISTS (SELECT 1 FROM members WHERE name_key LIKE ${pattern})
      OR EXISTS (SELECT 1 FROM member_name_suffixes WHERE suffix LIKE ${pattern}))`
  })
  const [result] = rowsOf<{ known: boolean }>(await db.execute(sql`SELECT (${sql.join(known, sql` AND `)}) AS known`))
  return result?.known !== true
}

/**
 * One page of members. Without `q`: name order with a cursor. With `q`, two phases: first the
 * members whose name (or card number) starts with the term, in name order; then those with a
 * later word that starts with it ("lan anh" in "Nguyễn Thị Lan Anh"), grouped by the words
 * matched. When both are empty on a first page and a word of the term is a typo, one page of
 * near matches, best first, with no next page.
 */
export async function listMemberRows(
  db: Database,
  actorUnionId: string,
  query: MemberListQuery,
  options: { renewalYears: number; smallScope: number },
): Promise<MemberRowsPage> {
  const limit = pageSize(query.limit)
  const term = searchTerm(query.q)
  const cursor = decodeCursor(query.cursor, term ? 4 : 2)
  const rootPath = await listSubtreePath(db, actorUnionId, query.under)
  if (!rootPath) return { rows: [], nextCursor: null }
  const narrowing = narrowingConditions(query, options)
  const conditions = [...scopeConditions(rootPath), ...narrowing]
  if (!term) {
    const keys = await nameOrderKeys(db, [...conditions, afterName(cursor)], limit + 1)
    return toRowsPage(db, keys, limit, (last) => [last.nameKey, last.id])
  }
  if (cursor && cursor[2] !== 'start' && cursor[2] !== 'word') throw badRequest('cursor', 'invalid', 'The cursor is not one this API issued.')
  const small = await isSmallScope(db, rootPath, query.unionId, options.smallScope)
  const page = !cursor && narrowing.length === 0 && !isCardLike(term)
    ? await firstSearchPage(db, rootPath, term, limit, small)
    : await searchPage(db, rootPath, narrowing, term, cursor, limit, small)
  if (page.rows.length === 0 && !cursor && term.length >= FUZZY_MIN_LENGTH && !isCardLike(term) && (await hasUnknownWord(db, term))) {
    return { rows: await rowsInOrder(db, await nearMatchIds(db, conditions, term, limit)), nextCursor: null }
  }
  return page
}

/** Members in name order after the cursor's (name, id). */
const afterName = (key: (string | number | null)[] | undefined) =>
  key ? sql`(${members.nameKey}, ${members.id}) > (${String(key[0])}, ${String(key[1])}::uuid)` : undefined

function nameOrderKeys(db: Database, conditions: (SQL | undefined)[], count: number) {
  return db
    .select({ id: members.id, nameKey: members.nameKey })
    .from(members)
    .where(and(...conditions))
    .orderBy(asc(members.nameKey), asc(members.id))
    .limit(count)
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
