import { sql } from 'drizzle-orm'
import { bigint, check, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { byteOrderText, createdAt, id, treePath, updatedAt } from './columns.js'
import { unions } from './unions.schema.js'
import { users } from './users.schema.js'

/**
 * A member (đoàn viên). One row per person, whatever unions they passed through: the
 * memberships, cards, transfers and events below keep the history.
 */
export const members = pgTable(
  'members',
  {
    id: id(),
    /** The grassroots union the member belongs to now (the last one after leaving). */
    unionId: uuid()
      .notNull()
      .references(() => unions.id),
    /**
     * That union's tree path, copied in and kept current by triggers (on a transfer here, on a
     * restructuring of the tree), so "members under X" is one index range like unions.
     */
    unionPath: treePath().notNull().default(''),
    fullName: text().notNull(),
    /** Normalized (lower-case, no diacritics) name: sort key, cursor key, and prefix search. */
    nameKey: byteOrderText()
      .notNull()
      .generatedAlwaysAs(sql`liendoan_normalize(full_name)`),
    /** Normalized name and card number, searched with pg_trgm. */
    searchText: text()
      .notNull()
      .generatedAlwaysAs(sql`liendoan_normalize(full_name || coalesce(' ' || card_number, ''))`),
    dateOfBirth: date({ mode: 'string' }).notNull(),
    gender: text({ enum: ['male', 'female'] }).notNull(),
    /** CCCD, 12 digits; null only after erasure. Unique across the whole system. */
    citizenId: text(),
    /** Normalised to 0xxxxxxxxx. */
    phone: text(),
    ethnicity: text(),
    occupation: text(),
    admittedOn: date({ mode: 'string' }).notNull(),
    status: text({ enum: ['active', 'transferred_out', 'left', 'deceased'] })
      .notNull()
      .default('active'),
    statusDate: date({ mode: 'string' }),
    statusReason: text(),
    /** The active card, copied from membership_cards for lists and search (byte order: prefix search). */
    cardNumber: byteOrderText(),
    cardIssuedOn: date({ mode: 'string' }),
    cardStatus: text({ enum: ['none', 'active', 'lost'] })
      .notNull()
      .default('none'),
    erasedAt: timestamp({ withTimezone: true, mode: 'date' }),
    version: integer().notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('members_citizen_id_key').on(t.citizenId),
    uniqueIndex('members_card_number_key').on(t.cardNumber),
    index('members_union_idx').on(t.unionId, t.nameKey, t.id),
    index('members_union_path_idx').on(t.unionPath, t.nameKey, t.id),
    // members_name_key_idx (name_key, id) INCLUDE (union_path) is in the migrations: drizzle
    // cannot declare INCLUDE. It lets a name-ordered walk check the scope without visiting the table.
    index('members_search_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
    check('members_gender_valid', sql`${t.gender} IN ('male', 'female')`),
    check('members_status_valid', sql`${t.status} IN ('active', 'transferred_out', 'left', 'deceased')`),
    check('members_card_status_valid', sql`${t.cardStatus} IN ('none', 'active', 'lost')`),
    check('members_citizen_id_format', sql`${t.citizenId} ~ '^[0-9]{12}$'`),
  ],
)

/**
 * Every later word of a member's name with the rest of the name after it ("thi lan anh",
 * "lan anh", "anh" for "nguyen thi lan anh"), so that "a word of the name starts with the term"
 * is one index range, whatever the term's frequency. Kept by triggers on members (in the
 * migration), never written by the application. No primary key and no foreign key: the one
 * index is all that reads and the triggers need, and bulk imports pay for nothing more.
 */
export const memberNameSuffixes = pgTable('member_name_suffixes', {
  suffix: byteOrderText().notNull(),
  nameKey: byteOrderText().notNull(),
  memberId: uuid().notNull(),
  unionPath: treePath().notNull(),
})
// member_name_suffixes_idx (suffix, name_key, member_id) INCLUDE (union_path) is in the migration.

/** Periods of membership in one union. The open one (endedOn null) is the current one. */
export const memberships = pgTable(
  'memberships',
  {
    id: id(),
    memberId: uuid()
      .notNull()
      .references(() => members.id),
    unionId: uuid()
      .notNull()
      .references(() => unions.id),
    startedOn: date({ mode: 'string' }).notNull(),
    endedOn: date({ mode: 'string' }),
    /** transferred | transferred_out | left | deceased */
    endReason: text(),
    transferId: uuid(),
    createdAt: createdAt(),
  },
  (t) => [
    index('memberships_member_idx').on(t.memberId, t.startedOn),
    index('memberships_union_idx').on(t.unionId, t.startedOn),
    // At most one open membership per member: two concurrent transfers cannot both open one.
    uniqueIndex('memberships_one_open_key')
      .on(t.memberId)
      .where(sql`${t.endedOn} IS NULL`),
    check('memberships_dates', sql`${t.endedOn} IS NULL OR ${t.endedOn} >= ${t.startedOn}`),
  ],
)

/** Every card ever issued; the member row copies the active one. */
export const membershipCards = pgTable(
  'membership_cards',
  {
    id: id(),
    memberId: uuid()
      .notNull()
      .references(() => members.id),
    cardNumber: text().notNull(),
    kind: text({ enum: ['issue', 'renewal', 'reissue'] }).notNull(),
    issuedOn: date({ mode: 'string' }).notNull(),
    status: text({ enum: ['active', 'replaced', 'lost', 'cancelled'] })
      .notNull()
      .default('active'),
    endedOn: date({ mode: 'string' }),
    reason: text(),
    issuedByUserId: uuid(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('membership_cards_number_key').on(t.cardNumber),
    index('membership_cards_member_idx').on(t.memberId, t.issuedOn),
    uniqueIndex('membership_cards_one_active_key')
      .on(t.memberId)
      .where(sql`${t.status} = 'active'`),
  ],
)

/** Transfers between unions (chuyển sinh hoạt): direct inside one scope, requests across scopes. */
export const memberTransfers = pgTable(
  'member_transfers',
  {
    id: id(),
    memberId: uuid()
      .notNull()
      .references(() => members.id),
    fromUnionId: uuid()
      .notNull()
      .references(() => unions.id),
    toUnionId: uuid()
      .notNull()
      .references(() => unions.id),
    kind: text({ enum: ['direct', 'request'] }).notNull(),
    status: text({ enum: ['pending', 'accepted', 'rejected', 'cancelled', 'completed'] }).notNull(),
    effectiveDate: date({ mode: 'string' }).notNull(),
    reason: text(),
    decisionNote: text(),
    requestedByUserId: uuid().references(() => users.id),
    decidedByUserId: uuid().references(() => users.id),
    requestedAt: timestamp({ withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    decidedAt: timestamp({ withTimezone: true, mode: 'date' }),
  },
  (t) => [
    index('member_transfers_member_idx').on(t.memberId, t.requestedAt),
    index('member_transfers_to_idx').on(t.toUnionId, t.status, t.requestedAt),
    index('member_transfers_from_idx').on(t.fromUnionId, t.status, t.requestedAt),
    // One open request per member.
    uniqueIndex('member_transfers_one_pending_key')
      .on(t.memberId)
      .where(sql`${t.status} = 'pending'`),
    check('member_transfers_other_union', sql`${t.fromUnionId} <> ${t.toUnionId}`),
  ],
)

/** The member's timeline. Details never hold personal fields (CCCD, phone). */
export const memberEvents = pgTable(
  'member_events',
  {
    id: id(),
    memberId: uuid()
      .notNull()
      .references(() => members.id),
    kind: text().notNull(),
    occurredOn: date({ mode: 'string' }).notNull(),
    unionId: uuid().references(() => unions.id),
    details: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    actorUserId: uuid(),
    recordedAt: timestamp({ withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('member_events_member_idx').on(t.memberId, t.recordedAt, t.id)],
)

/** A spreadsheet import: validated first (dry run), committed later in one transaction. */
export const memberImportJobs = pgTable(
  'member_import_jobs',
  {
    id: id(),
    status: text({ enum: ['validating', 'validated', 'invalid', 'committing', 'committed', 'failed'] }).notNull(),
    fileName: text().notNull(),
    fileSize: bigint({ mode: 'number' }).notNull(),
    fileSha256: text().notNull(),
    format: text({ enum: ['xlsx', 'csv'] }).notNull(),
    /** The importer's scope root and the union for rows without a union code. */
    scopeUnionId: uuid()
      .notNull()
      .references(() => unions.id),
    defaultUnionId: uuid().references(() => unions.id),
    totalRows: integer().notNull().default(0),
    processedRows: integer().notNull().default(0),
    errorCount: integer().notNull().default(0),
    newRows: integer().notNull().default(0),
    existingRows: integer().notNull().default(0),
    failure: text(),
    createdByUserId: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    validatedAt: timestamp({ withTimezone: true, mode: 'date' }),
    committedAt: timestamp({ withTimezone: true, mode: 'date' }),
    updatedAt: updatedAt(),
  },
  (t) => [index('member_import_jobs_creator_idx').on(t.createdByUserId, t.createdAt)],
)

/** Valid rows of an import, staged until the commit copies them in one statement. */
export const memberImportRows = pgTable(
  'member_import_rows',
  {
    jobId: uuid()
      .notNull()
      .references(() => memberImportJobs.id, { onDelete: 'cascade' }),
    rowNumber: integer().notNull(),
    unionId: uuid().notNull(),
    fullName: text().notNull(),
    dateOfBirth: date({ mode: 'string' }).notNull(),
    gender: text().notNull(),
    citizenId: text().notNull(),
    phone: text(),
    ethnicity: text(),
    occupation: text(),
    admittedOn: date({ mode: 'string' }).notNull(),
    cardNumber: text(),
  },
  (t) => [uniqueIndex('member_import_rows_key').on(t.jobId, t.rowNumber)],
)

export const memberImportErrors = pgTable(
  'member_import_errors',
  {
    jobId: uuid()
      .notNull()
      .references(() => memberImportJobs.id, { onDelete: 'cascade' }),
    seq: integer().notNull(),
    rowNumber: integer().notNull(),
    columnName: text(),
    value: text(),
    code: text().notNull(),
    params: jsonb().$type<Record<string, unknown>>(),
  },
  (t) => [uniqueIndex('member_import_errors_key').on(t.jobId, t.seq)],
)
