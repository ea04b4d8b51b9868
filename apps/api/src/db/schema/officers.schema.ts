import { sql } from 'drizzle-orm'
import { boolean, check, date, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { createdAt, id, updatedAt } from './columns.js'
import { members } from './members.schema.js'
import { unions } from './unions.schema.js'

/** Positions in a union's bodies, as data. */
export const officerPositions = pgTable('officer_positions', {
  id: id(),
  code: text().notNull().unique(),
  name: text().notNull(),
  nameEn: text().notNull(),
  singleHolder: boolean().notNull().default(false),
  sortOrder: integer().notNull().default(0),
  createdAt: createdAt(),
})

/** A member holding a position in a union for a term. */
export const officerTerms = pgTable(
  'officer_terms',
  {
    id: id(),
    unionId: uuid()
      .notNull()
      .references(() => unions.id),
    memberId: uuid()
      .notNull()
      .references(() => members.id),
    positionId: uuid()
      .notNull()
      .references(() => officerPositions.id),
    /** Copied from the position so the database itself keeps one holder at a time. */
    singleHolder: boolean().notNull(),
    startedOn: date({ mode: 'string' }).notNull(),
    endedOn: date({ mode: 'string' }),
    termLabel: text(),
    employment: text({ enum: ['full_time', 'part_time'] }).notNull(),
    endReason: text(),
    version: integer().notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('officer_terms_union_idx').on(t.unionId, t.startedOn),
    index('officer_terms_member_idx').on(t.memberId, t.startedOn),
    index('officer_terms_position_idx').on(t.positionId, t.unionId).where(sql`${t.endedOn} IS NULL`),
    // At most one open term of a single-holder position (the chairperson) per union.
    uniqueIndex('officer_terms_one_holder_key')
      .on(t.unionId, t.positionId)
      .where(sql`${t.endedOn} IS NULL AND ${t.singleHolder}`),
    // A member holds a position once at a time.
    uniqueIndex('officer_terms_member_position_key')
      .on(t.memberId, t.positionId, t.unionId)
      .where(sql`${t.endedOn} IS NULL`),
    check('officer_terms_dates', sql`${t.endedOn} IS NULL OR ${t.endedOn} >= ${t.startedOn}`),
    check('officer_terms_employment_valid', sql`${t.employment} IN ('full_time', 'part_time')`),
  ],
)
