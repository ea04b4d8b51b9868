import type {
  ChildResult,
  MetricResult,
  ResultChildrenQuery,
  ResultChildrenReport,
  ResultsQuery,
  ResultsReport,
  ResultTarget,
  Sector,
  TargetMetric,
  TargetParams,
  UnionStatus,
} from '@liendoan/contracts'
import { DEFAULT_TARGET_TOPIC, TargetMetricDefinitions, TargetMetrics } from '@liendoan/contracts'
import { eq, sql } from 'drizzle-orm'
import { type Database, selectRows } from '../../db/client.js'
import { trainingTopics } from '../../db/schema/index.js'
import { type RequestContext, requirePermission } from '../../lib/actor.js'
import { todayInVietnam } from '../../lib/dates.js'
import { badRequest } from '../../lib/errors.js'
import { sharePercent } from '../../lib/percent.js'
import { pathWithinSubtree } from '../unions/union-scope.js'
import type { UnionsService } from '../unions/unions.service.js'
import { type Figure, computeMetric } from './target-metrics.js'
import { type Period, resolvePeriod, resultDay } from './target-rules.js'
import { type TargetRow, targetsForPeriod } from './targets.repository.js'

export interface TargetResultsServiceDeps {
  db: Database
  unions: UnionsService
}

type Figures = Pick<ChildResult, 'value' | 'numerator' | 'denominator' | 'ratingYear' | 'target' | 'achievement'>

/**
 * The result against the target in percent, two decimals half up. Share metrics compare the
 * share with the target share (hundredths of a percent): (n / d) / (t / 10000), exactly.
 */
function achievementOf(metric: TargetMetric, figure: Figure, targetValue: number): number {
  if (TargetMetricDefinitions[metric].kind !== 'share') return sharePercent(BigInt(figure.value), BigInt(targetValue))
  return sharePercent(BigInt(figure.numerator ?? 0) * 10_000n, BigInt(figure.denominator ?? 0) * BigInt(targetValue))
}

function withTarget(metric: TargetMetric, figure: Figure, target: TargetRow | undefined): Figures {
  const resultTarget: ResultTarget | null = target
    ? { id: target.id, targetValue: target.targetValue, assignedBy: { id: target.assignedById, code: target.assignerCode, name: target.assignerName } }
    : null
  return { ...figure, target: resultTarget, achievement: target ? achievementOf(metric, figure, target.targetValue) : null }
}

const sameSector = (row: TargetRow, sector: Sector | null) => (row.sector ?? null) === sector

/**
 * Results against targets: every metric for a unit and period, and one metric for each child
 * unit (the drill-down). Computed from the records' dates and the union placements, so a past
 * period's figures survive a later restructuring; see target-metrics.ts for each definition.
 */
export function createTargetResultsService(deps: TargetResultsServiceDeps) {
  const { db, unions: unionsService } = deps

  async function scope(context: RequestContext, query: ResultsQuery) {
    const period: Period = resolvePeriod(query, '')
    const day = resultDay(period, query.asOf, todayInVietnam())
    const under = await unionsService.findVisible(db, context, query.under ?? context.actor.unionId)
    requirePermission(context.actor, 'targets:read')
    return { period, day, under: { id: under.id, code: under.code, name: under.name } }
  }

  async function topicId(code: string, field: string): Promise<string> {
    const [topic] = await db.select({ id: trainingTopics.id }).from(trainingTopics).where(eq(trainingTopics.code, code))
    if (!topic) throw badRequest(field, 'topic_unknown', 'No training topic has this code.')
    return topic.id
  }

  async function figureFor(rootIds: readonly string[], metric: TargetMetric, period: Period, day: string, sector: Sector | null, params: TargetParams) {
    const topic = metric === 'chairpersons_trained_share' ? await topicId(params.topic ?? DEFAULT_TARGET_TOPIC, 'topic') : undefined
    return computeMetric(db, rootIds, { metric, from: period.from, day, sector: sector ?? undefined, topicId: topic })
  }

  const zero: Figure = { value: 0, numerator: null, denominator: null, ratingYear: null }

  return {
    /** Every metric for the unit (all sectors), then one row per sector-specific target it has for the period. */
    async results(context: RequestContext, query: ResultsQuery): Promise<ResultsReport> {
      const { period, day, under } = await scope(context, query)
      const unitTargets = await targetsForPeriod(db, [under.id], period.from, period.to)
      const wanted: { metric: TargetMetric; sector: Sector | null; target: TargetRow | undefined }[] = [
        ...TargetMetrics.map((metric) => ({ metric, sector: null, target: unitTargets.find((t) => t.metric === metric && t.sector === null) })),
        ...unitTargets.filter((t) => t.sector !== null).map((t) => ({ metric: t.metric as TargetMetric, sector: t.sector, target: t })),
      ]
      const rows: MetricResult[] = []
      for (const item of wanted) {
        const params: TargetParams = item.metric === 'chairpersons_trained_share' ? { topic: item.target?.params.topic ?? DEFAULT_TARGET_TOPIC } : {}
        const figure = (await figureFor([under.id], item.metric, period, day, item.sector, params)).get(under.id) ?? zero
        const definition = TargetMetricDefinitions[item.metric]
        rows.push({ metric: item.metric, kind: definition.kind, label: definition.label, sector: item.sector, params, ...withTarget(item.metric, figure, item.target) })
      }
      return { under, periodFrom: period.from, periodTo: period.to, asOf: day, rows }
    },

    /**
     * One metric for the unit and each of its direct children as the tree stood on the day, plus
     * children closed during the period where they last stood, so the children add up to the
     * unit's figure for counts. Statuses are those of that day. Only children inside the caller's
     * scope are listed.
     */
    async children(context: RequestContext, query: ResultChildrenQuery): Promise<ResultChildrenReport> {
      const { period, day, under } = await scope(context, query)
      const definition = TargetMetricDefinitions[query.metric]
      if (query.sector && definition.kind !== 'share') throw badRequest('sector', 'sector_share_only')
      if (query.topic !== undefined && query.metric !== 'chairpersons_trained_share') throw badRequest('topic', 'params_not_applicable')
      const sector = query.sector ?? null
      const children = await selectRows<{ id: string; code: string; name: string; status: UnionStatus }>(
        db,
        sql`SELECT u.id, u.code, u.name,
                   CASE WHEN u.status_effective_date <= ${day}::date THEN u.status ELSE 'active' END AS status
              FROM unions u
              JOIN LATERAL (
                SELECT p.parent_id, p.valid_to FROM union_placements p
                 WHERE p.union_id = u.id AND p.valid_from <= ${day}::date
                 ORDER BY p.valid_from DESC LIMIT 1) lp ON true
             WHERE lp.parent_id = ${under.id}
               AND (lp.valid_to IS NULL OR lp.valid_to > ${period.from}::date)
               AND ${pathWithinSubtree(sql`u.path`, context.actor.unionId)}
             ORDER BY u.name_key, u.id`,
      )
      const ids = [under.id, ...children.map((child) => child.id)]
      const allTargets = (await targetsForPeriod(db, ids, period.from, period.to, query.metric)).filter((t) => sameSector(t, sector))
      const ownTarget = allTargets.find((t) => t.unitId === under.id)
      const params: TargetParams = query.metric === 'chairpersons_trained_share' ? { topic: query.topic ?? ownTarget?.params.topic ?? DEFAULT_TARGET_TOPIC } : {}
      const figures = await figureFor(ids, query.metric, period, day, sector, params)
      const figureOf = (id: string) => figures.get(id) ?? zero
      return {
        under,
        periodFrom: period.from,
        periodTo: period.to,
        asOf: day,
        metric: query.metric,
        kind: definition.kind,
        label: definition.label,
        sector,
        params,
        total: withTarget(query.metric, figureOf(under.id), ownTarget),
        children: children.map((child) => ({
          union: { id: child.id, code: child.code, name: child.name, status: child.status },
          ...withTarget(
            query.metric,
            figureOf(child.id),
            allTargets.find((t) => t.unitId === child.id),
          ),
        })),
      }
    },
  }
}

export type TargetResultsService = ReturnType<typeof createTargetResultsService>
