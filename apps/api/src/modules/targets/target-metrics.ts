import { type Sector, Sectors, type TargetMetric } from '@liendoan/contracts'
import { type SQL, sql } from 'drizzle-orm'
import { type Database, selectRows } from '../../db/client.js'
import { monthEnd, monthStart, nextDay, previousDay, todayInVietnam } from '../../lib/dates.js'
import { sharePercent } from '../../lib/percent.js'
import { inForceOn } from '../agreements/agreement-reports.service.js'
import { officerHoldersOn } from '../officers/officers.repository.js'
import { holdsValidCertificate } from '../trainings/trainings.repository.js'

/** What to compute: a metric over [from, day], read with the tree as it stood on `day`. */
export interface MetricRequest {
  metric: TargetMetric
  from: string
  /** The period's last day, or the day the results are asked for while the period runs. */
  day: string
  /** Share metrics: only this sector's grassroots unions. */
  sector?: Sector | undefined
  /** chairpersons_trained_share: the training topic's id. */
  topicId?: string | undefined
}

/** One metric's figure for one unit. */
export interface Figure {
  /** count, VND, or (share metrics) numerator / denominator in percent with two decimals. */
  value: number
  numerator: number | null
  denominator: number | null
  ratingYear: number | null
}

interface FigureRow {
  root_id: string
  value: string | number | null
  numerator: number | null
  denominator: number | null
  rating_year: number | null
}

/**
 * Every unit counted under each root: the units whose placement on `day` (or, for a unit closed
 * before `day`, its last placement) names the root among its ancestors or is the root. Reading the
 * placements rather than today's paths is what keeps a past period's result after a later move or
 * merger; the ancestor test by id (not by path prefix) keeps a unit closed before its district
 * moved counted under that district. Placements of one unit never overlap, so the placement valid
 * on `day` is its latest; only units closed by then need the sort for their last one (a few,
 * where sorting every unit's placements cost most of the time at national scale).
 * Columns: root_id, union_id, placed_on_day.
 */
export function unitsUnderRoots(roots: readonly string[], day: string): SQL {
  const values = sql.join(
    roots.map((id) => sql`(${id}::uuid)`),
    sql`, `,
  )
  return sql`roots AS (SELECT r.id FROM (VALUES ${values}) AS r(id)),
    lp AS (
      SELECT p.union_id, p.path, p.valid_to
        FROM union_placements p
       WHERE p.valid_from <= ${day}::date AND (p.valid_to IS NULL OR p.valid_to > ${day}::date)
      UNION ALL
      (SELECT DISTINCT ON (p.union_id) p.union_id, p.path, p.valid_to
         FROM union_placements p
        WHERE p.valid_to <= ${day}::date
          AND NOT EXISTS (SELECT 1 FROM union_placements q
                           WHERE q.union_id = p.union_id AND q.valid_from <= ${day}::date AND (q.valid_to IS NULL OR q.valid_to > ${day}::date))
        ORDER BY p.union_id, p.valid_from DESC)),
    eu AS (
      SELECT r.id AS root_id, lp.union_id, (lp.valid_to IS NULL OR lp.valid_to > ${day}::date) AS placed_on_day
        FROM lp JOIN roots r ON strpos(lp.path, '/' || r.id::text || '/') > 0)`
}

/** Grassroots unions among `eu` (optionally one sector). Columns: root_id, id, placed_on_day, active_on_day. */
export function grassrootsUnder({ day, sector: onlySector }: Pick<MetricRequest, 'day' | 'sector'>): SQL {
  const sector = onlySector ? sql` AND u.sector = ${onlySector}` : sql``
  return sql`gu AS (
      SELECT eu.root_id, u.id, eu.placed_on_day,
             (eu.placed_on_day AND u.established_on <= ${day}::date
              AND (u.status = 'active' OR u.status_effective_date > ${day}::date)) AS active_on_day
        FROM eu
        JOIN unions u ON u.id = eu.union_id
        JOIN unit_types t ON t.id = u.unit_type_id AND t.is_grassroots
       WHERE true${sector})`
}

/**
 * Members admitted between two days, read from the records: counted at the admitting union (the
 * first membership's; a record without one, at its union, as the summary does).
 */
export function admissionsFromRecords(first: string, last: string): SQL {
  return sql`SELECT eu.root_id, count(*) AS value
      FROM members m
      LEFT JOIN LATERAL (SELECT ms.union_id FROM memberships ms WHERE ms.member_id = m.id ORDER BY ms.started_on, ms.id LIMIT 1) fm ON true
      JOIN eu ON eu.union_id = coalesce(fm.union_id, m.union_id)
     WHERE m.admitted_on BETWEEN ${first}::date AND ${last}::date
     GROUP BY eu.root_id`
}

/**
 * members_admitted from the monthly summary (union_admission_months, kept by triggers), which
 * answers at national scale where counting ten million records cannot. The months the period
 * covers are summed; days of its first and last month outside it are taken off, counted from the
 * records. No admission is dated after today (the rules refuse it), so a period ending today
 * needs no correction at its end.
 */
function admissionsQuery(from: string, day: string, today = todayInVietnam()): SQL {
  const parts: SQL[] = [
    sql`SELECT eu.root_id, sum(c.admitted) AS value
          FROM union_admission_months c JOIN eu ON eu.union_id = c.union_id
         WHERE c.month BETWEEN ${monthStart(from)}::date AND ${monthStart(day)}::date
         GROUP BY eu.root_id`,
  ]
  if (from !== monthStart(from)) parts.push(sql`SELECT root_id, -value FROM (${admissionsFromRecords(monthStart(from), previousDay(from))}) before_period`)
  if (day < monthEnd(day) && day < today) parts.push(sql`SELECT root_id, -value FROM (${admissionsFromRecords(nextDay(day), monthEnd(day))}) after_period`)
  return sql`SELECT x.root_id, sum(x.value)::int AS value FROM (${sql.join(parts, sql` UNION ALL `)}) x GROUP BY x.root_id`
}

function metricQuery(request: MetricRequest): SQL {
  const { from, day } = request
  switch (request.metric) {
    case 'members_admitted':
      return admissionsQuery(from, day)
    case 'grassroots_founded':
      return sql`SELECT eu.root_id, count(*)::int AS value
          FROM eu
          JOIN unions u ON u.id = eu.union_id
          JOIN unit_types t ON t.id = u.unit_type_id AND t.is_grassroots
         WHERE coalesce(u.founding_decision_date, u.established_on) BETWEEN ${from}::date AND ${day}::date
         GROUP BY eu.root_id`
    case 'agreements_signed':
      return sql`SELECT eu.root_id, count(*)::int AS value
          FROM agreements a JOIN eu ON eu.union_id = a.union_id
         WHERE a.signed_on BETWEEN ${from}::date AND ${day}::date
         GROUP BY eu.root_id`
    case 'payments_disbursed_vnd':
      return sql`SELECT eu.root_id, coalesce(sum(sp.amount_vnd), 0)::text AS value
          FROM support_payments sp JOIN eu ON eu.union_id = sp.union_id
         WHERE sp.status = 'disbursed' AND sp.disbursed_on BETWEEN ${from}::date AND ${day}::date
         GROUP BY eu.root_id`
    case 'agreements_in_force_share':
      return sql`, ${grassrootsUnder(request)}
        SELECT gu.root_id, count(*)::int AS denominator,
               count(*) FILTER (WHERE EXISTS (SELECT 1 FROM agreements a WHERE a.union_id = gu.id AND ${inForceOn(sql`a`, day)}))::int AS numerator
          FROM gu WHERE gu.active_on_day
         GROUP BY gu.root_id`
    case 'chairpersons_trained_share': {
      const holders = officerHoldersOn(day, { positions: ['chairperson'], grassroots: true, sector: request.sector })
      const topicId = request.topicId ?? '00000000-0000-0000-0000-000000000000'
      return sql`, ${grassrootsUnder(request)},
        grp AS (SELECT DISTINCT gu.root_id, h.member_id FROM (${holders}) h JOIN gu ON gu.id = h.union_id AND gu.active_on_day)
        SELECT grp.root_id, count(*)::int AS denominator,
               count(*) FILTER (WHERE ${holdsValidCertificate(sql`grp.member_id`, topicId, day)})::int AS numerator
          FROM grp
         GROUP BY grp.root_id`
    }
    case 'top_rated_share': {
      const firstYear = Number(from.slice(0, 4))
      const lastYear = Number(day.slice(0, 4))
      return sql`, ${grassrootsUnder(request)},
        rt AS (
          SELECT gu.root_id, r.year, g.is_strong
            FROM gu
            JOIN union_ratings r ON r.union_id = gu.id AND r.superseded_at IS NULL AND r.year BETWEEN ${firstYear} AND ${lastYear}
            JOIN rating_grades g ON g.id = r.grade_id),
        ly AS (SELECT rt.root_id, max(rt.year) AS year FROM rt GROUP BY rt.root_id)
        SELECT rt.root_id, ly.year AS rating_year, count(*)::int AS denominator, count(*) FILTER (WHERE rt.is_strong)::int AS numerator
          FROM rt JOIN ly ON ly.root_id = rt.root_id AND ly.year = rt.year
         GROUP BY rt.root_id, ly.year`
    }
  }
}

/**
 * Today's figure from the subtree rollups the triggers keep (union_figure_rollups; see migration
 * 0009): one index range per root instead of the records of every unit under it. Null when the
 * request needs what the rollups do not hold: another day, a period starting before the years
 * they keep by day, a month cut in two, or a sector split of chairpersons.
 */
function rollupQuery(roots: readonly string[], request: MetricRequest, today: string): SQL | null {
  const { from, day, sector } = request
  if (day !== today) return null
  const year = Number(day.slice(0, 4))
  const rootRows = sql`roots AS (SELECT r.id FROM (VALUES ${sql.join(
    roots.map((id) => sql`(${id}::uuid)`),
    sql`, `,
  )}) AS r(id))`
  const flow = (figures: SQL) => sql`WITH ${rootRows}
      SELECT roots.id AS root_id, coalesce(sum(f.value), 0)::text AS value
        FROM roots LEFT JOIN union_figure_rollups f
          ON f.union_id = roots.id AND f.figure IN (${figures}) AND f.day BETWEEN ${from}::date AND ${day}::date
       GROUP BY roots.id`
  const share = (part: string, whole: string) => sql`WITH ${rootRows}
      SELECT roots.id AS root_id,
             coalesce(sum(f.value) FILTER (WHERE f.figure = ${part}), 0)::int AS numerator,
             coalesce(sum(f.value) FILTER (WHERE f.figure = ${whole}), 0)::int AS denominator
        FROM roots LEFT JOIN union_figure_rollups f
          ON f.union_id = roots.id AND f.figure IN (${part}, ${whole}) AND f.day <= ${day}::date
       GROUP BY roots.id`
  // Flows are kept by day from 1 January of last year (admissions by month for five years).
  const flowsKeptFrom = `${year - 1}-01-01`
  switch (request.metric) {
    case 'members_admitted':
      if (from !== monthStart(from) || from < `${year - 4}-01-01`) return null
      return sql`WITH ${rootRows}
        SELECT roots.id AS root_id, coalesce(sum(f.value), 0)::int AS value
          FROM roots LEFT JOIN union_figure_rollups f
            ON f.union_id = roots.id AND f.figure = 'admitted' AND f.day BETWEEN ${from}::date AND ${monthStart(day)}::date
         GROUP BY roots.id`
    case 'grassroots_founded':
      return from < flowsKeptFrom ? null : flow(sql`'grassroots_founded'`)
    case 'agreements_signed':
      return from < flowsKeptFrom ? null : flow(sql`'agreements_signed'`)
    case 'payments_disbursed_vnd':
      return from < flowsKeptFrom ? null : flow(sql`SELECT 'disbursed:' || p.id FROM support_programs p`)
    case 'agreements_in_force_share':
      return sector ? share(`agreements_covered:${sector}`, `grassroots_active:${sector}`) : share('agreements_covered', 'grassroots_active')
    case 'chairpersons_trained_share':
      return sector ? null : share(`chairpersons_trained:${request.topicId ?? ''}`, 'chairpersons')
    case 'top_rated_share': {
      const sectors = sector ? [sector] : Sectors
      return sql`WITH ${rootRows},
        rt AS (
          SELECT roots.id AS root_id, extract(year FROM f.day)::int AS year, g.is_strong, f.value
            FROM roots
           CROSS JOIN rating_grades g
           CROSS JOIN (VALUES ${sql.join(sectors.map((item) => sql`(${item}::text)`), sql`, `)}) AS s(sector)
            JOIN union_figure_rollups f
              ON f.union_id = roots.id AND f.figure = 'rating:' || s.sector || ':' || g.id::text
             AND f.day BETWEEN make_date(${Number(from.slice(0, 4))}, 1, 1) AND make_date(${year}, 1, 1) AND f.value <> 0),
        ly AS (SELECT rt.root_id, max(rt.year) AS year FROM rt GROUP BY rt.root_id)
        SELECT rt.root_id, ly.year AS rating_year, sum(rt.value)::int AS denominator,
               coalesce(sum(rt.value) FILTER (WHERE rt.is_strong), 0)::int AS numerator
          FROM rt JOIN ly ON ly.root_id = rt.root_id AND ly.year = rt.year
         GROUP BY rt.root_id, ly.year`
    }
  }
}

const SHARE_METRICS: ReadonlySet<TargetMetric> = new Set(['agreements_in_force_share', 'chairpersons_trained_share', 'top_rated_share'])

/**
 * One metric for several units in one statement: the unit itself and (for the drill-down) its
 * children. Units without records get zeros.
 */
export async function computeMetric(
  db: Database,
  roots: readonly string[],
  request: MetricRequest,
  /** 'records' skips the rollups (tests compare the two readings). */
  source: 'auto' | 'records' = 'auto',
): Promise<Map<string, Figure>> {
  const figures = new Map<string, Figure>()
  if (roots.length === 0) return figures
  // Share queries continue the WITH list (they start with a comma); count queries follow it.
  const query = (source === 'auto' ? rollupQuery(roots, request, todayInVietnam()) : null) ?? sql`WITH ${unitsUnderRoots(roots, request.day)} ${metricQuery(request)}`
  const rows = await selectRows<FigureRow>(db, query)
  const isShare = SHARE_METRICS.has(request.metric)
  for (const root of roots) {
    const row = rows.find((candidate) => candidate.root_id === root)
    if (isShare) {
      const numerator = row?.numerator ?? 0
      const denominator = row?.denominator ?? 0
      figures.set(root, { value: sharePercent(numerator, denominator), numerator, denominator, ratingYear: row?.rating_year ?? null })
    } else {
      figures.set(root, { value: Number(row?.value ?? 0), numerator: null, denominator: null, ratingYear: null })
    }
  }
  return figures
}
