import type { CreateTargetBody, PageOf, Target, TargetListQuery, TargetParams, UpdateTargetBody } from '@liendoan/contracts'
import { type TargetMetric, TargetMetricDefinitions } from '@liendoan/contracts'
import { type SQL, and, eq, gte, lte, sql } from 'drizzle-orm'
import { v7 as uuidv7 } from 'uuid'
import type { Database } from '../../db/client.js'
import { targets, trainingTopics } from '../../db/schema/index.js'
import { type RequestContext, actingUserId, requirePermission } from '../../lib/actor.js'
import { diff, recordAudit } from '../../lib/audit.js'
import { type FieldErrorInput, ProblemError, forbidden, notFound } from '../../lib/errors.js'
import { staleVersion } from '../../lib/etag.js'
import { decodeCursor, pageSize, toPage } from '../../lib/pagination.js'
import { violatedUniqueConstraint } from '../../lib/pg-errors.js'
import { pathIncludesUnion, pathWithinSubtree } from '../unions/union-scope.js'
import type { UnionsService } from '../unions/unions.service.js'
import { resolvePeriod } from './target-rules.js'
import { type TargetRow, presentTarget, selectTargets, unitPathColumn } from './targets.repository.js'

export interface TargetsServiceDeps {
  db: Database
  unions: UnionsService
}

const SHARE_MAX = 10_000

const invalid = (errors: FieldErrorInput[]) => new ProblemError(400, 'validation_failed', 'Some fields are invalid.', errors)

/** The checks on a target's figure and parameters that depend on its metric. */
async function checkFigure(executor: Database, metric: TargetMetric, targetValue: number | undefined, params: TargetParams | undefined): Promise<void> {
  const errors: FieldErrorInput[] = []
  const kind = TargetMetricDefinitions[metric].kind
  if (kind === 'share' && targetValue !== undefined && targetValue > SHARE_MAX) errors.push({ field: '/targetValue', code: 'share_above_100' })
  if (params?.topic !== undefined) {
    if (metric !== 'chairpersons_trained_share') errors.push({ field: '/params/topic', code: 'params_not_applicable' })
    else {
      const [topic] = await executor.select({ id: trainingTopics.id }).from(trainingTopics).where(eq(trainingTopics.code, params.topic))
      if (!topic) errors.push({ field: '/params/topic', code: 'topic_unknown' })
    }
  }
  if (errors.length) throw invalid(errors)
}

function auditShape(target: Target) {
  return {
    metric: target.metric,
    unitId: target.unit.id,
    assignedById: target.assignedBy.id,
    periodFrom: target.periodFrom,
    periodTo: target.periodTo,
    targetValue: target.targetValue,
    sector: target.sector,
    params: target.params,
    note: target.note,
  }
}

/**
 * Targets (chỉ tiêu): an upper union assigns a figure to a unit strictly below it for a period.
 * Anyone whose scope holds the unit reads the target; only a manager whose scope holds the
 * assigning union changes it (a unit never sets or edits its own targets).
 */
export function createTargetsService(deps: TargetsServiceDeps) {
  const { db, unions: unionsService } = deps

  /** The target if its unit is in the actor's scope; 404 otherwise, like a missing id. */
  async function findVisible(executor: Database, context: RequestContext, id: string): Promise<TargetRow> {
    const [row] = await selectTargets(executor).where(eq(targets.id, id))
    if (!row || !pathIncludesUnion(row.unitPath, context.actor.unionId)) throw notFound()
    return row
  }

  /** For changes: the actor manages targets and their scope holds the union that assigned it. */
  async function findManaged(executor: Database, context: RequestContext, id: string): Promise<TargetRow> {
    const row = await findVisible(executor, context, id)
    requirePermission(context.actor, 'targets:manage')
    if (!pathIncludesUnion(row.assignerPath, context.actor.unionId)) throw forbidden('Only the union that assigned the target, or one above it, may change it.')
    return row
  }

  return {
    async list(context: RequestContext, query: TargetListQuery): Promise<PageOf<Target>> {
      requirePermission(context.actor, 'targets:read')
      const under = await unionsService.findVisible(db, context, query.under ?? context.actor.unionId)
      const conditions: (SQL | undefined)[] = [pathWithinSubtree(unitPathColumn, under.id)]
      if (query.unitId) conditions.push(eq(targets.unitId, query.unitId))
      if (query.metric) conditions.push(eq(targets.metric, query.metric))
      if (query.year !== undefined || query.periodFrom !== undefined || query.periodTo !== undefined) {
        const period = resolvePeriod(query, '')
        conditions.push(lte(targets.periodFrom, period.to), gte(targets.periodTo, period.from))
      }
      const limit = pageSize(query.limit)
      const cursor = decodeCursor(query.cursor, 2)
      if (cursor) conditions.push(sql`(${targets.periodFrom}, ${targets.id}) > (${String(cursor[0])}::date, ${String(cursor[1])}::uuid)`)
      const rows = await selectTargets(db)
        .where(and(...conditions))
        .orderBy(targets.periodFrom, targets.id)
        .limit(limit + 1)
      return toPage(rows, limit, (row) => [row.periodFrom, row.id], presentTarget)
    },

    async get(context: RequestContext, id: string): Promise<Target> {
      requirePermission(context.actor, 'targets:read')
      return presentTarget(await findVisible(db, context, id))
    },

    async create(context: RequestContext, body: CreateTargetBody): Promise<Target> {
      requirePermission(context.actor, 'targets:manage')
      const period = resolvePeriod(body, '/')
      const unit = await unionsService.findVisible(db, context, body.unitId)
      const assigner = await unionsService.findVisible(db, context, body.assignedById ?? context.actor.unionId)
      const sector = body.sector ?? null
      if (sector !== null && TargetMetricDefinitions[body.metric].kind !== 'share') throw invalid([{ field: '/sector', code: 'sector_share_only' }])
      await checkFigure(db, body.metric, body.targetValue, body.params)
      // The statutes' chain of command: targets come from above, to a unit strictly below.
      if (unit.id === assigner.id || !pathIncludesUnion(unit.path, assigner.id)) {
        throw new ProblemError(422, 'validation_failed', 'A target is assigned to a unit strictly below the assigning union.', [{ field: '/unitId', code: 'target_not_below' }])
      }
      if (unit.status !== 'active') {
        throw new ProblemError(422, 'validation_failed', 'The unit has been dissolved or merged.', [{ field: '/unitId', code: 'union_not_active' }])
      }
      const id = uuidv7()
      try {
        return await db.transaction(async (tx) => {
          await tx.insert(targets).values({
            id,
            metric: body.metric,
            unitId: unit.id,
            assignedById: assigner.id,
            periodFrom: period.from,
            periodTo: period.to,
            sector,
            targetValue: body.targetValue,
            params: body.params ?? {},
            note: body.note ?? null,
            createdByUserId: actingUserId(context.actor),
          })
          const created = presentTarget(await findVisible(tx, context, id))
          await recordAudit(tx, context, { action: 'target.create', entityType: 'target', entityId: id, unionId: unit.id, after: auditShape(created) })
          return created
        })
      } catch (error) {
        if (violatedUniqueConstraint(error) === 'targets_unit_metric_period_key') {
          throw new ProblemError(409, 'duplicate', 'The unit already has a target on this metric for this period and sector.', [{ field: '/metric', code: 'unique' }])
        }
        throw error
      }
    },

    async update(context: RequestContext, id: string, expectedVersion: number, body: UpdateTargetBody): Promise<Target> {
      return db.transaction(async (tx) => {
        const row = await findManaged(tx, context, id)
        await checkFigure(tx, row.metric as TargetMetric, body.targetValue, body.params)
        const before = presentTarget(row)
        const [updated] = await tx
          .update(targets)
          .set({
            ...(body.targetValue !== undefined ? { targetValue: body.targetValue } : {}),
            ...(body.params !== undefined ? { params: body.params } : {}),
            ...(body.note !== undefined ? { note: body.note } : {}),
            version: sql`${targets.version} + 1`,
            updatedAt: new Date(),
          })
          .where(and(eq(targets.id, id), eq(targets.version, expectedVersion)))
          .returning({ id: targets.id })
        if (!updated) throw staleVersion()
        const after = presentTarget(await findVisible(tx, context, id))
        await recordAudit(tx, context, { action: 'target.update', entityType: 'target', entityId: id, unionId: row.unitId, ...diff(auditShape(before), auditShape(after)) })
        return after
      })
    },

    async remove(context: RequestContext, id: string): Promise<void> {
      await db.transaction(async (tx) => {
        const row = await findManaged(tx, context, id)
        await tx.delete(targets).where(eq(targets.id, id))
        await recordAudit(tx, context, { action: 'target.delete', entityType: 'target', entityId: id, unionId: row.unitId, before: auditShape(presentTarget(row)) })
      })
    },
  }
}

export type TargetsService = ReturnType<typeof createTargetsService>
