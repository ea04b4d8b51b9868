import type { DashboardProgram, DashboardQuery, DashboardRatingSector, DashboardReport, Sector, ShareFigure } from '@liendoan/contracts'
import { DEFAULT_TARGET_TOPIC, Sectors } from '@liendoan/contracts'
import { and, eq, gte, lte, or, sql } from 'drizzle-orm'
import { type Database, selectRows } from '../../db/client.js'
import { supportPrograms, trainingTopics, unions } from '../../db/schema/index.js'
import { type RequestContext, requirePermission } from '../../lib/actor.js'
import { monthEnd, monthStart, nextDay, todayInVietnam } from '../../lib/dates.js'
import { sharePercent } from '../../lib/percent.js'
import { inForceOn } from '../agreements/agreement-reports.service.js'
import { programFigures, selectPrograms } from '../support/support.repository.js'
import { resultDay } from '../targets/target-rules.js'
import {
  admissionsFromRecords,
  computeMetric,
  grassrootsUnder,
  unitsUnderRoots,
} from '../targets/target-metrics.js'
import { pathWithinSubtree } from '../unions/union-scope.js'
import type { UnionsService } from '../unions/unions.service.js'

export interface DashboardServiceDeps {
  db: Database
  unions: UnionsService
}

/** Years shown in the admissions-by-year chart, this one included. */
const YEARS_SHOWN = 5

const share = (part: number, whole: number): ShareFigure => ({ part, whole, percent: sharePercent(part, whole) })

interface RatingCountRow {
  year: number
  sector: Sector
  grade_id: string
  count: number
}

/** What the dashboard shows of a subtree on a day, from the records or from the rollups. */
interface SubtreeFigures {
  rootId: string
  membersActive: number
  membersFemale: number
  /** Admissions by month ('YYYY-MM') from January of the first year shown. */
  months: Map<string, number>
  bySector: UnitFiguresRow['by_sector']
  agreementsInForce: number
  coverage: { part: number; whole: number }
  chairpersons: { part: number; whole: number }
  founded: number
  ratings: DashboardReport['ratings']
  /** VND disbursed to the subtree from 1 January to the day, by programme. */
  disbursedThisYear: (programIds: readonly string[]) => Promise<Map<string, number>>
}

interface UnitFiguresRow {
  by_sector: { sector: Sector; active: number }[]
  agreements_in_force: number
  members_active: number
  members_female: number
}

/**
 * The dashboard: a unit's subtree at a glance on a day, with the tree as it stood that day. The
 * figures shared with the targets' results (founded, admitted, agreement coverage, chairpersons
 * trained) are computed by the same code, so the two pages never disagree. Members come from the
 * summaries the triggers keep (union_member_counts, union_admission_months) when the day is today,
 * and from the memberships' dates for a past day.
 */
export function createDashboardService(deps: DashboardServiceDeps) {
  const { db, unions: unionsService } = deps

  async function unitFigures(rootId: string, day: string, today: string): Promise<UnitFiguresRow> {
    const members =
      day === today
        ? sql`SELECT coalesce(sum(c.active), 0)::int AS active, coalesce(sum(c.active_female), 0)::int AS female
                FROM union_member_counts c JOIN eu ON eu.union_id = c.union_id AND eu.placed_on_day`
        : sql`SELECT count(*)::int AS active, (count(*) FILTER (WHERE m.gender = 'female'))::int AS female
                FROM memberships ms
                JOIN eu ON eu.union_id = ms.union_id AND eu.placed_on_day
                JOIN members m ON m.id = ms.member_id
               WHERE ms.started_on <= ${day}::date AND (ms.ended_on IS NULL OR ms.ended_on > ${day}::date)`
    const [row] = await selectRows<UnitFiguresRow>(
      db,
      sql`WITH ${unitsUnderRoots([rootId], day)}, ${grassrootsUnder({ day })},
           ga AS (SELECT gu.id, u.sector FROM gu JOIN unions u ON u.id = gu.id WHERE gu.active_on_day),
           mc AS (${members})
         SELECT (SELECT coalesce(json_agg(json_build_object('sector', s.sector, 'active', s.active) ORDER BY s.sector), '[]'::json)
                   FROM (SELECT ga.sector, count(*)::int AS active FROM ga WHERE ga.sector IS NOT NULL GROUP BY ga.sector) s) AS by_sector,
                (SELECT count(*)::int FROM agreements a JOIN ga ON ga.id = a.union_id WHERE ${inForceOn(sql`a`, day)}) AS agreements_in_force,
                mc.active AS members_active, mc.female AS members_female
           FROM mc`,
    )
    return row ?? { by_sector: [], agreements_in_force: 0, members_active: 0, members_female: 0 }
  }

  /** Admissions by month from January of the first year shown to the day's month. */
  async function admissionsByMonth(rootId: string, day: string, today: string): Promise<Map<string, number>> {
    const firstYear = Number(day.slice(0, 4)) - YEARS_SHOWN + 1
    const rows = await selectRows<{ month: string; admitted: number }>(
      db,
      sql`WITH ${unitsUnderRoots([rootId], day)}
          SELECT to_char(c.month, 'YYYY-MM') AS month, sum(c.admitted)::int AS admitted
            FROM union_admission_months c JOIN eu ON eu.union_id = c.union_id
           WHERE c.month BETWEEN ${`${firstYear}-01-01`}::date AND ${monthStart(day)}::date
           GROUP BY c.month`,
    )
    const months = new Map(rows.map((row) => [row.month, row.admitted]))
    // The summary counts whole months: a past day inside its month takes off the days after it.
    if (day < monthEnd(day) && day < today) {
      const [after] = await selectRows<{ value: number }>(db, sql`WITH ${unitsUnderRoots([rootId], day)} ${admissionsFromRecords(nextDay(day), monthEnd(day))}`)
      const month = day.slice(0, 7)
      if (after) months.set(month, (months.get(month) ?? 0) - Number(after.value))
    }
    return months
  }

  async function ratingsBySector(rootId: string, day: string): Promise<DashboardReport['ratings']> {
    const year = Number(day.slice(0, 4))
    const rows = await selectRows<RatingCountRow>(
      db,
      sql`WITH ${unitsUnderRoots([rootId], day)}, ${grassrootsUnder({ day })},
           rt AS (
             SELECT u.sector, r.year, r.grade_id
               FROM gu
               JOIN unions u ON u.id = gu.id AND u.sector IS NOT NULL
               JOIN union_ratings r ON r.union_id = gu.id AND r.superseded_at IS NULL AND r.year <= ${year}),
           ly AS (SELECT max(rt.year) AS year FROM rt)
          SELECT rt.year, rt.sector, rt.grade_id::text, count(*)::int AS count
            FROM rt JOIN ly ON ly.year = rt.year
           GROUP BY rt.year, rt.sector, rt.grade_id`,
    )
    return ratingsFromCounts(rows)
  }

  /** The rating distribution by sector from counts of one year's ratings by sector and grade. */
  async function ratingsFromCounts(rows: readonly RatingCountRow[]): Promise<DashboardReport['ratings']> {
    if (rows.length === 0) return { year: null, bySector: [] }
    const gradeIds = [...new Set(rows.map((row) => row.grade_id))]
    const grades = await selectRows<{ id: string; code: string; label: string; is_strong: boolean }>(
      db,
      sql`SELECT g.id::text, g.code, g.label, g.is_strong FROM rating_grades g
           WHERE g.scale_id IN (SELECT s.scale_id FROM rating_grades s WHERE s.id IN (${sql.join(gradeIds.map((id) => sql`${id}::uuid`), sql`, `)}))
           ORDER BY g.rank, g.code`,
    )
    const bySector: DashboardRatingSector[] = []
    for (const sector of Sectors) {
      const sectorRows = rows.filter((row) => row.sector === sector)
      if (sectorRows.length === 0) continue
      const countOf = (gradeId: string) => sectorRows.filter((row) => row.grade_id === gradeId).reduce((sum, row) => sum + row.count, 0)
      const gradeCounts = grades.map((grade) => ({ code: grade.code, label: grade.label, isStrong: grade.is_strong, count: countOf(grade.id) }))
      const rated = gradeCounts.reduce((sum, grade) => sum + grade.count, 0)
      const strong = gradeCounts.filter((grade) => grade.isStrong).reduce((sum, grade) => sum + grade.count, 0)
      bySector.push({ sector, strongOrBetter: share(strong, rated), grades: gradeCounts })
    }
    return { year: rows[0]!.year, bySector }
  }

  /** Programmes run in the subtree or above it whose period overlaps the year, with what reached the subtree. */
  async function programs(rootPath: string, day: string, figures: SubtreeFigures): Promise<DashboardProgram[]> {
    const year = day.slice(0, 4)
    const rootId = figures.rootId
    const rows = await selectPrograms(db)
      .where(
        and(
          lte(supportPrograms.periodFrom, `${year}-12-31`),
          gte(supportPrograms.periodTo, `${year}-01-01`),
          or(pathWithinSubtree(unions.path, rootId), sql`strpos(${rootPath}, '/' || ${supportPrograms.unionId}::text || '/') > 0`),
        ),
      )
      .orderBy(supportPrograms.periodFrom, supportPrograms.name)
    if (rows.length === 0) return []
    const disbursed = await figures.disbursedThisYear(rows.map((row) => row.id))
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      union: { id: row.unionId, code: row.unionCode, name: row.unionName },
      status: row.status,
      periodFrom: row.periodFrom,
      periodTo: row.periodTo,
      figures: programFigures(row),
      disbursedUnderVnd: disbursed.get(row.id) ?? 0,
    }))
  }

  /** A past day: the figures are read from the records, with the tree as it stood on the day. */
  async function figuresFromRecords(rootId: string, day: string, today: string, topicId: string | null): Promise<SubtreeFigures> {
    const yearStart = `${day.slice(0, 4)}-01-01`
    const [unit, months, ratings, coverage, chairpersons, founded] = await Promise.all([
      unitFigures(rootId, day, today),
      admissionsByMonth(rootId, day, today),
      ratingsBySector(rootId, day),
      computeMetric(db, [rootId], { metric: 'agreements_in_force_share', from: yearStart, day }, 'records'),
      topicId ? computeMetric(db, [rootId], { metric: 'chairpersons_trained_share', from: yearStart, day, topicId }, 'records') : Promise.resolve(null),
      computeMetric(db, [rootId], { metric: 'grassroots_founded', from: yearStart, day }, 'records'),
    ])
    const coverageFigure = coverage.get(rootId)
    const chairFigure = chairpersons?.get(rootId)
    return {
      rootId,
      membersActive: unit.members_active,
      membersFemale: unit.members_female,
      months,
      bySector: unit.by_sector,
      agreementsInForce: unit.agreements_in_force,
      coverage: { part: coverageFigure?.numerator ?? 0, whole: coverageFigure?.denominator ?? 0 },
      chairpersons: { part: chairFigure?.numerator ?? 0, whole: chairFigure?.denominator ?? 0 },
      founded: founded.get(rootId)?.value ?? 0,
      ratings,
      disbursedThisYear: async (programIds) => {
        const rows = await selectRows<{ program_id: string; amount: string }>(
          db,
          sql`WITH ${unitsUnderRoots([rootId], day)}
              SELECT sp.program_id, sum(sp.amount_vnd)::text AS amount
                FROM support_payments sp JOIN eu ON eu.union_id = sp.union_id
               WHERE sp.status = 'disbursed' AND sp.disbursed_on BETWEEN ${yearStart}::date AND ${day}::date
                 AND sp.program_id IN (${sql.join(programIds.map((id) => sql`${id}::uuid`), sql`, `)})
               GROUP BY sp.program_id`,
        )
        return new Map(rows.map((row) => [row.program_id, Number(row.amount)]))
      },
    }
  }

  /**
   * Today: the figures are the subtree's rollups (union_figure_rollups, kept by triggers in the
   * same transaction as every change), one statement whatever the size of the subtree. A figure
   * on a day is the sum of its dated changes up to the day; a flow is the sum over the year.
   */
  async function figuresFromRollups(rootId: string, day: string, topicId: string | null): Promise<SubtreeFigures> {
    const year = Number(day.slice(0, 4))
    const yearStart = `${year}-01-01`
    const firstYear = year - YEARS_SHOWN + 1
    const trained = `chairpersons_trained:${topicId ?? ''}`
    // Every figure is named in full (no LIKE), so each is one range of the primary key.
    const stocks = ['members_active', 'members_female', 'grassroots_active', 'agreements_in_force', 'agreements_covered', 'chairpersons', trained, ...Sectors.map((sector) => `grassroots_active:${sector}`)]
    const rows = await selectRows<{ figure: string; day: string | null; value: string }>(
      db,
      sql`SELECT r.figure, NULL AS day, sum(r.value)::text AS value
            FROM union_figure_rollups r
           WHERE r.union_id = ${rootId}::uuid AND r.day <= ${day}::date
             AND r.figure IN (${sql.join(stocks.map((figure) => sql`${figure}`), sql`, `)})
           GROUP BY r.figure
          UNION ALL
          SELECT r.figure, NULL, sum(r.value)::text
            FROM union_figure_rollups r
           WHERE r.union_id = ${rootId}::uuid AND r.day BETWEEN ${yearStart}::date AND ${day}::date
             AND r.figure IN (SELECT 'grassroots_founded' UNION ALL SELECT 'disbursed:' || p.id FROM support_programs p
                               WHERE p.period_from <= ${`${year}-12-31`}::date AND p.period_to >= ${yearStart}::date)
           GROUP BY r.figure
          UNION ALL
          SELECT r.figure, to_char(r.day, 'YYYY'), r.value::text
            FROM union_figure_rollups r
           WHERE r.union_id = ${rootId}::uuid AND r.day <= ${yearStart}::date
             AND r.figure IN (SELECT 'rating:' || s.sector || ':' || g.id FROM rating_grades g
                                CROSS JOIN (VALUES ${sql.join(Sectors.map((sector) => sql`(${sector}::text)`), sql`, `)}) AS s(sector))
          UNION ALL
          SELECT 'admitted', to_char(r.day, 'YYYY-MM'), r.value::text
            FROM union_figure_rollups r
           WHERE r.union_id = ${rootId}::uuid AND r.figure = 'admitted'
             AND r.day BETWEEN ${`${firstYear}-01-01`}::date AND ${monthStart(day)}::date`,
    )
    const value = (figure: string) => Number(rows.find((row) => row.figure === figure && row.day === null)?.value ?? 0)
    const months = new Map<string, number>()
    const ratingCounts: RatingCountRow[] = []
    const bySector: UnitFiguresRow['by_sector'] = []
    const disbursed = new Map<string, number>()
    for (const row of rows) {
      const amount = Number(row.value)
      if (row.figure === 'admitted' && row.day) months.set(row.day, (months.get(row.day) ?? 0) + amount)
      else if (row.figure.startsWith('grassroots_active:') && amount !== 0) bySector.push({ sector: row.figure.slice('grassroots_active:'.length) as Sector, active: amount })
      else if (row.figure.startsWith('disbursed:')) disbursed.set(row.figure.slice('disbursed:'.length), amount)
      else if (row.figure.startsWith('rating:') && row.day && amount !== 0) {
        const [, sector, gradeId] = row.figure.split(':')
        ratingCounts.push({ year: Number(row.day), sector: sector as Sector, grade_id: gradeId!, count: amount })
      }
    }
    const latestYear = Math.max(...ratingCounts.map((row) => row.year))
    bySector.sort((left, right) => left.sector.localeCompare(right.sector))
    return {
      rootId,
      membersActive: value('members_active'),
      membersFemale: value('members_female'),
      months,
      bySector,
      agreementsInForce: value('agreements_in_force'),
      coverage: { part: value('agreements_covered'), whole: value('grassroots_active') },
      chairpersons: { part: value(trained), whole: value('chairpersons') },
      founded: value('grassroots_founded'),
      ratings: await ratingsFromCounts(ratingCounts.filter((row) => row.year === latestYear)),
      disbursedThisYear: async () => disbursed,
    }
  }

  return {
    /** `source` 'records' reads today's figures from the records too (tests compare the two). */
    async dashboard(context: RequestContext, query: DashboardQuery, source: 'auto' | 'records' = 'auto'): Promise<DashboardReport> {
      const today = todayInVietnam()
      const day = resultDay({ from: '0001-01-01', to: '9999-12-31' }, query.asOf, today)
      const under = await unionsService.findVisible(db, context, query.under ?? context.actor.unionId)
      requirePermission(context.actor, 'targets:read')
      const year = Number(day.slice(0, 4))
      const [topic] = await db.select({ id: trainingTopics.id, code: trainingTopics.code, name: trainingTopics.name }).from(trainingTopics).where(eq(trainingTopics.code, DEFAULT_TARGET_TOPIC))
      const figures =
        day === today && source === 'auto'
          ? await figuresFromRollups(under.id, day, topic?.id ?? null)
          : await figuresFromRecords(under.id, day, today, topic?.id ?? null)
      const programList = await programs(under.path, day, figures)

      const admissionsByMonthOfYear = Array.from({ length: Number(day.slice(5, 7)) }, (_, index) => {
        const month = `${year}-${String(index + 1).padStart(2, '0')}`
        return { month, admitted: figures.months.get(month) ?? 0 }
      })
      const admissionsByYear = Array.from({ length: YEARS_SHOWN }, (_, index) => {
        const shownYear = year - YEARS_SHOWN + 1 + index
        let admitted = 0
        for (const [month, count] of figures.months) if (month.startsWith(`${shownYear}-`)) admitted += count
        return { year: shownYear, admitted }
      })
      return {
        under: { id: under.id, code: under.code, name: under.name, unitTypeName: under.unitType.name },
        asOf: day,
        year,
        members: {
          active: figures.membersActive,
          female: figures.membersFemale,
          admittedThisYear: admissionsByMonthOfYear.reduce((sum, month) => sum + month.admitted, 0),
        },
        admissionsByMonth: admissionsByMonthOfYear,
        admissionsByYear,
        grassroots: {
          active: figures.bySector.reduce((sum, sector) => sum + sector.active, 0),
          bySector: figures.bySector,
          foundedThisYear: figures.founded,
        },
        agreements: {
          inForce: figures.agreementsInForce,
          coverage: share(figures.coverage.part, figures.coverage.whole),
        },
        chairpersonsTrained: {
          topic: topic ? { code: topic.code, name: topic.name } : null,
          share: topic ? share(figures.chairpersons.part, figures.chairpersons.whole) : share(0, 0),
        },
        ratings: figures.ratings,
        support: { programs: programList },
      }
    },
  }
}

export type DashboardService = ReturnType<typeof createDashboardService>
