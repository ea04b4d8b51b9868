import type { DissolveUnionBody, MergeUnionBody, MoveUnionBody, RestructurePreview, Union } from '@liendoan/contracts'
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm'
import { v7 as uuidv7 } from 'uuid'
import type { Database } from '../../db/client.js'
import { unionPlacements, unions, unitTypes } from '../../db/schema/index.js'
import { type RequestContext, requirePermission } from '../../lib/actor.js'
import { recordAudit } from '../../lib/audit.js'
import { todayInVietnam } from '../../lib/dates.js'
import { ProblemError, forbidden, notFound } from '../../lib/errors.js'
import { pathWithinSubtree } from './union-scope.js'
import { moveEvents, recordWebhookEvent, recordWebhookEvents, webhookUnion } from '../webhooks/webhook-outbox.js'
import { presentUnion } from './unions.repository.js'
import { type UnionsService, auditSnapshot, recordUnionEvent } from './unions.service.js'

type Blocker = RestructurePreview['blockers'][number]

interface Node {
  id: string
  code: string
  name: string
  path: string
  depth: number
  parentId: string | null
  status: string
  level: number
  establishedOn: string
}

/**
 * Moving, merging and dissolving units, effective from a date. The current tree is rewritten
 * (paths of the whole subtree) and every affected unit's placement is closed on that date and
 * reopened under the new parent, so "as of" reads before the date still see the old tree.
 */
export function createRestructureService(deps: { db: Database; unions: UnionsService }) {
  const { db } = deps

  /** Loads and locks a unit in the actor's scope. */
  async function lockVisible(tx: Database, context: RequestContext, id: string, missing = notFound()): Promise<Node> {
    const [row] = await tx
      .select({
        id: unions.id,
        code: unions.code,
        name: unions.name,
        path: unions.path,
        depth: unions.depth,
        parentId: unions.parentId,
        status: unions.status,
        level: unitTypes.level,
        establishedOn: unions.establishedOn,
      })
      .from(unions)
      .innerJoin(unitTypes, eq(unitTypes.id, unions.unitTypeId))
      .where(and(eq(unions.id, id), pathWithinSubtree(unions.path, context.actor.unionId)))
      .for('update', { of: unions })
    if (!row) throw missing
    return row
  }

  /** The unit itself must sit strictly below the actor's own union: nobody restructures their own root. */
  function requireRestructureRight(context: RequestContext, unit: Node) {
    requirePermission(context.actor, 'unions:restructure')
    if (unit.id === context.actor.unionId) throw forbidden('You cannot restructure the union your account belongs to.')
  }

  async function subtree(tx: Database, root: Node) {
    return tx
      .select({ id: unions.id, path: unions.path, parentId: unions.parentId })
      .from(unions)
      .where(pathWithinSubtree(unions.path, root.id))
      .orderBy(asc(unions.path))
      .for('update')
  }

  async function directChildren(tx: Database, unit: Node) {
    return tx
      .select({ id: unions.id, code: unions.code, name: unions.name, status: unions.status })
      .from(unions)
      .where(eq(unions.parentId, unit.id))
      .orderBy(asc(unions.nameKey))
  }

  /** Latest start of a current placement in a set of units: an effective date must come after it. */
  async function latestPlacementStart(tx: Database, ids: string[]): Promise<string | undefined> {
    if (ids.length === 0) return undefined
    const [row] = await tx
      .select({ latest: sql<string | null>`max(${unionPlacements.validFrom})::text` })
      .from(unionPlacements)
      .where(and(inArray(unionPlacements.unionId, ids), isNull(unionPlacements.validTo)))
    return row?.latest ?? undefined
  }

  function dateBlockers(effectiveDate: string, latestStart: string | undefined): Blocker[] {
    const blockers: Blocker[] = []
    if (effectiveDate > todayInVietnam()) blockers.push({ code: 'future_date', message: 'The effective date is in the future.' })
    if (latestStart && effectiveDate < latestStart) {
      blockers.push({
        code: 'date_order',
        message: `The effective date is before the last change of place in this part of the tree (${latestStart}).`,
      })
    }
    return blockers
  }

  /**
   * Re-parents `root`'s subtree under `newParent` from `effectiveDate`: closes current placements,
   * opens new ones, rewrites paths. A placement that starts on the same date is corrected in place.
   */
  async function reparent(tx: Database, root: Node, newParent: Node, effectiveDate: string) {
    const nodes = await subtree(tx, root)
    const oldPrefix = root.path
    const newPrefix = `${newParent.path}${root.id}/`
    const depthDelta = newParent.depth + 1 - root.depth
    const ids = nodes.map((node) => node.id)

    const newPath = (path: string) => newPrefix + path.slice(oldPrefix.length)
    // Placements that began on the effective date are corrected instead of closed (empty range).
    const sameDay = await tx
      .select({ id: unionPlacements.id, unionId: unionPlacements.unionId })
      .from(unionPlacements)
      .where(and(inArray(unionPlacements.unionId, ids), isNull(unionPlacements.validTo), eq(unionPlacements.validFrom, effectiveDate)))
    const correctedUnionIds = new Set(sameDay.map((row) => row.unionId))
    for (const node of nodes) {
      if (!correctedUnionIds.has(node.id)) continue
      await tx
        .update(unionPlacements)
        .set({ path: newPath(node.path), parentId: node.id === root.id ? newParent.id : node.parentId })
        .where(and(eq(unionPlacements.unionId, node.id), isNull(unionPlacements.validTo)))
    }
    const toReopen = nodes.filter((node) => !correctedUnionIds.has(node.id))
    if (toReopen.length) {
      await tx
        .update(unionPlacements)
        .set({ validTo: effectiveDate })
        .where(and(inArray(unionPlacements.unionId, toReopen.map((node) => node.id)), isNull(unionPlacements.validTo)))
      for (let i = 0; i < toReopen.length; i += 1000) {
        await tx.insert(unionPlacements).values(
          toReopen.slice(i, i + 1000).map((node) => ({
            id: uuidv7(),
            unionId: node.id,
            parentId: node.id === root.id ? newParent.id : node.parentId,
            path: newPath(node.path),
            validFrom: effectiveDate,
          })),
        )
      }
    }
    await tx
      .update(unions)
      .set({
        path: sql`${newPrefix} || substr(${unions.path}, ${oldPrefix.length + 1})`,
        depth: sql`${unions.depth} + ${depthDelta}`,
        updatedAt: new Date(),
      })
      .where(inArray(unions.id, ids))
    await tx
      .update(unions)
      .set({ parentId: newParent.id, version: sql`${unions.version} + 1` })
      .where(eq(unions.id, root.id))
    return nodes.length
  }

  /** Takes a unit out of the tree from a date: its placement ends, its status records why. */
  async function closeUnit(
    tx: Database,
    unit: Node,
    status: 'merged' | 'dissolved',
    body: { effectiveDate: string; reason?: string | undefined },
    mergedIntoId: string | null,
  ) {
    // A placement that began that same day never really held: drop it rather than leave an empty range.
    await tx
      .delete(unionPlacements)
      .where(and(eq(unionPlacements.unionId, unit.id), isNull(unionPlacements.validTo), eq(unionPlacements.validFrom, body.effectiveDate)))
    await tx
      .update(unionPlacements)
      .set({ validTo: body.effectiveDate })
      .where(and(eq(unionPlacements.unionId, unit.id), isNull(unionPlacements.validTo)))
    await tx
      .update(unions)
      .set({
        status,
        statusEffectiveDate: body.effectiveDate,
        statusReason: body.reason ?? null,
        mergedIntoId,
        version: sql`${unions.version} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(unions.id, unit.id))
  }

  function refuse(blockers: Blocker[]): never {
    throw new ProblemError(422, 'invalid_restructure', blockers.map((blocker) => blocker.message).join(' '))
  }

  async function planMove(tx: Database, context: RequestContext, id: string, body: MoveUnionBody) {
    const unit = await lockVisible(tx, context, id)
    requireRestructureRight(context, unit)
    const target = await lockVisible(tx, context, body.newParentId, notFound('The new parent does not exist or is outside your scope.'))
    const nodes = await subtree(tx, unit)
    const blockers: Blocker[] = []
    if (unit.status !== 'active') blockers.push({ code: 'not_active', message: 'Only an active unit can be moved.' })
    if (target.status !== 'active') blockers.push({ code: 'target_not_active', message: 'The new parent is not active.' })
    if (target.path.startsWith(unit.path)) blockers.push({ code: 'cycle', message: 'A unit cannot move under itself or its own subtree.' })
    if (target.id === unit.parentId) blockers.push({ code: 'same_parent', message: 'The unit is already under this parent.' })
    if (target.level >= unit.level) blockers.push({ code: 'level', message: 'This unit type cannot sit under the chosen parent.' })
    if (target.establishedOn > body.effectiveDate) blockers.push({ code: 'date_order', message: 'The new parent did not exist on the effective date.' })
    blockers.push(...dateBlockers(body.effectiveDate, await latestPlacementStart(tx, nodes.map((node) => node.id))))
    return { unit, target, nodes, blockers }
  }

  async function planMerge(tx: Database, context: RequestContext, id: string, body: MergeUnionBody) {
    const unit = await lockVisible(tx, context, id)
    requireRestructureRight(context, unit)
    const target = await lockVisible(tx, context, body.targetId, notFound('The target union does not exist or is outside your scope.'))
    const nodes = await subtree(tx, unit)
    const children = await directChildren(tx, unit)
    const blockers: Blocker[] = []
    if (unit.status !== 'active') blockers.push({ code: 'not_active', message: 'Only an active unit can be merged.' })
    if (target.status !== 'active') blockers.push({ code: 'target_not_active', message: 'The target union is not active.' })
    if (target.id === unit.id || target.path.startsWith(unit.path)) {
      blockers.push({ code: 'cycle', message: 'A unit cannot merge into itself or its own subtree.' })
    }
    if (target.level !== unit.level) blockers.push({ code: 'level', message: 'Units can only merge into a unit of the same level.' })
    if (target.establishedOn > body.effectiveDate) blockers.push({ code: 'date_order', message: 'The target did not exist on the effective date.' })
    blockers.push(...dateBlockers(body.effectiveDate, await latestPlacementStart(tx, nodes.map((node) => node.id))))
    return { unit, target, nodes, children, blockers }
  }

  async function planDissolve(tx: Database, context: RequestContext, id: string, body: DissolveUnionBody) {
    const unit = await lockVisible(tx, context, id)
    requireRestructureRight(context, unit)
    const children = await directChildren(tx, unit)
    const blockers: Blocker[] = []
    if (unit.status !== 'active') blockers.push({ code: 'not_active', message: 'The unit is already dissolved or merged.' })
    if (children.some((child) => child.status === 'active')) {
      blockers.push({ code: 'has_active_children', message: 'Move, merge or dissolve its active child units first.' })
    }
    blockers.push(...dateBlockers(body.effectiveDate, await latestPlacementStart(tx, [unit.id])))
    return { unit, children, blockers }
  }

  const summary = (children: { id: string; code: string; name: string }[]) =>
    children.map(({ id, code, name }) => ({ id, code, name }))

  /** Runs a plan in a transaction that is always rolled back: previews never write. */
  async function dryRun<T>(work: (tx: Database) => Promise<T>): Promise<T> {
    const rollback = Symbol('preview')
    let result: T | undefined
    try {
      await db.transaction(async (tx) => {
        result = await work(tx)
        throw rollback
      })
    } catch (error) {
      if (error !== rollback) throw error
    }
    return result as T
  }

  async function finish(tx: Database, context: RequestContext, id: string, action: string, before: Union, extra: Record<string, unknown>) {
    const after = presentUnion(await deps.unions.findVisible(tx, context, id))
    await recordAudit(tx, context, {
      action,
      entityType: 'union',
      entityId: id,
      unionId: id,
      before: auditSnapshot(before),
      after: { ...auditSnapshot(after), ...extra },
    })
    return after
  }

  return {
    previewMove: (context: RequestContext, id: string, body: MoveUnionBody): Promise<RestructurePreview> =>
      dryRun(async (tx) => {
        const plan = await planMove(tx, context, id, body)
        return {
          operation: 'move',
          unitId: id,
          affectedUnitCount: plan.nodes.length,
          directChildren: summary(await directChildren(tx, plan.unit)),
          blockers: plan.blockers,
        }
      }),

    move: (context: RequestContext, id: string, body: MoveUnionBody): Promise<Union> =>
      db.transaction(async (tx) => {
        const before = presentUnion(await deps.unions.findVisible(tx, context, id))
        const plan = await planMove(tx, context, id, body)
        if (plan.blockers.length) refuse(plan.blockers)
        const moved = await reparent(tx, plan.unit, plan.target, body.effectiveDate)
        await recordUnionEvent(tx, context, {
          unionId: id,
          kind: 'moved',
          effectiveDate: body.effectiveDate,
          decisionNumber: body.decisionNumber,
          reason: body.reason,
          details: { fromParentId: plan.unit.parentId, toParentId: plan.target.id, affectedUnitCount: moved },
        })
        const after = await finish(tx, context, id, 'union.move', before, { affectedUnitCount: moved })
        if (plan.unit.parentId) {
          const common = { effectiveDate: body.effectiveDate, affectedUnitCount: moved }
          await recordWebhookEvents(
            tx,
            moveEvents('union.moved', {
              fromUnionId: plan.unit.parentId,
              toUnionId: id,
              toSide: { ...common, union: webhookUnion(after), fromParent: { id: plan.unit.parentId }, toParent: { id: plan.target.id } },
              fromSide: { ...common, union: { id, code: before.code, name: before.name }, fromParent: { id: plan.unit.parentId }, toParent: { id: plan.target.id } },
            }),
          )
        }
        return after
      }),

    previewMerge: (context: RequestContext, id: string, body: MergeUnionBody): Promise<RestructurePreview> =>
      dryRun(async (tx) => {
        const plan = await planMerge(tx, context, id, body)
        return {
          operation: 'merge',
          unitId: id,
          affectedUnitCount: plan.nodes.length,
          directChildren: summary(plan.children),
          blockers: plan.blockers,
        }
      }),

    /** Merges a unit into another: its child units move under the target; the unit closes as merged. */
    merge: (context: RequestContext, id: string, body: MergeUnionBody): Promise<Union> =>
      db.transaction(async (tx) => {
        const before = presentUnion(await deps.unions.findVisible(tx, context, id))
        const plan = await planMerge(tx, context, id, body)
        if (plan.blockers.length) refuse(plan.blockers)
        let moved = 0
        for (const child of plan.children) {
          const node = await lockVisible(tx, context, child.id)
          moved += await reparent(tx, node, plan.target, body.effectiveDate)
          await recordUnionEvent(tx, context, {
            unionId: child.id,
            kind: 'moved',
            effectiveDate: body.effectiveDate,
            decisionNumber: body.decisionNumber,
            reason: body.reason,
            details: { fromParentId: id, toParentId: plan.target.id, becauseOfMerge: true },
          })
        }
        await closeUnit(tx, plan.unit, 'merged', body, plan.target.id)
        const eventBase = { effectiveDate: body.effectiveDate, decisionNumber: body.decisionNumber, reason: body.reason }
        await recordUnionEvent(tx, context, {
          ...eventBase,
          unionId: id,
          kind: 'merged_into',
          details: { targetId: plan.target.id, movedChildren: plan.children.length },
        })
        await recordUnionEvent(tx, context, {
          ...eventBase,
          unionId: plan.target.id,
          kind: 'absorbed',
          details: { sourceId: id, movedChildren: plan.children.length },
        })
        // Members of the merged unit are moved by the members module once it exists (issue 3).
        const after = await finish(tx, context, id, 'union.merge', before, { targetId: plan.target.id, movedUnitCount: moved })
        const target = presentUnion(await deps.unions.findVisible(tx, context, plan.target.id))
        await recordWebhookEvents(
          tx,
          moveEvents('union.merged', {
            fromUnionId: id,
            toUnionId: plan.target.id,
            toSide: { effectiveDate: body.effectiveDate, source: { id }, target: webhookUnion(target), movedChildIds: plan.children.map((child) => child.id) },
            fromSide: { effectiveDate: body.effectiveDate, source: webhookUnion(after), target: { id: plan.target.id } },
          }),
        )
        return after
      }),

    previewDissolve: (context: RequestContext, id: string, body: DissolveUnionBody): Promise<RestructurePreview> =>
      dryRun(async (tx) => {
        const plan = await planDissolve(tx, context, id, body)
        return { operation: 'dissolve', unitId: id, affectedUnitCount: 1, directChildren: summary(plan.children), blockers: plan.blockers }
      }),

    dissolve: (context: RequestContext, id: string, body: DissolveUnionBody): Promise<Union> =>
      db.transaction(async (tx) => {
        const before = presentUnion(await deps.unions.findVisible(tx, context, id))
        const plan = await planDissolve(tx, context, id, body)
        if (plan.blockers.length) refuse(plan.blockers)
        await closeUnit(tx, plan.unit, 'dissolved', body, null)
        await recordUnionEvent(tx, context, {
          unionId: id,
          kind: 'dissolved',
          effectiveDate: body.effectiveDate,
          decisionNumber: body.decisionNumber,
          reason: body.reason,
        })
        const after = await finish(tx, context, id, 'union.dissolve', before, {})
        await recordWebhookEvent(tx, { type: 'union.dissolved', unionId: id, data: { effectiveDate: body.effectiveDate, union: webhookUnion(after) } })
        return after
      }),
  }
}

export type RestructureService = ReturnType<typeof createRestructureService>
