import { PassThrough } from 'node:stream'
import { isDeepStrictEqual } from 'node:util'
import type {
  BeneficiaryRole,
  CreateSupportProgramBody,
  LedgerEntry,
  LedgerEntryKind,
  PageOf,
  SupportCandidate,
  SupportCandidateQuery,
  SupportProgram,
  SupportProgramListQuery,
  SupportProgramReport,
  SupportProgramStatus,
  SupportRules,
  UpdateSupportProgramBody,
} from '@liendoan/contracts'
import type { FastifyBaseLogger } from 'fastify'
import { type SQL, and, asc, desc, eq, gt, inArray, sql } from 'drizzle-orm'
import { v7 as uuidv7 } from 'uuid'
import { type Database, selectRows } from '../../db/client.js'
import { agreementGrades, supportLedger, supportPayments, supportPrograms, unions, users } from '../../db/schema/index.js'
import { type RequestContext, requirePermission } from '../../lib/actor.js'
import { diff, recordAudit } from '../../lib/audit.js'
import { lastDayOfMonth, todayInVietnam } from '../../lib/dates.js'
import { staleVersion } from '../../lib/etag.js'
import { type FieldErrorInput, ProblemError, badRequest, notFound } from '../../lib/errors.js'
import { decodeCursor, pageSize, toPage } from '../../lib/pagination.js'
import { violatedCheckConstraint } from '../../lib/pg-errors.js'
import { narrowerSubtree, pathWithinSubtree } from '../unions/union-scope.js'
import type { UnionsService } from '../unions/unions.service.js'
import { writePaymentsExport } from './support-export.js'
import { agreementLabel, foundingLabel, vndValue } from './support-rules.js'
import { type VisibleProgram, actorUnionPath, findProgram, requireRunsProgram } from './support-scope.js'
import {
  type CandidateRow,
  paymentUnion,
  programAuditSnapshot,
  programFigures,
  presentProgram,
  selectPrograms,
  candidateStatement,
} from './support.repository.js'
import { vietnameseDate } from '../trainings/training-rules.js'

export interface SupportProgramsServiceDeps {
  db: Database
  unions: UnionsService
}

export interface PaymentsDownload {
  fileName: string
  contentType: string
  body: PassThrough
}

function throwIfInvalid(errors: FieldErrorInput[]): void {
  if (errors.length) throw new ProblemError(422, 'validation_failed', 'Some fields are invalid.', errors)
}

const optionalText = (value: string | null | undefined): string | null => {
  const trimmed = value?.trim()
  return trimmed ? trimmed : null
}

/* ---------- the report's series ---------- */

/**
 * The ends of the months (or quarters) from `from` to `to`, the last one cut at `to`: the points
 * of a budget-use chart.
 */
export function periodEnds(from: string, to: string, interval: 'month' | 'quarter'): string[] {
  if (to < from) return []
  const ends: string[] = []
  let year = Number(from.slice(0, 4))
  let month = Number(from.slice(5, 7))
  const step = interval === 'quarter' ? 3 : 1
  if (interval === 'quarter') month = Math.ceil(month / 3) * 3
  for (;;) {
    const end = lastDayOfMonth(year, month)
    if (end >= to) {
      ends.push(to)
      return ends
    }
    ends.push(end)
    month += step
    if (month > 12) {
      month -= 12
      year += 1
    }
  }
}

/** Programmes: their settings and rules, the candidates their rules find, the ledger, the report and the accountants' export. */
export function createSupportProgramsService(deps: SupportProgramsServiceDeps) {
  const { db, unions: unionsService } = deps

  /** Rules JSON Schema can't say: the period's order, the grades that exist, each grade once. */
  async function checkProgramFields(
    executor: Database,
    values: { periodFrom: string; periodTo: string; rules: SupportRules },
    rulesGiven: boolean,
    errors: FieldErrorInput[],
  ): Promise<void> {
    if (values.periodTo < values.periodFrom) errors.push({ field: '/periodTo', code: 'range_order' })
    const amounts = values.rules.agreementGrade?.amounts ?? []
    if (!rulesGiven || amounts.length === 0) return
    const known = new Set(
      (await executor.select({ code: agreementGrades.code }).from(agreementGrades).where(inArray(agreementGrades.code, amounts.map((entry) => entry.grade)))).map(
        (row) => row.code,
      ),
    )
    const seen = new Set<string>()
    amounts.forEach((entry, index) => {
      const field = `/rules/agreementGrade/amounts/${index}/grade`
      if (seen.has(entry.grade)) errors.push({ field, code: 'duplicate_entry' })
      else if (!known.has(entry.grade)) errors.push({ field, code: 'grade_unknown' })
      seen.add(entry.grade)
    })
  }

  async function loadProgram(executor: Database, id: string) {
    const [row] = await selectPrograms(executor).where(eq(supportPrograms.id, id))
    if (!row) throw notFound()
    return row
  }

  /** Conditions for the payments of a programme the caller sees (all of them when they run it). */
  function visiblePaymentsOf(program: VisibleProgram, context: RequestContext): SQL[] {
    const conditions = [eq(supportPayments.programId, program.id)]
    if (program.access !== 'runs') conditions.push(pathWithinSubtree(paymentUnion.path, context.actor.unionId))
    return conditions
  }

  return {
    /** Programmes the caller sees (run in their subtree, or by a union above them), latest period first. */
    async list(context: RequestContext, query: SupportProgramListQuery): Promise<PageOf<SupportProgram>> {
      requirePermission(context.actor, 'support:read')
      const limit = pageSize(query.limit)
      const cursor = decodeCursor(query.cursor, 2)
      if (cursor && typeof cursor[0] !== 'string') throw badRequest('cursor', 'invalid', 'The cursor is not one this API issued.')
      const actorPath = await actorUnionPath(db, context)
      const q = query.q?.trim()
      const rows = await selectPrograms(db)
        .where(
          and(
            sql`(${pathWithinSubtree(unions.path, context.actor.unionId)} OR strpos(${actorPath}::text, '/' || ${supportPrograms.unionId}::text || '/') > 0)`,
            query.status ? eq(supportPrograms.status, query.status) : undefined,
            q ? sql`strpos(${supportPrograms.searchText}, liendoan_normalize(${q})) > 0` : undefined,
            cursor ? sql`(${supportPrograms.periodFrom}, ${supportPrograms.id}) < (${String(cursor[0])}::date, ${String(cursor[1])}::uuid)` : undefined,
          ),
        )
        .orderBy(desc(supportPrograms.periodFrom), desc(supportPrograms.id))
        .limit(limit + 1)
      return toPage(rows, limit, (row) => [row.periodFrom, row.id], presentProgram)
    },

    async get(context: RequestContext, id: string): Promise<SupportProgram> {
      requirePermission(context.actor, 'support:read')
      return presentProgram(await findProgram(db, context, id))
    },

    /** A new programme run by a union of the caller's subtree (their own by default). */
    async create(context: RequestContext, body: CreateSupportProgramBody): Promise<SupportProgram> {
      return db.transaction(async (tx) => {
        const union = await unionsService.findVisible(tx, context, body.unionId ?? context.actor.unionId)
        requirePermission(context.actor, 'support:manage')
        const errors: FieldErrorInput[] = []
        if (union.status !== 'active') errors.push({ field: '/unionId', code: 'union_not_active' })
        const name = body.name.trim()
        if (name.length < 3) errors.push({ field: '/name', code: 'minLength', params: { limit: 3 } })
        const decisionNumber = body.decisionNumber.trim()
        if (!decisionNumber) errors.push({ field: '/decisionNumber', code: 'minLength', params: { limit: 1 } })
        await checkProgramFields(tx, body, true, errors)
        throwIfInvalid(errors)
        const id = uuidv7()
        await tx.insert(supportPrograms).values({
          id,
          name,
          description: optionalText(body.description),
          decisionNumber,
          decisionDate: body.decisionDate,
          periodFrom: body.periodFrom,
          periodTo: body.periodTo,
          unionId: union.id,
          budgetVnd: body.budgetVnd,
          rules: body.rules,
          createdByUserId: context.actor.userId,
        })
        const row = await loadProgram(tx, id)
        await recordAudit(tx, context, {
          action: 'support_program.create',
          entityType: 'support_program',
          entityId: id,
          unionId: union.id,
          after: programAuditSnapshot(row),
        })
        return presentProgram(row)
      })
    },

    /**
     * Edits a programme (If-Match). The budget cannot go below what is committed (approved and
     * disbursed); the rules change only while no live payment stands under them, so a payment is
     * never judged by rules other than those it was proposed under.
     */
    async update(context: RequestContext, id: string, expectedVersion: number, body: UpdateSupportProgramBody): Promise<SupportProgram> {
      try {
        return await db.transaction(async (tx) => {
          // The row lock holds the totals still while the budget is compared with them.
          const current = await findProgram(tx, context, id, { lock: true })
          requirePermission(context.actor, 'support:manage')
          requireRunsProgram(current.access)
          if (current.version !== expectedVersion) throw staleVersion()
          const rulesChange = body.rules !== undefined && !isDeepStrictEqual(body.rules, current.rules)
          if (rulesChange) {
            const [live] = await selectRows<{ n: number }>(
              tx,
              sql`SELECT count(*)::int AS n FROM support_payments WHERE program_id = ${id}::uuid AND status IN ('proposed', 'approved', 'disbursed')`,
            )
            if ((live?.n ?? 0) > 0) {
              throw new ProblemError(
                409,
                'invalid_state',
                `The rules cannot change while ${live?.n ?? 0} payments are proposed, approved or disbursed under them. Create a new programme, or reject and cancel those first.`,
              )
            }
          }
          const merged = {
            periodFrom: body.periodFrom ?? current.periodFrom,
            periodTo: body.periodTo ?? current.periodTo,
            rules: body.rules ?? current.rules,
          }
          const errors: FieldErrorInput[] = []
          await checkProgramFields(tx, merged, rulesChange, errors)
          const committed = current.approvedVnd + current.disbursedVnd
          if (body.budgetVnd !== undefined && body.budgetVnd < committed) {
            errors.push({ field: '/budgetVnd', code: 'below_committed', params: { committed } })
          }
          const name = body.name?.trim()
          if (name !== undefined && name.length < 3) errors.push({ field: '/name', code: 'minLength', params: { limit: 3 } })
          const decisionNumber = body.decisionNumber?.trim()
          if (decisionNumber !== undefined && !decisionNumber) errors.push({ field: '/decisionNumber', code: 'minLength', params: { limit: 1 } })
          throwIfInvalid(errors)
          const changes: Partial<typeof supportPrograms.$inferInsert> = {
            ...(name !== undefined ? { name } : {}),
            ...(body.description !== undefined ? { description: optionalText(body.description) } : {}),
            ...(decisionNumber !== undefined ? { decisionNumber } : {}),
            ...(body.decisionDate !== undefined ? { decisionDate: body.decisionDate } : {}),
            ...(body.periodFrom !== undefined ? { periodFrom: body.periodFrom } : {}),
            ...(body.periodTo !== undefined ? { periodTo: body.periodTo } : {}),
            ...(body.budgetVnd !== undefined ? { budgetVnd: body.budgetVnd } : {}),
            ...(body.rules !== undefined ? { rules: body.rules } : {}),
            ...(body.status !== undefined ? { status: body.status as SupportProgramStatus } : {}),
          }
          await tx
            .update(supportPrograms)
            .set({ ...changes, version: sql`${supportPrograms.version} + 1`, updatedAt: new Date() })
            .where(eq(supportPrograms.id, id))
          const after = await loadProgram(tx, id)
          const changed = diff(programAuditSnapshot(current), programAuditSnapshot(after))
          await recordAudit(tx, context, {
            action: 'support_program.update',
            entityType: 'support_program',
            entityId: id,
            unionId: current.unionId,
            before: changed.before,
            after: changed.after,
          })
          return presentProgram(after)
        })
      } catch (error) {
        // The budget CHECK is the backstop of the comparison above.
        if (violatedCheckConstraint(error) === 'support_programs_within_budget') {
          throw new ProblemError(422, 'validation_failed', 'The budget cannot be below what is approved and disbursed.', [
            { field: '/budgetVnd', code: 'below_committed', params: { committed: programFigures(await loadProgram(db, id)).committedVnd } },
          ])
        }
        throw error
      }
    },

    /**
     * Records that qualify under the programme's rules and hold no live payment under it, with
     * the amount the rule gives: in the programme's subtree and the caller's (the narrower of
     * the two), narrowed to `under`. Hardship has no candidates: a hardship is reported, not found.
     */
    async candidates(context: RequestContext, id: string, query: SupportCandidateQuery): Promise<PageOf<SupportCandidate>> {
      requirePermission(context.actor, 'support:read')
      const program = await findProgram(db, context, id)
      const limit = pageSize(query.limit)
      const cursor = decodeCursor(query.cursor, 4)
      if (cursor && (typeof cursor[0] !== 'string' || typeof cursor[2] !== 'string' || typeof cursor[3] !== 'number')) {
        throw badRequest('cursor', 'invalid', 'The cursor is not one this API issued.')
      }
      let rootPath: string | null = program.access === 'runs' ? program.unionPath : await actorUnionPath(db, context)
      if (query.under) {
        const [under] = await db.select({ path: unions.path }).from(unions).where(eq(unions.id, query.under))
        rootPath = narrowerSubtree(rootPath, under?.path)
      }
      if (rootPath === null) return { items: [], nextCursor: null }
      const statement = candidateStatement({
        programId: program.id,
        terms: program,
        rootPath,
        kind: query.kind,
        after: cursor ? { sortKey: String(cursor[0]), reasonId: String(cursor[1]), role: String(cursor[2]), kindOrder: Number(cursor[3]) } : undefined,
        limit,
      })
      if (!statement) return { items: [], nextCursor: null }
      const rows = await selectRows<CandidateRow>(db, statement)
      return toPage(
        rows,
        limit,
        (row) => [row.sort_key, row.reason_id, row.role, row.kind_order],
        (row): SupportCandidate => {
          const union = { id: row.union_id, code: row.union_code, name: row.union_name }
          const role = row.role as BeneficiaryRole
          if (row.kind === 'agreement') {
            const agreement = { title: row.title ?? '', employerName: row.employer_name ?? '', gradeCode: row.grade_code }
            return {
              reason: { kind: 'agreement', id: row.reason_id, label: agreementLabel(agreement) },
              role,
              beneficiary: { kind: 'union', id: row.union_id, name: row.union_name },
              union,
              amountVnd: vndValue(row.amount),
              basis: `Loại ${row.grade_code ?? ''}, đăng ký ngày ${vietnameseDate(row.on_date)}`,
            }
          }
          return {
            reason: { kind: 'union_founding', id: row.reason_id, label: foundingLabel(row.union_name, `${row.members ?? 0} đoàn viên`) },
            role,
            beneficiary: role === 'union' ? { kind: 'union', id: row.union_id, name: row.union_name } : null,
            union,
            amountVnd: vndValue(row.amount),
            basis: `Thành lập ngày ${vietnameseDate(row.on_date)}, ${row.members ?? 0} đoàn viên`,
          }
        },
      )
    },

    /** The programme's ledger in order (only the entries of payments the caller sees when they are below the programme's union). */
    async ledger(context: RequestContext, id: string, query: { limit?: number; cursor?: string }): Promise<PageOf<LedgerEntry>> {
      requirePermission(context.actor, 'support:read')
      const program = await findProgram(db, context, id)
      const limit = pageSize(query.limit)
      const cursor = decodeCursor(query.cursor, 2)
      if (cursor && typeof cursor[0] !== 'number') throw badRequest('cursor', 'invalid', 'The cursor is not one this API issued.')
      const rows = await db
        .select({
          seq: supportLedger.seq,
          paymentId: supportLedger.paymentId,
          kind: supportLedger.kind,
          amountVnd: supportLedger.amountVnd,
          proposedDeltaVnd: supportLedger.proposedDeltaVnd,
          approvedDeltaVnd: supportLedger.approvedDeltaVnd,
          disbursedDeltaVnd: supportLedger.disbursedDeltaVnd,
          actorId: supportLedger.actorUserId,
          actorName: users.fullName,
          at: supportLedger.at,
        })
        .from(supportLedger)
        .innerJoin(users, eq(users.id, supportLedger.actorUserId))
        .innerJoin(supportPayments, eq(supportPayments.id, supportLedger.paymentId))
        .innerJoin(paymentUnion, eq(paymentUnion.id, supportPayments.unionId))
        .where(
          and(
            eq(supportLedger.programId, program.id),
            program.access === 'runs' ? undefined : pathWithinSubtree(paymentUnion.path, context.actor.unionId),
            cursor ? gt(supportLedger.seq, Number(cursor[0])) : undefined,
          ),
        )
        .orderBy(asc(supportLedger.seq))
        .limit(limit + 1)
      return toPage(
        rows,
        limit,
        (row) => [row.seq, row.paymentId],
        (row) => ({
          seq: row.seq,
          paymentId: row.paymentId,
          kind: row.kind as LedgerEntryKind,
          amountVnd: row.amountVnd,
          proposedDeltaVnd: row.proposedDeltaVnd,
          approvedDeltaVnd: row.approvedDeltaVnd,
          disbursedDeltaVnd: row.disbursedDeltaVnd,
          actor: { id: row.actorId, name: row.actorName },
          at: row.at.toISOString(),
        }),
      )
    },

    /**
     * Where the programme's money stands, per beneficiary role, and over time: committed and
     * disbursed at the end of each month (or quarter) from the start of the period up to today,
     * summed from the ledger.
     */
    async report(context: RequestContext, id: string, interval: 'month' | 'quarter' = 'month'): Promise<SupportProgramReport> {
      requirePermission(context.actor, 'support:read')
      const program = await findProgram(db, context, id)
      const roleRows = await selectRows<{ role: BeneficiaryRole; payments: number; committed: string; disbursed: string }>(
        db,
        sql`SELECT role, count(*) FILTER (WHERE status IN ('approved', 'disbursed'))::int AS payments,
                   coalesce(sum(amount_vnd) FILTER (WHERE status IN ('approved', 'disbursed')), 0)::text AS committed,
                   coalesce(sum(amount_vnd) FILTER (WHERE status = 'disbursed'), 0)::text AS disbursed
              FROM support_payments WHERE program_id = ${program.id}::uuid GROUP BY role`,
      )
      const rulesRoles: BeneficiaryRole[] = [
        ...(program.rules.agreementGrade || program.rules.newUnion ? (['union'] as const) : []),
        ...(program.rules.newUnion?.organiserAmountVnd ? (['organiser'] as const) : []),
        ...(program.rules.hardship ? (['member'] as const) : []),
      ]
      const roleOrder: BeneficiaryRole[] = ['union', 'organiser', 'member']
      const byRole = roleOrder
        .filter((role) => rulesRoles.includes(role) || roleRows.some((row) => row.role === role))
        .map((role) => {
          const row = roleRows.find((candidate) => candidate.role === role)
          return { role, payments: row?.payments ?? 0, committedVnd: vndValue(row?.committed ?? 0), disbursedVnd: vndValue(row?.disbursed ?? 0) }
        })
      // Days in Vietnam (UTC+7 all year, no daylight saving): an approval at 23:30 on the 31st counts for that month.
      const days = await selectRows<{ day: string; committed: string; disbursed: string }>(
        db,
        sql`SELECT ((at AT TIME ZONE 'UTC') + interval '7 hours')::date::text AS day,
                   sum(approved_delta_vnd + disbursed_delta_vnd)::text AS committed, sum(disbursed_delta_vnd)::text AS disbursed
              FROM support_ledger WHERE program_id = ${program.id}::uuid GROUP BY 1 ORDER BY 1`,
      )
      const today = todayInVietnam()
      const lastDay = days.at(-1)?.day ?? program.periodTo
      const until = [today, lastDay > program.periodTo ? lastDay : program.periodTo].sort()[0]!
      const series: SupportProgramReport['series'] = []
      let committed = 0
      let disbursed = 0
      let next = 0
      for (const periodEnd of periodEnds(program.periodFrom, until, interval)) {
        while (next < days.length && days[next]!.day <= periodEnd) {
          committed += vndValue(days[next]!.committed)
          disbursed += vndValue(days[next]!.disbursed)
          next += 1
        }
        series.push({ periodEnd, committedVnd: committed, disbursedVnd: disbursed })
      }
      return { program: { id: program.id, name: program.name }, figures: programFigures(program), byRole, series }
    },

    /** The programme's payments the caller sees, as an XLSX for the accountants (streamed). */
    async exportPayments(context: RequestContext, id: string, log: FastifyBaseLogger): Promise<PaymentsDownload> {
      requirePermission(context.actor, 'support:read')
      const program = await findProgram(db, context, id)
      const output = new PassThrough()
      writePaymentsExport(db, visiblePaymentsOf(program, context), output).catch((error: unknown) => {
        log.error({ err: error }, 'support payments export failed while streaming')
        output.destroy(error instanceof Error ? error : new Error(String(error)))
      })
      return {
        fileName: `khoan-ho-tro-${todayInVietnam().replaceAll('-', '')}.xlsx`,
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        body: output,
      }
    },
  }
}

export type SupportProgramsService = ReturnType<typeof createSupportProgramsService>
