import {
  type CreateUnionBody,
  type PageOf,
  type SectorKind,
  SectorKinds,
  type Union,
  type UnionChildrenQuery,
  type UnionEvent,
  type UnionListQuery,
  type UpdateUnionBody,
} from '@liendoan/contracts'
import { type SQL, type SQLWrapper, and, desc, eq, gte, inArray, isNull, lt, sql } from 'drizzle-orm'
import { v7 as uuidv7 } from 'uuid'
import type { Database } from '../../db/client.js'
import { unionAncestors, unionEvents, unionPlacements, unions, unitTypes, users } from '../../db/schema/index.js'
import { type RequestContext, requirePermission } from '../../lib/actor.js'
import { diff, recordAudit } from '../../lib/audit.js'
import { maxDate, todayInVietnam } from '../../lib/dates.js'
import { staleVersion } from '../../lib/etag.js'
import { type FieldErrorInput, ProblemError, notFound } from '../../lib/errors.js'
import { decodeCursor, pageSize, toPage } from '../../lib/pagination.js'
import {
  type UnionRow,
  pageStatements,
  uuidArray,
  placementValidOn,
  presentUnion,
  selectCurrent,
  selectOnDate,
  visibleTo,
} from './unions.repository.js'
import { recordWebhookEvent, webhookUnion } from '../webhooks/webhook-outbox.js'
import { narrowerSubtree, pathIncludesUnion, pathWithinSubtree } from './union-scope.js'

export interface UnionEventInput {
  unionId: string
  kind: UnionEvent['kind']
  effectiveDate: string
  decisionNumber?: string | null | undefined
  reason?: string | null | undefined
  details?: Record<string, unknown>
}

export async function recordUnionEvent(tx: Database, context: RequestContext, event: UnionEventInput): Promise<void> {
  await tx.insert(unionEvents).values({
    id: uuidv7(),
    unionId: event.unionId,
    kind: event.kind,
    effectiveDate: event.effectiveDate,
    decisionNumber: event.decisionNumber ?? null,
    reason: event.reason ?? null,
    details: event.details ?? {},
    actorUserId: context.actor.userId,
  })
}

/** Auditable snapshot of a union: its own fields, without derived ones. */
export function auditSnapshot(union: Union): Record<string, unknown> {
  const { childCount: _c, latestRating: _r, parentName: _p, foundingIssuerName: _f, ancestors: _a, createdAt: _ca, updatedAt: _u, unitType, ...rest } = union
  return { ...rest, unitTypeId: unitType.id }
}

type SearchMode = 'exact' | 'fuzzy'

/**
 * Where the ids of a list page come from. `id`, `nameKey` and `searchText` name the columns of
 * that source, so one paging and search routine serves the current tree (through the
 * union_ancestors index), the children of a unit, and the tree as of a date.
 */
/**
 * The unit whose subtree a list of the current tree walks: the actor's union, or `under` when
 * it lies inside the actor's subtree, or the actor's union when `under` is above it; NULL (no
 * rows) when the two are apart. Worked out inside the statement: one round trip.
 */
function listRoot(actorUnionId: string, under: string | undefined): SQL {
  if (!under) return sql`${actorUnionId}::uuid`
  return sql`(CASE
    WHEN EXISTS (SELECT 1 FROM union_ancestors r WHERE r.ancestor_id = ${actorUnionId} AND r.union_id = ${under}) THEN ${under}::uuid
    WHEN EXISTS (SELECT 1 FROM union_ancestors r WHERE r.ancestor_id = ${under} AND r.union_id = ${actorUnionId}) THEN ${actorUnionId}::uuid
  END)`
}

/** Units placed in the tree on `asOf`; callers add where. */
function onDateSource(asOf: string, joinUnitTypes: boolean): PageSource {
  return {
    from: sql`${unionPlacements} INNER JOIN ${unions} ON ${unions.id} = ${unionPlacements.unionId}${
      joinUnitTypes ? sql` INNER JOIN ${unitTypes} ON ${unitTypes.id} = ${unions.unitTypeId}` : sql``
    }`,
    id: unions.id,
    nameKey: unions.nameKey,
    searchText: unions.searchText,
    conditions: [placementValidOn(asOf)],
    asOf,
  }
}

interface PageSource {
  from: SQL
  id: SQLWrapper
  nameKey: SQLWrapper
  searchText: SQLWrapper
  conditions: (SQL | undefined)[]
  asOf?: string
}

/**
 * Accent-insensitive match over name, code, employer and tax code. "exact" is a substring
 * match; "fuzzy" (word similarity, for typos, through the trigram index) is only tried when the
 * exact search finds nothing, so near-misses never crowd out real matches.
 */
function searchCondition(source: PageSource, q: string, mode: SearchMode): SQL {
  return mode === 'exact'
    ? // strpos, not LIKE '%…%': no wildcards to escape, and about a fifth faster per row scanned.
      sql`strpos(${source.searchText}, liendoan_normalize(${q})) > 0`
    : sql`${source.id} IN (SELECT fuzzy.id FROM unions fuzzy WHERE liendoan_normalize(${q}) <<% fuzzy.search_text)`
}

export interface UnionsServiceDeps {
  db: Database
}

/** The union tree: reads scoped to the actor's subtree, edits, ratings. Restructuring is in restructure.service. */
export function createUnionsService(deps: UnionsServiceDeps) {
  const { db } = deps

  const statements = pageStatements(db)

  // The hottest read of the API, prepared once, by primary key alone: the scope check is made on
  // the row's own path, which names every ancestor, so it needs no second lookup.
  const getCurrentPrepared = selectCurrent(db).where(eq(unions.id, sql.placeholder('id'))).prepare('union_get_current')

  /** The union if the actor may see it; 404 otherwise, exactly like a missing id. */
  async function findVisible(executor: Database, context: RequestContext, id: string, asOf?: string): Promise<UnionRow> {
    const [row] =
      !asOf && executor === db
        ? (await getCurrentPrepared.execute({ id })).filter((current) => pathIncludesUnion(current.path, context.actor.unionId))
        : await (asOf ? selectOnDate(executor, asOf) : selectCurrent(executor)).where(
            and(eq(unions.id, id), visibleTo(context.actor.unionId, asOf)),
          )
    if (!row) throw notFound()
    return row
  }

  /**
   * Path bounds of what a list of the tree as of `asOf` may show: the actor's subtree then,
   * narrowed to `under`. Resolved to values first so the planner sees real bounds (a sub-select
   * hides them and its estimates go wrong at national scale). Null when the two are apart.
   */
  async function pathOnDateBounds(actorUnionId: string, under: string | undefined, asOf: string) {
    const ids = under ? [actorUnionId, under] : [actorUnionId]
    const rows = await db
      .select({ id: unionPlacements.unionId, path: unionPlacements.path })
      .from(unionPlacements)
      .where(and(inArray(unionPlacements.unionId, ids), placementValidOn(asOf)))
    const actorPath = rows.find((row) => row.id === actorUnionId)?.path
    return narrowerSubtree(actorPath, under ? rows.find((row) => row.id === under)?.path : actorPath)
  }

  // Lists always read through the shared handle: their prepared statements live on it.
  async function listWhere(
    source: PageSource,
    query: { limit?: number; cursor?: string; q?: string },
  ): Promise<PageOf<Union>> {
    const q = query.q?.trim()
    if (!q) return listPage(source, query)
    const cursor = decodeCursor(query.cursor, 3)
    const mode: SearchMode = cursor?.[2] === 'fuzzy' ? 'fuzzy' : 'exact'
    const page = await listPage(source, query, mode, searchCondition(source, q, mode))
    if (mode === 'exact' && !cursor && page.items.length === 0 && q.length >= 4) {
      return listPage(source, query, 'fuzzy', searchCondition(source, q, 'fuzzy'))
    }
    return page
  }

  /**
   * One page in two steps: the ids of the page from the narrowest query that can answer it
   * (it stops after `limit + 1` rows in name order), then the full rows for those ids only.
   */
  async function listPage(
    source: PageSource,
    query: { limit?: number; cursor?: string },
    mode?: SearchMode,
    search?: SQL,
  ): Promise<PageOf<Union>> {
    const limit = pageSize(query.limit)
    const cursor = decodeCursor(query.cursor, mode ? 3 : 2)
    const conditions = [
      sql`true`,
      ...source.conditions,
      search,
      cursor ? sql`(${source.nameKey}, ${source.id}) > (${String(cursor[0])}, ${String(cursor[1])}::uuid)` : undefined,
    ]
    const result = await db.execute(
      sql`SELECT ${source.id} AS id FROM ${source.from} WHERE ${and(...conditions)} ORDER BY ${source.nameKey}, ${source.id} LIMIT ${limit + 1}`,
    )
    const pageIds = (result as unknown as { rows: { id: string }[] }).rows.map((row) => row.id)
    if (pageIds.length === 0) return { items: [], nextCursor: null }
    const asOf = source.asOf
    const pageRows = asOf
      ? await selectOnDate(db, asOf).where(and(inArray(unions.id, pageIds), placementValidOn(asOf)))
      : await statements.currentRows.execute({ ids: uuidArray(pageIds) })
    const byId = new Map(pageRows.map((row) => [row.id, row]))
    const rows = pageIds.flatMap((id) => byId.get(id) ?? [])
    return toPage(rows, limit, (row) => (mode ? [row.nameKey, row.id, mode] : [row.nameKey, row.id]), presentUnion)
  }

  async function loadUnitType(executor: Database, id: string, field: string) {
    const [type] = await executor.select().from(unitTypes).where(eq(unitTypes.id, id))
    if (!type) throw new ProblemError(422, 'validation_failed', 'Unknown unit type.', [{ field, code: 'not_found' }])
    return type
  }

  async function checkIssuerExists(executor: Database, issuerId: string | null | undefined) {
    if (!issuerId) return
    const [row] = await executor.select({ id: unions.id }).from(unions).where(eq(unions.id, issuerId))
    if (!row) {
      throw new ProblemError(422, 'validation_failed', 'The issuing union does not exist.', [
        { field: '/foundingIssuerId', code: 'not_found' },
      ])
    }
  }

  /** Rules that JSON Schema can't say: sector kinds, grassroots-only fields, dates. */
  function checkFieldRules(values: Partial<CreateUnionBody>, isGrassroots: boolean, today: string) {
    const errors: FieldErrorInput[] = []
    if (values.sectorKind) {
      const allowed: readonly SectorKind[] = values.sector ? SectorKinds[values.sector] : []
      if (!allowed.includes(values.sectorKind)) errors.push({ field: '/sectorKind', code: 'sector_mismatch' })
    }
    if (!isGrassroots) {
      for (const field of ['sector', 'sectorKind', 'employerName', 'employerTaxCode', 'workersEmployed'] as const) {
        if (values[field] !== undefined && values[field] !== null) errors.push({ field: `/${field}`, code: 'not_grassroots' })
      }
    }
    for (const field of ['foundingDecisionDate', 'establishedOn'] as const) {
      const value = values[field]
      if (value && value > today) errors.push({ field: `/${field}`, code: 'future_date' })
    }
    if (errors.length) throw new ProblemError(422, 'validation_failed', 'Some fields are invalid.', errors)
  }

  return {
    findVisible,

    async list(context: RequestContext, query: UnionListQuery): Promise<PageOf<Union>> {
      requirePermission(context.actor, 'unions:read')
      const asOf = query.asOf
      const filters: (SQL | undefined)[] = []
      if (query.unitTypeId) filters.push(eq(unions.unitTypeId, query.unitTypeId))
      if (query.grassroots !== undefined) filters.push(eq(unitTypes.isGrassroots, query.grassroots))
      if (query.sector) filters.push(eq(unions.sector, query.sector))
      if (query.sectorKind) filters.push(eq(unions.sectorKind, query.sectorKind))
      if (query.status) filters.push(eq(unions.status, query.status))
      const joinUnitTypes = query.grassroots !== undefined
      let source: PageSource
      if (asOf) {
        const rootPath = await pathOnDateBounds(context.actor.unionId, query.under, asOf)
        if (!rootPath) return { items: [], nextCursor: null }
        source = onDateSource(asOf, joinUnitTypes)
        source.conditions.push(gte(unionPlacements.path, rootPath), lt(unionPlacements.path, `${rootPath}~`))
      } else {
        const joinUnions = filters.length > 0
        source = {
          from: sql`${unionAncestors}${joinUnions ? sql` INNER JOIN ${unions} ON ${unions.id} = ${unionAncestors.unionId}` : sql``}${
            joinUnitTypes ? sql` INNER JOIN ${unitTypes} ON ${unitTypes.id} = ${unions.unitTypeId}` : sql``
          }`,
          id: unionAncestors.unionId,
          nameKey: unionAncestors.nameKey,
          searchText: unionAncestors.searchText,
          conditions: [sql`${unionAncestors.ancestorId} = ${listRoot(context.actor.unionId, query.under)}`],
        }
      }
      if (query.under) source.conditions.push(sql`${source.id} <> ${query.under}`)
      source.conditions.push(...filters)
      if (query.ratingYear !== undefined || query.ratingGrade) {
        source.conditions.push(sql`EXISTS (
          SELECT 1 FROM union_ratings fr JOIN rating_grades fg ON fg.id = fr.grade_id
          WHERE fr.union_id = ${source.id} AND fr.superseded_at IS NULL
          ${query.ratingYear !== undefined ? sql`AND fr.year = ${query.ratingYear}` : sql``}
          ${query.ratingGrade ? sql`AND fg.code = ${query.ratingGrade}` : sql``})`)
      }
      return listWhere(source, query)
    },

    async get(context: RequestContext, id: string, asOf?: string): Promise<Union> {
      requirePermission(context.actor, 'unions:read')
      return presentUnion(await findVisible(db, context, id, asOf))
    },

    async children(context: RequestContext, id: string, query: UnionChildrenQuery): Promise<PageOf<Union>> {
      requirePermission(context.actor, 'unions:read')
      await findVisible(db, context, id, query.asOf)
      const source: PageSource = query.asOf
        ? onDateSource(query.asOf, false)
        : { from: sql`${unions}`, id: unions.id, nameKey: unions.nameKey, searchText: unions.searchText, conditions: [] }
      source.conditions.push(query.asOf ? eq(unionPlacements.parentId, id) : eq(unions.parentId, id))
      if (query.status) source.conditions.push(eq(unions.status, query.status))
      return listWhere(source, query)
    },

    async history(context: RequestContext, id: string, query: { limit?: number; cursor?: string }): Promise<PageOf<UnionEvent>> {
      requirePermission(context.actor, 'unions:read')
      await findVisible(db, context, id)
      const limit = pageSize(query.limit)
      const cursor = decodeCursor(query.cursor, 2)
      const rows = await db
        .select({ event: unionEvents, actorName: users.fullName })
        .from(unionEvents)
        .leftJoin(users, eq(users.id, unionEvents.actorUserId))
        .where(
          and(
            eq(unionEvents.unionId, id),
            cursor
              ? sql`(${unionEvents.recordedAt}, ${unionEvents.id}) < (${String(cursor[0])}::timestamptz, ${String(cursor[1])}::uuid)`
              : undefined,
          ),
        )
        .orderBy(desc(unionEvents.recordedAt), desc(unionEvents.id))
        .limit(limit + 1)
      return toPage(
        rows,
        limit,
        (row) => [row.event.recordedAt.toISOString(), row.event.id],
        ({ event, actorName }) => ({
          id: event.id,
          kind: event.kind as UnionEvent['kind'],
          effectiveDate: event.effectiveDate,
          decisionNumber: event.decisionNumber,
          reason: event.reason,
          details: event.details,
          actorName,
          recordedAt: event.recordedAt.toISOString(),
        }),
      )
    },

    async create(context: RequestContext, body: CreateUnionBody): Promise<Union> {
      return db.transaction(async (tx) => {
        // Lock the parent so a concurrent restructuring can't move it under us.
        const [parentRow] = await tx
          .select({ id: unions.id, path: unions.path, status: unions.status, depth: unions.depth, level: unitTypes.level })
          .from(unions)
          .innerJoin(unitTypes, eq(unitTypes.id, unions.unitTypeId))
          .where(and(eq(unions.id, body.parentId), pathWithinSubtree(unions.path, context.actor.unionId)))
          .for('update', { of: unions })
        if (!parentRow) throw notFound('The parent union does not exist or is outside your scope.')
        requirePermission(context.actor, 'unions:create')
        const type = await loadUnitType(tx, body.unitTypeId, '/unitTypeId')
        if (type.level <= parentRow.level) {
          throw new ProblemError(422, 'validation_failed', 'This unit type cannot sit under the chosen parent.', [
            { field: '/unitTypeId', code: 'invalid' },
          ])
        }
        if (parentRow.status !== 'active') {
          throw new ProblemError(422, 'invalid_state', 'The parent union is no longer active.', [{ field: '/parentId', code: 'invalid' }])
        }
        const today = todayInVietnam()
        checkFieldRules(body, type.isGrassroots, today)
        await checkIssuerExists(tx, body.foundingIssuerId)
        const establishedOn = body.establishedOn ?? body.foundingDecisionDate ?? today
        const id = uuidv7()
        const path = `${parentRow.path}${id}/`
        await tx.insert(unions).values({
          id,
          code: body.code.trim(),
          name: body.name.trim(),
          unitTypeId: type.id,
          parentId: parentRow.id,
          path,
          depth: parentRow.depth + 1,
          employerName: body.employerName ?? null,
          employerTaxCode: body.employerTaxCode ?? null,
          sector: body.sector ?? null,
          sectorKind: body.sectorKind ?? null,
          workersEmployed: body.workersEmployed ?? null,
          address: body.address ?? null,
          phone: body.phone ?? null,
          foundingDecisionNumber: body.foundingDecisionNumber ?? null,
          foundingDecisionDate: body.foundingDecisionDate ?? null,
          foundingIssuerId: body.foundingIssuerId ?? null,
          establishedOn,
        })
        // Its first placement can't start before the parent's own current placement does.
        const [parentPlacement] = await tx
          .select({ validFrom: unionPlacements.validFrom })
          .from(unionPlacements)
          .where(and(eq(unionPlacements.unionId, parentRow.id), isNull(unionPlacements.validTo)))
        await tx.insert(unionPlacements).values({
          id: uuidv7(),
          unionId: id,
          parentId: parentRow.id,
          path,
          validFrom: parentPlacement ? maxDate(establishedOn, parentPlacement.validFrom) : establishedOn,
        })
        await recordUnionEvent(tx, context, {
          unionId: id,
          kind: 'created',
          effectiveDate: establishedOn,
          decisionNumber: body.foundingDecisionNumber ?? null,
          details: { parentId: parentRow.id },
        })
        const created = presentUnion(await findVisible(tx, context, id))
        await recordWebhookEvent(tx, { type: 'union.created', unionId: id, data: { union: webhookUnion(created) } })
        await recordAudit(tx, context, { action: 'union.create', entityType: 'union', entityId: id, unionId: id, after: auditSnapshot(created) })
        return created
      })
    },

    async update(context: RequestContext, id: string, expectedVersion: number, body: UpdateUnionBody): Promise<Union> {
      return db.transaction(async (tx) => {
        const current = presentUnion(await findVisible(tx, context, id))
        requirePermission(context.actor, 'unions:update')
        if (current.version !== expectedVersion) throw staleVersion()
        const merged = { ...current, ...body }
        checkFieldRules(
          {
            sector: merged.sector,
            sectorKind: merged.sectorKind,
            ...(body.employerName !== undefined ? { employerName: body.employerName } : {}),
            ...(body.employerTaxCode !== undefined ? { employerTaxCode: body.employerTaxCode } : {}),
            ...(body.workersEmployed !== undefined ? { workersEmployed: body.workersEmployed } : {}),
            ...(body.sector !== undefined ? { sector: body.sector } : {}),
            ...(body.foundingDecisionDate !== undefined ? { foundingDecisionDate: body.foundingDecisionDate } : {}),
          },
          current.unitType.isGrassroots,
          todayInVietnam(),
        )
        if (body.foundingIssuerId !== undefined) await checkIssuerExists(tx, body.foundingIssuerId)
        const changes: Partial<typeof unions.$inferInsert> = {}
        for (const [key, value] of Object.entries(body) as [keyof UpdateUnionBody, unknown][]) {
          if (value === undefined) continue
          ;(changes as Record<string, unknown>)[key] = typeof value === 'string' ? value.trim() : value
        }
        const updated = await tx
          .update(unions)
          .set({ ...changes, version: sql`${unions.version} + 1`, updatedAt: new Date() })
          .where(and(eq(unions.id, id), eq(unions.version, expectedVersion)))
          .returning({ id: unions.id })
        if (updated.length === 0) throw staleVersion()
        const after = presentUnion(await findVisible(tx, context, id))
        const changed = diff(auditSnapshot(current), auditSnapshot(after))
        delete changed.before.version
        delete changed.after.version
        await recordUnionEvent(tx, context, {
          unionId: id,
          kind: 'updated',
          effectiveDate: todayInVietnam(),
          details: { fields: Object.keys(changed.after) },
        })
        await recordAudit(tx, context, {
          action: 'union.update',
          entityType: 'union',
          entityId: id,
          unionId: id,
          before: changed.before,
          after: changed.after,
        })
        return after
      })
    },
  }
}

export type UnionsService = ReturnType<typeof createUnionsService>
