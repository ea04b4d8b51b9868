import { sql } from 'drizzle-orm'
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { createdAt, id, updatedAt } from './columns.js'
import { unions } from './unions.schema.js'
import { users } from './users.schema.js'

/**
 * A webhook subscription: the event types it wants and the subtree they must happen in. The
 * secret signs each delivery, so it is kept (encrypted when WEBHOOK_SECRET_KEY is set) and shown
 * to the caller only on creation and rotation.
 */
export const webhookSubscriptions = pgTable(
  'webhook_subscriptions',
  {
    id: id(),
    name: text().notNull(),
    url: text().notNull(),
    eventTypes: text().array().notNull(),
    /** Root of the subtree whose events it receives. */
    unionId: uuid()
      .notNull()
      .references(() => unions.id),
    /** `plain:<secret>` or `aes256gcm:<iv>.<tag>.<ciphertext>` (base64url), see webhook-secrets.ts. */
    secret: text().notNull(),
    active: boolean().notNull().default(true),
    createdByUserId: uuid().references(() => users.id),
    /** Soft delete: its deliveries stay in the log; a deleted subscription receives nothing. */
    deletedAt: timestamp({ withTimezone: true, mode: 'date' }),
    version: integer().notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('webhook_subscriptions_union_idx').on(t.unionId)],
)

/**
 * The outbox: one row per event, written in the transaction of the change. `unionId` is where it
 * happened; an event describing the other side of a move (the union a member or unit left) names
 * in `excludedUnionId` the side it went to, so a subscription that sees both sides receives only
 * the event written for the destination (one delivery per change, never the other side's data).
 */
export const webhookEvents = pgTable(
  'webhook_events',
  {
    id: id(),
    type: text().notNull(),
    unionId: uuid().notNull(),
    excludedUnionId: uuid(),
    /** The envelope's `data`, personal fields already masked. */
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('webhook_events_created_idx').on(t.createdAt)],
)

/**
 * One event for one subscription, with its retry state. The dispatcher claims due rows
 * (`status = 'pending' AND next_attempt_at <= now()`, lease expired) with FOR UPDATE SKIP LOCKED.
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: id(),
    subscriptionId: uuid()
      .notNull()
      .references(() => webhookSubscriptions.id),
    eventId: uuid()
      .notNull()
      .references(() => webhookEvents.id),
    status: text({ enum: ['pending', 'succeeded', 'dead'] }).notNull().default('pending'),
    /** Attempts of the current run; a manual replay starts a new run. */
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true, mode: 'date' }).defaultNow(),
    /** The lease of the process delivering it; a crashed process's lease runs out and another takes it. */
    lockedUntil: timestamp({ withTimezone: true, mode: 'date' }),
    leaseId: uuid(),
    lastStatusCode: integer(),
    lastError: text(),
    lastAttemptAt: timestamp({ withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
  },
  (t) => [
    // The dispatcher's claim: due pending deliveries in time order.
    index('webhook_deliveries_due_idx')
      .on(t.nextAttemptAt)
      .where(sql`${t.status} = 'pending'`),
    // The delivery log of one subscription, newest first, filtered by status.
    index('webhook_deliveries_subscription_idx').on(t.subscriptionId, t.id),
    index('webhook_deliveries_event_idx').on(t.eventId),
    check('webhook_deliveries_status_valid', sql`${t.status} IN ('pending', 'succeeded', 'dead')`),
  ],
)

/** The delivery log: one row per attempt. */
export const webhookDeliveryAttempts = pgTable(
  'webhook_delivery_attempts',
  {
    id: id(),
    deliveryId: uuid()
      .notNull()
      .references(() => webhookDeliveries.id),
    attempt: integer().notNull(),
    attemptedAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
    durationMs: integer().notNull(),
    statusCode: integer(),
    error: text(),
    succeeded: boolean().notNull(),
  },
  (t) => [index('webhook_delivery_attempts_delivery_idx').on(t.deliveryId, t.attemptedAt)],
)
