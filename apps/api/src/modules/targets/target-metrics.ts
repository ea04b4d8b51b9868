import type { Sector, TargetMetric } from '@liendoan/contracts'
import { type SQL, sql } from 'drizzle-orm'
import { type Database, selectRows } from '../../db/client.js'
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
 * moved counted under that district. Columns: root_id, union_id, placed_on_day.
 */
function unitsUnderRoots(roots: readonly string[], day: string): SQL {
  const values = sql.join(
    roots.map((id) => sql`(${id}::uuid)`),
    sql`, `,
  )
  return sql`roots AS (SELECT r.id FROM (VALUES ${values}) AS r(id)),
    lp AS (
      SELECT DISTINCT ON (p.union_id) p.union_id, p.path, p.valid_to
        FROM union_placements p
       WHERE p.valid_from <= ${day}::date
       ORDER BY p.union_id, p.valid_from DESC),
    eu AS (
      SELECT r.id AS root_id, lp.union_id, (lp.valid_to IS NULL OR lp.valid_to > ${day}::date) AS placed_on_day
        FROM lp JOIN roots r ON strpos(lp.path, '/' || r.id::text || '/') > 0)`
}

/** Grassroots unions among `eu` (optionally one sector). Columns: root_id, id, placed_on_day, active_on_day. */
function grassrootsUnder(request: MetricRequest): SQL {
  const sector = request.sector ? sql` AND u.sector = ${request.sector}` : sql``
  return sql`gu AS (
      SELECT eu.root_id, u.id, eu.placed_on_day,
             (eu.placed_on_day AND u.established_on <= ${request.day}::date
              AND (u.status = 'active' OR u.status_effective_date > ${request.day}::date)) AS active_on_day
        FROM eu
        JOIN unions u ON u.id = eu.union_id
        JOIN unit_types t ON t.id = u.unit_type_id AND t.is_grassroots
       WHERE true${sector})`
}

function metricQuery(request: MetricRequest): SQL {
  const { from, day } = request
  switch (request.metric) {
    case 'members_admitted':
      // Counted at the union that admitted the member: their first membership, wherever they went since.
      return sql`SELECT eu.root_id, count(*)::int AS value
          FROM members m
          JOIN LATERAL (SELECT ms.union_id FROM memberships ms WHERE ms.member_id = m.id ORDER BY ms.started_on, ms.id LIMIT 1) fm ON true
          JOIN eu ON eu.union_id = fm.union_id
         WHERE m.admitted_on BETWEEN ${from}::date AND ${day}::date
         GROUP BY eu.root_id`
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

const SHARE_METRICS: ReadonlySet<TargetMetric> = new Set(['agreements_in_force_share', 'chairpersons_trained_share', 'top_rated_share'])

/**
 * One metric for several units in one statement: the unit itself and (for the drill-down) its
 * children. Units without records get zeros.
 */
export async function computeMetric(db: Database, roots: readonly string[], request: MetricRequest): Promise<Map<string, Figure>> {
  const figures = new Map<string, Figure>()
  if (roots.length === 0) return figures
  const query = metricQuery(request)
  // Share queries continue the WITH list (they start with a comma); count queries follow it.
  const rows = await selectRows<FigureRow>(db, sql`WITH ${unitsUnderRoots(roots, request.day)} ${query}`)
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
