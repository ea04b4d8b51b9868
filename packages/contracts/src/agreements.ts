import Type from 'typebox'
import { FileDownload, FilePart, IdParams, IfMatchHeaders, IsoDate, IsoDateTime, Nullable, Page, PageQuery, Uuid, problems } from './common.js'
import { IdempotencyHeaders, UnionRef } from './members.js'
import { Sector, TaxCode } from './unions.js'

/* ---------- enumerations ---------- */

/**
 * enterprise: one grassroots union and its employer (the only kind the API creates today);
 * sector and multi_employer agreements are reserved so records of those kinds fit later.
 */
export const AgreementKinds = ['enterprise', 'sector', 'multi_employer'] as const
export const AgreementKind = Type.Enum([...AgreementKinds])
export type AgreementKind = (typeof AgreementKinds)[number]

/**
 * negotiating → signed → registered (with the federation) → in_force → expired | replaced;
 * terminated ends an agreement early (or abandons a negotiation).
 */
export const AgreementStatuses = ['negotiating', 'signed', 'registered', 'in_force', 'expired', 'replaced', 'terminated'] as const
export const AgreementStatus = Type.Enum([...AgreementStatuses], {
  description:
    'negotiating → signed | terminated; signed → registered | in_force | terminated; registered → in_force | terminated; ' +
    'in_force → expired (by the expiry job) | replaced (when its renewal enters into force) | terminated; expired → replaced',
})
export type AgreementStatus = (typeof AgreementStatuses)[number]

/** The only status changes an agreement may make; replaced and terminated are final. */
export const AgreementTransitions: Readonly<Record<AgreementStatus, readonly AgreementStatus[]>> = {
  negotiating: ['signed', 'terminated'],
  signed: ['registered', 'in_force', 'terminated'],
  registered: ['in_force', 'terminated'],
  in_force: ['expired', 'replaced', 'terminated'],
  expired: ['replaced'],
  replaced: [],
  terminated: [],
}

/** Statuses of an agreement still on its way to being in force: at most one per union and employer. */
export const PendingAgreementStatuses = ['negotiating', 'signed', 'registered'] as const satisfies readonly AgreementStatus[]
/** Statuses in which the agreement's fields and documents may still change. */
export const EditableAgreementStatuses = ['negotiating', 'signed', 'registered', 'in_force'] as const satisfies readonly AgreementStatus[]
/** Statuses in which the federation may assess (or re-assess) the grade. */
export const GradableAgreementStatuses = ['registered', 'in_force', 'expired'] as const satisfies readonly AgreementStatus[]
/** Statuses from which a renewal may be started. */
export const RenewableAgreementStatuses = ['in_force', 'expired'] as const satisfies readonly AgreementStatus[]

export const AgreementDocumentTypes = ['agreement_text', 'signing_minutes', 'registration_notice', 'other'] as const
export const AgreementDocumentType = Type.Enum([...AgreementDocumentTypes], {
  description: 'agreement_text (văn bản thỏa ước), signing_minutes (biên bản ký kết), registration_notice (thông báo đăng ký), other',
})
export type AgreementDocumentType = (typeof AgreementDocumentTypes)[number]

/** What an uploaded document may be; the API also checks the file's first bytes against the type. */
export const AgreementDocumentMediaTypes = ['application/pdf', 'image/jpeg', 'image/png'] as const
export type AgreementDocumentMediaType = (typeof AgreementDocumentMediaTypes)[number]

/* ---------- the term rule ---------- */

export const MIN_AGREEMENT_TERM_YEARS = 1
export const MAX_AGREEMENT_TERM_YEARS = 3

function addYears(isoDate: string, years: number): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number]
  // 29 February plus a year falls on 28 February (the last day of that month).
  const lastDay = new Date(Date.UTC(year + years, month, 0)).getUTCDate()
  return `${String(year + years).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(day, lastDay)).padStart(2, '0')}`
}

function dayBefore(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`)
  date.setUTCDate(date.getUTCDate() - 1)
  return date.toISOString().slice(0, 10)
}

export type AgreementDatesProblem = 'effective_before_signed' | 'term_too_short' | 'term_too_long'

/**
 * The 2019 Labour Code (Art. 78) gives a collective agreement a term of one to three years.
 * `expiresOn` is the last day in force, so effective 2024-01-01 may expire from 2024-12-31 to
 * 2026-12-31. One definition for the API (which refuses) and the web app (which warns while typing).
 */
export function checkAgreementDates(dates: { signedOn: string; effectiveOn: string; expiresOn: string }): AgreementDatesProblem | null {
  if (dates.effectiveOn < dates.signedOn) return 'effective_before_signed'
  if (dates.expiresOn < dayBefore(addYears(dates.effectiveOn, MIN_AGREEMENT_TERM_YEARS))) return 'term_too_short'
  if (dates.expiresOn > dayBefore(addYears(dates.effectiveOn, MAX_AGREEMENT_TERM_YEARS))) return 'term_too_long'
  return null
}

/* ---------- grades ---------- */

/** A grade of the grading scheme, kept as data (seeded A, B, C, D as the Hanoi federation grades). */
export const AgreementGrade = Type.Object({
  code: Type.String(),
  name: Type.String(),
  /** What an agreement needs for this grade, as the assessors read it. */
  criteria: Type.String(),
  /** At least this many terms more favourable to workers than the law (see `favourableTermCount`). */
  minFavourableTerms: Type.Integer(),
  sortOrder: Type.Integer(),
})
export type AgreementGrade = Type.Static<typeof AgreementGrade>

const GradeCode = Type.String({ minLength: 1, maxLength: 8, pattern: '^[A-Z][A-Z0-9+]*$', examples: ['A'] })

/* ---------- terms ---------- */

const Vnd = Type.Integer({ minimum: 0, maximum: 1_000_000_000_000, description: 'Whole VND' })

export const AgreementAllowance = Type.Object(
  {
    name: Type.String({ minLength: 2, maxLength: 200 }),
    /** Per month, whole VND. */
    amountVnd: Type.Integer({ minimum: 1, maximum: 1_000_000_000 }),
  },
  { additionalProperties: false },
)
export type AgreementAllowance = Type.Static<typeof AgreementAllowance>

/** The main terms, structured so they can be compared and graded; null: the agreement says nothing better than the law. */
export const AgreementTerms = Type.Object(
  {
    /** Lowest wage paid, in percent above the regional minimum wage (e.g. 8 for 8%). */
    wageAboveMinimumPercent: Nullable(Type.Integer({ minimum: 0, maximum: 500 })),
    /** Annual wage increase promised, percent. */
    annualRaisePercent: Nullable(Type.Integer({ minimum: 0, maximum: 100 })),
    /** Tết (13th-month) bonus in months of salary, in tenths: 15 = 1.5 months. */
    tetBonusTenthsOfMonth: Nullable(Type.Integer({ minimum: 0, maximum: 240 })),
    /** Meal allowance per working day or shift. */
    mealAllowanceVnd: Nullable(Vnd),
    /** Monthly allowances (housing, travel, child care, ...). */
    allowances: Type.Array(AgreementAllowance, { maxItems: 30 }),
    /** Paid annual leave days beyond the law. */
    extraLeaveDays: Nullable(Type.Integer({ minimum: 0, maximum: 60 })),
    /** Health check-ups a year paid by the employer. */
    healthCheckupsPerYear: Nullable(Type.Integer({ minimum: 0, maximum: 12 })),
    /** Insurance beyond the compulsory schemes (accident, health, pension top-up). */
    extraInsurance: Type.Boolean(),
    /** Other terms, free text. */
    otherTerms: Nullable(Type.String({ maxLength: 20000 })),
  },
  { additionalProperties: false },
)
export type AgreementTerms = Type.Static<typeof AgreementTerms>

/** Terms with every field optional, as the forms send them; missing fields are null, false or empty. */
export const AgreementTermsInput = Type.Partial(AgreementTerms, { additionalProperties: false })
export type AgreementTermsInput = Type.Static<typeof AgreementTermsInput>

export const EMPTY_AGREEMENT_TERMS: AgreementTerms = {
  wageAboveMinimumPercent: null,
  annualRaisePercent: null,
  tetBonusTenthsOfMonth: null,
  mealAllowanceVnd: null,
  allowances: [],
  extraLeaveDays: null,
  healthCheckupsPerYear: null,
  extraInsurance: false,
  otherTerms: null,
}

/**
 * How many structured terms improve on the law: each positive figure counts once, each allowance
 * counts once, extra insurance counts once. Shown next to the grade criteria when assessing.
 */
export function favourableTermCount(terms: AgreementTerms): number {
  const figures = [
    terms.wageAboveMinimumPercent,
    terms.annualRaisePercent,
    terms.tetBonusTenthsOfMonth,
    terms.mealAllowanceVnd,
    terms.extraLeaveDays,
    terms.healthCheckupsPerYear,
  ]
  return figures.filter((value) => value !== null && value > 0).length + terms.allowances.length + (terms.extraInsurance ? 1 : 0)
}

/* ---------- agreements ---------- */

/** The grassroots union party to an agreement, with its sector (the reports' breakdown). */
export const AgreementUnionRef = Type.Object({ id: Uuid, code: Type.String(), name: Type.String(), sector: Nullable(Sector) })
export type AgreementUnionRef = Type.Static<typeof AgreementUnionRef>

export const AgreementRef = Type.Object({ id: Uuid, title: Type.String(), status: AgreementStatus })
export type AgreementRef = Type.Static<typeof AgreementRef>

export const Agreement = Type.Object({
  id: Uuid,
  kind: AgreementKind,
  title: Type.String(),
  /** The grassroots union that is party to it. */
  union: AgreementUnionRef,
  employerName: Type.String(),
  employerTaxCode: Nullable(Type.String()),
  status: AgreementStatus,
  /** Dates are set when the agreement is signed. */
  signedOn: Nullable(IsoDate),
  effectiveOn: Nullable(IsoDate),
  /** Last day in force. */
  expiresOn: Nullable(IsoDate),
  registeredOn: Nullable(IsoDate),
  registrationNumber: Nullable(Type.String()),
  /** The day it entered into force (its effective date, or later when brought into force late). */
  inForceOn: Nullable(IsoDate),
  /** Terminated or replaced on this day (no longer in force from it). */
  endedOn: Nullable(IsoDate),
  endReason: Nullable(Type.String()),
  workersCovered: Type.Integer(),
  terms: AgreementTerms,
  favourableTerms: Type.Integer(),
  notes: Nullable(Type.String()),
  grade: Nullable(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      assessedOn: IsoDate,
      assessedBy: Type.Object({ id: Uuid, name: Type.String() }),
      note: Nullable(Type.String()),
    }),
  ),
  /** The agreement this one renews, and the one that renewed it. */
  replaces: Nullable(AgreementRef),
  replacedBy: Nullable(AgreementRef),
  documentCount: Type.Integer(),
  version: Type.Integer(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
})
export type Agreement = Type.Static<typeof Agreement>
export const AgreementPage = Page(Agreement)

const agreementFields = {
  title: Type.String({ minLength: 3, maxLength: 300 }),
  employerName: Type.String({ minLength: 2, maxLength: 255 }),
  employerTaxCode: Nullable(TaxCode),
  workersCovered: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
  terms: AgreementTermsInput,
  notes: Nullable(Type.String({ maxLength: 4000 })),
}

const signingFields = {
  signedOn: IsoDate,
  effectiveOn: IsoDate,
  /** Last day in force: one to three years after the effective date. */
  expiresOn: IsoDate,
}

/**
 * A new agreement, negotiating by default. With `status: 'signed'` and the three dates it is
 * recorded as already signed (the usual case when a union brings a signed agreement to register).
 */
export const CreateAgreementBody = Type.Object(
  {
    /** A grassroots union in your scope. */
    unionId: Uuid,
    kind: Type.Optional(Type.Literal('enterprise')),
    title: agreementFields.title,
    /** Default: the union's employer. */
    employerName: Type.Optional(agreementFields.employerName),
    employerTaxCode: Type.Optional(agreementFields.employerTaxCode),
    workersCovered: agreementFields.workersCovered,
    terms: Type.Optional(agreementFields.terms),
    notes: Type.Optional(agreementFields.notes),
    status: Type.Optional(Type.Enum(['negotiating', 'signed'])),
    signedOn: Type.Optional(signingFields.signedOn),
    effectiveOn: Type.Optional(signingFields.effectiveOn),
    expiresOn: Type.Optional(signingFields.expiresOn),
  },
  { additionalProperties: false },
)
export type CreateAgreementBody = Type.Static<typeof CreateAgreementBody>

/** Fields change while the agreement is not final; dates only once signed (and are checked again). */
export const UpdateAgreementBody = Type.Object(
  {
    title: Type.Optional(agreementFields.title),
    employerName: Type.Optional(agreementFields.employerName),
    employerTaxCode: Type.Optional(agreementFields.employerTaxCode),
    workersCovered: Type.Optional(agreementFields.workersCovered),
    /** Replaces the terms; fields left out become null, false or empty. */
    terms: Type.Optional(agreementFields.terms),
    notes: Type.Optional(agreementFields.notes),
    signedOn: Type.Optional(signingFields.signedOn),
    effectiveOn: Type.Optional(signingFields.effectiveOn),
    expiresOn: Type.Optional(signingFields.expiresOn),
  },
  { additionalProperties: false, minProperties: 1 },
)
export type UpdateAgreementBody = Type.Static<typeof UpdateAgreementBody>

/** negotiating → signed. */
export const SignAgreementBody = Type.Object(
  { ...signingFields, workersCovered: Type.Optional(agreementFields.workersCovered) },
  { additionalProperties: false },
)
export type SignAgreementBody = Type.Static<typeof SignAgreementBody>

/** signed → registered: the federation has received and registered it. */
export const RegisterAgreementBody = Type.Object(
  {
    registeredOn: IsoDate,
    registrationNumber: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 60 }))),
  },
  { additionalProperties: false },
)
export type RegisterAgreementBody = Type.Static<typeof RegisterAgreementBody>

/**
 * signed | registered → in_force, from its effective date (which must have come, and the agreement
 * must not have expired). A renewal entering into force marks the agreement it replaces replaced.
 * Registered agreements also enter into force by themselves on their effective date (the expiry job).
 */
export const BringIntoForceBody = Type.Object(
  {
    /** Default: the effective date; not before it and not in the future. */
    inForceOn: Type.Optional(IsoDate),
  },
  { additionalProperties: false },
)
export type BringIntoForceBody = Type.Static<typeof BringIntoForceBody>

/** Any status but the final ones → terminated (an abandoned negotiation, or an agreement ended early). */
export const TerminateAgreementBody = Type.Object(
  {
    terminatedOn: IsoDate,
    reason: Type.String({ minLength: 3, maxLength: 1000 }),
  },
  { additionalProperties: false },
)
export type TerminateAgreementBody = Type.Static<typeof TerminateAgreementBody>

/** The federation's assessment; a later assessment replaces the grade and stays in the timeline. */
export const GradeAgreementBody = Type.Object(
  {
    grade: GradeCode,
    /** Default: today; not in the future. */
    assessedOn: Type.Optional(IsoDate),
    note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  },
  { additionalProperties: false },
)
export type GradeAgreementBody = Type.Static<typeof GradeAgreementBody>

/**
 * Starts the agreement that renews an in-force or expired one, for the same union and employer,
 * linked to it. Terms, employer and workers covered are copied unless given.
 */
export const RenewAgreementBody = Type.Object(
  {
    title: agreementFields.title,
    workersCovered: Type.Optional(agreementFields.workersCovered),
    terms: Type.Optional(agreementFields.terms),
    notes: Type.Optional(agreementFields.notes),
    status: Type.Optional(Type.Enum(['negotiating', 'signed'])),
    signedOn: Type.Optional(signingFields.signedOn),
    effectiveOn: Type.Optional(signingFields.effectiveOn),
    expiresOn: Type.Optional(signingFields.expiresOn),
  },
  { additionalProperties: false },
)
export type RenewAgreementBody = Type.Static<typeof RenewAgreementBody>

export const AgreementSorts = ['recent', 'expiring', 'title'] as const
export const AgreementSort = Type.Enum([...AgreementSorts], {
  description: 'recent: newest signed first (default); expiring: soonest expiry first; title: by title',
})
export type AgreementSort = (typeof AgreementSorts)[number]

export const AgreementListQuery = Type.Object(
  {
    ...PageQuery,
    /** Agreements of unions in this union's subtree. */
    under: Type.Optional(Uuid),
    unionId: Type.Optional(Uuid),
    /** Repeat for several. */
    status: Type.Optional(Type.Array(AgreementStatus, { minItems: 1, maxItems: 7 })),
    grade: Type.Optional(GradeCode),
    /** true: not graded yet. */
    ungraded: Type.Optional(Type.Boolean()),
    sector: Type.Optional(Sector),
    /** In force and expiring within this many days from today (the "expiring soon" view; sorts by expiry). */
    expiringWithinDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 3650 })),
    /** Signed within these dates. */
    signedFrom: Type.Optional(IsoDate),
    signedTo: Type.Optional(IsoDate),
    /** Accent-insensitive search in the title, the employer and the union's name. */
    q: Type.Optional(Type.String({ maxLength: 120 })),
    sort: Type.Optional(AgreementSort),
  },
  { additionalProperties: false },
)
export type AgreementListQuery = Type.Static<typeof AgreementListQuery>

/* ---------- documents ---------- */

export const AgreementDocument = Type.Object({
  id: Uuid,
  agreementId: Uuid,
  type: AgreementDocumentType,
  fileName: Type.String(),
  mediaType: Type.String(),
  sizeBytes: Type.Integer(),
  /** SHA-256 of the content, hex. */
  sha256: Type.String(),
  uploadedBy: Type.Object({ id: Uuid, name: Type.String() }),
  uploadedAt: IsoDateTime,
})
export type AgreementDocument = Type.Static<typeof AgreementDocument>

export const DocumentParams = Type.Object({ id: Uuid, documentId: Uuid }, { additionalProperties: false })
export type DocumentParams = Type.Static<typeof DocumentParams>

/* ---------- timeline ---------- */

export const AgreementEventKinds = [
  'created',
  'updated',
  'signed',
  'registered',
  'in_force',
  'expired',
  'replaced',
  'terminated',
  'graded',
  'renewal_started',
  'document_added',
  'document_removed',
] as const
export const AgreementEventKind = Type.Enum([...AgreementEventKinds])
export type AgreementEventKind = (typeof AgreementEventKinds)[number]

export const AgreementEvent = Type.Object({
  id: Uuid,
  kind: AgreementEventKind,
  /** The day it happened in the agreement's life (signing date, registration date, ...). */
  onDate: IsoDate,
  fromStatus: Nullable(AgreementStatus),
  toStatus: Nullable(AgreementStatus),
  /** Short human-readable detail: the grade given, the reason, the file name, ... */
  detail: Nullable(Type.String()),
  /** null: done by the system (the expiry job). */
  actor: Nullable(Type.Object({ id: Uuid, name: Type.String() })),
  at: IsoDateTime,
})
export type AgreementEvent = Type.Static<typeof AgreementEvent>

/* ---------- expiry job ---------- */

export const AgreementExpiryRunBody = Type.Object(
  {
    /** Default today; not in the future. */
    asOf: Type.Optional(IsoDate),
  },
  { additionalProperties: false },
)
export type AgreementExpiryRunBody = Type.Static<typeof AgreementExpiryRunBody>

export const AgreementExpiryRunResult = Type.Object({
  asOf: IsoDate,
  /** Registered agreements whose effective date had come, now in force. */
  broughtIntoForce: Type.Integer(),
  /** In-force agreements past their last day, now expired. */
  expired: Type.Integer(),
})
export type AgreementExpiryRunResult = Type.Static<typeof AgreementExpiryRunResult>

/* ---------- reports ---------- */

/**
 * An agreement is in force on day D when it entered into force on or before D, D is not after its
 * last day, and it was not terminated or replaced on or before D. Reports use that rule with the
 * records' dates, so a report "as of" a past day does not change when the job runs later.
 */
export const AgreementCoverageQuery = Type.Object(
  {
    /** Default: your union. */
    under: Type.Optional(Uuid),
    /** Default: today. */
    asOf: Type.Optional(IsoDate),
  },
  { additionalProperties: false },
)
export type AgreementCoverageQuery = Type.Static<typeof AgreementCoverageQuery>

export const AgreementCoverageRow = Type.Object({
  /** null: the total over all sectors. */
  sector: Nullable(Sector),
  /** Active grassroots unions under the unit on that day. */
  activeUnions: Type.Integer(),
  /** Of them, with at least one agreement in force on that day. */
  covered: Type.Integer(),
  /** covered / activeUnions in percent, two decimals (0 when there are none). */
  share: Type.Number(),
  /** Workers covered by those agreements. */
  workersCovered: Type.Integer(),
})
export type AgreementCoverageRow = Type.Static<typeof AgreementCoverageRow>

export const AgreementCoverageReport = Type.Object({
  under: UnionRef,
  asOf: IsoDate,
  /** One row per sector, then the total (sector null). */
  rows: Type.Array(AgreementCoverageRow),
})
export type AgreementCoverageReport = Type.Static<typeof AgreementCoverageReport>

export const AgreementCoverageUnionsQuery = Type.Object(
  {
    ...PageQuery,
    under: Type.Optional(Uuid),
    asOf: Type.Optional(IsoDate),
    sector: Type.Optional(Sector),
    /** true: unions with an agreement in force; false: those without. */
    covered: Type.Boolean(),
  },
  { additionalProperties: false },
)
export type AgreementCoverageUnionsQuery = Type.Static<typeof AgreementCoverageUnionsQuery>

/** A grassroots union in the coverage figures, with the agreement in force for it (if any). */
export const AgreementCoverageUnion = Type.Object({
  union: AgreementUnionRef,
  agreement: Nullable(Type.Object({ id: Uuid, title: Type.String(), expiresOn: IsoDate, grade: Nullable(Type.String()) })),
})
export type AgreementCoverageUnion = Type.Static<typeof AgreementCoverageUnion>
export const AgreementCoverageUnionPage = Page(AgreementCoverageUnion)

export const AgreementSignedQuery = Type.Object(
  { under: Type.Optional(Uuid), from: IsoDate, to: IsoDate },
  { additionalProperties: false },
)
export type AgreementSignedQuery = Type.Static<typeof AgreementSignedQuery>

/** Agreements signed in the period (signing date within it, whatever became of them since). */
export const AgreementSignedReport = Type.Object({
  under: UnionRef,
  from: IsoDate,
  to: IsoDate,
  agreements: Type.Integer(),
  /** Grassroots unions that signed at least one ("30 grassroots unions newly signed agreements"). */
  unions: Type.Integer(),
  workersCovered: Type.Integer(),
  bySector: Type.Array(Type.Object({ sector: Nullable(Sector), agreements: Type.Integer(), unions: Type.Integer() })),
})
export type AgreementSignedReport = Type.Static<typeof AgreementSignedReport>

export const AgreementGradeDistributionQuery = AgreementCoverageQuery
export type AgreementGradeDistributionQuery = AgreementCoverageQuery

/** Grades of the agreements in force on the day. */
export const AgreementGradeDistribution = Type.Object({
  under: UnionRef,
  asOf: IsoDate,
  /** In force on the day. */
  total: Type.Integer(),
  /** One row per grade of the scheme (in its order, zeros included), then ungraded (grade null). */
  rows: Type.Array(
    Type.Object({
      grade: Nullable(Type.String()),
      name: Type.String(),
      count: Type.Integer(),
      /** count / total in percent, two decimals. */
      share: Type.Number(),
    }),
  ),
})
export type AgreementGradeDistribution = Type.Static<typeof AgreementGradeDistribution>

/* ---------- routes ---------- */

/**
 * Documents are uploaded as multipart/form-data with a `file` part and a `type` field (one of
 * AgreementDocumentTypes); declared here for the documentation, the multipart body is read by the route.
 */
export const agreementRoutes = {
  grades: {
    method: 'GET',
    url: '/api/v1/agreement-grades',
    response: { 200: Type.Object({ items: Type.Array(AgreementGrade) }), ...problems(401) },
  },
  list: {
    method: 'GET',
    url: '/api/v1/agreements',
    querystring: AgreementListQuery,
    response: { 200: AgreementPage, ...problems(400, 401, 404) },
  },
  create: {
    method: 'POST',
    url: '/api/v1/agreements',
    headers: IdempotencyHeaders,
    body: CreateAgreementBody,
    response: { 201: Agreement, ...problems(400, 401, 403, 404, 409, 422) },
  },
  get: {
    method: 'GET',
    url: '/api/v1/agreements/:id',
    params: IdParams,
    response: { 200: Agreement, ...problems(400, 401, 404) },
  },
  update: {
    method: 'PATCH',
    url: '/api/v1/agreements/:id',
    params: IdParams,
    headers: IfMatchHeaders,
    body: UpdateAgreementBody,
    response: { 200: Agreement, ...problems(400, 401, 403, 404, 409, 412, 422, 428) },
  },
  sign: {
    method: 'POST',
    url: '/api/v1/agreements/:id/signing',
    params: IdParams,
    body: SignAgreementBody,
    response: { 200: Agreement, ...problems(400, 401, 403, 404, 409, 422) },
  },
  register: {
    method: 'POST',
    url: '/api/v1/agreements/:id/registration',
    params: IdParams,
    body: RegisterAgreementBody,
    response: { 200: Agreement, ...problems(400, 401, 403, 404, 409, 422) },
  },
  bringIntoForce: {
    method: 'POST',
    url: '/api/v1/agreements/:id/entry-into-force',
    params: IdParams,
    body: BringIntoForceBody,
    response: { 200: Agreement, ...problems(400, 401, 403, 404, 409, 422) },
  },
  terminate: {
    method: 'POST',
    url: '/api/v1/agreements/:id/termination',
    params: IdParams,
    body: TerminateAgreementBody,
    response: { 200: Agreement, ...problems(400, 401, 403, 404, 409, 422) },
  },
  grade: {
    method: 'PUT',
    url: '/api/v1/agreements/:id/grade',
    params: IdParams,
    body: GradeAgreementBody,
    response: { 200: Agreement, ...problems(400, 401, 403, 404, 409, 422) },
  },
  renew: {
    method: 'POST',
    url: '/api/v1/agreements/:id/renewal',
    params: IdParams,
    body: RenewAgreementBody,
    response: { 201: Agreement, ...problems(400, 401, 403, 404, 409, 422) },
  },
  timeline: {
    method: 'GET',
    url: '/api/v1/agreements/:id/timeline',
    params: IdParams,
    response: { 200: Type.Object({ items: Type.Array(AgreementEvent) }), ...problems(400, 401, 404) },
  },
  documents: {
    method: 'GET',
    url: '/api/v1/agreements/:id/documents',
    params: IdParams,
    response: { 200: Type.Object({ items: Type.Array(AgreementDocument) }), ...problems(400, 401, 404) },
  },
  uploadDocument: {
    method: 'POST',
    url: '/api/v1/agreements/:id/documents',
    params: IdParams,
    /** The multipart/form-data parts (read by the handler, documented here). */
    form: Type.Object({ file: FilePart, type: AgreementDocumentType }, { description: 'A PDF, JPEG or PNG file and its type' }),
    response: { 201: AgreementDocument, ...problems(400, 401, 403, 404, 409, 413, 415, 422) },
  },
  downloadDocument: {
    method: 'GET',
    url: '/api/v1/agreements/:id/documents/:documentId',
    params: DocumentParams,
    response: { 200: FileDownload, ...problems(400, 401, 404) },
  },
  deleteDocument: {
    method: 'DELETE',
    url: '/api/v1/agreements/:id/documents/:documentId',
    params: DocumentParams,
    response: { 204: Type.Null(), ...problems(400, 401, 403, 404, 409) },
  },
  expiryRun: {
    method: 'POST',
    url: '/api/v1/agreements/expiry-runs',
    body: AgreementExpiryRunBody,
    response: { 200: AgreementExpiryRunResult, ...problems(400, 401, 403, 422) },
  },
  coverage: {
    method: 'GET',
    url: '/api/v1/reports/agreements/coverage',
    querystring: AgreementCoverageQuery,
    response: { 200: AgreementCoverageReport, ...problems(400, 401, 404) },
  },
  coverageUnions: {
    method: 'GET',
    url: '/api/v1/reports/agreements/coverage/unions',
    querystring: AgreementCoverageUnionsQuery,
    response: { 200: AgreementCoverageUnionPage, ...problems(400, 401, 404) },
  },
  signed: {
    method: 'GET',
    url: '/api/v1/reports/agreements/signed',
    querystring: AgreementSignedQuery,
    response: { 200: AgreementSignedReport, ...problems(400, 401, 404) },
  },
  gradeDistribution: {
    method: 'GET',
    url: '/api/v1/reports/agreements/grades',
    querystring: AgreementGradeDistributionQuery,
    response: { 200: AgreementGradeDistribution, ...problems(400, 401, 404) },
  },
} as const
