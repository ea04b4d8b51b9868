import { sql } from 'drizzle-orm'
import {
  type AnyPgColumn,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { createdAt, id, treePath, updatedAt } from './columns.js'

export const unitTypes = pgTable('unit_types', {
  id: id(),
  code: text().notNull().unique(),
  name: text().notNull(),
  nameEn: text().notNull(),
  level: integer().notNull(),
  isGrassroots: boolean().notNull().default(false),
  sortOrder: integer().notNull().default(0),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
})

export const unions = pgTable(
  'unions',
  {
    id: id(),
    code: text().notNull(),
    name: text().notNull(),
    unitTypeId: uuid()
      .notNull()
      .references(() => unitTypes.id),
    parentId: uuid().references((): AnyPgColumn => unions.id),
    path: treePath().notNull(),
    depth: integer().notNull(),
    employerName: text(),
    employerTaxCode: text(),
    sector: text({ enum: ['state', 'non_state'] }),
    sectorKind: text(),
    workersEmployed: integer(),
    address: text(),
    phone: text(),
    foundingDecisionNumber: text(),
    foundingDecisionDate: date({ mode: 'string' }),
    foundingIssuerId: uuid().references((): AnyPgColumn => unions.id),
    establishedOn: date({ mode: 'string' }).notNull(),
    status: text({ enum: ['active', 'dissolved', 'merged'] })
      .notNull()
      .default('active'),
    statusEffectiveDate: date({ mode: 'string' }),
    statusReason: text(),
    mergedIntoId: uuid().references((): AnyPgColumn => unions.id),
    /** Normalized (lower-case, no diacritics) name, for sorting and cursor keys. */
    nameKey: text()
      .notNull()
      .generatedAlwaysAs(sql`liendoan_normalize(name)`),
    /** Normalized name, code and employer, searched with pg_trgm. */
    searchText: text()
      .notNull()
      .generatedAlwaysAs(
        // The employer is often the union's own name: kept once, the key is shorter and the search faster.
        sql`liendoan_normalize(name || ' ' || code || CASE WHEN employer_name IS NULL OR employer_name = name THEN '' ELSE ' ' || employer_name END || coalesce(' ' || employer_tax_code, ''))`,
      ),
    /*
     * Summaries kept current by triggers in the same transaction as the change, so reading a
     * union is one row: its ancestors (id and name, root first), how many units sit directly
     * under it, and its latest current rating.
     */
    ancestors: jsonb().$type<{ id: string; name: string }[]>().notNull().default([]),
    childCount: integer().notNull().default(0),
    latestRating: jsonb().$type<{ year: number; gradeCode: string; gradeLabel: string }>(),
    version: integer().notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('unions_code_key').on(t.code),
    uniqueIndex('unions_path_key').on(t.path),
    index('unions_parent_idx').on(t.parentId, t.nameKey, t.id),
    index('unions_name_key_idx').on(t.nameKey, t.id),
    index('unions_search_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
    check('unions_workers_nonnegative', sql`${t.workersEmployed} >= 0`),
    check('unions_not_own_parent', sql`${t.parentId} <> ${t.id}`),
    check('unions_status_valid', sql`${t.status} IN ('active', 'dissolved', 'merged')`),
    check('unions_sector_valid', sql`${t.sector} IN ('state', 'non_state')`),
  ],
)

/**
 * Every (ancestor, unit) pair of the current tree, the unit itself included, with the unit's
 * sort and search keys copied in. Kept by a trigger on `unions`, so no writer can forget it.
 * "Everything under X, in name order, matching a search" is then one walk of one index that
 * stops after a page, instead of sorting a whole province.
 */
export const unionAncestors = pgTable(
  'union_ancestors',
  {
    ancestorId: uuid().notNull(),
    unionId: uuid()
      .notNull()
      .references(() => unions.id, { onDelete: 'cascade' }),
    nameKey: text().notNull(),
    searchText: text().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.ancestorId, t.unionId] }),
    index('union_ancestors_union_idx').on(t.unionId),
  ],
)

/**
 * Where a unit sat in the tree over time. The current placement has `validTo` null;
 * "as of" queries read the placement valid on that date, so a report for a past
 * period stays true after a restructuring.
 */
export const unionPlacements = pgTable(
  'union_placements',
  {
    id: id(),
    unionId: uuid()
      .notNull()
      .references(() => unions.id),
    parentId: uuid().references(() => unions.id),
    path: treePath().notNull(),
    validFrom: date({ mode: 'string' }).notNull(),
    validTo: date({ mode: 'string' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('union_placements_union_idx').on(t.unionId, t.validFrom),
    index('union_placements_path_idx').on(t.path, t.validFrom),
    check('union_placements_valid_range', sql`${t.validTo} IS NULL OR ${t.validTo} > ${t.validFrom}`),
  ],
)

export const unionEvents = pgTable(
  'union_events',
  {
    id: id(),
    unionId: uuid()
      .notNull()
      .references(() => unions.id),
    kind: text().notNull(),
    effectiveDate: date({ mode: 'string' }).notNull(),
    decisionNumber: text(),
    reason: text(),
    details: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    actorUserId: uuid(),
    recordedAt: timestamp({ withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('union_events_union_idx').on(t.unionId, t.recordedAt, t.id)],
)

export const ratingScales = pgTable('rating_scales', {
  id: id(),
  code: text().notNull().unique(),
  name: text().notNull(),
  fromYear: integer().notNull(),
  toYear: integer(),
  createdAt: createdAt(),
})

export const ratingGrades = pgTable(
  'rating_grades',
  {
    id: id(),
    scaleId: uuid()
      .notNull()
      .references(() => ratingScales.id),
    code: text().notNull(),
    label: text().notNull(),
    labelEn: text().notNull(),
    rank: integer().notNull(),
    isStrong: boolean().notNull(),
  },
  (t) => [uniqueIndex('rating_grades_scale_code_key').on(t.scaleId, t.code)],
)

/** One current rating per union and year; replaced ratings stay as history. */
export const unionRatings = pgTable(
  'union_ratings',
  {
    id: id(),
    unionId: uuid()
      .notNull()
      .references(() => unions.id),
    year: integer().notNull(),
    gradeId: uuid()
      .notNull()
      .references(() => ratingGrades.id),
    note: text(),
    ratedByUserId: uuid(),
    ratedAt: timestamp({ withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    supersededAt: timestamp({ withTimezone: true, mode: 'date' }),
  },
  (t) => [
    uniqueIndex('union_ratings_current_key')
      .on(t.unionId, t.year)
      .where(sql`${t.supersededAt} IS NULL`),
    index('union_ratings_year_grade_idx').on(t.year, t.gradeId),
  ],
)
