import type { Union, WebhookEventType } from '@liendoan/contracts'
import { type SQL, sql } from 'drizzle-orm'
import { v7 as uuidv7 } from 'uuid'
import type { Database } from '../../db/client.js'
import { selectRows } from '../../db/client.js'
import { uuidV7 } from '../../db/sql-uuid.js'

/** An event about to enter the outbox. */
export interface WebhookEventInput {
  type: WebhookEventType
  /** The union in whose subtree it happened: subscriptions rooted at it or above it receive it. */
  unionId: string
  /**
   * For the event written for the side a member or a unit left: the union it went to. A
   * subscription whose subtree holds that union receives the destination's event instead, so
   * it gets one delivery per change.
   */
  excludedUnionId?: string | null
  /** The envelope's `data`: no personal field unmasked, no details of unions outside `unionId`'s side. */
  data: Record<string, unknown>
}

/**
 * Subscriptions that receive an event: active, asking for its type, rooted at an ancestor-or-self
 * of its union (the union's materialized path names every ancestor) and, for the left-behind side
 * of a move, not at an ancestor-or-self of the destination.
 */
function matchingSubscriptions(event: { type: SQL; unionId: SQL; excludedUnionId: SQL }): SQL {
  return sql`
    SELECT s.id FROM webhook_subscriptions s
    WHERE s.active AND s.deleted_at IS NULL
      AND ${event.type} = ANY(s.event_types)
      AND EXISTS (SELECT 1 FROM unions u WHERE u.id = ${event.unionId} AND strpos(u.path, '/' || s.union_id::text || '/') > 0)
      AND (${event.excludedUnionId} IS NULL OR NOT EXISTS (
        SELECT 1 FROM unions x WHERE x.id = ${event.excludedUnionId} AND strpos(x.path, '/' || s.union_id::text || '/') > 0))`
}

/**
 * Writes events to the outbox and fans each out to a pending delivery per matching subscription,
 * in one statement on the caller's transaction: the events commit or roll back with the change.
 * Fan-out happens here rather than in the dispatcher so the receivers are those subscribed when
 * the change happened, and the dispatcher's claim reads one table.
 */
export async function recordWebhookEvents(tx: Database, events: readonly WebhookEventInput[]): Promise<void> {
  if (events.length === 0) return
  const rows = events.map(
    (event) =>
      sql`(${uuidv7()}::uuid, ${event.type}::text, ${event.unionId}::uuid, ${event.excludedUnionId ?? null}::uuid, ${JSON.stringify(event.data)}::jsonb)`,
  )
  await tx.execute(sql`
    WITH e AS (
      INSERT INTO webhook_events (id, type, union_id, excluded_union_id, payload)
      VALUES ${sql.join(rows, sql`, `)}
      RETURNING id, type, union_id, excluded_union_id
    )
    INSERT INTO webhook_deliveries (id, subscription_id, event_id, next_attempt_at)
    SELECT ${uuidV7}, m.id, e.id, now()
    FROM e CROSS JOIN LATERAL (${matchingSubscriptions({ type: sql`e.type`, unionId: sql`e.union_id`, excludedUnionId: sql`e.excluded_union_id` })}) m`)
}

export async function recordWebhookEvent(tx: Database, event: WebhookEventInput): Promise<void> {
  await recordWebhookEvents(tx, [event])
}

/**
 * Whether any active subscription wants events of `type`: bulk writers (the member import, the
 * expiry job) skip building payloads nobody is subscribed to. With no matching subscription an
 * event would fan out to no delivery anyway.
 */
export async function hasWebhookSubscribers(tx: Database, type: WebhookEventType): Promise<boolean> {
  const rows = await selectRows<{ one: number }>(
    tx,
    sql`SELECT 1 AS one FROM webhook_subscriptions WHERE active AND deleted_at IS NULL AND ${type} = ANY(event_types) LIMIT 1`,
  )
  return rows.length > 0
}

/**
 * The events of a move from one union to another (a member's transfer, a unit moved under a
 * new parent): the destination's event carries the full data and only the id of the origin; the
 * origin's event, for subscriptions that see only the origin, carries only the id of the destination.
 */
export function moveEvents(
  type: WebhookEventType,
  move: { fromUnionId: string; toUnionId: string; toSide: Record<string, unknown>; fromSide: Record<string, unknown> },
): WebhookEventInput[] {
  const events: WebhookEventInput[] = [{ type, unionId: move.toUnionId, data: move.toSide }]
  if (move.fromUnionId !== move.toUnionId) events.push({ type, unionId: move.fromUnionId, excludedUnionId: move.toUnionId, data: move.fromSide })
  return events
}

/**
 * A union as an event carries it: the API's representation without the names of the units above
 * it, which may lie outside the receiving subscription's subtree.
 */
export function webhookUnion(union: Union): Record<string, unknown> {
  const { ancestors: _ancestors, parentName: _parentName, ...rest } = union
  return rest
}
