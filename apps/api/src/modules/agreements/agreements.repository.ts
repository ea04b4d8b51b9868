import {
  type Agreement,
  type AgreementDocument,
  type AgreementDocumentType,
  type AgreementEvent,
  type AgreementEventKind,
  type AgreementKind,
  type AgreementRef,
  type AgreementStatus,
  type AgreementTerms,
  EMPTY_AGREEMENT_TERMS,
  type Sector,
} from '@liendoan/contracts'
import { type SQL, type SQLWrapper, and, asc, eq, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import { v7 as uuidv7 } from 'uuid'
import { type Database, rowsOf } from '../../db/client.js'
import { agreementDocuments, agreementEvents, agreementGrades, agreements, unions, users } from '../../db/schema/index.js'
import { unionIdWithinSubtree } from '../unions/union-scope.js'

/*
 * Agreements' queries, drizzle only. Other modules (the agreement reports) scope and read
 * agreements through the helpers exported here: `agreementInSubtree`, `inForceOnDate`,
 * `selectAgreements` and `presentAgreement`.
 */

/* ---------- scope and the in-force rule ---------- */

/**
 * The agreement's union is `rootUnionId` or a unit below it (the visibility rule: an account sees
 * the agreements of its union's subtree). For statements over the `agreements` table.
 */
export function agreementInSubtree(rootUnionId: string | SQLWrapper): SQL {
  return unionIdWithinSubtree(agreements.unionId, rootUnionId)
}

/** Columns the in-force rule reads; defaults to the `agreements` table, or pass an alias's columns. */
export interface InForceColumns {
  inForceOn: SQLWrapper
  expiresOn: SQLWrapper
  endedOn: SQLWrapper
}

/**
 * In force on `date`: entered into force on or before it, not past its last day, and not ended
 * (terminated or replaced) on or before it. Dates only, never the status, so a report "as of" a
 * day says the same whenever the expiry job ran.
 */
export function inForceOnDate(date: string | SQLWrapper, columns: InForceColumns = agreements): SQL {
  const day = typeof date === 'string' ? sql`${date}::date` : date
  return sql`(${columns.inForceOn} <= ${day} AND ${columns.expiresOn} >= ${day} AND (${columns.endedOn} IS NULL OR ${columns.endedOn} > ${day}))`
}

/** The employer key a union + employer pair gets in the database (the one-at-a-time rule's key). */
export function employerKeyOf(employerName: string, employerTaxCode: string | null): SQL {
  return sql`coalesce(${employerTaxCode}::text, liendoan_normalize(${employerName}))`
}

/* ---------- agreements ---------- */

const graders = alias(users, 'grader')
const predecessors = alias(agreements, 'predecessor')

export const agreementColumns = {
  id: agreements.id,
  kind: agreements.kind,
  title: agreements.title,
  titleKey: sql<string>`liendoan_normalize(${agreements.title})`.as('title_key'),
  unionId: agreements.unionId,
  unionCode: unions.code,
  unionName: unions.name,
  unionSector: unions.sector,
  unionPath: unions.path,
  unionStatus: unions.status,
  employerName: agreements.employerName,
  employerTaxCode: agreements.employerTaxCode,
  employerKey: agreements.employerKey,
  status: agreements.status,
  signedOn: agreements.signedOn,
  effectiveOn: agreements.effectiveOn,
  expiresOn: agreements.expiresOn,
  registeredOn: agreements.registeredOn,
  registrationNumber: agreements.registrationNumber,
  inForceOn: agreements.inForceOn,
  endedOn: agreements.endedOn,
  endReason: agreements.endReason,
  workersCovered: agreements.workersCovered,
  terms: agreements.terms,
  favourableTerms: agreements.favourableTerms,
  notes: agreements.notes,
  gradeCode: agreements.gradeCode,
  gradeName: agreementGrades.name,
  gradedOn: agreements.gradedOn,
  gradedByUserId: agreements.gradedByUserId,
  gradedByName: graders.fullName,
  gradeNote: agreements.gradeNote,
  replacesId: agreements.replacesId,
  replacesTitle: predecessors.title,
  replacesStatus: predecessors.status,
  // The renewal that follows this agreement: the newest one not abandoned.
  replacedBy: sql<{ id: string; title: string; status: string } | null>`(
    SELECT json_build_object('id', s.id, 'title', s.title, 'status', s.status) FROM agreements s
     WHERE s.replaces_id = ${agreements.id} AND s.status <> 'terminated'
     ORDER BY s.created_at DESC, s.id DESC LIMIT 1)`,
  documentCount: sql<number>`(SELECT count(*)::int FROM agreement_documents d WHERE d.agreement_id = ${agreements.id})`,
  createdByUserId: agreements.createdByUserId,
  version: agreements.version,
  createdAt: agreements.createdAt,
  updatedAt: agreements.updatedAt,
}

/** Agreements with their union, grade, grader and the agreement they renew; add `.where(...)`. */
export function selectAgreements(executor: Database) {
  return executor
    .select(agreementColumns)
    .from(agreements)
    .innerJoin(unions, eq(unions.id, agreements.unionId))
    .leftJoin(agreementGrades, eq(agreementGrades.code, agreements.gradeCode))
    .leftJoin(graders, eq(graders.id, agreements.gradedByUserId))
    .leftJoin(predecessors, eq(predecessors.id, agreements.replacesId))
}

export type AgreementRow = Awaited<ReturnType<typeof selectAgreements>>[number]

/** Who stands for records written without an account (seeded data, the system). */
const NO_ACCOUNT = { id: '00000000-0000-0000-0000-000000000000', name: 'Hệ thống' }

/** Stored terms with every field present (rows written before a field existed read as its empty value). */
export function termsOf(stored: Partial<AgreementTerms> | null | undefined): AgreementTerms {
  return { ...EMPTY_AGREEMENT_TERMS, ...(stored ?? {}) }
}

function refOf(value: { id: string; title: string; status: string } | null): AgreementRef | null {
  return value ? { id: value.id, title: value.title, status: value.status as AgreementStatus } : null
}

/** Row → contract, the one place an agreement's JSON shape is made. */
export function presentAgreement(row: AgreementRow): Agreement {
  return {
    id: row.id,
    kind: row.kind as AgreementKind,
    title: row.title,
    union: { id: row.unionId, code: row.unionCode, name: row.unionName, sector: (row.unionSector ?? null) as Sector | null },
    employerName: row.employerName,
    employerTaxCode: row.employerTaxCode,
    status: row.status as AgreementStatus,
    signedOn: row.signedOn,
    effectiveOn: row.effectiveOn,
    expiresOn: row.expiresOn,
    registeredOn: row.registeredOn,
    registrationNumber: row.registrationNumber,
    inForceOn: row.inForceOn,
    endedOn: row.endedOn,
    endReason: row.endReason,
    workersCovered: row.workersCovered,
    terms: termsOf(row.terms),
    favourableTerms: row.favourableTerms,
    notes: row.notes,
    grade:
      row.gradeCode !== null && row.gradedOn !== null
        ? {
            code: row.gradeCode,
            name: row.gradeName ?? row.gradeCode,
            assessedOn: row.gradedOn,
            assessedBy: row.gradedByUserId ? { id: row.gradedByUserId, name: row.gradedByName ?? '' } : NO_ACCOUNT,
            note: row.gradeNote,
          }
        : null,
    replaces: row.replacesId ? refOf({ id: row.replacesId, title: row.replacesTitle ?? '', status: row.replacesStatus ?? 'negotiating' }) : null,
    replacedBy: refOf(row.replacedBy),
    documentCount: row.documentCount,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }
}

/** An agreement as the audit log keeps it: its own fields, without derived ones. */
export function agreementAuditSnapshot(row: AgreementRow): Record<string, unknown> {
  return {
    kind: row.kind,
    title: row.title,
    unionId: row.unionId,
    employerName: row.employerName,
    employerTaxCode: row.employerTaxCode,
    status: row.status,
    signedOn: row.signedOn,
    effectiveOn: row.effectiveOn,
    expiresOn: row.expiresOn,
    registeredOn: row.registeredOn,
    registrationNumber: row.registrationNumber,
    inForceOn: row.inForceOn,
    endedOn: row.endedOn,
    endReason: row.endReason,
    workersCovered: row.workersCovered,
    terms: termsOf(row.terms),
    favourableTerms: row.favourableTerms,
    notes: row.notes,
    gradeCode: row.gradeCode,
    gradedOn: row.gradedOn,
    gradedByUserId: row.gradedByUserId,
    gradeNote: row.gradeNote,
    replacesId: row.replacesId,
  }
}

/** Locks one agreement row for the rest of the transaction; false when there is none. */
export async function lockAgreement(tx: Database, id: string): Promise<boolean> {
  const rows = await tx.select({ id: agreements.id }).from(agreements).where(eq(agreements.id, id)).for('update')
  return rows.length > 0
}

/** The agreement holding the union + employer slot of `statuses`, other than `exceptId`. */
export async function findHolder(
  executor: Database,
  unionId: string,
  employerKey: SQL | string,
  statuses: readonly AgreementStatus[],
  exceptId?: string | null,
): Promise<{ id: string; title: string; status: AgreementStatus } | undefined> {
  const [row] = rowsOf<{ id: string; title: string; status: AgreementStatus }>(
    await executor.execute(sql`
      SELECT id, title, status FROM agreements
       WHERE union_id = ${unionId}::uuid AND employer_key = ${employerKey}
         AND status IN (${sql.join(
           statuses.map((status) => sql`${status}`),
           sql`, `,
         )})
         ${exceptId ? sql`AND id <> ${exceptId}::uuid` : sql``}
       LIMIT 1`),
  )
  return row
}

/* ---------- timeline ---------- */

export interface AgreementEventInput {
  agreementId: string
  kind: AgreementEventKind
  onDate: string
  fromStatus?: AgreementStatus | null
  toStatus?: AgreementStatus | null
  detail?: string | null
  /** null: the system (the expiry job). */
  actorUserId: string | null
}

/** Appends timeline events (in the transaction that makes the change). */
export async function insertAgreementEvents(tx: Database, events: readonly AgreementEventInput[]): Promise<void> {
  if (events.length === 0) return
  const now = new Date()
  await tx.insert(agreementEvents).values(
    events.map((event) => ({
      id: uuidv7(),
      agreementId: event.agreementId,
      kind: event.kind,
      onDate: event.onDate,
      fromStatus: event.fromStatus ?? null,
      toStatus: event.toStatus ?? null,
      detail: event.detail ?? null,
      actorUserId: event.actorUserId,
      at: now,
    })),
  )
}

export async function agreementTimeline(executor: Database, agreementId: string): Promise<AgreementEvent[]> {
  const rows = await executor
    .select({
      id: agreementEvents.id,
      kind: agreementEvents.kind,
      onDate: agreementEvents.onDate,
      fromStatus: agreementEvents.fromStatus,
      toStatus: agreementEvents.toStatus,
      detail: agreementEvents.detail,
      actorId: agreementEvents.actorUserId,
      actorName: users.fullName,
      at: agreementEvents.at,
    })
    .from(agreementEvents)
    .leftJoin(users, eq(users.id, agreementEvents.actorUserId))
    .where(eq(agreementEvents.agreementId, agreementId))
    .orderBy(asc(agreementEvents.at), asc(agreementEvents.id))
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind as AgreementEventKind,
    onDate: row.onDate,
    fromStatus: (row.fromStatus ?? null) as AgreementStatus | null,
    toStatus: (row.toStatus ?? null) as AgreementStatus | null,
    detail: row.detail,
    actor: row.actorId ? { id: row.actorId, name: row.actorName ?? '' } : null,
    at: row.at.toISOString(),
  }))
}

/* ---------- documents ---------- */

export const documentColumns = {
  id: agreementDocuments.id,
  agreementId: agreementDocuments.agreementId,
  type: agreementDocuments.type,
  fileName: agreementDocuments.fileName,
  mediaType: agreementDocuments.mediaType,
  sizeBytes: agreementDocuments.sizeBytes,
  sha256: agreementDocuments.sha256,
  storageKey: agreementDocuments.storageKey,
  uploadedByUserId: agreementDocuments.uploadedByUserId,
  uploadedByName: users.fullName,
  uploadedAt: agreementDocuments.uploadedAt,
}

export function selectDocuments(executor: Database) {
  return executor.select(documentColumns).from(agreementDocuments).leftJoin(users, eq(users.id, agreementDocuments.uploadedByUserId))
}

export type DocumentRow = Awaited<ReturnType<typeof selectDocuments>>[number]

export async function findDocument(executor: Database, agreementId: string, documentId: string): Promise<DocumentRow | undefined> {
  const [row] = await selectDocuments(executor).where(and(eq(agreementDocuments.id, documentId), eq(agreementDocuments.agreementId, agreementId)))
  return row
}

/** Row → contract for a document (the storage key stays inside). */
export function presentDocument(row: DocumentRow): AgreementDocument {
  return {
    id: row.id,
    agreementId: row.agreementId,
    type: row.type as AgreementDocumentType,
    fileName: row.fileName,
    mediaType: row.mediaType,
    sizeBytes: row.sizeBytes,
    sha256: row.sha256,
    uploadedBy: row.uploadedByUserId ? { id: row.uploadedByUserId, name: row.uploadedByName ?? '' } : NO_ACCOUNT,
    uploadedAt: row.uploadedAt.toISOString(),
  }
}
