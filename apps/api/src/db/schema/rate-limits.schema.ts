import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core'

/**
 * Fixed-window request counters of the rate limits, one row per limit and caller. In the
 * database, not in memory, so every API process counts against the same budget. The table is
 * UNLOGGED (see migration 0008): a counter is not worth a WAL flush per request, and losing
 * the counters in a crash only restarts the windows.
 */
export const rateLimitCounters = pgTable(
  'rate_limit_counters',
  {
    /** The limit (a route, or `*` for the general one) and the caller (`user:<id>` or `ip:<address>`). */
    key: text().primaryKey(),
    /** Requests counted in the current window. */
    hits: integer().notNull(),
    /** End of the current window; a request after it starts a new one. */
    resetAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('rate_limit_counters_reset_at_idx').on(t.resetAt)],
)
