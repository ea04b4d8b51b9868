import type {
  CoverageMissingPerson,
  CoverageMissingQuery,
  CoverageQuery,
  CoverageReport,
  CoverageYear,
  PageOf,
  Sector,
  TrainingActivityQuery,
  TrainingActivityReport,
} from '@liendoan/contracts'
import { type SQL, eq, inArray, sql } from 'drizzle-orm'
import { type Database, selectRows } from '../../db/client.js'
import { officerPositions, trainingTopics } from '../../db/schema/index.js'
import { type RequestContext, requirePermission } from '../../lib/actor.js'
import { todayInVietnam } from '../../lib/dates.js'
import { type FieldErrorInput, ProblemError, badRequest } from '../../lib/errors.js'
import { decodeCursor, pageSize, toPage } from '../../lib/pagination.js'
import { sharePercent } from '../../lib/percent.js'
import { officerHoldersOn } from '../officers/officers.repository.js'
import { pathWithinSubtree } from '../unions/union-scope.js'
import { pathWithinSubtreeOnDate } from '../unions/unions.repository.js'
import type { UnionsService } from '../unions/unions.service.js'
import { holdsValidCertificate } from './trainings.repository.js'

export interface TrainingReportsServiceDeps {
  db: Database
  unions: UnionsService
}

/** The most years one coverage report covers. */
const MAX_YEARS = 20

interface TargetGroup {
  topicId: string
  underId: string
  positions: string[]
  sector: Sector | undefined
  grassroots: boolean
}

/** The date a year's group is read on: 31 December, or today for the current year. */
function asOfForYear(year: number, today: string): string {
  const end = `${year}-12-31`
  return end < today ? end : today
}

/** Reports over trainings: coverage of a target group, activity in a period. */
export function createTrainingReportsService(deps: TrainingReportsServiceDeps) {
  const { db, unions: unionsService } = deps

  async function targetGroup(context: RequestContext, query: CoverageQuery | CoverageMissingQuery) {
    requirePermission(context.actor, 'trainings:read')
    const [topic] = await db
      .select({ id: trainingTopics.id, code: trainingTopics.code, name: trainingTopics.name })
      .from(trainingTopics)
      .where(eq(trainingTopics.id, query.topicId))
    if (!topic) throw badRequest('topicId', 'not_found', 'No training topic has this id.')
    const under = await unionsService.findVisible(db, context, query.under ?? context.actor.unionId)
    const positions = [...new Set(query.position ?? ['chairperson'])]
    const known = await db.select({ code: officerPositions.code }).from(officerPositions).where(inArray(officerPositions.code, positions))
    const knownCodes = new Set(known.map((row) => row.code))
    const unknown = positions.filter((code) => !knownCodes.has(code))
    if (unknown.length) throw new ProblemError(400, 'validation_failed', `Unknown position: ${unknown.join(', ')}.`, [{ field: 'position', code: 'position_unknown' }])
    const group: TargetGroup = { topicId: topic.id, underId: under.id, positions, sector: query.sector, grassroots: query.grassroots ?? true }
    return { topic, under, group }
  }

  /**
   * The target group on a date, one row per person (their highest-ranked matching position):
   * holders on that date, in units that stood under `under` on that date, and in the actor's
   * subtree today (names outside it never leave).
   */
  function groupOn(context: RequestContext, group: TargetGroup, onDate: string): SQL {
    const holders = officerHoldersOn(onDate, { positions: group.positions, sector: group.sector, grassroots: group.grassroots })
    return sql`SELECT DISTINCT ON (h.member_id) h.member_id, h.union_id, h.position_code, h.position_name
      FROM (${holders}) h
      JOIN union_placements pl ON pl.union_id = h.union_id
       AND pl.valid_from <= ${onDate}::date AND (pl.valid_to IS NULL OR pl.valid_to > ${onDate}::date)
     WHERE ${pathWithinSubtreeOnDate(sql`pl.path`, group.underId, onDate)}
       AND ${pathWithinSubtree(sql`h.union_path`, context.actor.unionId)}
     ORDER BY h.member_id, h.position_sort`
  }

  return {
    /**
     * Coverage per year: of the people in the target group on 31 December (today for the current
     * year), how many held a valid certificate on the topic that day. Someone who changed union or
     * position during the year counts where they stood at the year's end.
     */
    async coverage(context: RequestContext, query: CoverageQuery): Promise<CoverageReport> {
      const errors: FieldErrorInput[] = []
      const today = todayInVietnam()
      const currentYear = Number(today.slice(0, 4))
      if (query.fromYear > query.toYear) errors.push({ field: 'fromYear', code: 'range_order' })
      else if (query.toYear - query.fromYear + 1 > MAX_YEARS) errors.push({ field: 'toYear', code: 'year_span', params: { max: MAX_YEARS } })
      if (query.toYear > currentYear) errors.push({ field: 'toYear', code: 'future_date' })
      if (errors.length) throw new ProblemError(400, 'validation_failed', 'Some parameters are invalid.', errors)
      const { topic, under, group } = await targetGroup(context, query)
      const years: CoverageYear[] = []
      for (let year = query.fromYear; year <= query.toYear; year++) {
        const asOf = asOfForYear(year, today)
        const [row] = await selectRows<{ target: number; certified: number }>(
          db,
          sql`WITH grp AS (${groupOn(context, group, asOf)})
              SELECT count(*)::int AS target,
                     count(*) FILTER (WHERE ${holdsValidCertificate(sql`grp.member_id`, group.topicId, asOf)})::int AS certified
                FROM grp`,
        )
        const target = row?.target ?? 0
        const certified = row?.certified ?? 0
        years.push({ year, asOf, target, certified, missing: target - certified, share: sharePercent(certified, target) })
      }
      return {
        topic,
        under: { id: under.id, code: under.code, name: under.name },
        positions: group.positions,
        sector: group.sector ?? null,
        grassroots: group.grassroots,
        years,
      }
    },

    /** Who in the target group lacked a valid certificate at the end of `year`, in name order. */
    async coverageMissing(context: RequestContext, query: CoverageMissingQuery): Promise<PageOf<CoverageMissingPerson>> {
      const today = todayInVietnam()
      if (query.year > Number(today.slice(0, 4))) throw badRequest('year', 'future_date')
      const { group } = await targetGroup(context, query)
      const asOf = asOfForYear(query.year, today)
      const limit = pageSize(query.limit)
      const cursor = decodeCursor(query.cursor, 2)
      if (cursor && typeof cursor[0] !== 'string') throw badRequest('cursor', 'invalid', 'The cursor is not one this API issued.')
      const after = cursor ? sql` AND (m.name_key, m.id) > (${String(cursor[0])}, ${String(cursor[1])}::uuid)` : sql``
      const rows = await selectRows<{
        member_id: string
        full_name: string
        name_key: string
        union_id: string
        union_code: string
        union_name: string
        position_code: string
        position_name: string
      }>(
        db,
        sql`WITH grp AS (${groupOn(context, group, asOf)})
            SELECT grp.member_id, m.full_name, m.name_key, grp.union_id, u.code AS union_code, u.name AS union_name,
                   grp.position_code, grp.position_name
              FROM grp JOIN members m ON m.id = grp.member_id JOIN unions u ON u.id = grp.union_id
             WHERE NOT ${holdsValidCertificate(sql`grp.member_id`, group.topicId, asOf)}${after}
             ORDER BY m.name_key, m.id
             LIMIT ${limit + 1}`,
      )
      return toPage(
        rows,
        limit,
        (row) => [row.name_key, row.member_id],
        (row) => ({
          memberId: row.member_id,
          fullName: row.full_name,
          union: { id: row.union_id, code: row.union_code, name: row.union_name },
          position: { code: row.position_code, name: row.position_name },
        }),
      )
    },

    /** Classes held in a period under a unit (first session in the period, running or completed) and their participants. */
    async activity(context: RequestContext, query: TrainingActivityQuery): Promise<TrainingActivityReport> {
      requirePermission(context.actor, 'trainings:read')
      if (query.from > query.to) throw badRequest('from', 'range_order')
      const under = await unionsService.findVisible(db, context, query.under ?? context.actor.unionId)
      const [row] = await selectRows<Omit<TrainingActivityReport, 'from' | 'to' | 'under'>>(
        db,
        sql`WITH cls AS (
              SELECT c.id FROM training_classes c JOIN unions ou ON ou.id = c.organiser_union_id
               WHERE c.status IN ('running', 'completed')
                 AND c.starts_on BETWEEN ${query.from}::date AND ${query.to}::date
                 AND ${pathWithinSubtree(sql`ou.path`, context.actor.unionId)}
                 AND ${pathWithinSubtree(sql`ou.path`, under.id)}),
            par AS (
              SELECT p.id, p.outcome,
                     (SELECT count(*) FROM training_attendance a WHERE a.participant_id = p.id AND a.present) AS attended
                FROM training_participants p WHERE p.class_id IN (SELECT id FROM cls) AND p.status = 'enrolled')
            SELECT (SELECT count(*) FROM cls)::int AS "classes",
                   (SELECT count(*) FROM par)::int AS "participants",
                   (SELECT count(*) FROM par WHERE attended > 0)::int AS "participantAttendances",
                   (SELECT coalesce(sum(attended), 0) FROM par)::int AS "sessionAttendances",
                   (SELECT count(*) FROM par WHERE outcome = 'completed')::int AS "completed",
                   (SELECT count(*) FROM training_certificates tc WHERE tc.class_id IN (SELECT id FROM cls) AND tc.status = 'valid')::int AS "certificates"`,
      )
      return {
        from: query.from,
        to: query.to,
        under: { id: under.id, code: under.code, name: under.name },
        classes: row?.classes ?? 0,
        participants: row?.participants ?? 0,
        participantAttendances: row?.participantAttendances ?? 0,
        sessionAttendances: row?.sessionAttendances ?? 0,
        completed: row?.completed ?? 0,
        certificates: row?.certificates ?? 0,
      }
    },
  }
}

export type TrainingReportsService = ReturnType<typeof createTrainingReportsService>
