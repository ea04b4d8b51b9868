import type {
  AgreementCoverageQuery,
  AgreementCoverageReport,
  AgreementCoverageRow,
  AgreementCoverageUnion,
  AgreementCoverageUnionsQuery,
  AgreementGradeDistribution,
  AgreementGradeDistributionQuery,
  AgreementSignedQuery,
  AgreementSignedReport,
  PageOf,
  Sector,
} from '@liendoan/contracts'
import { Sectors } from '@liendoan/contracts'
import { type SQL, type SQLWrapper, sql } from 'drizzle-orm'
import { type Database, selectRows } from '../../db/client.js'
import { type RequestContext, requirePermission } from '../../lib/actor.js'
import { todayInVietnam } from '../../lib/dates.js'
import { badRequest } from '../../lib/errors.js'
import { decodeCursor, pageSize, toPage } from '../../lib/pagination.js'
import { sharePercent } from '../../lib/percent.js'
import { pathWithinSubtree } from '../unions/union-scope.js'
import { pathWithinSubtreeOnDate } from '../unions/unions.repository.js'
import type { UnionsService } from '../unions/unions.service.js'

export interface AgreementReportsServiceDeps {
  db: Database
  unions: UnionsService
}

/**
 * The agreement `a` was in force on `day`: it had entered into force, the day is not past its last
 * day, and it had not been terminated or replaced by then. Dates, not the status, so the answer for
 * a past day does not depend on when the expiry job last ran.
 */
export function inForceOn(agreement: SQLWrapper, day: string): SQL {
  return sql`(${agreement}.in_force_on <= ${day}::date AND ${agreement}.expires_on >= ${day}::date
              AND (${agreement}.ended_on IS NULL OR ${agreement}.ended_on > ${day}::date))`
}

/**
 * Grassroots unions active on `day` that stood under `underId` on that day (the tree as it was
 * then, so a report for a past day survives a restructuring) and stand in the actor's subtree today
 * (names outside it never leave). Columns: id, code, name, name_key, sector.
 */
function activeGrassrootsOn(context: RequestContext, underId: string, day: string): SQL {
  return sql`SELECT u.id, u.code, u.name, u.name_key, u.sector
      FROM unions u
      JOIN unit_types t ON t.id = u.unit_type_id AND t.is_grassroots
      JOIN union_placements pl ON pl.union_id = u.id
       AND pl.valid_from <= ${day}::date AND (pl.valid_to IS NULL OR pl.valid_to > ${day}::date)
     WHERE u.established_on <= ${day}::date
       AND (u.status = 'active' OR u.status_effective_date > ${day}::date)
       AND ${pathWithinSubtreeOnDate(sql`pl.path`, underId, day)}
       AND ${pathWithinSubtree(sql`u.path`, context.actor.unionId)}`
}

function notInFuture(field: string, day: string, today: string): void {
  if (day > today) throw badRequest(field, 'future_date')
}

/** Reports over collective agreements: coverage as of a day, agreements signed in a period, grades. */
export function createAgreementReportsService(deps: AgreementReportsServiceDeps) {
  const { db, unions: unionsService } = deps

  async function reportScope(context: RequestContext, underId: string | undefined, asOf: string | undefined) {
    requirePermission(context.actor, 'agreements:read')
    const today = todayInVietnam()
    const day = asOf ?? today
    notInFuture('asOf', day, today)
    const under = await unionsService.findVisible(db, context, underId ?? context.actor.unionId)
    return { day, under: { id: under.id, code: under.code, name: under.name } }
  }

  return {
    /**
     * Of the grassroots unions active under the unit on the day, how many had at least one
     * agreement in force: per sector, then the total.
     */
    async coverage(context: RequestContext, query: AgreementCoverageQuery): Promise<AgreementCoverageReport> {
      const { day, under } = await reportScope(context, query.under, query.asOf)
      const rows = await selectRows<{ sector: Sector | null; is_total: boolean; active_unions: number; covered: number; workers: number }>(
        db,
        sql`WITH gu AS (${activeGrassrootsOn(context, under.id, day)}),
                 cov AS (
                   SELECT a.union_id, sum(a.workers_covered)::bigint AS workers
                     FROM agreements a
                    WHERE a.union_id IN (SELECT id FROM gu) AND ${inForceOn(sql`a`, day)}
                    GROUP BY a.union_id)
            SELECT gu.sector, grouping(gu.sector) = 1 AS is_total,
                   count(*)::int AS active_unions, count(cov.union_id)::int AS covered,
                   coalesce(sum(cov.workers), 0)::bigint AS workers
              FROM gu LEFT JOIN cov ON cov.union_id = gu.id
             GROUP BY GROUPING SETS ((gu.sector), ())`,
      )
      const row = (sector: Sector | null, total: boolean): AgreementCoverageRow => {
        const found = rows.find((r) => r.is_total === total && (total || r.sector === sector))
        const activeUnions = found?.active_unions ?? 0
        const covered = found?.covered ?? 0
        return { sector, activeUnions, covered, share: sharePercent(covered, activeUnions), workersCovered: Number(found?.workers ?? 0) }
      }
      return { under, asOf: day, rows: [...Sectors.map((sector) => row(sector, false)), row(null, true)] }
    },

    /** The grassroots unions behind the coverage figures, covered or not, in name order, with the agreement in force. */
    async coverageUnions(context: RequestContext, query: AgreementCoverageUnionsQuery): Promise<PageOf<AgreementCoverageUnion>> {
      const { day, under } = await reportScope(context, query.under, query.asOf)
      const limit = pageSize(query.limit)
      const cursor = decodeCursor(query.cursor, 2)
      if (cursor && typeof cursor[0] !== 'string') throw badRequest('cursor', 'invalid', 'The cursor is not one this API issued.')
      const after = cursor ? sql` AND (gu.name_key, gu.id) > (${String(cursor[0])}, ${String(cursor[1])}::uuid)` : sql``
      const sector = query.sector ? sql` AND gu.sector = ${query.sector}` : sql``
      const rows = await selectRows<{
        id: string
        code: string
        name: string
        name_key: string
        sector: Sector | null
        agreement_id: string | null
        title: string | null
        expires_on: string | null
        grade_code: string | null
      }>(
        db,
        sql`WITH gu AS (${activeGrassrootsOn(context, under.id, day)})
            SELECT gu.id, gu.code, gu.name, gu.name_key, gu.sector,
                   cur.id AS agreement_id, cur.title, to_char(cur.expires_on, 'YYYY-MM-DD') AS expires_on, cur.grade_code
              FROM gu
              LEFT JOIN LATERAL (
                SELECT a.id, a.title, a.expires_on, a.grade_code FROM agreements a
                 WHERE a.union_id = gu.id AND ${inForceOn(sql`a`, day)}
                 ORDER BY a.expires_on DESC, a.id LIMIT 1) cur ON true
             WHERE (cur.id IS NOT NULL) = ${query.covered}${sector}${after}
             ORDER BY gu.name_key, gu.id
             LIMIT ${limit + 1}`,
      )
      return toPage(
        rows,
        limit,
        (row) => [row.name_key, row.id],
        (row) => ({
          union: { id: row.id, code: row.code, name: row.name, sector: row.sector },
          agreement:
            row.agreement_id && row.title && row.expires_on
              ? { id: row.agreement_id, title: row.title, expiresOn: row.expires_on, grade: row.grade_code }
              : null,
        }),
      )
    },

    /**
     * Agreements signed in the period by grassroots unions that stood under the unit at the end of
     * the period, whatever became of the agreements since; and how many unions signed.
     */
    async signed(context: RequestContext, query: AgreementSignedQuery): Promise<AgreementSignedReport> {
      if (query.from > query.to) throw badRequest('from', 'range_order')
      const { under } = await reportScope(context, query.under, undefined)
      const rows = await selectRows<{ sector: Sector | null; is_total: boolean; agreements: number; unions: number; workers: number }>(
        db,
        sql`WITH sa AS (
              SELECT a.id, a.union_id, a.workers_covered, u.sector
                FROM agreements a
                JOIN unions u ON u.id = a.union_id
                JOIN union_placements pl ON pl.union_id = u.id
                 AND pl.valid_from <= ${query.to}::date AND (pl.valid_to IS NULL OR pl.valid_to > ${query.to}::date)
               WHERE a.signed_on BETWEEN ${query.from}::date AND ${query.to}::date
                 AND ${pathWithinSubtreeOnDate(sql`pl.path`, under.id, query.to)}
                 AND ${pathWithinSubtree(sql`u.path`, context.actor.unionId)})
            SELECT sa.sector, grouping(sa.sector) = 1 AS is_total,
                   count(*)::int AS agreements, count(DISTINCT sa.union_id)::int AS unions,
                   coalesce(sum(sa.workers_covered), 0)::bigint AS workers
              FROM sa
             GROUP BY GROUPING SETS ((sa.sector), ())`,
      )
      const total = rows.find((r) => r.is_total)
      return {
        under,
        from: query.from,
        to: query.to,
        agreements: total?.agreements ?? 0,
        unions: total?.unions ?? 0,
        workersCovered: Number(total?.workers ?? 0),
        bySector: Sectors.map((sector) => {
          const found = rows.find((r) => !r.is_total && r.sector === sector)
          return { sector, agreements: found?.agreements ?? 0, unions: found?.unions ?? 0 }
        }),
      }
    },

    /** Grades of the agreements in force on the day under the unit: every grade of the scheme, then ungraded. */
    async gradeDistribution(context: RequestContext, query: AgreementGradeDistributionQuery): Promise<AgreementGradeDistribution> {
      const { day, under } = await reportScope(context, query.under, query.asOf)
      const counts = await selectRows<{ grade_code: string | null; count: number }>(
        db,
        sql`WITH gu AS (${activeGrassrootsOn(context, under.id, day)})
            SELECT a.grade_code, count(*)::int AS count
              FROM agreements a
             WHERE a.union_id IN (SELECT id FROM gu) AND ${inForceOn(sql`a`, day)}
             GROUP BY a.grade_code`,
      )
      const grades = await selectRows<{ code: string; name: string }>(db, sql`SELECT code, name FROM agreement_grades ORDER BY sort_order, code`)
      const total = counts.reduce((sum, row) => sum + row.count, 0)
      const countOf = (code: string | null) => counts.find((row) => row.grade_code === code)?.count ?? 0
      const rows = [
        ...grades.map((grade) => ({ grade: grade.code, name: grade.name, count: countOf(grade.code) })),
        { grade: null, name: 'Chưa xếp loại', count: countOf(null) },
      ]
      return { under, asOf: day, total, rows: rows.map((row) => ({ ...row, share: sharePercent(row.count, total) })) }
    },
  }
}

export type AgreementReportsService = ReturnType<typeof createAgreementReportsService>
