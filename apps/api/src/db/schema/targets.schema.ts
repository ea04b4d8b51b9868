import type { TargetParams } from '@liendoan/contracts'
import { sql } from 'drizzle-orm'
import { bigint, check, date, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { createdAt, id, updatedAt } from './columns.js'
import { unions } from './unions.schema.js'
import { users } from './users.schema.js'

/**
 * A target (chỉ tiêu) an upper union assigns to a unit below it for a period. The metric is a
 * code defined in contracts (TargetMetrics); results are computed from the records, never stored.
 * `targetValue`: a count, whole VND, or a share in hundredths of a percent (8000 = 80.00%).
 */
export const targets = pgTable(
  'targets',
  {
    id: id(),
    metric: text().notNull(),
    unitId: uuid()
      .notNull()
      .references(() => unions.id),
    assignedById: uuid()
      .notNull()
      .references(() => unions.id),
    periodFrom: date({ mode: 'string' }).notNull(),
    periodTo: date({ mode: 'string' }).notNull(),
    sector: text({ enum: ['state', 'non_state'] }),
    targetValue: bigint({ mode: 'number' }).notNull(),
    params: jsonb().$type<TargetParams>().notNull().default({}),
    note: text(),
    createdByUserId: uuid()
      .notNull()
      .references(() => users.id),
    version: integer().notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // One target per unit, metric, period and sector (null sector: all sectors).
    uniqueIndex('targets_unit_metric_period_key').on(t.unitId, t.metric, t.periodFrom, t.periodTo, sql`coalesce(${t.sector}, '')`),
    index('targets_assigned_by_idx').on(t.assignedById),
    check('targets_period_order', sql`${t.periodFrom} <= ${t.periodTo}`),
    check('targets_value_positive', sql`${t.targetValue} > 0`),
    check('targets_not_self_assigned', sql`${t.unitId} <> ${t.assignedById}`),
    check('targets_sector_valid', sql`${t.sector} IN ('state', 'non_state')`),
  ],
)
