import { bigint, date, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core'
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

/*
 * The dashboard's figures rolled up to every ancestor (migration 0009), so the root of a
 * national tree reads a few hundred rows instead of joining 130,000 units. A figure is a sum of
 * dated changes: a stock such as "agreements in force" is +1 on the day it starts and -1 on the day
 * it ends, so its value on a day is the sum of the changes up to that day, and it moves with the
 * calendar without a nightly job; a flow such as "founded" is summed over a period. Undated
 * figures (members now) use the day -infinity, ratings 1 January of their year. Changes older
 * than the years the dashboard reads are folded into the -infinity row (liendoan_fold_rollups).
 */

/** Each union's own changes (not its subtree's), recomputed from its records when they change. */
export const unionFigureChanges = pgTable(
  'union_figure_changes',
  {
    unionId: uuid()
      .notNull()
      .references(() => unions.id),
    figure: text().notNull(),
    day: date({ mode: 'string' }).notNull(),
    value: bigint({ mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.unionId, t.figure, t.day] })],
)

/** The sum of the changes of every union in the subtree of `unionId` (itself included), by today's tree. */
export const unionFigureRollups = pgTable(
  'union_figure_rollups',
  {
    unionId: uuid()
      .notNull()
      .references(() => unions.id),
    figure: text().notNull(),
    day: date({ mode: 'string' }).notNull(),
    value: bigint({ mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.unionId, t.figure, t.day] })],
)
