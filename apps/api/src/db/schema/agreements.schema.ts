import type { AgreementTerms } from '@liendoan/contracts'
import { sql } from 'drizzle-orm'
import { type AnyPgColumn, bigint, check, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { createdAt, id, updatedAt } from './columns.js'
import { unions } from './unions.schema.js'
import { users } from './users.schema.js'

/** The grading scheme, as data (A, B, C, D as the Hanoi federation grades agreements). */
export const agreementGrades = pgTable('agreement_grades', {
  code: text().primaryKey(),
  name: text().notNull(),
  criteria: text().notNull(),
  minFavourableTerms: integer().notNull().default(0),
  sortOrder: integer().notNull().default(0),
  createdAt: createdAt(),
})

const agreementStatuses = ['negotiating', 'signed', 'registered', 'in_force', 'expired', 'replaced', 'terminated'] as const

/**
 * A collective labour agreement (thỏa ước lao động tập thể). The dates say when it was in force
 * (`in_force_on` .. `expires_on`, cut short by `ended_on`), so reports "as of" a day read dates,
 * not the status, and stay true whenever the expiry job runs.
 */
export const agreements = pgTable(
  'agreements',
  {
    id: id(),
    kind: text({ enum: ['enterprise', 'sector', 'multi_employer'] })
      .notNull()
      .default('enterprise'),
    title: text().notNull(),
    unionId: uuid()
      .notNull()
      .references(() => unions.id),
    employerName: text().notNull(),
    employerTaxCode: text(),
    /** Who the employer is for the one-at-a-time rule: its tax code, else its normalized name. */
    employerKey: text()
      .notNull()
      .generatedAlwaysAs(sql`coalesce(employer_tax_code, liendoan_normalize(employer_name))`),
    /** Normalized title, employer and tax code, for the accent-insensitive search. */
    searchText: text()
      .notNull()
      .generatedAlwaysAs(sql`liendoan_normalize(title || ' ' || employer_name || coalesce(' ' || employer_tax_code, ''))`),
    status: text({ enum: agreementStatuses }).notNull().default('negotiating'),
    signedOn: date({ mode: 'string' }),
    effectiveOn: date({ mode: 'string' }),
    /** Last day in force. */
    expiresOn: date({ mode: 'string' }),
    registeredOn: date({ mode: 'string' }),
    registrationNumber: text(),
    inForceOn: date({ mode: 'string' }),
    /** Terminated or replaced: not in force from this day. */
    endedOn: date({ mode: 'string' }),
    endReason: text(),
    workersCovered: integer().notNull(),
    terms: jsonb().$type<AgreementTerms>().notNull(),
    /** favourableTermCount(terms), kept with the terms. */
    favourableTerms: integer().notNull().default(0),
    notes: text(),
    gradeCode: text().references(() => agreementGrades.code),
    gradedOn: date({ mode: 'string' }),
    gradedByUserId: uuid().references(() => users.id),
    gradeNote: text(),
    /** The agreement this one renews. */
    replacesId: uuid().references((): AnyPgColumn => agreements.id),
    createdByUserId: uuid().references(() => users.id),
    version: integer().notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // At most one agreement in force, and one on its way, per union and employer: the database
    // refuses the second even when two requests race.
    uniqueIndex('agreements_one_in_force_key')
      .on(t.unionId, t.employerKey)
      .where(sql`${t.status} = 'in_force'`),
    uniqueIndex('agreements_one_pending_key')
      .on(t.unionId, t.employerKey)
      .where(sql`${t.status} IN ('negotiating', 'signed', 'registered')`),
    index('agreements_union_idx').on(t.unionId, t.signedOn),
    index('agreements_signed_idx').on(t.signedOn, t.id),
    index('agreements_expires_idx').on(t.expiresOn, t.id).where(sql`${t.status} = 'in_force'`),
    index('agreements_effective_idx').on(t.effectiveOn).where(sql`${t.status} = 'registered'`),
    index('agreements_replaces_idx').on(t.replacesId),
    index('agreements_search_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
    check('agreements_status_valid', sql`${t.status} IN ('negotiating', 'signed', 'registered', 'in_force', 'expired', 'replaced', 'terminated')`),
    check('agreements_kind_valid', sql`${t.kind} IN ('enterprise', 'sector', 'multi_employer')`),
    check('agreements_workers_positive', sql`${t.workersCovered} > 0`),
    check(
      'agreements_signed_dates',
      sql`${t.status} IN ('negotiating', 'terminated') OR (${t.signedOn} IS NOT NULL AND ${t.effectiveOn} IS NOT NULL AND ${t.expiresOn} IS NOT NULL)`,
    ),
    check('agreements_dates_order', sql`${t.effectiveOn} >= ${t.signedOn} AND ${t.expiresOn} > ${t.effectiveOn}`),
    // The three-year cap, as a backstop to the service's check (the last day is at most 3 years less a day on).
    check('agreements_term_max', sql`${t.expiresOn} < ${t.effectiveOn} + interval '3 years'`),
    check('agreements_in_force_dated', sql`${t.status} NOT IN ('in_force', 'expired', 'replaced') OR ${t.inForceOn} IS NOT NULL`),
    check('agreements_ended_dated', sql`${t.status} NOT IN ('terminated', 'replaced') OR ${t.endedOn} IS NOT NULL`),
    check('agreements_graded', sql`(${t.gradeCode} IS NULL) = (${t.gradedOn} IS NULL)`),
  ],
)

/** The agreement's timeline: every status change, assessment and document, append-only. */
export const agreementEvents = pgTable(
  'agreement_events',
  {
    id: id(),
    agreementId: uuid()
      .notNull()
      .references(() => agreements.id),
    kind: text().notNull(),
    onDate: date({ mode: 'string' }).notNull(),
    fromStatus: text(),
    toStatus: text(),
    detail: text(),
    /** null: the system (the expiry job). */
    actorUserId: uuid().references(() => users.id),
    at: timestamp({ withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('agreement_events_agreement_idx').on(t.agreementId, t.at, t.id)],
)

/** A document of an agreement; the bytes live in the document storage under `storage_key`. */
export const agreementDocuments = pgTable(
  'agreement_documents',
  {
    id: id(),
    agreementId: uuid()
      .notNull()
      .references(() => agreements.id),
    type: text({ enum: ['agreement_text', 'signing_minutes', 'registration_notice', 'other'] }).notNull(),
    fileName: text().notNull(),
    mediaType: text().notNull(),
    sizeBytes: bigint({ mode: 'number' }).notNull(),
    sha256: text().notNull(),
    storageKey: text().notNull(),
    uploadedByUserId: uuid().references(() => users.id),
    uploadedAt: timestamp({ withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('agreement_documents_storage_key').on(t.storageKey),
    index('agreement_documents_agreement_idx').on(t.agreementId, t.uploadedAt),
    check('agreement_documents_type_valid', sql`${t.type} IN ('agreement_text', 'signing_minutes', 'registration_notice', 'other')`),
    check('agreement_documents_media_valid', sql`${t.mediaType} IN ('application/pdf', 'image/jpeg', 'image/png')`),
    check('agreement_documents_size_positive', sql`${t.sizeBytes} > 0`),
  ],
)
