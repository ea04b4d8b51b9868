import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core'

/**
 * Responses kept for `Idempotency-Key` retries, per account and route. In the database, not
 * in memory, so any API process can answer the retry.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    userId: uuid().notNull(),
    /** Method and route pattern, e.g. `POST /api/v1/members/imports`. */
    route: text().notNull(),
    key: text().notNull(),
    /** SHA-256 of the request (path, body): a different request under the same key is refused. */
    requestHash: text().notNull(),
    /** Null while the first request is still running. */
    statusCode: integer(),
    responseBody: jsonb().$type<unknown>(),
    responseHeaders: jsonb().$type<Record<string, string>>(),
    createdAt: timestamp({ withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.route, t.key] }), index('idempotency_keys_created_idx').on(t.createdAt)],
)
