import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { PoolClient } from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import { v7 as uuidv7 } from 'uuid'
import { UUID_V7_SQL } from '../db/sql-uuid.js'
import { copyValue } from './copy-format.js'
import { CitizenIdGenerator, type Gender, addYears, dateBetween, ethnicity, mobilePhone, occupation, personName, provinceCode } from './people.js'
import type { ScaleContext, ScaleStep } from './scale.js'

/**
 * Members at national scale for `pnpm seed:scale --members N`: streamed through COPY into
 * `members` with their union's path already set, then memberships, cards, the admission on
 * each timeline and the officers of every grassroots union made with set-based SQL.
 */

/** Provinces of birth in proportion to where the workforce is (Hà Nội and Hồ Chí Minh City weigh most). */
const NATIONAL_PROVINCES: (readonly [string, number])[] = [
  '001', '002', '004', '006', '008', '010', '011', '012', '014', '015', '017', '019', '020', '022', '024', '025', '026',
  '027', '030', '031', '033', '034', '035', '036', '037', '038', '040', '042', '044', '045', '046', '048', '049', '051',
  '052', '054', '056', '058', '060', '062', '064', '066', '067', '068', '070', '072', '074', '075', '077', '079', '080',
  '082', '083', '084', '086', '087', '089', '091', '092', '093', '094', '095', '096',
].map((code) => [code, code === '001' || code === '079' ? 8 : code === '074' || code === '075' ? 4 : 1] as const)

const MEMBER_COLUMNS = [
  'id', 'union_id', 'union_path', 'full_name', 'date_of_birth', 'gender', 'citizen_id', 'phone', 'ethnicity', 'occupation',
  'admitted_on', 'status', 'status_date', 'status_reason', 'card_number', 'card_issued_on', 'card_status',
] as const

const TODAY = '2026-11-01'

interface GrassrootsUnit {
  id: string
  path: string
  workers: number
  established: string
  sector: 'state' | 'non_state' | null
}

/** Members per union in proportion to the workers it employs; the total is exact. */
function shareOut(units: readonly GrassrootsUnit[], total: number, rng: () => number): number[] {
  const weights = units.map((unit) => Math.max(5, unit.workers))
  const sum = weights.reduce((a, b) => a + b, 0)
  const counts = weights.map((weight) => Math.floor((total * weight) / sum))
  let left = total - counts.reduce((a, b) => a + b, 0)
  while (left > 0) {
    counts[Math.floor(rng() * counts.length)]! += 1
    left--
  }
  return counts
}

function* memberLines(ctx: ScaleContext, units: readonly GrassrootsUnit[], counts: readonly number[], citizenIds: CitizenIdGenerator, firstCard: number): Generator<string> {
  const rng = ctx.rng
  let card = firstCard
  let made = 0
  for (let u = 0; u < units.length; u++) {
    const unit = units[u]!
    for (let n = 0; n < counts[u]!; n++) {
      const gender: Gender = rng() < 0.52 ? 'female' : 'male'
      const dateOfBirth = dateBetween(rng, '1966-01-01', '2006-06-30')
      const earliest = addYears(dateOfBirth, 18) > unit.established ? addYears(dateOfBirth, 18) : unit.established
      const admittedOn = dateBetween(rng, earliest < '2026-06-30' ? earliest : '2026-06-30', '2026-06-30')
      const left = rng() < 0.03
      const hasCard = rng() < 0.85
      const cardIssuedOn = hasCard ? admittedOn : null
      const values = [
        uuidv7(),
        unit.id,
        unit.path,
        personName(rng, gender),
        dateOfBirth,
        gender,
        citizenIds.next(provinceCode(rng, NATIONAL_PROVINCES), gender, dateOfBirth),
        rng() < 0.9 ? mobilePhone(rng) : null,
        ethnicity(rng),
        occupation(rng, unit.sector),
        admittedOn,
        left ? 'left' : 'active',
        left ? TODAY : null,
        left ? 'Nghỉ việc' : null,
        hasCard ? `DV${admittedOn.slice(0, 4)}${String(++card).padStart(8, '0')}` : null,
        cardIssuedOn,
        hasCard ? 'active' : 'none',
      ]
      yield `${values.map(copyValue).join('\t')}\n`
      if (++made % 250_000 === 0) ctx.log(`    ${made.toLocaleString('en')} members`)
    }
  }
}

export const membersStep: ScaleStep = {
  name: 'members (COPY)',
  async run(ctx) {
    const total = ctx.options.members
    if (total === 0) return
    const { rows: unitRows } = await ctx.pool.query<{ id: string; path: string; workers: number | null; established: string; sector: 'state' | 'non_state' | null }>(
      `SELECT u.id, u.path, u.workers_employed AS workers, to_char(u.established_on, 'YYYY-MM-DD') AS established, u.sector
         FROM unions u JOIN unit_types t ON t.id = u.unit_type_id
        WHERE t.is_grassroots AND u.status = 'active' AND u.code LIKE $1 || '%'
        ORDER BY u.path`,
      [ctx.codePrefix],
    )
    if (unitRows.length === 0) throw new Error('no grassroots unions to put members in')
    const units = unitRows.map((row) => ({ ...row, workers: row.workers ?? 20 }))
    const counts = shareOut(units, total, ctx.rng)

    const { rows: state } = await ctx.pool.query<{ existing: string; serial: number | null; card: string }>(
      `SELECT (SELECT count(*) FROM members) AS existing,
              (SELECT max(right(citizen_id, 6)::int) FROM members) AS serial,
              (SELECT last_value FROM member_card_number_seq) AS card`,
    )
    const existing = Number(state[0]?.existing ?? 0)
    // Appending: start serials and card numbers after the ones already used, so nothing collides.
    const citizenIds = new CitizenIdGenerator(state[0]?.serial ?? 0)
    const firstCard = Math.max(Number(state[0]?.card ?? 0), existing)
    ctx.log(`  ${total.toLocaleString('en')} members across ${units.length.toLocaleString('en')} grassroots unions`)

    const client = await ctx.pool.connect()
    try {
      await client.query('BEGIN')
      // Into an empty table, building the indexes once at the end is several times faster than
      // keeping them up to date row by row (the trigram index above all).
      const { rows: indexes } = existing === 0
        ? await client.query<{ name: string; definition: string }>(
            `SELECT indexname AS name, indexdef AS definition FROM pg_indexes
              WHERE schemaname = current_schema() AND tablename = 'members' AND indexname <> 'members_pkey'`,
          )
        : { rows: [] }
      for (const index of indexes) await client.query(`DROP INDEX ${client.escapeIdentifier(index.name)}`)
      // The copy carries each union's path, so the trigger that would look it up per row is off.
      // Into an empty table, the name-word index is filled in one pass after the copy as well.
      // The summaries are rebuilt in one pass once the memberships exist, rather than grouped
      // from a transition table of millions of rows.
      const triggers = ['members_union_path', 'members_summarise_insert', ...(existing === 0 ? ['members_insert_name_suffixes'] : [])]
      for (const trigger of triggers) await client.query(`ALTER TABLE members DISABLE TRIGGER ${trigger}`)
      const copy = client.query(copyFrom(`COPY members (${MEMBER_COLUMNS.join(', ')}) FROM STDIN`))
      await pipeline(Readable.from(memberLines(ctx, units, counts, citizenIds, firstCard)), copy)
      for (const trigger of triggers) await client.query(`ALTER TABLE members ENABLE TRIGGER ${trigger}`)
      ctx.log(`  members copied; building ${indexes.length} indexes and the name-word index`)
      await client.query(`SET LOCAL maintenance_work_mem = '512MB'`)
      for (const index of indexes) await client.query(index.definition)
      if (existing === 0) await fillNameSuffixes(client)
      await client.query('ANALYZE members')

      ctx.log('  memberships, cards, timelines and officers')
      // Appending: only the members this run copied have nothing in these tables yet.
      const isNew = (table: string) => (existing === 0 ? 'TRUE' : `NOT EXISTS (SELECT 1 FROM ${table} x WHERE x.member_id = m.id)`)
      const membershipsMade = await client.query(
        `INSERT INTO memberships (id, member_id, union_id, started_on, ended_on, end_reason)
         SELECT ${UUID_V7_SQL}, m.id, m.union_id, m.admitted_on, m.status_date, CASE WHEN m.status = 'active' THEN NULL ELSE m.status END
           FROM members m WHERE ${isNew('memberships')}`,
      )
      await client.query(
        `INSERT INTO membership_cards (id, member_id, card_number, kind, issued_on, status)
         SELECT ${UUID_V7_SQL}, m.id, m.card_number, 'issue', m.card_issued_on, 'active'
           FROM members m
          WHERE m.card_number IS NOT NULL AND ${isNew('membership_cards')}`,
      )
      await client.query(
        `INSERT INTO member_events (id, member_id, kind, occurred_on, union_id, details, recorded_at)
         SELECT ${UUID_V7_SQL}, m.id, 'admitted', m.admitted_on, m.union_id, '{}'::jsonb, m.admitted_on + time '09:00'
           FROM members m WHERE ${isNew('member_events')}`,
      )
      // Officers of the 2023–2028 term: the two longest-standing active members of each union
      // chair and vice-chair it, the next three sit on the Executive Committee.
      const officers = await client.query(
        `WITH ranked AS (
           SELECT m.id, m.union_id, m.admitted_on,
                  row_number() OVER (PARTITION BY m.union_id ORDER BY m.admitted_on, m.id) AS rank
             FROM members m
            WHERE m.status = 'active' AND m.admitted_on < DATE '2023-06-01'
              AND NOT EXISTS (SELECT 1 FROM officer_terms t WHERE t.union_id = m.union_id))
         INSERT INTO officer_terms (id, union_id, member_id, position_id, single_holder, started_on, term_label, employment)
         SELECT ${UUID_V7_SQL}, r.union_id, r.id, p.id, p.single_holder, DATE '2023-06-15', '2023–2028', 'part_time'
           FROM ranked r
           JOIN officer_positions p ON p.code = CASE WHEN r.rank = 1 THEN 'chairperson' WHEN r.rank = 2 THEN 'vice_chair' ELSE 'executive_member' END
          WHERE r.rank <= 5`,
      )
      await client.query('SELECT liendoan_rebuild_member_summaries()')
      await client.query(`SELECT setval('member_card_number_seq', (SELECT coalesce(max(right(card_number, 8)::bigint), 1) FROM members WHERE card_number LIKE 'DV%'))`)
      await client.query('COMMIT')
      ctx.counts.members = total
      ctx.counts.memberships = membershipsMade.rowCount ?? 0
      ctx.counts.officerTerms = officers.rowCount ?? 0
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined)
      throw error
    } finally {
      client.release()
    }
    // Marks the new pages all-visible, so name-ordered walks are index-only scans from the start.
    await ctx.pool.query('VACUUM (ANALYZE) members')
    await ctx.pool.query('VACUUM (ANALYZE) member_name_suffixes')
  },
}

/** member_name_suffixes for every member, its index built once afterwards (the table is empty). */
async function fillNameSuffixes(client: PoolClient): Promise<void> {
  await client.query('DROP INDEX member_name_suffixes_idx')
  await client.query('TRUNCATE member_name_suffixes')
  await client.query(
    `INSERT INTO member_name_suffixes (suffix, name_key, member_id, union_path)
     SELECT s.suffix, m.name_key, m.id, m.union_path FROM members m, liendoan_name_suffixes(m.name_key) AS s(suffix)`,
  )
  await client.query(
    'CREATE INDEX member_name_suffixes_idx ON member_name_suffixes USING btree (suffix, name_key, member_id) INCLUDE (union_path)',
  )
  await client.query('ANALYZE member_name_suffixes')
}
