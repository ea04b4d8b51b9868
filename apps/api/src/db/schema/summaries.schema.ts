import { date, integer, pgTable, primaryKey, uuid } from 'drizzle-orm/pg-core'
import { unions } from './unions.schema.js'

/*
 * Summary tables for the dashboard and the results at national scale (10 million members): kept
 * current by statement-level triggers on `members` in the same transaction as each change
 * (migration 0007), so they are never stale and a bulk import pays one grouped upsert per
 * statement, not one per row. They reference `unions` so that a wipe of the tree (TRUNCATE …
 * CASCADE) empties them too. Never written by application code.
 */

/** Active members of each grassroots union now (members.status = 'active', by members.union_id). */
export const unionMemberCounts = pgTable('union_member_counts', {
  unionId: uuid()
    .primaryKey()
    .references(() => unions.id),
  active: integer().notNull().default(0),
  activeFemale: integer().notNull().default(0),
})

/**
 * Admissions by the admitting union (the member's first membership: where they were when the
 * record was created) and the month of the admission date, whatever became of the member since.
 */
export const unionAdmissionMonths = pgTable(
  'union_admission_months',
  {
    unionId: uuid()
      .notNull()
      .references(() => unions.id),
    /** The first day of the month. */
    month: date({ mode: 'string' }).notNull(),
    admitted: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.unionId, t.month] })],
)
