import { PassThrough, type Readable } from 'node:stream'
import {
  type ImportJob,
  type ImportRowError,
  type Locale,
  type MemberExportQuery,
  type PageOf,
  type SpreadsheetFormat,
  validationMessage,
} from '@liendoan/contracts'
import { sql } from 'drizzle-orm'
import type { FastifyBaseLogger } from 'fastify'
import { v7 as uuidv7 } from 'uuid'
import type { Config } from '../../../config.js'
import type { Database } from '../../../db/client.js'
import { memberImportJobs } from '../../../db/schema/index.js'
import { type RequestContext, actingUserId, requirePermission } from '../../../lib/actor.js'
import { recordAudit } from '../../../lib/audit.js'
import { todayInVietnam } from '../../../lib/dates.js'
import { ProblemError, notFound } from '../../../lib/errors.js'
import { encodeCursor, pageSize } from '../../../lib/pagination.js'
import { maskCitizenId, parseReveal } from '../../../lib/personal-data.js'
import type { UnionsService } from '../../unions/unions.service.js'
import { pathIncludesUnion } from '../../unions/union-scope.js'
import { memberFilterConditions, memberSearchCondition, searchTerm } from '../member-search.js'
import { countMembers, writeMemberExport } from './member-export.js'
import {
  CHANGED_DURING_COMMIT,
  CommitConflictError,
  INTERRUPTED,
  ImportInterruptedError,
  type ImportJobView,
  UNEXPECTED_FAILURE,
  claimForCommit,
  commitImportJob,
  failIfStale,
  finishUnreadable,
  importErrorsPage,
  loadImportJob,
  markFailed,
  presentImportJob,
  purgeExpiredImports,
  recordCommitConflicts,
  refreshStatistics,
  validateImportFile,
} from './member-import.js'
import { releaseMemory } from '../../../lib/memory.js'
import { SheetUnreadableError, detectFormat, zipHasWorkbook } from './member-sheet-parser.js'
import { buildTemplate } from './member-template.js'
import type { SpooledUpload } from './member-upload.js'

export interface MemberSheetsServiceDeps {
  db: Database
  config: Config
  unions: UnionsService
}

export interface SheetDownload {
  fileName: string
  contentType: string
  body: Buffer | Readable
}

const CONTENT_TYPES: Record<SpreadsheetFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
}

const isUniqueViolation = (error: unknown) => {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    if ((current as { code?: unknown }).code === '23505') return true
    current = (current as { cause?: unknown }).cause
  }
  return false
}

/** Spreadsheet import (dry run, then an all-or-nothing commit) and streamed export of members. */
export function createMemberSheetsService(deps: MemberSheetsServiceDeps) {
  const { db, config, unions } = deps

  /*
   * Validations and commits run in this process after the request has been answered (no queue
   * service). They are tracked so a shutdown can stop validations between batches and wait for
   * commits, and they never throw: a failure marks the job.
   */
  const running = new Set<Promise<void>>()
  const shutdown = new AbortController()

  function inBackground(log: FastifyBaseLogger, work: () => Promise<void>): void {
    const task = work()
      .catch((error: unknown) => log.error({ err: error }, 'member import background task failed'))
      .finally(() => {
        running.delete(task)
        // A job streamed a whole file through this process: hand its garbage back now.
        if (running.size === 0) releaseMemory()
      })
    running.add(task)
  }

  /** The job if the actor started it or its scope holds the importer's scope; 404 otherwise. */
  async function findJob(context: RequestContext, id: string): Promise<ImportJobView> {
    const job = await loadImportJob(db, id)
    if (!job || (job.createdByUserId !== context.actor.userId && !pathIncludesUnion(job.scopePath, context.actor.unionId))) {
      throw notFound()
    }
    return failIfStale(db, job)
  }

  async function presentJob(id: string): Promise<ImportJob> {
    const job = await loadImportJob(db, id)
    if (!job) throw notFound()
    return presentImportJob(job)
  }

  async function runValidation(job: { id: string; scopeUnionId: string; defaultUnionId: string | null; format: SpreadsheetFormat }, upload: SpooledUpload, log: FastifyBaseLogger) {
    try {
      await validateImportFile(
        db,
        { jobId: job.id, scopeUnionId: job.scopeUnionId, defaultUnionId: job.defaultUnionId, format: job.format, fileSize: upload.size, filePath: upload.path },
        todayInVietnam(),
        shutdown.signal,
      )
    } catch (error) {
      if (error instanceof SheetUnreadableError) {
        log.info({ jobId: job.id, reason: error.message }, 'import file unreadable')
        await finishUnreadable(db, job.id, error)
      } else {
        if (!(error instanceof ImportInterruptedError)) log.error({ err: error, jobId: job.id }, 'import validation failed')
        await markFailed(db, job.id, error instanceof ImportInterruptedError ? INTERRUPTED : UNEXPECTED_FAILURE)
      }
    } finally {
      await upload.discard()
    }
  }

  async function runCommit(context: RequestContext, job: ImportJobView, log: FastifyBaseLogger) {
    try {
      const result = await commitImportJob(db, context, job)
      log.info({ jobId: job.id, ...result }, 'member import committed')
      await refreshStatistics(db, result.created).catch((error: unknown) => log.warn({ err: error }, 'ANALYZE after an import failed'))
    } catch (error) {
      if (error instanceof CommitConflictError) {
        await recordCommitConflicts(db, job, error)
      } else if (isUniqueViolation(error)) {
        // Someone recorded one of these people by hand while the commit ran: nothing was written.
        await markFailed(db, job.id, CHANGED_DURING_COMMIT)
      } else {
        log.error({ err: error, jobId: job.id }, 'import commit failed')
        await markFailed(db, job.id, UNEXPECTED_FAILURE)
      }
    }
  }

  return {
    /** Largest upload accepted (MEMBER_IMPORT_MAX_BYTES), enforced while the upload streams in. */
    maxUploadBytes: config.MEMBER_IMPORT_MAX_BYTES,

    /** The import template: the columns of MemberSheetColumns, nothing else on the first sheet. */
    async template(context: RequestContext, format: SpreadsheetFormat): Promise<SheetDownload> {
      requirePermission(context.actor, 'members:read')
      return { fileName: `mau-nhap-doan-vien.${format}`, contentType: CONTENT_TYPES[format], body: await buildTemplate(format) }
    },

    /** Refuses an upload before its body is read when the role may not import. */
    checkCanImport(context: RequestContext): void {
      requirePermission(context.actor, 'members:import')
    },

    /**
     * Starts an import: checks the default union and the file's format, records the job
     * (validating) and validates in the background. Takes over `upload` (it is deleted when the
     * validation ends, or now if the upload is refused).
     */
    async createImport(context: RequestContext, upload: SpooledUpload, defaultUnionId: string | undefined, log: FastifyBaseLogger): Promise<ImportJob> {
      let handedOver = false
      try {
        requirePermission(context.actor, 'members:import')
        if (defaultUnionId !== undefined) {
          const union = await unions.findVisible(db, context, defaultUnionId)
          if (!union.unitType.isGrassroots) {
            throw new ProblemError(422, 'validation_failed', 'The default union must be a grassroots union.', [{ field: 'unionId', code: 'grassroots_required' }])
          }
          if (union.status !== 'active') {
            throw new ProblemError(422, 'validation_failed', 'The default union is dissolved or merged.', [{ field: 'unionId', code: 'union_not_active' }])
          }
        }
        const detected = detectFormat(upload.head, upload.fileName, upload.mimeType)
        if (!detected.ok) {
          throw new ProblemError(
            415,
            'unsupported_media_type',
            detected.reason === 'legacy_xls'
              ? 'This is an old Excel file (.xls). Save it as Excel Workbook (.xlsx) or CSV UTF-8 and upload it again.'
              : 'Upload an Excel workbook (.xlsx) or a CSV file.',
          )
        }
        if (detected.format === 'xlsx' && !(await zipHasWorkbook(upload.path, upload.size))) {
          throw new ProblemError(422, 'invalid_file', 'The file is a zip archive but not an Excel workbook.')
        }
        await purgeExpiredImports(db)
        const id = uuidv7()
        await db.insert(memberImportJobs).values({
          id,
          status: 'validating',
          fileName: upload.fileName.slice(0, 255),
          fileSize: upload.size,
          fileSha256: upload.sha256,
          format: detected.format,
          scopeUnionId: context.actor.unionId,
          defaultUnionId: defaultUnionId ?? null,
          createdByUserId: actingUserId(context.actor),
        })
        const job = await presentJob(id)
        handedOver = true
        inBackground(log, () =>
          runValidation({ id, scopeUnionId: context.actor.unionId, defaultUnionId: defaultUnionId ?? null, format: detected.format }, upload, log),
        )
        return job
      } finally {
        if (!handedOver) await upload.discard()
      }
    },

    async getImport(context: RequestContext, id: string): Promise<ImportJob> {
      const job = await findJob(context, id)
      requirePermission(context.actor, 'members:read')
      return presentImportJob(job)
    },

    /** A job's problems in row order, messages in the asker's language. */
    async listImportErrors(context: RequestContext, id: string, query: { limit?: number; cursor?: string }, locale: Locale): Promise<PageOf<ImportRowError>> {
      const job = await findJob(context, id)
      requirePermission(context.actor, 'members:read')
      const limit = pageSize(query.limit)
      const after = decodeErrorCursor(query.cursor, job.id)
      const rows = await importErrorsPage(db, job.id, after, limit)
      const page = rows.slice(0, limit)
      const last = page.at(-1)
      return {
        items: page.map((row) => ({
          row: row.rowNumber,
          column: row.columnName,
          value: row.value,
          code: row.code,
          message: validationMessage(row.code, row.params ?? {}, locale),
        })),
        nextCursor: rows.length > limit && last ? encodeCursor([last.rowNumber, job.id, last.seq]) : null,
      }
    },

    /** Commits a validated job in the background (validated → committing → committed | invalid | failed). */
    async commitImport(context: RequestContext, id: string, log: FastifyBaseLogger): Promise<ImportJob> {
      const job = await findJob(context, id)
      requirePermission(context.actor, 'members:import')
      if (!(await claimForCommit(db, job.id))) {
        const current = await loadImportJob(db, job.id)
        throw new ProblemError(409, 'invalid_state', `Only a validated import can be committed; this one is ${current?.status ?? job.status}.`)
      }
      inBackground(log, () => runCommit(context, job, log))
      return presentJob(job.id)
    },

    /**
     * The filtered member list as a spreadsheet, streamed. Personal fields are masked unless
     * `reveal` asks for them (members:reveal; audited with the filter and the row count, before
     * any row leaves).
     */
    async exportMembers(context: RequestContext, query: MemberExportQuery, log: FastifyBaseLogger): Promise<SheetDownload> {
      requirePermission(context.actor, 'members:read')
      const { format = 'xlsx', reveal: revealQuery, ...filters } = query
      const today = todayInVietnam()
      // The list's own filters (one definition for the list and the export); the search is the
      // list's "contains" match, which includes names that start with the term.
      const listed = await memberFilterConditions(db, context.actor.unionId, filters, { renewalYears: config.MEMBER_CARD_RENEWAL_YEARS, today })
      const term = searchTerm(filters.q)
      const conditions = listed === null ? [sql`FALSE`] : term ? [...listed, memberSearchCondition(term)] : listed
      const reveal = parseReveal(revealQuery)
      if (reveal.size > 0 || filters.citizenId !== undefined) {
        requirePermission(context.actor, 'members:reveal')
        const rowCount = await countMembers(db, conditions)
        await recordAudit(db, context, {
          action: 'member.export_reveal',
          entityType: 'member_export',
          entityId: null,
          unionId: filters.unionId ?? filters.under ?? context.actor.unionId,
          after: {
            format,
            revealed: [...reveal],
            filters: { ...filters, ...(filters.citizenId ? { citizenId: maskCitizenId(filters.citizenId) } : {}) },
            rowCount,
          },
        })
      }
      const output = new PassThrough()
      writeMemberExport(db, conditions, format, reveal, output).catch((error: unknown) => {
        log.error({ err: error }, 'member export failed while streaming')
        output.destroy(error instanceof Error ? error : new Error(String(error)))
      })
      return { fileName: `doan-vien-${today.replaceAll('-', '')}.${format}`, contentType: CONTENT_TYPES[format], body: output }
    },

    /** Stops validations at their next batch and waits for running work (server shutdown). */
    async close(): Promise<void> {
      shutdown.abort()
      await Promise.allSettled([...running])
    },
  }
}

/** The errors cursor: (row, job id, seq) of the last item; the job id stops a cursor moving between jobs. */
function decodeErrorCursor(cursor: string | undefined, jobId: string): { row: number; seq: number } | undefined {
  if (cursor === undefined) return undefined
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    if (
      Array.isArray(decoded) &&
      decoded.length === 3 &&
      Number.isSafeInteger(decoded[0]) &&
      decoded[1] === jobId &&
      Number.isSafeInteger(decoded[2])
    ) {
      return { row: decoded[0] as number, seq: decoded[2] as number }
    }
  } catch {
    // fall through to the 400 below
  }
  throw new ProblemError(400, 'validation_failed', 'The cursor is not one this API issued.', [{ field: 'cursor', code: 'invalid' }])
}

export type MemberSheetsService = ReturnType<typeof createMemberSheetsService>
