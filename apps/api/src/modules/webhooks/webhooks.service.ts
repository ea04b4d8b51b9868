import type {
  CreateWebhookBody,
  PageOf,
  UpdateWebhookBody,
  Webhook,
  WebhookDelivery,
  WebhookDeliveryListQuery,
  WebhookEventType,
  WebhookListQuery,
  WebhookWithSecret,
} from '@liendoan/contracts'
import { type SQL, and, asc, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm'
import { v7 as uuidv7 } from 'uuid'
import type { Database } from '../../db/client.js'
import { unions, webhookDeliveries, webhookDeliveryAttempts, webhookEvents, webhookSubscriptions } from '../../db/schema/index.js'
import { type RequestContext, requirePermission } from '../../lib/actor.js'
import { diff, recordAudit } from '../../lib/audit.js'
import { staleVersion } from '../../lib/etag.js'
import { ProblemError, badRequest, notFound } from '../../lib/errors.js'
import { decodeCursor, pageSize, toPage } from '../../lib/pagination.js'
import { pathIncludesUnion, pathWithinSubtree } from '../unions/union-scope.js'
import type { UnionsService } from '../unions/unions.service.js'
import { generateWebhookSecret, sealWebhookSecret } from './webhook-secrets.js'

export interface WebhooksServiceDeps {
  db: Database
  unions: UnionsService
  /** WEBHOOK_SECRET_KEY: seals the stored secrets when set. */
  secretKey: string | undefined
}

const subscriptionColumns = {
  id: webhookSubscriptions.id,
  name: webhookSubscriptions.name,
  url: webhookSubscriptions.url,
  eventTypes: webhookSubscriptions.eventTypes,
  unionId: webhookSubscriptions.unionId,
  unionCode: unions.code,
  unionName: unions.name,
  unionPath: unions.path,
  active: webhookSubscriptions.active,
  createdByUserId: webhookSubscriptions.createdByUserId,
  version: webhookSubscriptions.version,
  createdAt: webhookSubscriptions.createdAt,
  updatedAt: webhookSubscriptions.updatedAt,
}

function selectSubscriptions(executor: Database) {
  return executor.select(subscriptionColumns).from(webhookSubscriptions).innerJoin(unions, eq(unions.id, webhookSubscriptions.unionId))
}

type SubscriptionRow = Awaited<ReturnType<typeof selectSubscriptions>>[number]

function presentWebhook(row: SubscriptionRow): Webhook {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    eventTypes: row.eventTypes as WebhookEventType[],
    union: { id: row.unionId, code: row.unionCode, name: row.unionName },
    active: row.active,
    createdBy: row.createdByUserId,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }
}

/** What the audit log keeps of a subscription: never its secret. */
function auditShape(webhook: Webhook): Record<string, unknown> {
  return { name: webhook.name, url: webhook.url, eventTypes: webhook.eventTypes, unionId: webhook.union.id, active: webhook.active }
}

/**
 * A receiver's address: http or https, a host, no credentials in it (they would be shown in every
 * list). The schema checked the scheme already; this also refuses what only looks like a URL.
 */
export function checkWebhookUrl(value: string, field = '/url'): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw badRequest(field, 'webhook_url_invalid', 'The webhook address is not a valid URL.')
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '' || url.username !== '' || url.password !== '') {
    throw badRequest(field, 'webhook_url_invalid', 'The webhook address must be an http:// or https:// URL without credentials.')
  }
  return url.toString()
}

const deliveryColumns = {
  id: webhookDeliveries.id,
  webhookId: webhookDeliveries.subscriptionId,
  eventId: webhookDeliveries.eventId,
  eventType: webhookEvents.type,
  status: webhookDeliveries.status,
  attempts: webhookDeliveries.attempts,
  nextAttemptAt: webhookDeliveries.nextAttemptAt,
  lastStatusCode: webhookDeliveries.lastStatusCode,
  lastError: webhookDeliveries.lastError,
  lastAttemptAt: webhookDeliveries.lastAttemptAt,
  createdAt: webhookDeliveries.createdAt,
}

type DeliveryRow = Awaited<ReturnType<typeof selectDeliveries>>[number]
type AttemptRow = typeof webhookDeliveryAttempts.$inferSelect

function selectDeliveries(executor: Database) {
  return executor.select(deliveryColumns).from(webhookDeliveries).innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
}

function presentDelivery(row: DeliveryRow, attempts: readonly AttemptRow[]): WebhookDelivery {
  return {
    id: row.id,
    webhookId: row.webhookId,
    eventId: row.eventId,
    eventType: row.eventType as WebhookEventType,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.status === 'pending' && row.nextAttemptAt ? row.nextAttemptAt.toISOString() : null,
    lastStatusCode: row.lastStatusCode,
    lastError: row.lastError,
    lastAttemptAt: row.lastAttemptAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    log: attempts
      .filter((attempt) => attempt.deliveryId === row.id)
      .map((attempt) => ({
        attempt: attempt.attempt,
        attemptedAt: attempt.attemptedAt.toISOString(),
        durationMs: attempt.durationMs,
        statusCode: attempt.statusCode,
        error: attempt.error,
        succeeded: attempt.succeeded,
      })),
  }
}

async function attemptsOf(executor: Database, deliveryIds: readonly string[]): Promise<AttemptRow[]> {
  if (deliveryIds.length === 0) return []
  return executor
    .select()
    .from(webhookDeliveryAttempts)
    .where(inArray(webhookDeliveryAttempts.deliveryId, [...deliveryIds]))
    .orderBy(asc(webhookDeliveryAttempts.attemptedAt), asc(webhookDeliveryAttempts.id))
}

/**
 * Webhook subscriptions of a subtree, their delivery log and manual replay. A subscription is
 * managed by accounts whose scope holds its root union; others get 404, as for a missing id.
 */
export function createWebhooksService(deps: WebhooksServiceDeps) {
  const { db, unions: unionsService, secretKey } = deps

  async function findVisible(executor: Database, context: RequestContext, id: string, options: { lock?: boolean } = {}): Promise<SubscriptionRow> {
    const query = selectSubscriptions(executor).where(and(eq(webhookSubscriptions.id, id), isNull(webhookSubscriptions.deletedAt)))
    const [row] = options.lock ? await query.for('update', { of: webhookSubscriptions }) : await query
    if (!row || !pathIncludesUnion(row.unionPath, context.actor.unionId)) throw notFound()
    requirePermission(context.actor, 'webhooks:manage')
    return row
  }

  async function reload(executor: Database, id: string): Promise<SubscriptionRow> {
    const [row] = await selectSubscriptions(executor).where(eq(webhookSubscriptions.id, id))
    if (!row) throw notFound()
    return row
  }

  async function findDelivery(executor: Database, webhookId: string, deliveryId: string): Promise<DeliveryRow> {
    const [row] = await selectDeliveries(executor).where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.subscriptionId, webhookId)))
    if (!row) throw notFound()
    return row
  }

  return {
    async list(context: RequestContext, query: WebhookListQuery): Promise<PageOf<Webhook>> {
      requirePermission(context.actor, 'webhooks:manage')
      const under = await unionsService.findVisible(db, context, query.under ?? context.actor.unionId)
      const conditions: (SQL | undefined)[] = [isNull(webhookSubscriptions.deletedAt), pathWithinSubtree(unions.path, under.id)]
      if (query.active !== undefined) conditions.push(eq(webhookSubscriptions.active, query.active))
      const cursor = decodeCursor(query.cursor, 2)
      if (cursor) conditions.push(sql`${webhookSubscriptions.id} > ${String(cursor[1])}::uuid`)
      const limit = pageSize(query.limit)
      const rows = await selectSubscriptions(db)
        .where(and(...conditions))
        .orderBy(webhookSubscriptions.id)
        .limit(limit + 1)
      return toPage(rows, limit, (row) => [null, row.id], presentWebhook)
    },

    async get(context: RequestContext, id: string): Promise<Webhook> {
      return presentWebhook(await findVisible(db, context, id))
    },

    async create(context: RequestContext, body: CreateWebhookBody): Promise<WebhookWithSecret> {
      requirePermission(context.actor, 'webhooks:manage')
      const union = await unionsService.findVisible(db, context, body.unionId ?? context.actor.unionId)
      const url = checkWebhookUrl(body.url)
      const secret = generateWebhookSecret()
      const id = uuidv7()
      return db.transaction(async (tx) => {
        await tx.insert(webhookSubscriptions).values({
          id,
          name: body.name.trim(),
          url,
          eventTypes: [...body.eventTypes],
          unionId: union.id,
          secret: sealWebhookSecret(secret, secretKey),
          active: body.active ?? true,
          createdByUserId: context.actor.userId,
        })
        const created = presentWebhook(await reload(tx, id))
        await recordAudit(tx, context, { action: 'webhook.create', entityType: 'webhook', entityId: id, unionId: union.id, after: auditShape(created) })
        return { ...created, secret }
      })
    },

    async update(context: RequestContext, id: string, expectedVersion: number, body: UpdateWebhookBody): Promise<Webhook> {
      const url = body.url === undefined ? undefined : checkWebhookUrl(body.url)
      return db.transaction(async (tx) => {
        const current = await findVisible(tx, context, id, { lock: true })
        if (current.version !== expectedVersion) throw staleVersion()
        await tx
          .update(webhookSubscriptions)
          .set({
            ...(body.name !== undefined ? { name: body.name.trim() } : {}),
            ...(url !== undefined ? { url } : {}),
            ...(body.eventTypes !== undefined ? { eventTypes: [...body.eventTypes] } : {}),
            ...(body.active !== undefined ? { active: body.active } : {}),
            version: sql`${webhookSubscriptions.version} + 1`,
            updatedAt: new Date(),
          })
          .where(eq(webhookSubscriptions.id, id))
        const after = presentWebhook(await reload(tx, id))
        await recordAudit(tx, context, { action: 'webhook.update', entityType: 'webhook', entityId: id, unionId: after.union.id, ...diff(auditShape(presentWebhook(current)), auditShape(after)) })
        return after
      })
    },

    /** Soft delete: the delivery log stays; deliveries still waiting are given up. */
    async remove(context: RequestContext, id: string): Promise<void> {
      await db.transaction(async (tx) => {
        const current = await findVisible(tx, context, id, { lock: true })
        await tx
          .update(webhookSubscriptions)
          .set({ deletedAt: new Date(), active: false, version: sql`${webhookSubscriptions.version} + 1`, updatedAt: new Date() })
          .where(eq(webhookSubscriptions.id, id))
        await tx
          .update(webhookDeliveries)
          .set({ status: 'dead', nextAttemptAt: null, lastError: 'The subscription was deleted.' })
          .where(and(eq(webhookDeliveries.subscriptionId, id), eq(webhookDeliveries.status, 'pending')))
        await recordAudit(tx, context, { action: 'webhook.delete', entityType: 'webhook', entityId: id, unionId: current.unionId, before: auditShape(presentWebhook(current)) })
      })
    },

    /** A new secret, effective for the next attempt; the old one stops working at once. */
    async rotateSecret(context: RequestContext, id: string): Promise<WebhookWithSecret> {
      const secret = generateWebhookSecret()
      return db.transaction(async (tx) => {
        const current = await findVisible(tx, context, id, { lock: true })
        await tx
          .update(webhookSubscriptions)
          .set({ secret: sealWebhookSecret(secret, secretKey), version: sql`${webhookSubscriptions.version} + 1`, updatedAt: new Date() })
          .where(eq(webhookSubscriptions.id, id))
        const after = presentWebhook(await reload(tx, id))
        await recordAudit(tx, context, { action: 'webhook.rotate_secret', entityType: 'webhook', entityId: id, unionId: current.unionId })
        return { ...after, secret }
      })
    },

    /** The delivery log, newest first, with every attempt of each delivery. */
    async deliveries(context: RequestContext, id: string, query: WebhookDeliveryListQuery): Promise<PageOf<WebhookDelivery>> {
      const subscription = await findVisible(db, context, id)
      const conditions: (SQL | undefined)[] = [eq(webhookDeliveries.subscriptionId, subscription.id)]
      if (query.status) conditions.push(eq(webhookDeliveries.status, query.status))
      const cursor = decodeCursor(query.cursor, 2)
      if (cursor) conditions.push(lt(webhookDeliveries.id, String(cursor[1])))
      const limit = pageSize(query.limit)
      const rows = await selectDeliveries(db)
        .where(and(...conditions))
        .orderBy(desc(webhookDeliveries.id))
        .limit(limit + 1)
      const attempts = await attemptsOf(db, rows.slice(0, limit).map((row) => row.id))
      return toPage(rows, limit, (row) => [null, row.id], (row) => presentDelivery(row, attempts))
    },

    /** Sends a delivery again now, with a new run of attempts, whatever became of it. */
    async replay(context: RequestContext, id: string, deliveryId: string): Promise<WebhookDelivery> {
      return db.transaction(async (tx) => {
        const subscription = await findVisible(tx, context, id)
        const [locked] = await tx
          .select({ lockedUntil: webhookDeliveries.lockedUntil, inFlight: sql<boolean>`${webhookDeliveries.lockedUntil} > now()` })
          .from(webhookDeliveries)
          .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.subscriptionId, subscription.id)))
          .for('update')
        if (!locked) throw notFound()
        if (locked.inFlight) throw new ProblemError(409, 'invalid_state', 'The delivery is being sent right now; look at its log again in a moment.')
        await tx
          .update(webhookDeliveries)
          .set({ status: 'pending', attempts: 0, nextAttemptAt: sql`now()`, lockedUntil: null, leaseId: null })
          .where(eq(webhookDeliveries.id, deliveryId))
        const row = await findDelivery(tx, subscription.id, deliveryId)
        await recordAudit(tx, context, { action: 'webhook.replay', entityType: 'webhook', entityId: subscription.id, unionId: subscription.unionId, after: { deliveryId } })
        return presentDelivery(row, await attemptsOf(tx, [deliveryId]))
      })
    },
  }
}

export type WebhooksService = ReturnType<typeof createWebhooksService>
