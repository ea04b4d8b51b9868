import type {
  ApprovePaymentBody,
  BeneficiaryKind,
  BeneficiaryRole,
  ClosePaymentBody,
  DisbursePaymentBody,
  LedgerEntryKind,
  PageOf,
  PaymentStatus,
  ProposePaymentBody,
  ProposePaymentsBulkBody,
  ProposePaymentsBulkResult,
  ReasonKind,
  SupportPayment,
  SupportPaymentListQuery,
} from '@liendoan/contracts'
import { type SQL, and, desc, eq, inArray, sql } from 'drizzle-orm'
import { v7 as uuidv7 } from 'uuid'
import type { Database } from '../../db/client.js'
import { supportHardshipCases, supportLedger, supportPayments, supportPrograms } from '../../db/schema/index.js'
import { type RequestContext, actingUserId, can, requirePermission } from '../../lib/actor.js'
import { diff, recordAudit, recordAudits } from '../../lib/audit.js'
import { recordWebhookEvent } from '../webhooks/webhook-outbox.js'
import { todayInVietnam } from '../../lib/dates.js'
import { type FieldErrorInput, ProblemError, badRequest, forbidden, notFound } from '../../lib/errors.js'
import { decodeCursor, pageSize, toPage } from '../../lib/pagination.js'
import { violatedCheckConstraint, violatedUniqueConstraint } from '../../lib/pg-errors.js'
import { pathIncludesUnion, pathWithinSubtree } from '../unions/union-scope.js'
import {
  type ProgramTerms,
  type RuleFailure,
  type RuleOutcome,
  ROLES_OF_REASON,
  canTransition,
  evaluateAgreement,
  evaluateUnionFounding,
  hardshipYear,
  isUpperLevelAccount,
  ledgerDeltas,
  vndText,
} from './support-rules.js'
import { type VisibleProgram, findPayment, findProgram, paymentProgramAccess, requireRunsProgram } from './support-scope.js'
import {
  type PaymentRow,
  type ReasonKey,
  hardshipPaymentsInYear,
  livePaymentKeys,
  loadAccounts,
  loadAgreementFacts,
  loadFoundedUnionFacts,
  lockMember,
  paymentAuditSnapshot,
  paymentUnion,
  presentPayment,
  programFigures,
  programUnion,
  reasonKeyText,
  selectPayments,
  selectPrograms,
} from './support.repository.js'

export interface SupportPaymentsServiceDeps {
  db: Database
}

/** A payment ready to be inserted, its rule checked. */
interface Draft extends ReasonKey {
  beneficiaryKind: BeneficiaryKind
  beneficiaryId: string
  beneficiaryName: string
  unionId: string
  amountVnd: number
  ruleAmountVnd: number | null
  overrideReason: string | null
  note: string | null
  hardshipCase?: { id: string; memberId: string; unionId: string; occurredOn: string; description: string }
  /** JSON pointer of the item in the request, for errors. */
  pointer: string
}

const optionalText = (value: string | null | undefined): string | null => {
  const trimmed = value?.trim()
  return trimmed ? trimmed : null
}

function throwIfInvalid(errors: FieldErrorInput[]): void {
  if (errors.length) throw new ProblemError(422, 'validation_failed', 'Some fields are invalid.', errors)
}

function notEligible(failures: (RuleFailure & { field: string })[]): ProblemError {
  const detail = failures.length === 1 ? failures[0]!.detail : `${failures.length} of the records do not qualify under the programme's rules. Nothing was proposed.`
  return new ProblemError(
    422,
    'not_eligible',
    detail,
    failures.map((failure) => ({ field: failure.field, code: failure.code, ...(failure.params ? { params: failure.params } : {}) })),
  )
}

const alreadyPaid = (errors?: FieldErrorInput[]) =>
  new ProblemError(409, 'already_paid', 'A payment for this reason is already proposed, approved or disbursed under the programme.', errors)

const makerChecker = () =>
  new ProblemError(403, 'maker_checker', 'You proposed this payment: someone else must approve it.')

/** Fields of a proposal that belong to other kinds of reason. */
const NOT_FOR_KIND: Record<ReasonKind, readonly (keyof ProposePaymentBody)[]> = {
  agreement: ['unionId', 'organiserUserId', 'memberId', 'occurredOn', 'description'],
  union_founding: ['agreementId', 'memberId', 'occurredOn', 'description'],
  hardship: ['agreementId', 'unionId', 'role', 'organiserUserId', 'overrideReason'],
}
const REQUIRED_FOR_KIND: Record<ReasonKind, readonly (keyof ProposePaymentBody)[]> = {
  agreement: ['agreementId'],
  union_founding: ['unionId'],
  hardship: ['memberId', 'occurredOn', 'description', 'amountVnd'],
}

/**
 * Support payments: proposal (one, or candidates in bulk), approval by someone else within the
 * budget, rejection, cancellation, disbursement. Every change moves the programme's totals
 * through one ledger entry in the same transaction, under the payment's row lock.
 */
export function createSupportPaymentsService(deps: SupportPaymentsServiceDeps) {
  const { db } = deps

  /**
   * Runs a change and turns the database's own refusals into the problems they mean: the
   * once-per-reason index (two proposals raced), the budget CHECK (approvals raced for the last
   * of the budget), the maker-checker CHECK. `attempt` tells what the budget was asked for.
   */
  async function guarded<T>(work: () => Promise<T>, attempt?: () => { programId: string; amountVnd: number } | undefined): Promise<T> {
    try {
      return await work()
    } catch (error) {
      if (violatedUniqueConstraint(error) === 'support_payments_once_key') throw alreadyPaid()
      const check = violatedCheckConstraint(error)
      if (check === 'support_payments_maker_checker') throw makerChecker()
      if (check === 'support_programs_within_budget') {
        const asked = attempt?.()
        // Read after the rollback, on the shared handle: what is left now.
        const [program] = asked ? await selectPrograms(db).where(eq(supportPrograms.id, asked.programId)) : []
        const figures = program ? programFigures(program) : undefined
        throw new ProblemError(
          409,
          'budget_exceeded',
          figures && asked
            ? `Approving ${vndText(asked.amountVnd)} would go over the programme's budget: ${vndText(figures.remainingVnd)} of ${vndText(figures.budgetVnd)} remains.`
            : "The approval would go over the programme's budget.",
        )
      }
      throw error
    }
  }

  function requireOpen(program: VisibleProgram): void {
    if (program.status !== 'open') throw new ProblemError(409, 'invalid_state', 'The programme is closed: no more payments may be proposed under it.')
  }

  function termsOf(program: VisibleProgram): ProgramTerms {
    return { unionId: program.unionId, periodFrom: program.periodFrom, periodTo: program.periodTo, rules: program.rules }
  }

  /** The amount a body asks for: the rule's, or another one with the reason for it. */
  function amountFor(body: { amountVnd?: number | undefined; overrideReason?: string | undefined }, ruleAmount: number, errors: FieldErrorInput[]) {
    const amountVnd = body.amountVnd ?? ruleAmount
    const overrideReason = amountVnd !== ruleAmount ? optionalText(body.overrideReason) : null
    if (amountVnd !== ruleAmount && !overrideReason) {
      errors.push({ field: '/overrideReason', code: 'override_reason_required', params: { ruleAmountVnd: ruleAmount, amountVnd } })
    }
    return { amountVnd, overrideReason }
  }

  /** One proposal's body → a draft: fields for its kind, the record in scope, the rule met, the amount. */
  async function draftFromBody(tx: Database, context: RequestContext, program: VisibleProgram, body: ProposePaymentBody): Promise<Draft> {
    const errors: FieldErrorInput[] = []
    for (const field of NOT_FOR_KIND[body.kind]) if (body[field] !== undefined) errors.push({ field: `/${field}`, code: 'not_applicable' })
    for (const field of REQUIRED_FOR_KIND[body.kind]) if (body[field] === undefined) errors.push({ field: `/${field}`, code: 'required' })
    const role: BeneficiaryRole = body.role ?? ROLES_OF_REASON[body.kind][0]!
    if (body.kind === 'agreement' && role !== 'union') errors.push({ field: '/role', code: 'enum' })
    if (body.kind === 'union_founding') {
      if (role === 'organiser' && body.organiserUserId === undefined) errors.push({ field: '/organiserUserId', code: 'organiser_required' })
      if (role === 'union' && body.organiserUserId !== undefined) errors.push({ field: '/organiserUserId', code: 'not_applicable' })
    }
    throwIfInvalid(errors)
    const terms = termsOf(program)
    const note = optionalText(body.note)
    const actorUnionId = context.actor.unionId

    if (body.kind === 'agreement') {
      const facts = (await loadAgreementFacts(tx, [body.agreementId!])).get(body.agreementId!)
      if (!facts || !pathIncludesUnion(facts.unionPath, actorUnionId)) throw notFound('The agreement does not exist or is outside your scope.')
      const outcome = evaluateAgreement(terms, facts)
      if (!outcome.ok) throw notEligible([{ ...outcome.failure, field: '/agreementId' }])
      const amount = amountFor(body, outcome.amountVnd, errors)
      throwIfInvalid(errors)
      return {
        kind: 'agreement',
        reasonId: facts.id,
        role: 'union',
        beneficiaryKind: 'union',
        beneficiaryId: facts.unionId,
        beneficiaryName: facts.unionName,
        unionId: facts.unionId,
        ruleAmountVnd: outcome.amountVnd,
        ...amount,
        note,
        pointer: '',
      }
    }

    if (body.kind === 'union_founding') {
      const facts = (await loadFoundedUnionFacts(tx, [body.unionId!])).get(body.unionId!)
      if (!facts || !pathIncludesUnion(facts.path, actorUnionId)) throw notFound('The union does not exist or is outside your scope.')
      const outcome = evaluateUnionFounding(terms, facts, role)
      if (!outcome.ok) throw notEligible([{ ...outcome.failure, field: '/unionId' }])
      let beneficiary: { kind: BeneficiaryKind; id: string; name: string } = { kind: 'union', id: facts.id, name: facts.name }
      if (role === 'organiser') {
        const account = (await loadAccounts(tx, [body.organiserUserId!])).get(body.organiserUserId!)
        if (!account) throw new ProblemError(422, 'validation_failed', 'The organiser account does not exist.', [{ field: '/organiserUserId', code: 'not_found' }])
        if (!isUpperLevelAccount(facts, account.unionId)) {
          throw notEligible([
            { field: '/organiserUserId', code: 'organiser_not_upper_level', detail: 'The organiser must be an account of an upper-level union of the founded union.' },
          ])
        }
        beneficiary = { kind: 'officer', id: account.id, name: account.fullName }
      }
      const amount = amountFor(body, outcome.amountVnd, errors)
      throwIfInvalid(errors)
      return {
        kind: 'union_founding',
        reasonId: facts.id,
        role,
        beneficiaryKind: beneficiary.kind,
        beneficiaryId: beneficiary.id,
        beneficiaryName: beneficiary.name,
        unionId: facts.id,
        ruleAmountVnd: outcome.amountVnd,
        ...amount,
        note,
        pointer: '',
      }
    }

    // Hardship. The member's row lock queues proposals for one member, so the yearly count
    // below is never read by two of them at once.
    const member = await lockMember(tx, body.memberId!)
    if (!member || !pathIncludesUnion(member.unionPath, actorUnionId)) throw notFound('The member does not exist or is outside your scope.')
    const rule = program.rules.hardship
    if (!rule) throw notEligible([{ field: '/kind', code: 'rule_missing', detail: 'The programme pays nothing for hardship.' }])
    if (!pathIncludesUnion(member.unionPath, program.unionId)) {
      throw notEligible([{ field: '/memberId', code: 'not_in_program_scope', detail: "The member's union is outside the scope of the union running the programme." }])
    }
    if (member.status !== 'active') throw notEligible([{ field: '/memberId', code: 'member_not_active', detail: `The member is ${member.status}.` }])
    const occurredOn = body.occurredOn!
    if (occurredOn > todayInVietnam()) errors.push({ field: '/occurredOn', code: 'future_date' })
    else if (occurredOn < program.periodFrom || occurredOn > program.periodTo) errors.push({ field: '/occurredOn', code: 'outside_period' })
    const amountVnd = body.amountVnd!
    if (amountVnd > rule.maxAmountVnd) errors.push({ field: '/amountVnd', code: 'amount_above_cap', params: { max: rule.maxAmountVnd } })
    const description = body.description!.trim()
    if (description.length < 3) errors.push({ field: '/description', code: 'minLength', params: { limit: 3 } })
    throwIfInvalid(errors)
    const year = hardshipYear(occurredOn)
    const already = await hardshipPaymentsInYear(tx, program.id, member.id, year)
    if (already >= rule.maxPerYear) {
      throw notEligible([
        {
          field: '/occurredOn',
          code: 'hardship_yearly_limit',
          params: { max: rule.maxPerYear, year },
          detail: `The member already has ${already} hardship payments for ${year} under this programme (at most ${rule.maxPerYear}).`,
        },
      ])
    }
    const caseId = uuidv7()
    return {
      kind: 'hardship',
      reasonId: caseId,
      role: 'member',
      beneficiaryKind: 'member',
      beneficiaryId: member.id,
      beneficiaryName: member.fullName,
      unionId: member.unionId,
      amountVnd,
      ruleAmountVnd: null,
      overrideReason: null,
      note,
      hardshipCase: { id: caseId, memberId: member.id, unionId: member.unionId, occurredOn, description },
      pointer: '',
    }
  }

  /** 409 when a reason already holds a live payment (the unique index is the backstop when two race). */
  async function refuseAlreadyPaid(tx: Database, programId: string, drafts: readonly Draft[]): Promise<void> {
    const taken = await livePaymentKeys(tx, programId, drafts)
    const clashes = drafts.filter((draft) => taken.has(reasonKeyText(draft)))
    if (clashes.length === 0) return
    throw alreadyPaid(drafts.length > 1 || clashes[0]!.pointer ? clashes.map((draft) => ({ field: draft.pointer || '/', code: 'already_paid' })) : undefined)
  }

  async function loadPayments(executor: Database, ids: readonly string[]): Promise<PaymentRow[]> {
    if (ids.length === 0) return []
    const rows = await selectPayments(executor).where(inArray(supportPayments.id, [...ids]))
    const byId = new Map(rows.map((row) => [row.id, row]))
    return ids.flatMap((id) => byId.get(id) ?? [])
  }

  /** Inserts checked drafts: hardship cases, payments, one 'proposed' ledger entry each, audit events. */
  async function insertDrafts(tx: Database, context: RequestContext, program: VisibleProgram, drafts: readonly Draft[]): Promise<SupportPayment[]> {
    // Milliseconds, as a JavaScript Date holds them: the cursor key of a page is then exact.
    const now = new Date()
    const cases = drafts.flatMap((draft) => (draft.hardshipCase ? [{ ...draft.hardshipCase, programId: program.id, createdByUserId: context.actor.userId }] : []))
    if (cases.length) await tx.insert(supportHardshipCases).values(cases)
    const rows = drafts.map((draft) => ({
      id: uuidv7(),
      programId: program.id,
      reasonKind: draft.kind,
      reasonId: draft.reasonId,
      role: draft.role,
      beneficiaryKind: draft.beneficiaryKind,
      beneficiaryId: draft.beneficiaryId,
      beneficiaryName: draft.beneficiaryName,
      unionId: draft.unionId,
      amountVnd: draft.amountVnd,
      ruleAmountVnd: draft.ruleAmountVnd,
      overrideReason: draft.overrideReason,
      note: draft.note,
      proposedByUserId: actingUserId(context.actor),
      proposedAt: now,
    }))
    // Inserted in reason order, so two bulk proposals overlapping in opposite orders wait for each
    // other on the unique index instead of deadlocking.
    const inserted = [...rows].sort((a, b) => (reasonKeyText({ kind: a.reasonKind, reasonId: a.reasonId, role: a.role }) < reasonKeyText({ kind: b.reasonKind, reasonId: b.reasonId, role: b.role }) ? -1 : 1))
    for (let i = 0; i < inserted.length; i += 500) await tx.insert(supportPayments).values(inserted.slice(i, i + 500))
    const entries = rows.map((row) => ({
      programId: program.id,
      paymentId: row.id,
      kind: 'proposed' as const,
      amountVnd: row.amountVnd,
      ...ledgerDeltas('proposed', null, row.amountVnd),
      actorUserId: actingUserId(context.actor),
      at: now,
    }))
    for (let i = 0; i < entries.length; i += 500) await tx.insert(supportLedger).values(entries.slice(i, i + 500))
    const created = await loadPayments(
      tx,
      rows.map((row) => row.id),
    )
    await recordAudits(
      tx,
      context,
      created.map((row) => ({
        action: 'support_payment.propose',
        entityType: 'support_payment',
        entityId: row.id,
        unionId: row.unionId,
        after: paymentAuditSnapshot(row),
      })),
    )
    return created.map(presentPayment)
  }

  /**
   * What the rule gives for the payment's record now, or a 422 when the record no longer
   * qualifies (a grade lowered, members gone). Null for hardship: any amount up to the cap, and
   * the cap cannot change while the payment is live.
   */
  async function ruleAmountNow(tx: Database, row: PaymentRow): Promise<number | null> {
    const terms: ProgramTerms = { unionId: row.programUnionId, periodFrom: row.programPeriodFrom, periodTo: row.programPeriodTo, rules: row.programRules }
    let outcome: RuleOutcome
    if (row.reasonKind === 'agreement') {
      const facts = (await loadAgreementFacts(tx, [row.reasonId])).get(row.reasonId)
      if (!facts) throw notEligible([{ field: '/', code: 'not_found', detail: 'The agreement no longer exists.' }])
      outcome = evaluateAgreement(terms, facts)
    } else if (row.reasonKind === 'union_founding') {
      const facts = (await loadFoundedUnionFacts(tx, [row.reasonId])).get(row.reasonId)
      if (!facts) throw notEligible([{ field: '/', code: 'not_found', detail: 'The union no longer exists.' }])
      outcome = evaluateUnionFounding(terms, facts, row.role as BeneficiaryRole)
    } else {
      return null
    }
    if (!outcome.ok) throw notEligible([{ ...outcome.failure, field: '/', detail: `The record no longer qualifies: ${outcome.failure.detail}` }])
    return outcome.amountVnd
  }

  function requireTransition(row: PaymentRow, to: PaymentStatus): void {
    if (!canTransition(row.status as PaymentStatus, to)) {
      throw new ProblemError(409, 'invalid_transition', `A payment that is ${row.status} cannot become ${to}.`)
    }
  }

  /** Deciding on a payment: the approver permission, held at the programme's union or above. */
  function requireDecider(context: RequestContext, row: PaymentRow): void {
    requirePermission(context.actor, 'support:approve')
    requireRunsProgram(paymentProgramAccess(row, context.actor.unionId) ?? 'below')
  }

  /** Moves a locked payment to `to`: the row, its ledger entry (moving the programme's totals), the audit event. */
  async function applyTransition(
    tx: Database,
    context: RequestContext,
    row: PaymentRow,
    to: PaymentStatus,
    kind: LedgerEntryKind,
    action: string,
    changes: Partial<typeof supportPayments.$inferInsert>,
  ): Promise<SupportPayment> {
    const now = new Date()
    await tx
      .update(supportPayments)
      .set({ ...changes, status: to, version: sql`${supportPayments.version} + 1`, updatedAt: now })
      .where(eq(supportPayments.id, row.id))
    await tx.insert(supportLedger).values({
      programId: row.programId,
      paymentId: row.id,
      kind,
      amountVnd: row.amountVnd,
      ...ledgerDeltas(kind, row.status as PaymentStatus, row.amountVnd),
      actorUserId: actingUserId(context.actor),
      at: now,
    })
    const [after] = await loadPayments(tx, [row.id])
    if (!after) throw notFound()
    if (to === 'approved' || to === 'disbursed') {
      await recordWebhookEvent(tx, { type: `payment.${to}`, unionId: row.unionId, data: { payment: presentPayment(after) } })
    }
    const changed = diff(paymentAuditSnapshot(row), paymentAuditSnapshot(after))
    await recordAudit(tx, context, {
      action,
      entityType: 'support_payment',
      entityId: row.id,
      unionId: row.unionId,
      before: changed.before,
      after: changed.after,
    })
    return presentPayment(after)
  }

  return {
    /** Payments the caller sees (their union's records, or their programmes'), newest proposal first. */
    async list(context: RequestContext, query: SupportPaymentListQuery): Promise<PageOf<SupportPayment>> {
      requirePermission(context.actor, 'support:read')
      const limit = pageSize(query.limit)
      const cursor = decodeCursor(query.cursor, 2)
      if (cursor && typeof cursor[0] !== 'string') throw badRequest('cursor', 'invalid', 'The cursor is not one this API issued.')
      const actorUnionId = context.actor.unionId
      if (query.awaitingMyApproval && !can(context.actor, 'support:approve')) return { items: [], nextCursor: null }
      const conditions: (SQL | undefined)[] = [
        sql`(${pathWithinSubtree(paymentUnion.path, actorUnionId)} OR ${pathWithinSubtree(programUnion.path, actorUnionId)})`,
        query.programId ? eq(supportPayments.programId, query.programId) : undefined,
        query.status ? inArray(supportPayments.status, [...query.status]) : undefined,
        query.under ? pathWithinSubtree(paymentUnion.path, query.under) : undefined,
        query.unionId
          ? sql`(${supportPayments.unionId} = ${query.unionId} OR (${supportPayments.beneficiaryKind} = 'union' AND ${supportPayments.beneficiaryId} = ${query.unionId}))`
          : undefined,
        query.memberId ? sql`${supportPayments.beneficiaryKind} = 'member' AND ${supportPayments.beneficiaryId} = ${query.memberId}` : undefined,
        query.agreementId ? sql`${supportPayments.reasonKind} = 'agreement' AND ${supportPayments.reasonId} = ${query.agreementId}` : undefined,
        query.awaitingMyApproval
          ? sql`${supportPayments.status} = 'proposed' AND ${supportPayments.proposedByUserId} <> ${context.actor.userId} AND ${pathWithinSubtree(programUnion.path, actorUnionId)}`
          : undefined,
        cursor ? sql`(${supportPayments.proposedAt}, ${supportPayments.id}) < (${String(cursor[0])}::timestamptz, ${String(cursor[1])}::uuid)` : undefined,
      ]
      const rows = await selectPayments(db)
        .where(and(...conditions))
        .orderBy(desc(supportPayments.proposedAt), desc(supportPayments.id))
        .limit(limit + 1)
      return toPage(rows, limit, (row) => [row.proposedAtKey, row.id], presentPayment)
    },

    async get(context: RequestContext, id: string): Promise<SupportPayment> {
      requirePermission(context.actor, 'support:read')
      return presentPayment(await findPayment(db, context, id))
    },

    /**
     * Proposes one payment at the rule's amount (another amount needs `overrideReason`). The
     * reason's record must be in the caller's subtree and the programme's, and qualify.
     */
    async propose(context: RequestContext, body: ProposePaymentBody): Promise<SupportPayment> {
      return guarded(() =>
        db.transaction(async (tx) => {
          const program = await findProgram(tx, context, body.programId)
          requirePermission(context.actor, 'support:propose')
          requireOpen(program)
          const draft = await draftFromBody(tx, context, program, body)
          await refuseAlreadyPaid(tx, program.id, [draft])
          const [payment] = await insertDrafts(tx, context, program, [draft])
          if (!payment) throw notFound()
          return payment
        }),
      )
    },

    /** Proposes a list of candidates at the rules' amounts, all or nothing. */
    async proposeBulk(context: RequestContext, body: ProposePaymentsBulkBody): Promise<ProposePaymentsBulkResult> {
      return guarded(() =>
        db.transaction(async (tx) => {
          const program = await findProgram(tx, context, body.programId)
          requirePermission(context.actor, 'support:propose')
          requireOpen(program)
          const terms = termsOf(program)
          const errors: FieldErrorInput[] = []
          const seen = new Set<string>()
          body.items.forEach((item, index) => {
            const key = reasonKeyText({ kind: item.kind, reasonId: item.reasonId, role: item.role })
            if (seen.has(key)) errors.push({ field: `/items/${index}`, code: 'duplicate_entry' })
            seen.add(key)
            if (!ROLES_OF_REASON[item.kind].includes(item.role)) errors.push({ field: `/items/${index}/role`, code: 'enum' })
            else if (item.role === 'organiser' && item.organiserUserId === undefined) errors.push({ field: `/items/${index}/organiserUserId`, code: 'organiser_required' })
            else if (item.role !== 'organiser' && item.organiserUserId !== undefined) errors.push({ field: `/items/${index}/organiserUserId`, code: 'not_applicable' })
          })
          throwIfInvalid(errors)
          const ids = (kind: 'agreement' | 'union_founding') => body.items.filter((item) => item.kind === kind).map((item) => item.reasonId)
          const agreementFacts = await loadAgreementFacts(tx, ids('agreement'))
          const unionFacts = await loadFoundedUnionFacts(tx, ids('union_founding'))
          const accounts = await loadAccounts(
            tx,
            body.items.flatMap((item) => (item.organiserUserId ? [item.organiserUserId] : [])),
          )
          const actorUnionId = context.actor.unionId
          const failures: (RuleFailure & { field: string })[] = []
          const drafts: Draft[] = []
          body.items.forEach((item, index) => {
            const pointer = `/items/${index}`
            let outcome: RuleOutcome
            let union: { id: string; name: string }
            if (item.kind === 'agreement') {
              const facts = agreementFacts.get(item.reasonId)
              if (!facts || !pathIncludesUnion(facts.unionPath, actorUnionId)) {
                errors.push({ field: `${pointer}/reasonId`, code: 'not_found' })
                return
              }
              outcome = evaluateAgreement(terms, facts)
              union = { id: facts.unionId, name: facts.unionName }
            } else {
              const facts = unionFacts.get(item.reasonId)
              if (!facts || !pathIncludesUnion(facts.path, actorUnionId)) {
                errors.push({ field: `${pointer}/reasonId`, code: 'not_found' })
                return
              }
              outcome = evaluateUnionFounding(terms, facts, item.role)
              union = { id: facts.id, name: facts.name }
              if (outcome.ok && item.role === 'organiser') {
                const account = accounts.get(item.organiserUserId!)
                if (!account) {
                  errors.push({ field: `${pointer}/organiserUserId`, code: 'not_found' })
                  return
                }
                if (!isUpperLevelAccount(facts, account.unionId)) {
                  failures.push({ field: `${pointer}/organiserUserId`, code: 'organiser_not_upper_level', detail: 'The organiser must be an account of an upper-level union.' })
                  return
                }
                drafts.push({
                  kind: 'union_founding',
                  reasonId: facts.id,
                  role: 'organiser',
                  beneficiaryKind: 'officer',
                  beneficiaryId: account.id,
                  beneficiaryName: account.fullName,
                  unionId: facts.id,
                  amountVnd: outcome.amountVnd,
                  ruleAmountVnd: outcome.amountVnd,
                  overrideReason: null,
                  note: null,
                  pointer,
                })
                return
              }
            }
            if (!outcome.ok) {
              failures.push({ ...outcome.failure, field: `${pointer}/reasonId` })
              return
            }
            drafts.push({
              kind: item.kind,
              reasonId: item.reasonId,
              role: item.role,
              beneficiaryKind: 'union',
              beneficiaryId: union.id,
              beneficiaryName: union.name,
              unionId: union.id,
              amountVnd: outcome.amountVnd,
              ruleAmountVnd: outcome.amountVnd,
              overrideReason: null,
              note: null,
              pointer,
            })
          })
          throwIfInvalid(errors)
          if (failures.length) throw notEligible(failures)
          await refuseAlreadyPaid(tx, program.id, drafts)
          return { items: await insertDrafts(tx, context, program, drafts) }
        }),
      )
    },

    /**
     * Approval by someone other than the proposer, holding the approver permission at the
     * programme's union or above. The rule is applied again now; an amount other than what it
     * gives needs `overrideReason`. The budget CHECK refuses the approval that would pass it.
     */
    async approve(context: RequestContext, id: string, body: ApprovePaymentBody): Promise<SupportPayment> {
      let attempt: { programId: string; amountVnd: number } | undefined
      return guarded(
        () =>
          db.transaction(async (tx) => {
            const row = await findPayment(tx, context, id, { lock: true })
            requireDecider(context, row)
            requireTransition(row, 'approved')
            if (row.proposedByUserId === context.actor.userId) throw makerChecker()
            const ruleAmount = await ruleAmountNow(tx, row)
            const differs = ruleAmount !== null && row.amountVnd !== ruleAmount
            const overrideReason = differs ? optionalText(body.overrideReason) : row.overrideReason
            if (ruleAmount !== null && differs && !overrideReason) {
              throw new ProblemError(
                422,
                'validation_failed',
                `The payment is ${vndText(row.amountVnd)} and the rule gives ${vndText(ruleAmount)} today: give the reason for approving another amount.`,
                [{ field: '/overrideReason', code: 'override_reason_required', params: { ruleAmountVnd: ruleAmount, amountVnd: row.amountVnd } }],
              )
            }
            attempt = { programId: row.programId, amountVnd: row.amountVnd }
            return applyTransition(tx, context, row, 'approved', 'approved', 'support_payment.approve', {
              approvedByUserId: context.actor.userId,
              approvedAt: new Date(),
              ruleAmountVnd: ruleAmount,
              overrideReason,
            })
          }),
        () => attempt,
      )
    },

    /** Refuses a proposed payment (approvers of the programme). */
    async reject(context: RequestContext, id: string, body: ClosePaymentBody): Promise<SupportPayment> {
      return guarded(() =>
        db.transaction(async (tx) => {
          const row = await findPayment(tx, context, id, { lock: true })
          requireDecider(context, row)
          requireTransition(row, 'rejected')
          return applyTransition(tx, context, row, 'rejected', 'rejected', 'support_payment.reject', {
            closedByUserId: context.actor.userId,
            closedAt: new Date(),
            closeReason: body.reason.trim(),
          })
        }),
      )
    },

    /**
     * Withdraws a payment before it is paid: a proposed one by its proposer or an approver of the
     * programme, an approved one by an approver only. Its money goes back to the budget.
     */
    async cancel(context: RequestContext, id: string, body: ClosePaymentBody): Promise<SupportPayment> {
      return guarded(() =>
        db.transaction(async (tx) => {
          const row = await findPayment(tx, context, id, { lock: true })
          requirePermission(context.actor, 'support:propose')
          requireTransition(row, 'cancelled')
          const decides = can(context.actor, 'support:approve') && paymentProgramAccess(row, context.actor.unionId) === 'runs'
          if (!decides && (row.status !== 'proposed' || row.proposedByUserId !== context.actor.userId)) {
            throw forbidden(
              row.status === 'proposed'
                ? 'Only the proposer or an approver of the programme may withdraw a proposed payment.'
                : 'Only an approver of the programme may cancel an approved payment.',
            )
          }
          return applyTransition(tx, context, row, 'cancelled', 'cancelled', 'support_payment.cancel', {
            closedByUserId: context.actor.userId,
            closedAt: new Date(),
            closeReason: body.reason.trim(),
          })
        }),
      )
    },

    /** Records that an approved payment was paid out: the day (not in the future, not before the approval), how, and the voucher. */
    async disburse(context: RequestContext, id: string, body: DisbursePaymentBody): Promise<SupportPayment> {
      return guarded(() =>
        db.transaction(async (tx) => {
          const row = await findPayment(tx, context, id, { lock: true })
          requireDecider(context, row)
          requireTransition(row, 'disbursed')
          const errors: FieldErrorInput[] = []
          if (body.disbursedOn > todayInVietnam()) errors.push({ field: '/disbursedOn', code: 'future_date' })
          else if (row.approvedAt && body.disbursedOn < todayInVietnam(row.approvedAt)) errors.push({ field: '/disbursedOn', code: 'before_approval' })
          const reference = body.reference.trim()
          if (!reference) errors.push({ field: '/reference', code: 'minLength', params: { limit: 1 } })
          throwIfInvalid(errors)
          return applyTransition(tx, context, row, 'disbursed', 'disbursed', 'support_payment.disburse', {
            disbursedOn: body.disbursedOn,
            disbursementMethod: body.method,
            disbursementReference: reference,
          })
        }),
      )
    },
  }
}

export type SupportPaymentsService = ReturnType<typeof createSupportPaymentsService>
