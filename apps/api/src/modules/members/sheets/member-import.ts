import type { ImportJob, ImportJobStatus, MemberSheetColumnKey, SpreadsheetFormat } from '@liendoan/contracts'
import { type SQL, eq, inArray, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import { type Database, rowsOf } from '../../../db/client.js'
import { uuidV7 } from '../../../db/sql-uuid.js'
import { memberImportJobs, memberImportRows, members, unions } from '../../../db/schema/index.js'
import type { RequestContext } from '../../../lib/actor.js'
import { recordAudit } from '../../../lib/audit.js'
import { pathWithinSubtree } from '../../unions/union-scope.js'
import { hasWebhookSubscribers, recordWebhookEvents } from '../../webhooks/webhook-outbox.js'
import { presentMember, selectMembers } from '../members.repository.js'
import { type ImportRowValues, type RowRecord, headerOf, validateRow } from './member-row-validation.js'
import { type HeaderMatch, type RowIssue, type SheetUnreadableError, isBlankRow, matchHeaders, openSheet } from './member-sheet-parser.js'

/**
 * The two phases of a member import, against the database:
 * - validation (the dry run) streams the file, checks every row, stages the rows that will
 *   create members in member_import_rows and the problems in member_import_errors, 1,000 rows
 *   per statement, and moves the job's progress counters as it goes;
 * - the commit copies the staged rows into members, memberships, cards and the timeline with
 *   set-based SQL in one transaction: all or nothing.
 */

/** Rows validated, staged and counted per round trip. */
const BATCH_ROWS = 1000
/** New members read and written to the webhook outbox per statement when a commit has listeners. */
const WEBHOOK_EVENT_BATCH = 1000

/**
 * Advisory lock taken by every commit, so two commits (of the same file, or of two files naming
 * the same people) run one after the other: the second sees the first's members and skips them.
 */
const MEMBER_IMPORT_LOCK_KEY = 7_140_213_002

/** Excel's last row: a sheet or CSV longer than that is not a member list (a runaway or hostile file). */
export const MAX_SHEET_ROWS = 1_048_576
/**
 * Problems stored per job. Past this the file is wrong throughout (a shifted column); the count
 * keeps going so the job says how many, and the list shows the first ones.
 */
export const MAX_STORED_ERRORS = 100_000

/** A job left in validating or committing this long is from a process that stopped. */
const STALE_AFTER_MINUTES = 15

export type ImportJobRow = typeof memberImportJobs.$inferSelect


/**
 * A PostgreSQL array literal: one parameter whatever the batch size, cast in SQL (`::text[]`).
 * Every element is quoted (so commas, braces and spaces in names are data); null is NULL.
 */
function pgArray(values: Iterable<string | number | null>): string {
  const items = [...values].map((value) =>
    value === null ? 'NULL' : `"${String(value).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`,
  )
  return `{${items.join(',')}}`
}


/* ---------- jobs ---------- */

export interface ImportJobView extends ImportJobRow {
  defaultUnionCode: string | null
  defaultUnionName: string | null
  /** Path of the importer's scope union: who else may see the job. */
  scopePath: string
}

const scopeUnion = alias(unions, 'scope_union')
const defaultUnion = alias(unions, 'default_union')

export async function loadImportJob(db: Database, jobId: string): Promise<ImportJobView | undefined> {
  const [row] = await db
    .select({ job: memberImportJobs, defaultUnionCode: defaultUnion.code, defaultUnionName: defaultUnion.name, scopePath: scopeUnion.path })
    .from(memberImportJobs)
    .innerJoin(scopeUnion, eq(scopeUnion.id, memberImportJobs.scopeUnionId))
    .leftJoin(defaultUnion, eq(defaultUnion.id, memberImportJobs.defaultUnionId))
    .where(eq(memberImportJobs.id, jobId))
  return row ? { ...row.job, defaultUnionCode: row.defaultUnionCode, defaultUnionName: row.defaultUnionName, scopePath: row.scopePath } : undefined
}

/** Row → contract: the one place an import job's JSON shape is made. */
export function presentImportJob(job: ImportJobView): ImportJob {
  return {
    id: job.id,
    status: job.status,
    fileName: job.fileName,
    fileSize: job.fileSize,
    format: job.format,
    defaultUnion:
      job.defaultUnionId && job.defaultUnionCode !== null && job.defaultUnionName !== null
        ? { id: job.defaultUnionId, code: job.defaultUnionCode, name: job.defaultUnionName }
        : null,
    totalRows: job.totalRows,
    processedRows: job.processedRows,
    errorCount: job.errorCount,
    newRows: job.newRows,
    existingRows: job.existingRows,
    failure: job.failure,
    createdAt: job.createdAt.toISOString(),
    validatedAt: job.validatedAt?.toISOString() ?? null,
    committedAt: job.committedAt?.toISOString() ?? null,
  }
}

/**
 * Marks a job failed when the process working on it stopped (a restart in the middle of a
 * validation): otherwise the web app would poll it forever. Progress moves `updated_at` every
 * batch, so only a job silent for minutes qualifies.
 */
export async function failIfStale(db: Database, job: ImportJobView): Promise<ImportJobView> {
  if (job.status !== 'validating' && job.status !== 'committing') return job
  const result = await db.execute(sql`
    UPDATE member_import_jobs SET status = 'failed', failure = ${INTERRUPTED}, updated_at = now()
    WHERE id = ${job.id} AND status IN ('validating', 'committing')
      AND updated_at < now() - make_interval(mins => ${STALE_AFTER_MINUTES})
    RETURNING id`)
  return rowsOf(result).length > 0 ? { ...job, status: 'failed', failure: INTERRUPTED } : job
}

/** A validated file not committed within this many hours is dropped, with its staged rows. */
export const IMPORT_KEPT_HOURS = 24
/** Row errors (they quote the cells) are kept this long for the importer to read. */
export const IMPORT_ERRORS_KEPT_DAYS = 30
export const EXPIRED = 'Tệp đã được kiểm tra hơn 24 giờ trước mà chưa ghi. Hãy tải tệp lên lại.'

/**
 * Staged rows hold the personal data of people who are not members (yet): they stay only while
 * a commit may still come. A job left validated for a day fails as expired and loses them, as do
 * invalid and failed jobs; row errors go after 30 days. Runs whenever an import starts, so no
 * scheduler is needed. A commit claimed meanwhile wins: the expiry re-checks the status under the
 * row lock and only jobs it expired (or that were already finished) lose their rows.
 */
export async function purgeExpiredImports(db: Database): Promise<void> {
  const cutoff = sql`now() - make_interval(hours => ${IMPORT_KEPT_HOURS})`
  await db.execute(sql`
    WITH expired AS (
      UPDATE member_import_jobs SET status = 'failed', failure = ${EXPIRED}, updated_at = now()
      WHERE status = 'validated' AND updated_at < ${cutoff}
      RETURNING id
    ),
    staged AS (
      DELETE FROM member_import_rows WHERE job_id IN (
        SELECT id FROM expired
        UNION ALL
        SELECT id FROM member_import_jobs WHERE status IN ('invalid', 'failed') AND updated_at < ${cutoff})
    )
    DELETE FROM member_import_errors WHERE job_id IN (
      SELECT id FROM member_import_jobs WHERE updated_at < now() - make_interval(days => ${IMPORT_ERRORS_KEPT_DAYS}))`)
}

export const INTERRUPTED = 'Máy chủ đã dừng khi đang xử lý tệp. Hãy tải tệp lên lại.'
export const UNEXPECTED_FAILURE = 'Lỗi hệ thống khi xử lý tệp. Hãy thử lại; nếu vẫn lỗi, hãy báo cho quản trị viên.'
export const CHANGED_DURING_COMMIT = 'Dữ liệu đoàn viên đã thay đổi trong khi ghi. Hãy tải tệp lên lại để kiểm tra lại.'

/** Thrown between batches when the server is shutting down. */
export class ImportInterruptedError extends Error {
  constructor() {
    super('import interrupted by shutdown')
    this.name = 'ImportInterruptedError'
  }
}

/* ---------- errors ---------- */

interface StoredIssue extends RowIssue {
  rowNumber: number
}

/** Appends problems to a job, numbering them after those it already has. */
async function insertIssues(tx: Database, jobId: string, firstSeq: number, issues: readonly StoredIssue[]): Promise<void> {
  for (let start = 0; start < issues.length; start += BATCH_ROWS) {
    const chunk = issues.slice(start, start + BATCH_ROWS)
    // Column arrays through unnest: a few parameters per statement instead of seven per row.
    await tx.execute(sql`
      INSERT INTO member_import_errors (job_id, seq, row_number, column_name, value, code, params)
      SELECT ${jobId}::uuid, e.* FROM unnest(
        ${pgArray(chunk.map((_, index) => firstSeq + start + index))}::int[],
        ${pgArray(chunk.map((issue) => issue.rowNumber))}::int[],
        ${pgArray(chunk.map((issue) => issue.column))}::text[],
        ${pgArray(chunk.map((issue) => issue.value))}::text[],
        ${pgArray(chunk.map((issue) => issue.code))}::text[],
        ${pgArray(chunk.map((issue) => (issue.params ? JSON.stringify(issue.params) : null)))}::jsonb[]
      ) AS e`)
  }
}

/** Stages rows that will create members, as column arrays through unnest (one statement per batch). */
async function insertStagedRows(tx: Database, jobId: string, rows: readonly StagedRow[]): Promise<void> {
  if (rows.length === 0) return
  const column = <K extends keyof StagedRow>(key: K) => pgArray(rows.map((row) => row[key]))
  await tx.execute(sql`
    INSERT INTO member_import_rows (job_id, row_number, union_id, full_name, date_of_birth, gender, citizen_id, phone,
                                    ethnicity, occupation, admitted_on, card_number)
    SELECT ${jobId}::uuid, r.* FROM unnest(
      ${column('rowNumber')}::int[], ${column('unionId')}::uuid[], ${column('fullName')}::text[], ${column('dateOfBirth')}::date[],
      ${column('gender')}::text[], ${column('citizenId')}::text[], ${column('phone')}::text[], ${column('ethnicity')}::text[],
      ${column('occupation')}::text[], ${column('admittedOn')}::date[], ${column('cardNumber')}::text[]
    ) AS r`)
}

/* ---------- validation ---------- */

export interface ValidationTarget {
  jobId: string
  scopeUnionId: string
  defaultUnionId: string | null
  format: SpreadsheetFormat
  fileSize: number
  filePath: string
  /** Caps, lowered by tests. */
  limits?: { maxRows: number; maxStoredErrors: number }
}

interface PendingRow {
  rowNumber: number
  values: ImportRowValues
}

type StagedRow = Omit<ImportRowValues, 'unionCode'> & { rowNumber: number; unionId: string }

interface MemberMatch {
  union_id: string
  citizen_id: string | null
  card_number: string | null
}

/**
 * The dry run. Streams the file once; memory holds one batch plus the CCCDs and card numbers
 * seen so far (for duplicates inside the file) and the union codes met. Ends in `validated`
 * (no problem, at least one row) or `invalid`; a file that can't be read ends `invalid` with a
 * row-1 error. Other failures propagate to the caller, which marks the job `failed`.
 */
export async function validateImportFile(db: Database, target: ValidationTarget, today: string, signal: AbortSignal): Promise<void> {
  const reader = openSheet(target.filePath, target.format, target.fileSize)
  const firstRowOf = { citizenId: new Map<string, number>(), cardNumber: new Map<string, number>() }
  const unionByCode = new Map<string, string | null>()
  let header: HeaderMatch | null = null
  let headerRow = 1
  let pending: PendingRow[] = []
  let issues: StoredIssue[] = []
  let batchRows = 0
  const totals = { processed: 0, errors: 0, newRows: 0, existing: 0, seq: 0 }
  const { maxRows, maxStoredErrors } = target.limits ?? { maxRows: MAX_SHEET_ROWS, maxStoredErrors: MAX_STORED_ERRORS }

  async function resolveUnionCodes(codes: Set<string>): Promise<void> {
    const unknown = [...codes].filter((code) => !unionByCode.has(code))
    if (unknown.length === 0) return
    for (const code of unknown) unionByCode.set(code, null)
    const result = await db.execute(sql`
      SELECT u.id, u.code FROM unions u JOIN unit_types t ON t.id = u.unit_type_id
      WHERE u.code = ANY(${pgArray(unknown)}::text[]) AND t.is_grassroots AND u.status = 'active'
        AND ${pathWithinSubtree(sql`u.path`, target.scopeUnionId)}`)
    for (const row of rowsOf<{ id: string; code: string }>(result)) unionByCode.set(row.code, row.id)
  }

  interface Batch {
    rows: PendingRow[]
    issues: StoredIssue[]
    processed: number
  }

  function takeBatch(): Batch {
    const batch = { rows: pending, issues, processed: batchRows }
    pending = []
    issues = []
    batchRows = 0
    return batch
  }

  /** Checks a batch against the database and stores it, with the job's progress, in one transaction. */
  async function flush({ rows, issues: batchIssues, processed }: Batch): Promise<void> {
    if (signal.aborted) throw new ImportInterruptedError()

    const codes = new Set(rows.flatMap((row) => (row.values.unionCode === null ? [] : [row.values.unionCode])))
    await resolveUnionCodes(codes)
    const citizenIds = rows.map((row) => row.values.citizenId)
    const cardNumbers = rows.flatMap((row) => (row.values.cardNumber === null ? [] : [row.values.cardNumber]))
    const byCitizenId = new Map<string, MemberMatch>()
    const byCardNumber = new Map<string, MemberMatch>()
    const cardsOnRecord = new Set<string>()
    if (rows.length > 0) {
      const matches = rowsOf<MemberMatch>(
        await db.execute(sql`
          SELECT union_id, citizen_id, card_number FROM members
          WHERE citizen_id = ANY(${pgArray(citizenIds)}::text[])
            ${cardNumbers.length > 0 ? sql`OR card_number = ANY(${pgArray(cardNumbers)}::text[])` : sql``}`),
      )
      for (const match of matches) {
        if (match.citizen_id !== null) byCitizenId.set(match.citizen_id, match)
        if (match.card_number !== null) byCardNumber.set(match.card_number, match)
      }
      if (cardNumbers.length > 0) {
        // Every card ever issued keeps its number, replaced and lost ones included.
        const cards = rowsOf<{ card_number: string }>(
          await db.execute(sql`SELECT card_number FROM membership_cards WHERE card_number = ANY(${pgArray(cardNumbers)}::text[])`),
        )
        for (const card of cards) cardsOnRecord.add(card.card_number)
      }
    }

    const staged: StagedRow[] = []
    let existing = 0
    const rowIssue = (row: PendingRow, key: MemberSheetColumnKey, code: string, value: string | null) =>
      batchIssues.push({ rowNumber: row.rowNumber, column: headerOf(key), value, code })
    for (const row of rows) {
      const { values } = row
      const unionId = values.unionCode === null ? target.defaultUnionId : (unionByCode.get(values.unionCode) ?? null)
      if (unionId === null) {
        rowIssue(row, 'unionCode', values.unionCode === null ? 'union_required' : 'union_unknown', values.unionCode)
        continue
      }
      // Matched by CCCD, then by card number: the same person in the same union is left as is.
      const byCitizen = byCitizenId.get(values.citizenId)
      const byCard = values.cardNumber === null ? undefined : byCardNumber.get(values.cardNumber)
      if (byCitizen) {
        if (byCitizen.union_id === unionId) existing += 1
        else rowIssue(row, 'citizenId', 'member_exists_elsewhere', values.citizenId)
        continue
      }
      if (byCard) {
        if (byCard.union_id === unionId) existing += 1
        else rowIssue(row, 'cardNumber', 'card_number_taken', values.cardNumber)
        continue
      }
      if (values.cardNumber !== null && cardsOnRecord.has(values.cardNumber)) {
        rowIssue(row, 'cardNumber', 'card_number_taken', values.cardNumber)
        continue
      }
      const { unionCode: _code, ...fields } = values
      staged.push({ ...fields, rowNumber: row.rowNumber, unionId })
    }

    // Row order (the database checks came after the row checks), so a capped list keeps the first rows.
    batchIssues.sort((a, b) => a.rowNumber - b.rowNumber)
    const firstSeq = totals.seq + 1
    const stored = batchIssues.slice(0, Math.max(0, maxStoredErrors - totals.seq))
    totals.processed += processed
    totals.errors += batchIssues.length
    totals.seq += stored.length
    totals.newRows += staged.length
    totals.existing += existing
    const fraction = reader.fractionRead()
    // While reading, the total is estimated from the share of the file read (CSV); the exact count is set at the end.
    const estimatedTotal = fraction ? Math.max(totals.processed, Math.round(totals.processed / fraction)) : totals.processed
    await db.transaction(async (tx) => {
      await insertStagedRows(tx, target.jobId, staged)
      await insertIssues(tx, target.jobId, firstSeq, stored)
      await tx
        .update(memberImportJobs)
        .set({
          processedRows: totals.processed,
          totalRows: estimatedTotal,
          errorCount: totals.errors,
          newRows: totals.newRows,
          existingRows: totals.existing,
          updatedAt: new Date(),
        })
        .where(eq(memberImportJobs.id, target.jobId))
    })
  }

  // One batch is written while the next is parsed; flushes run one at a time, in order.
  let inFlight: Promise<void> | undefined
  async function flushInBackground(): Promise<void> {
    const batch = takeBatch()
    if (inFlight) await inFlight
    inFlight = flush(batch)
    // Awaited later; marked handled now so a failure is not an unhandled rejection meanwhile.
    inFlight.catch(() => undefined)
  }

  try {
    for await (const row of reader.rows) {
      if (row.rowNumber > maxRows) {
        issues.push({ rowNumber: row.rowNumber, column: null, value: null, code: 'too_many_rows', params: { max: maxRows } })
        break
      }
      if (isBlankRow(row.cells)) continue
      if (header === null) {
        header = matchHeaders(row.cells)
        headerRow = row.rowNumber
        // Without the right columns no row can be read safely: report the header alone.
        if (header.issues.length > 0) {
          await finishInvalid(db, target.jobId, totals.seq + 1, header.issues.map((issue) => ({ ...issue, rowNumber: headerRow })), 0)
          return
        }
        continue
      }
      const record: RowRecord = {}
      header.fields.forEach((field, index) => {
        if (field !== null) record[field] = row.cells[index] ?? null
      })
      const check = validateRow(record, today)
      batchRows += 1
      for (const issue of check.issues) issues.push({ ...issue, rowNumber: row.rowNumber })
      // The same person twice in one file: the later row is the error, naming the first.
      const keys: ['citizenId' | 'cardNumber', string | null][] = [
        ['citizenId', check.keys.citizenId],
        ['cardNumber', check.keys.cardNumber],
      ]
      let duplicate = false
      for (const [key, value] of keys) {
        if (value === null) continue
        const seen = firstRowOf[key]
        const first = seen.get(value)
        if (first === undefined) seen.set(value, row.rowNumber)
        else if (!duplicate) {
          duplicate = true
          issues.push({ rowNumber: row.rowNumber, column: headerOf(key), value, code: 'duplicate_in_file', params: { row: first } })
        }
      }
      if (check.values !== null && !duplicate) pending.push({ rowNumber: row.rowNumber, values: check.values })
      if (batchRows >= BATCH_ROWS) await flushInBackground()
    }
  } catch (error) {
    // Let the batch being written finish first: whoever handles the error then sees the final state.
    await inFlight?.catch(() => undefined)
    throw error
  }
  if (inFlight) await inFlight
  if (header === null || totals.processed + batchRows === 0) {
    await finishInvalid(db, target.jobId, totals.seq + 1, [{ rowNumber: 1, column: null, value: null, code: 'empty_file' }], 0)
    return
  }
  await flush(takeBatch())
  const status: ImportJobStatus = totals.errors > 0 ? 'invalid' : 'validated'
  await db.transaction(async (tx) => {
    await tx
      .update(memberImportJobs)
      .set({ status, totalRows: totals.processed, processedRows: totals.processed, validatedAt: new Date(), updatedAt: new Date() })
      .where(eq(memberImportJobs.id, target.jobId))
    // An invalid file is never committed: its staged personal data has no reason to stay.
    if (status === 'invalid') await tx.delete(memberImportRows).where(eq(memberImportRows.jobId, target.jobId))
  })
}

/** Ends a job as invalid with these problems (added to any it has), dropping its staged rows. */
export async function finishInvalid(db: Database, jobId: string, firstSeq: number, problems: readonly StoredIssue[], processedRows: number | null) {
  await db.transaction(async (tx) => {
    await insertIssues(tx, jobId, firstSeq, problems)
    await tx.delete(memberImportRows).where(eq(memberImportRows.jobId, jobId))
    await tx
      .update(memberImportJobs)
      .set({
        status: 'invalid',
        errorCount: sql`${memberImportJobs.errorCount} + ${problems.length}`,
        ...(processedRows === null ? {} : { processedRows, totalRows: processedRows }),
        validatedAt: new Date(),
        updatedAt: new Date(),
      })
      .where(eq(memberImportJobs.id, jobId))
  })
}

/** An unreadable file is the file's fault, not the server's: reported as a row-1 error. */
export async function finishUnreadable(db: Database, jobId: string, error: SheetUnreadableError): Promise<void> {
  const next = rowsOf<{ seq: number }>(
    await db.execute(sql`SELECT coalesce(max(seq), 0)::int AS seq FROM member_import_errors WHERE job_id = ${jobId}`),
  )[0]
  await finishInvalid(db, jobId, (next?.seq ?? 0) + 1, [{ rowNumber: 1, column: null, value: null, code: error.code }], null)
}

export async function markFailed(db: Database, jobId: string, failure: string): Promise<void> {
  await db
    .update(memberImportJobs)
    .set({ status: 'failed', failure, updatedAt: new Date() })
    .where(eq(memberImportJobs.id, jobId))
}

/* ---------- commit ---------- */

/** Staged rows that now clash with the database: the commit is refused as a whole. */
export class CommitConflictError extends Error {
  constructor(readonly problems: StoredIssue[]) {
    super(`${problems.length} staged rows conflict with existing records`)
    this.name = 'CommitConflictError'
  }
}

interface ConflictRow {
  row_number: number
  citizen_id: string
  card_number: string | null
  code: 'member_exists_elsewhere' | 'card_number_taken' | 'union_unknown'
}

const CONFLICT_COLUMN: Record<ConflictRow['code'], MemberSheetColumnKey> = {
  member_exists_elsewhere: 'citizenId',
  card_number_taken: 'cardNumber',
  union_unknown: 'unionCode',
}

export interface CommitResult {
  created: number
  existing: number
}

/**
 * Copies a validated job's staged rows into the members tables, in one transaction. Serialised
 * with every other import commit by an advisory lock; rows are checked again under the lock
 * (things change between a dry run and its commit): a row whose person is now a member of its
 * union is skipped, and any row that now clashes (a member elsewhere, a card number taken, a
 * union dissolved) fails the whole commit with nothing written.
 */
export async function commitImportJob(db: Database, context: RequestContext, job: ImportJobView): Promise<CommitResult> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${MEMBER_IMPORT_LOCK_KEY})`)

    const conflicts = rowsOf<ConflictRow>(
      await tx.execute(sql`
        SELECT r.row_number, r.citizen_id, r.card_number,
          CASE
            WHEN u.id IS NULL THEN 'union_unknown'
            WHEN by_citizen.id IS NOT NULL THEN 'member_exists_elsewhere'
            ELSE 'card_number_taken'
          END AS code
        FROM member_import_rows r
        LEFT JOIN unions u ON u.id = r.union_id AND u.status = 'active'
        LEFT JOIN members by_citizen ON by_citizen.citizen_id = r.citizen_id
        LEFT JOIN members by_card ON by_citizen.id IS NULL AND r.card_number IS NOT NULL AND by_card.card_number = r.card_number
        WHERE r.job_id = ${job.id} AND (
          u.id IS NULL
          OR by_citizen.union_id <> r.union_id
          OR (by_citizen.id IS NULL AND by_card.union_id <> r.union_id)
          OR (by_citizen.id IS NULL AND by_card.id IS NULL AND r.card_number IS NOT NULL
              AND EXISTS (SELECT 1 FROM membership_cards c WHERE c.card_number = r.card_number))
        )
        ORDER BY r.row_number`),
    )
    if (conflicts.length > 0) {
      throw new CommitConflictError(
        conflicts.map((conflict) => ({
          rowNumber: conflict.row_number,
          column: headerOf(CONFLICT_COLUMN[conflict.code]),
          value: conflict.code === 'card_number_taken' ? conflict.card_number : conflict.code === 'member_exists_elsewhere' ? conflict.citizen_id : null,
          code: conflict.code,
        })),
      )
    }

    // Webhook events only when a subscription wants admissions: then the new ids come back too.
    const listening = await hasWebhookSubscribers(tx, 'member.admitted')
    // Rows matching a member (of their own union, per the check above) by CCCD or card are left alone.
    // A card number on file is taken as issued on the admission date: the sheet has no issue date.
    const [inserted] = rowsOf<{ created: number; staged: number; member_ids: string[] | null }>(
      await tx.execute(sql`
        WITH fresh AS MATERIALIZED (
          SELECT ${uuidV7} AS member_id, u.path AS union_path, r.*
          FROM member_import_rows r
          JOIN unions u ON u.id = r.union_id
          WHERE r.job_id = ${job.id}
            AND NOT EXISTS (SELECT 1 FROM members m WHERE m.citizen_id = r.citizen_id)
            AND (r.card_number IS NULL OR NOT EXISTS (SELECT 1 FROM members m WHERE m.card_number = r.card_number))
          ORDER BY r.row_number
        ),
        new_members AS (
          INSERT INTO members (id, union_id, union_path, full_name, date_of_birth, gender, citizen_id, phone, ethnicity, occupation,
                               admitted_on, card_number, card_issued_on, card_status)
          SELECT member_id, union_id, union_path, full_name, date_of_birth, gender, citizen_id, phone, ethnicity, occupation,
                 admitted_on, card_number, CASE WHEN card_number IS NULL THEN NULL ELSE admitted_on END,
                 CASE WHEN card_number IS NULL THEN 'none' ELSE 'active' END
          FROM fresh
          RETURNING id, union_id, admitted_on, card_number
        ),
        new_memberships AS (
          INSERT INTO memberships (id, member_id, union_id, started_on)
          SELECT ${uuidV7}, id, union_id, admitted_on FROM new_members
        ),
        new_cards AS (
          INSERT INTO membership_cards (id, member_id, card_number, kind, issued_on, status, issued_by_user_id)
          SELECT ${uuidV7}, id, card_number, 'issue', admitted_on, 'active', ${context.actor.userId}::uuid
          FROM new_members WHERE card_number IS NOT NULL
        ),
        new_events AS (
          INSERT INTO member_events (id, member_id, kind, occurred_on, union_id, details, actor_user_id)
          SELECT ${uuidV7}, id, 'admitted', admitted_on, union_id,
                 jsonb_strip_nulls(jsonb_build_object('source', 'import', 'importJobId', ${job.id}::text, 'cardNumber', card_number)),
                 ${context.actor.userId}::uuid
          FROM new_members
        )
        SELECT (SELECT count(*) FROM new_members)::int AS created,
               (SELECT count(*) FROM member_import_rows WHERE job_id = ${job.id})::int AS staged,
               CASE WHEN ${listening} THEN (SELECT coalesce(json_agg(id), '[]'::json) FROM new_members) END AS member_ids`),
    )
    // One member.admitted event per new member, as the API shows them (personal fields masked), in batches.
    const newIds = inserted?.member_ids ?? []
    for (let start = 0; start < newIds.length; start += WEBHOOK_EVENT_BATCH) {
      const rows = await selectMembers(tx).where(inArray(members.id, newIds.slice(start, start + WEBHOOK_EVENT_BATCH)))
      await recordWebhookEvents(
        tx,
        rows.map((row) => ({ type: 'member.admitted' as const, unionId: row.unionId, data: { member: presentMember(row), importJobId: job.id } })),
      )
    }
    const created = inserted?.created ?? 0
    const existing = job.existingRows + (inserted?.staged ?? 0) - created

    await tx
      .update(memberImportJobs)
      .set({ status: 'committed', newRows: created, existingRows: existing, committedAt: new Date(), updatedAt: new Date() })
      .where(eq(memberImportJobs.id, job.id))
    // The members tables hold the data now; the staged copy of personal data goes.
    await tx.delete(memberImportRows).where(eq(memberImportRows.jobId, job.id))
    await recordAudit(tx, context, {
      action: 'member.import_commit',
      entityType: 'member_import',
      entityId: job.id,
      unionId: job.scopeUnionId,
      after: { fileName: job.fileName, format: job.format, defaultUnionId: job.defaultUnionId, rows: job.totalRows, created, existing },
    })
    return { created, existing }
  })
}

/** Below this many new members the planner's statistics are left to autovacuum. */
const ANALYZE_AFTER_ROWS = 5000

/**
 * After a bulk commit, fresh statistics for the tables it filled, as PostgreSQL's manual advises
 * after a bulk load: until autovacuum gets to them (and PGlite never does) the planner takes a
 * 100,000-row union for a small one and picks plans that scan it all for every page.
 */
export async function refreshStatistics(db: Database, created: number): Promise<void> {
  if (created < ANALYZE_AFTER_ROWS) return
  await db.execute(sql`ANALYZE members, memberships, membership_cards, member_events`)
}

/** After a refused commit: the job goes back to invalid with the clashes as its errors. */
export async function recordCommitConflicts(db: Database, job: ImportJobView, error: CommitConflictError): Promise<void> {
  const next = rowsOf<{ seq: number }>(
    await db.execute(sql`SELECT coalesce(max(seq), 0)::int AS seq FROM member_import_errors WHERE job_id = ${job.id}`),
  )[0]
  await finishInvalid(db, job.id, (next?.seq ?? 0) + 1, error.problems, null)
}

/** Moves a job from validated to committing; false when it was not validated (a second commit, a stale page). */
export async function claimForCommit(db: Database, jobId: string): Promise<boolean> {
  const result = await db.execute(sql`
    UPDATE member_import_jobs SET status = 'committing', updated_at = now()
    WHERE id = ${jobId} AND status = 'validated' RETURNING id`)
  return rowsOf(result).length > 0
}

/* ---------- errors list ---------- */

export interface ImportErrorRow {
  rowNumber: number
  seq: number
  columnName: string | null
  value: string | null
  code: string
  params: Record<string, unknown> | null
}

/** One page of a job's problems in row order, after the (row, seq) of the previous page. */
export async function importErrorsPage(db: Database, jobId: string, after: { row: number; seq: number } | undefined, limit: number): Promise<ImportErrorRow[]> {
  const conditions: SQL[] = [sql`job_id = ${jobId}`]
  if (after) conditions.push(sql`(row_number, seq) > (${after.row}, ${after.seq})`)
  return rowsOf<ImportErrorRow>(
    await db.execute(sql`
      SELECT row_number AS "rowNumber", seq, column_name AS "columnName", value, code, params
      FROM member_import_errors WHERE ${sql.join(conditions, sql` AND `)}
      ORDER BY row_number, seq LIMIT ${limit + 1}`),
  )
}
