import Type from 'typebox'
import { FileDownload, IdParams, IfMatchHeaders, IsoDate, IsoDateTime, Nullable, Page, PageQuery, Uuid, problems } from './common.js'
import { IdempotencyHeaders, UnionRef } from './members.js'
import { Sector } from './unions.js'

/*
 * Support programmes (Đề án, chương trình hỗ trợ) and their payments. Money is whole VND: no minor
 * unit, so every amount is an integer (JSON numbers are exact up to 9,007,199,254,740,991 VND).
 */

/** A positive whole amount in VND. */
export const AmountVnd = Type.Integer({ minimum: 1, maximum: 1_000_000_000_000, description: 'Whole VND, positive' })

/* ---------- rules ---------- */

const GradeCode = Type.String({ minLength: 1, maxLength: 8, pattern: '^[A-Z][A-Z0-9+]*$', examples: ['A'] })

/** For a graded agreement registered in the programme's period: an amount per grade (grades not listed get nothing). */
export const AgreementGradeRule = Type.Object(
  {
    amounts: Type.Array(Type.Object({ grade: GradeCode, amountVnd: AmountVnd }, { additionalProperties: false }), {
      minItems: 1,
      maxItems: 10,
    }),
  },
  { additionalProperties: false },
)
export type AgreementGradeRule = Type.Static<typeof AgreementGradeRule>

/**
 * For a grassroots union founded in the period (founding decision date within it) in `sector`, with
 * at least `minMembers` active members: an amount to the union and one to the upper-level officer
 * who organised it.
 */
export const NewUnionRule = Type.Object(
  {
    sector: Nullable(Sector),
    minMembers: Type.Integer({ minimum: 1, maximum: 100_000 }),
    unionAmountVnd: AmountVnd,
    organiserAmountVnd: Nullable(AmountVnd),
  },
  { additionalProperties: false },
)
export type NewUnionRule = Type.Static<typeof NewUnionRule>

/** For a member in hardship: any amount up to the cap, at most `maxPerYear` payments per member per calendar year. */
export const HardshipRule = Type.Object(
  {
    maxAmountVnd: AmountVnd,
    maxPerYear: Type.Integer({ minimum: 1, maximum: 12 }),
  },
  { additionalProperties: false },
)
export type HardshipRule = Type.Static<typeof HardshipRule>

/** A programme's rules, kept as data; a programme has one or more. */
export const SupportRules = Type.Object(
  {
    agreementGrade: Type.Optional(AgreementGradeRule),
    newUnion: Type.Optional(NewUnionRule),
    hardship: Type.Optional(HardshipRule),
  },
  { additionalProperties: false, minProperties: 1 },
)
export type SupportRules = Type.Static<typeof SupportRules>

/** What a payment is for: the record that is its reason. */
export const ReasonKinds = ['agreement', 'union_founding', 'hardship'] as const
export const ReasonKind = Type.Enum([...ReasonKinds], {
  description: 'agreement (a graded agreement), union_founding (a newly founded grassroots union), hardship (a member in hardship)',
})
export type ReasonKind = (typeof ReasonKinds)[number]

/**
 * Who receives it. For a union founding there are two payments on one reason: the union's
 * (`union`) and the organising officer's (`organiser`); the pair (reason, role) is paid once.
 */
export const BeneficiaryRoles = ['union', 'organiser', 'member'] as const
export const BeneficiaryRole = Type.Enum([...BeneficiaryRoles])
export type BeneficiaryRole = (typeof BeneficiaryRoles)[number]

/* ---------- programmes ---------- */

export const SupportProgramStatuses = ['open', 'closed'] as const
export const SupportProgramStatus = Type.Enum([...SupportProgramStatuses], { description: 'open: payments may be proposed; closed: none any more' })
export type SupportProgramStatus = (typeof SupportProgramStatuses)[number]

/** Where a programme's money stands; committed = approved + disbursed, and never above the budget. */
export const SupportProgramFigures = Type.Object({
  budgetVnd: Type.Integer(),
  /** Proposed, waiting for approval (not yet counted against the budget). */
  proposedVnd: Type.Integer(),
  /** Approved, not yet disbursed. */
  approvedVnd: Type.Integer(),
  disbursedVnd: Type.Integer(),
  /** approved + disbursed. */
  committedVnd: Type.Integer(),
  /** budget − committed. */
  remainingVnd: Type.Integer(),
})
export type SupportProgramFigures = Type.Static<typeof SupportProgramFigures>

export const SupportProgram = Type.Object({
  id: Uuid,
  name: Type.String(),
  description: Nullable(Type.String()),
  /** Legal basis: the decision that set the programme up. */
  decisionNumber: Type.String(),
  decisionDate: IsoDate,
  periodFrom: IsoDate,
  periodTo: IsoDate,
  /** The union that runs it: payments go to records in its subtree; its officers approve. */
  union: UnionRef,
  rules: SupportRules,
  status: SupportProgramStatus,
  figures: SupportProgramFigures,
  version: Type.Integer(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
})
export type SupportProgram = Type.Static<typeof SupportProgram>
export const SupportProgramPage = Page(SupportProgram)

const programFields = {
  name: Type.String({ minLength: 3, maxLength: 300 }),
  description: Nullable(Type.String({ maxLength: 4000 })),
  decisionNumber: Type.String({ minLength: 1, maxLength: 60 }),
  decisionDate: IsoDate,
  periodFrom: IsoDate,
  periodTo: IsoDate,
  budgetVnd: AmountVnd,
  rules: SupportRules,
}

export const CreateSupportProgramBody = Type.Object(
  {
    ...programFields,
    description: Type.Optional(programFields.description),
    /** A union in your scope (default: yours). */
    unionId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
)
export type CreateSupportProgramBody = Type.Static<typeof CreateSupportProgramBody>

/** The budget cannot go below what is already committed; rules change only while nothing is proposed under them. */
export const UpdateSupportProgramBody = Type.Object(
  {
    name: Type.Optional(programFields.name),
    description: Type.Optional(programFields.description),
    decisionNumber: Type.Optional(programFields.decisionNumber),
    decisionDate: Type.Optional(programFields.decisionDate),
    periodFrom: Type.Optional(programFields.periodFrom),
    periodTo: Type.Optional(programFields.periodTo),
    budgetVnd: Type.Optional(programFields.budgetVnd),
    rules: Type.Optional(programFields.rules),
    status: Type.Optional(SupportProgramStatus),
  },
  { additionalProperties: false, minProperties: 1 },
)
export type UpdateSupportProgramBody = Type.Static<typeof UpdateSupportProgramBody>

export const SupportProgramListQuery = Type.Object(
  {
    ...PageQuery,
    status: Type.Optional(SupportProgramStatus),
    /** Accent-insensitive search in the name and decision number. */
    q: Type.Optional(Type.String({ maxLength: 120 })),
  },
  { additionalProperties: false },
)
export type SupportProgramListQuery = Type.Static<typeof SupportProgramListQuery>

/* ---------- candidates ---------- */

export const BeneficiaryKinds = ['union', 'member', 'officer'] as const
export const BeneficiaryKind = Type.Enum([...BeneficiaryKinds], { description: 'union, member, or officer (a user account of the upper-level union)' })
export type BeneficiaryKind = (typeof BeneficiaryKinds)[number]

export const Beneficiary = Type.Object({ kind: BeneficiaryKind, id: Uuid, name: Type.String() })
export type Beneficiary = Type.Static<typeof Beneficiary>

export const PaymentReason = Type.Object({
  kind: ReasonKind,
  /** The agreement, the founded union, or the hardship case. */
  id: Uuid,
  /** "Thỏa ước ... (loại A)", "Thành lập CĐCS ... (32 đoàn viên)", "Hoàn cảnh khó khăn: ..." */
  label: Type.String(),
})
export type PaymentReason = Type.Static<typeof PaymentReason>

/** A record that qualifies under the programme's rules and has not been paid for (or proposed) under it. */
export const SupportCandidate = Type.Object({
  reason: PaymentReason,
  role: BeneficiaryRole,
  /** null for an organiser payment: the proposer names the officer. */
  beneficiary: Nullable(Beneficiary),
  /** The union the record belongs to. */
  union: UnionRef,
  amountVnd: Type.Integer(),
  /** What the rule looked at: the grade, the member count, the founding date. */
  basis: Type.String(),
})
export type SupportCandidate = Type.Static<typeof SupportCandidate>
export const SupportCandidatePage = Page(SupportCandidate)

export const SupportCandidateQuery = Type.Object(
  {
    ...PageQuery,
    kind: Type.Optional(Type.Enum(['agreement', 'union_founding'])),
    under: Type.Optional(Uuid),
  },
  { additionalProperties: false },
)
export type SupportCandidateQuery = Type.Static<typeof SupportCandidateQuery>

/* ---------- payments ---------- */

/** proposed → approved → disbursed; proposed → rejected; proposed | approved → cancelled. */
export const PaymentStatuses = ['proposed', 'approved', 'disbursed', 'rejected', 'cancelled'] as const
export const PaymentStatus = Type.Enum([...PaymentStatuses])
export type PaymentStatus = (typeof PaymentStatuses)[number]

export const PaymentTransitions: Readonly<Record<PaymentStatus, readonly PaymentStatus[]>> = {
  proposed: ['approved', 'rejected', 'cancelled'],
  approved: ['disbursed', 'cancelled'],
  disbursed: [],
  rejected: [],
  cancelled: [],
}

export const DisbursementMethods = ['bank_transfer', 'cash'] as const
export const DisbursementMethod = Type.Enum([...DisbursementMethods])
export type DisbursementMethod = (typeof DisbursementMethods)[number]

const Actor = Type.Object({ id: Uuid, name: Type.String() })

export const SupportPayment = Type.Object({
  id: Uuid,
  program: Type.Object({ id: Uuid, name: Type.String() }),
  reason: PaymentReason,
  role: BeneficiaryRole,
  beneficiary: Beneficiary,
  /** The union the reason belongs to (for a member, their union when proposed). */
  union: UnionRef,
  amountVnd: Type.Integer(),
  /**
   * What the rule gives: today while the payment waits for approval, as confirmed by the approver
   * afterwards. Null for hardship (any amount up to the cap), and while proposed when the record
   * no longer qualifies (the approval will be refused).
   */
  ruleAmountVnd: Nullable(Type.Integer()),
  /** Set when an approver accepted an amount other than the rule's. */
  overrideReason: Nullable(Type.String()),
  status: PaymentStatus,
  note: Nullable(Type.String()),
  proposedBy: Actor,
  proposedAt: IsoDateTime,
  approvedBy: Nullable(Actor),
  approvedAt: Nullable(IsoDateTime),
  /** Rejection or cancellation. */
  closedBy: Nullable(Actor),
  closedAt: Nullable(IsoDateTime),
  closeReason: Nullable(Type.String()),
  disbursedOn: Nullable(IsoDate),
  disbursementMethod: Nullable(DisbursementMethod),
  disbursementReference: Nullable(Type.String()),
  version: Type.Integer(),
})
export type SupportPayment = Type.Static<typeof SupportPayment>
export const SupportPaymentPage = Page(SupportPayment)

/**
 * A proposal. agreement: `agreementId` (beneficiary: its union; amount from its grade).
 * union_founding: `unionId` and `role` (`organiserUserId` for the organiser: an account of the
 * union's upper-level union). hardship: `memberId`, `occurredOn`, `description` and `amountVnd`
 * (up to the cap). `amountVnd` other than the rule's is allowed only with `overrideReason`, which
 * the approver must confirm.
 */
export const ProposePaymentBody = Type.Object(
  {
    programId: Uuid,
    kind: ReasonKind,
    agreementId: Type.Optional(Uuid),
    unionId: Type.Optional(Uuid),
    role: Type.Optional(Type.Enum(['union', 'organiser'])),
    organiserUserId: Type.Optional(Uuid),
    memberId: Type.Optional(Uuid),
    occurredOn: Type.Optional(IsoDate),
    description: Type.Optional(Type.String({ minLength: 3, maxLength: 2000 })),
    amountVnd: Type.Optional(AmountVnd),
    overrideReason: Type.Optional(Type.String({ minLength: 3, maxLength: 1000 })),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
)
export type ProposePaymentBody = Type.Static<typeof ProposePaymentBody>

/** Proposes the listed candidates at the rule's amounts, all or nothing. */
export const ProposePaymentsBulkBody = Type.Object(
  {
    programId: Uuid,
    items: Type.Array(
      Type.Object(
        { kind: Type.Enum(['agreement', 'union_founding']), reasonId: Uuid, role: BeneficiaryRole, organiserUserId: Type.Optional(Uuid) },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 500 },
    ),
  },
  { additionalProperties: false },
)
export type ProposePaymentsBulkBody = Type.Static<typeof ProposePaymentsBulkBody>

export const ProposePaymentsBulkResult = Type.Object({ items: Type.Array(SupportPayment) })
export type ProposePaymentsBulkResult = Type.Static<typeof ProposePaymentsBulkResult>

/**
 * Approval by someone other than the proposer, holding the approver permission, in the scope of
 * the programme's union. When the amount differs from what the rule gives now (an override, or a
 * grade changed since the proposal), `overrideReason` is required.
 */
export const ApprovePaymentBody = Type.Object(
  { overrideReason: Type.Optional(Type.String({ minLength: 3, maxLength: 1000 })) },
  { additionalProperties: false },
)
export type ApprovePaymentBody = Type.Static<typeof ApprovePaymentBody>

export const ClosePaymentBody = Type.Object({ reason: Type.String({ minLength: 3, maxLength: 1000 }) }, { additionalProperties: false })
export type ClosePaymentBody = Type.Static<typeof ClosePaymentBody>

export const DisbursePaymentBody = Type.Object(
  {
    /** Not in the future, not before the approval. */
    disbursedOn: IsoDate,
    method: DisbursementMethod,
    /** Bank transaction or receipt number. */
    reference: Type.String({ minLength: 1, maxLength: 100 }),
  },
  { additionalProperties: false },
)
export type DisbursePaymentBody = Type.Static<typeof DisbursePaymentBody>

export const SupportPaymentListQuery = Type.Object(
  {
    ...PageQuery,
    programId: Type.Optional(Uuid),
    status: Type.Optional(Type.Array(PaymentStatus, { minItems: 1, maxItems: 5 })),
    /** Payments concerning records under this union. */
    under: Type.Optional(Uuid),
    /** Payments about one record: a union (as beneficiary or founding), a member, or an agreement. */
    unionId: Type.Optional(Uuid),
    memberId: Type.Optional(Uuid),
    agreementId: Type.Optional(Uuid),
    /** The approval queue: proposed payments you may approve (not your own). */
    awaitingMyApproval: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)
export type SupportPaymentListQuery = Type.Static<typeof SupportPaymentListQuery>

/* ---------- ledger and report ---------- */

export const LedgerEntryKinds = ['proposed', 'approved', 'rejected', 'cancelled', 'disbursed'] as const
export const LedgerEntryKind = Type.Enum([...LedgerEntryKinds])
export type LedgerEntryKind = (typeof LedgerEntryKinds)[number]

/** One state change of one payment, append-only; the deltas add up to the programme's figures. */
export const LedgerEntry = Type.Object({
  seq: Type.Integer(),
  paymentId: Uuid,
  kind: LedgerEntryKind,
  amountVnd: Type.Integer(),
  /** Change to proposed, approved and disbursed totals. */
  proposedDeltaVnd: Type.Integer(),
  approvedDeltaVnd: Type.Integer(),
  disbursedDeltaVnd: Type.Integer(),
  actor: Actor,
  at: IsoDateTime,
})
export type LedgerEntry = Type.Static<typeof LedgerEntry>
export const LedgerPage = Page(LedgerEntry)

export const SupportProgramReportQuery = Type.Object(
  { interval: Type.Optional(Type.Enum(['month', 'quarter'])) },
  { additionalProperties: false },
)

/** Budget use over time: committed and disbursed at the end of each month (or quarter) of the period. */
export const SupportProgramReport = Type.Object({
  program: Type.Object({ id: Uuid, name: Type.String() }),
  figures: SupportProgramFigures,
  byRole: Type.Array(Type.Object({ role: BeneficiaryRole, payments: Type.Integer(), committedVnd: Type.Integer(), disbursedVnd: Type.Integer() })),
  series: Type.Array(Type.Object({ periodEnd: IsoDate, committedVnd: Type.Integer(), disbursedVnd: Type.Integer() })),
})
export type SupportProgramReport = Type.Static<typeof SupportProgramReport>

/* ---------- routes ---------- */

export const supportRoutes = {
  listPrograms: {
    method: 'GET',
    url: '/api/v1/support-programs',
    querystring: SupportProgramListQuery,
    response: { 200: SupportProgramPage, ...problems(400, 401) },
  },
  createProgram: {
    method: 'POST',
    url: '/api/v1/support-programs',
    body: CreateSupportProgramBody,
    response: { 201: SupportProgram, ...problems(400, 401, 403, 404, 422) },
  },
  getProgram: {
    method: 'GET',
    url: '/api/v1/support-programs/:id',
    params: IdParams,
    response: { 200: SupportProgram, ...problems(400, 401, 404) },
  },
  updateProgram: {
    method: 'PATCH',
    url: '/api/v1/support-programs/:id',
    params: IdParams,
    headers: IfMatchHeaders,
    body: UpdateSupportProgramBody,
    response: { 200: SupportProgram, ...problems(400, 401, 403, 404, 409, 412, 422, 428) },
  },
  candidates: {
    method: 'GET',
    url: '/api/v1/support-programs/:id/candidates',
    params: IdParams,
    querystring: SupportCandidateQuery,
    response: { 200: SupportCandidatePage, ...problems(400, 401, 404) },
  },
  ledger: {
    method: 'GET',
    url: '/api/v1/support-programs/:id/ledger',
    params: IdParams,
    querystring: Type.Object({ ...PageQuery }, { additionalProperties: false }),
    response: { 200: LedgerPage, ...problems(400, 401, 404) },
  },
  report: {
    method: 'GET',
    url: '/api/v1/support-programs/:id/report',
    params: IdParams,
    querystring: SupportProgramReportQuery,
    response: { 200: SupportProgramReport, ...problems(400, 401, 404) },
  },
  /** XLSX of the programme's payments for the accountants. */
  exportPayments: {
    method: 'GET',
    url: '/api/v1/support-programs/:id/payments.xlsx',
    params: IdParams,
    response: { 200: FileDownload, ...problems(400, 401, 404) },
  },
  listPayments: {
    method: 'GET',
    url: '/api/v1/support-payments',
    querystring: SupportPaymentListQuery,
    response: { 200: SupportPaymentPage, ...problems(400, 401) },
  },
  propose: {
    method: 'POST',
    url: '/api/v1/support-payments',
    headers: IdempotencyHeaders,
    body: ProposePaymentBody,
    response: { 201: SupportPayment, ...problems(400, 401, 403, 404, 409, 422) },
  },
  proposeBulk: {
    method: 'POST',
    url: '/api/v1/support-payments/bulk',
    headers: IdempotencyHeaders,
    body: ProposePaymentsBulkBody,
    response: { 201: ProposePaymentsBulkResult, ...problems(400, 401, 403, 404, 409, 422) },
  },
  getPayment: {
    method: 'GET',
    url: '/api/v1/support-payments/:id',
    params: IdParams,
    response: { 200: SupportPayment, ...problems(400, 401, 404) },
  },
  approve: {
    method: 'POST',
    url: '/api/v1/support-payments/:id/approve',
    params: IdParams,
    headers: IdempotencyHeaders,
    body: ApprovePaymentBody,
    response: { 200: SupportPayment, ...problems(400, 401, 403, 404, 409, 422) },
  },
  reject: {
    method: 'POST',
    url: '/api/v1/support-payments/:id/reject',
    params: IdParams,
    body: ClosePaymentBody,
    response: { 200: SupportPayment, ...problems(400, 401, 403, 404, 409) },
  },
  cancel: {
    method: 'POST',
    url: '/api/v1/support-payments/:id/cancel',
    params: IdParams,
    body: ClosePaymentBody,
    response: { 200: SupportPayment, ...problems(400, 401, 403, 404, 409) },
  },
  disburse: {
    method: 'POST',
    url: '/api/v1/support-payments/:id/disburse',
    params: IdParams,
    headers: IdempotencyHeaders,
    body: DisbursePaymentBody,
    response: { 200: SupportPayment, ...problems(400, 401, 403, 404, 409, 422) },
  },
} as const
