import Type from 'typebox'
import { FileDownload, FilePart, IdParams, IfMatchHeaders, IsoDate, IsoDateTime, Nullable, Page, PageQuery, Uuid, problems } from './common.js'

/* ---------- enumerations ---------- */

export const Genders = ['male', 'female'] as const
export const Gender = Type.Enum([...Genders], { description: 'male (Nam) or female (Nữ)' })
export type Gender = (typeof Genders)[number]

/**
 * active: a member now. transferred_out: moved to a union this system does not hold.
 * left: left the union (thôi sinh hoạt, ra khỏi tổ chức). deceased: died.
 * A move between two unions of this system is a transfer and keeps the member active.
 */
export const MemberStatuses = ['active', 'transferred_out', 'left', 'deceased'] as const
export const MemberStatus = Type.Enum([...MemberStatuses])
export type MemberStatus = (typeof MemberStatuses)[number]

/** Statuses a member can be moved to by a status change (active comes back by re-admission). */
export const EndingStatuses = ['transferred_out', 'left', 'deceased'] as const
export const EndingStatus = Type.Enum([...EndingStatuses])
export type EndingStatus = (typeof EndingStatuses)[number]

/** none: never had a card; active: holds a valid card; lost: the last card was reported lost. */
export const CardStatuses = ['none', 'active', 'lost'] as const
export const CardStatus = Type.Enum([...CardStatuses])
export type CardStatus = (typeof CardStatuses)[number]

/** Filter values for cards: `due` = an active member who needs a card issued, reissued or renewed. */
export const CardStatusFilter = Type.Enum([...CardStatuses, 'due'])

/** Personal fields that are masked unless asked for with `reveal`. */
export const RevealableFields = ['citizenId', 'phone'] as const
export type RevealableField = (typeof RevealableFields)[number]
/** Comma-separated personal fields to show unmasked, e.g. `citizenId,phone`. Each reveal is audited. */
export const RevealQuery = Type.String({
  pattern: '^(citizenId|phone)(,(citizenId|phone))?$',
  description: 'Comma-separated fields to show unmasked (citizenId, phone); needs the reveal permission and is audited',
})

/* ---------- field formats ---------- */

/** CCCD (căn cước công dân): 12 digits, the first three a province code. */
export const CitizenId = Type.String({ pattern: '^[0-9]{12}$', description: 'Citizen ID (CCCD), 12 digits', examples: ['001185012345'] })
/**
 * A CCCD as a person types it (spaces or dots between groups are dropped). Length and province
 * code are checked by the API, so the message says exactly what is wrong.
 */
export const CitizenIdInput = Type.String({ minLength: 1, maxLength: 20, pattern: '^[0-9][0-9 .]*$', description: 'Citizen ID (CCCD), 12 digits', examples: ['001185012345'] })
/** Vietnamese phone number as typed; the API normalises it to 0xxxxxxxxx. */
export const PhoneInput = Type.String({ minLength: 9, maxLength: 20, pattern: '^[+0-9 .()-]+$', examples: ['0912 345 678'] })
export const CardNumber = Type.String({ minLength: 4, maxLength: 24, pattern: '^[A-Z0-9][A-Z0-9-]*$', examples: ['HN-2025-000123'] })
const PersonName = Type.String({ minLength: 2, maxLength: 120 })
const ShortText = (maxLength: number) => Type.String({ maxLength })

/* ---------- member ---------- */

export const UnionRef = Type.Object({ id: Uuid, code: Type.String(), name: Type.String() })
export type UnionRef = Type.Static<typeof UnionRef>

export const Member = Type.Object({
  id: Uuid,
  /** The grassroots union the member belongs to (for a member who left, the last one). */
  union: UnionRef,
  fullName: Type.String(),
  dateOfBirth: IsoDate,
  gender: Gender,
  /** Masked (`********1234`) unless revealed; null when unknown or erased. */
  citizenId: Nullable(Type.String()),
  /** Masked (`09******78`) unless revealed. */
  phone: Nullable(Type.String()),
  /** Which personal fields this response shows in full. */
  revealed: Type.Array(Type.Enum([...RevealableFields]), { examples: [[]] }),
  ethnicity: Nullable(Type.String()),
  occupation: Nullable(Type.String()),
  /** Ngày kết nạp (latest admission). */
  admittedOn: IsoDate,
  status: MemberStatus,
  statusDate: Nullable(IsoDate),
  statusReason: Nullable(Type.String()),
  cardNumber: Nullable(Type.String()),
  cardIssuedOn: Nullable(IsoDate),
  cardStatus: CardStatus,
  /** Personal data erased on request (anonymised; counts and reports stay true). */
  erased: Type.Boolean(),
  version: Type.Integer(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
})
export type Member = Type.Static<typeof Member>
export const MemberPage = Page(Member)

const memberFields = {
  fullName: PersonName,
  dateOfBirth: IsoDate,
  gender: Gender,
  citizenId: CitizenIdInput,
  phone: Type.Optional(Nullable(PhoneInput)),
  ethnicity: Type.Optional(Nullable(ShortText(60))),
  occupation: Type.Optional(Nullable(ShortText(120))),
}

export const CreateMemberBody = Type.Object(
  {
    /** A grassroots union in your scope. */
    unionId: Uuid,
    ...memberFields,
    admittedOn: IsoDate,
    /** A card already issued on paper; omit and use the cards routes to issue a new one. */
    cardNumber: Type.Optional(CardNumber),
    cardIssuedOn: Type.Optional(IsoDate),
  },
  { additionalProperties: false },
)
export type CreateMemberBody = Type.Static<typeof CreateMemberBody>

export const UpdateMemberBody = Type.Object(
  {
    fullName: Type.Optional(PersonName),
    dateOfBirth: Type.Optional(IsoDate),
    gender: Type.Optional(Gender),
    citizenId: Type.Optional(CitizenIdInput),
    phone: Type.Optional(Nullable(PhoneInput)),
    ethnicity: Type.Optional(Nullable(ShortText(60))),
    occupation: Type.Optional(Nullable(ShortText(120))),
    admittedOn: Type.Optional(IsoDate),
  },
  { additionalProperties: false, minProperties: 1 },
)
export type UpdateMemberBody = Type.Static<typeof UpdateMemberBody>

export const MemberStatusBody = Type.Object(
  { status: EndingStatus, effectiveDate: IsoDate, reason: Type.String({ minLength: 1, maxLength: 1000 }) },
  { additionalProperties: false },
)
export type MemberStatusBody = Type.Static<typeof MemberStatusBody>

export const ReadmitMemberBody = Type.Object(
  { unionId: Uuid, admittedOn: IsoDate, reason: Type.Optional(ShortText(1000)) },
  { additionalProperties: false },
)
export type ReadmitMemberBody = Type.Static<typeof ReadmitMemberBody>

export const EraseMemberBody = Type.Object(
  {
    /** Date the member asked for erasure. */
    requestedOn: IsoDate,
    reason: Type.String({ minLength: 1, maxLength: 1000 }),
  },
  { additionalProperties: false },
)
export type EraseMemberBody = Type.Static<typeof EraseMemberBody>

/** The filters of a member list, shared by the list and the export. */
const memberFilters = {
    /** Accent-insensitive, typo-tolerant search over name and card number. */
    q: Type.Optional(Type.String({ maxLength: 120 })),
    /** Members of this union's subtree (itself included). */
    under: Type.Optional(Uuid),
    unionId: Type.Optional(Uuid),
    status: Type.Optional(MemberStatus),
    gender: Type.Optional(Gender),
    ageMin: Type.Optional(Type.Integer({ minimum: 0, maximum: 120 })),
    ageMax: Type.Optional(Type.Integer({ minimum: 0, maximum: 120 })),
    admittedFrom: Type.Optional(IsoDate),
    admittedTo: Type.Optional(IsoDate),
    cardStatus: Type.Optional(CardStatusFilter),
    /** Members who now hold this officer position (position code). */
    position: Type.Optional(Type.String({ maxLength: 40 })),
    /** Exact citizen ID; needs the reveal permission, and the lookup is audited. */
    citizenId: Type.Optional(CitizenId),
    reveal: Type.Optional(RevealQuery),
}

export const MemberListQuery = Type.Object({ ...PageQuery, ...memberFilters }, { additionalProperties: false })
export type MemberListQuery = Type.Static<typeof MemberListQuery>

export const MemberGetQuery = Type.Object({ reveal: Type.Optional(RevealQuery) }, { additionalProperties: false })
export type MemberGetQuery = Type.Static<typeof MemberGetQuery>

/* ---------- cards ---------- */

export const CardKinds = ['issue', 'renewal', 'reissue'] as const
export const CardKind = Type.Enum([...CardKinds], { description: 'issue (cấp mới), renewal (đổi thẻ), reissue after a loss (cấp lại)' })
export type CardKind = (typeof CardKinds)[number]
export const CardRecordStatuses = ['active', 'replaced', 'lost', 'cancelled'] as const
export type CardRecordStatus = (typeof CardRecordStatuses)[number]

export const MembershipCard = Type.Object({
  id: Uuid,
  memberId: Uuid,
  cardNumber: Type.String(),
  kind: CardKind,
  issuedOn: IsoDate,
  status: Type.Enum([...CardRecordStatuses]),
  endedOn: Nullable(IsoDate),
  reason: Nullable(Type.String()),
  createdAt: IsoDateTime,
})
export type MembershipCard = Type.Static<typeof MembershipCard>

export const IssueCardBody = Type.Object(
  {
    kind: CardKind,
    issuedOn: IsoDate,
    /** Leave out to get the next number in the configured format. */
    cardNumber: Type.Optional(CardNumber),
    reason: Type.Optional(ShortText(1000)),
  },
  { additionalProperties: false },
)
export type IssueCardBody = Type.Static<typeof IssueCardBody>

export const ReportCardLostBody = Type.Object(
  { reportedOn: IsoDate, reason: Type.Optional(ShortText(1000)) },
  { additionalProperties: false },
)
export type ReportCardLostBody = Type.Static<typeof ReportCardLostBody>

/* ---------- transfers ---------- */

export const TransferStatuses = ['pending', 'accepted', 'rejected', 'cancelled', 'completed'] as const
export const TransferStatus = Type.Enum([...TransferStatuses], {
  description: 'completed: a direct move inside one scope; pending → accepted | rejected | cancelled for a request across scopes',
})
export type TransferStatus = (typeof TransferStatuses)[number]

export const Transfer = Type.Object({
  id: Uuid,
  memberId: Uuid,
  memberName: Type.String(),
  fromUnion: UnionRef,
  toUnion: UnionRef,
  /** direct: inside the requester's scope, done at once; request: the receiving union decides. */
  kind: Type.Enum(['direct', 'request']),
  status: TransferStatus,
  effectiveDate: IsoDate,
  reason: Nullable(Type.String()),
  decisionNote: Nullable(Type.String()),
  requestedByName: Nullable(Type.String()),
  decidedByName: Nullable(Type.String()),
  requestedAt: IsoDateTime,
  decidedAt: Nullable(IsoDateTime),
})
export type Transfer = Type.Static<typeof Transfer>
export const TransferPage = Page(Transfer)

export const CreateTransferBody = Type.Object(
  {
    /** The receiving grassroots union, anywhere in the system. */
    toUnionId: Uuid,
    effectiveDate: IsoDate,
    reason: Type.Optional(ShortText(1000)),
  },
  { additionalProperties: false },
)
export type CreateTransferBody = Type.Static<typeof CreateTransferBody>

export const TransferListQuery = Type.Object(
  {
    ...PageQuery,
    /** incoming: to a union in your scope (your inbox); outgoing: from one. */
    direction: Type.Enum(['incoming', 'outgoing']),
    status: Type.Optional(TransferStatus),
  },
  { additionalProperties: false },
)
export type TransferListQuery = Type.Static<typeof TransferListQuery>

export const DecideTransferBody = Type.Object({ note: Type.Optional(ShortText(1000)) }, { additionalProperties: false })
export type DecideTransferBody = Type.Static<typeof DecideTransferBody>
export const RejectTransferBody = Type.Object({ note: Type.String({ minLength: 1, maxLength: 1000 }) }, { additionalProperties: false })
export type RejectTransferBody = Type.Static<typeof RejectTransferBody>

/** A grassroots union a member can be sent to: only what the sender needs to pick it. */
export const TransferDestination = Type.Object({ id: Uuid, code: Type.String(), name: Type.String(), parentName: Nullable(Type.String()) })
export type TransferDestination = Type.Static<typeof TransferDestination>
export const TransferDestinationQuery = Type.Object({ q: Type.String({ minLength: 2, maxLength: 120 }) }, { additionalProperties: false })

/* ---------- timeline ---------- */

export const MemberEventKinds = [
  'admitted',
  'readmitted',
  'updated',
  'status_changed',
  'card_issued',
  'card_lost',
  'transfer_requested',
  'transfer_rejected',
  'transfer_cancelled',
  'transferred',
  'position_started',
  'position_ended',
  'erased',
] as const
export type MemberEventKind = (typeof MemberEventKinds)[number]

export const MemberEvent = Type.Object({
  id: Uuid,
  kind: Type.Enum([...MemberEventKinds]),
  occurredOn: IsoDate,
  union: Nullable(UnionRef),
  /** Kind-specific facts (card number, from/to union, position, status, reason). Personal fields are never here. */
  details: Type.Record(Type.String(), Type.Unknown()),
  actorName: Nullable(Type.String()),
  recordedAt: IsoDateTime,
})
export type MemberEvent = Type.Static<typeof MemberEvent>
export const MemberEventPage = Page(MemberEvent)

/* ---------- personal data (PDPL) ---------- */

export const MemberPersonalData = Type.Object({
  exportedAt: IsoDateTime,
  member: Member,
  memberships: Type.Array(
    Type.Object({ union: UnionRef, startedOn: IsoDate, endedOn: Nullable(IsoDate), endReason: Nullable(Type.String()) }),
  ),
  cards: Type.Array(MembershipCard),
  transfers: Type.Array(Transfer),
  officerTerms: Type.Array(
    Type.Object({
      union: UnionRef,
      positionName: Type.String(),
      startedOn: IsoDate,
      endedOn: Nullable(IsoDate),
      termLabel: Nullable(Type.String()),
    }),
  ),
  events: Type.Array(MemberEvent),
})
export type MemberPersonalData = Type.Static<typeof MemberPersonalData>

/* ---------- import and export ---------- */

export const SpreadsheetFormats = ['xlsx', 'csv'] as const
export const SpreadsheetFormat = Type.Enum([...SpreadsheetFormats])
export type SpreadsheetFormat = (typeof SpreadsheetFormats)[number]

export const ImportJobStatuses = ['validating', 'validated', 'invalid', 'committing', 'committed', 'failed'] as const
export const ImportJobStatus = Type.Enum([...ImportJobStatuses], {
  description:
    'validating → validated (no bad row) | invalid (see errors) | failed; validated → committing → committed | failed',
})
export type ImportJobStatus = (typeof ImportJobStatuses)[number]

export const ImportJob = Type.Object({
  id: Uuid,
  status: ImportJobStatus,
  fileName: Type.String(),
  fileSize: Type.Integer(),
  format: SpreadsheetFormat,
  /** Union used for rows without a union code. */
  defaultUnion: Nullable(UnionRef),
  totalRows: Type.Integer(),
  processedRows: Type.Integer(),
  errorCount: Type.Integer(),
  /** Rows that will create / created a new member. */
  newRows: Type.Integer(),
  /** Rows matching a member already recorded (by CCCD, then card number): nothing is duplicated. */
  existingRows: Type.Integer(),
  /** Why the job failed, when it did. */
  failure: Nullable(Type.String()),
  createdAt: IsoDateTime,
  validatedAt: Nullable(IsoDateTime),
  committedAt: Nullable(IsoDateTime),
})
export type ImportJob = Type.Static<typeof ImportJob>

export const ImportRowError = Type.Object({
  /** Row number as the spreadsheet shows it (the header is row 1). */
  row: Type.Integer(),
  /** Column header as in the template, or null for a whole-row problem. */
  column: Nullable(Type.String()),
  value: Nullable(Type.String()),
  code: Type.String(),
  /** Message in Vietnamese (English with Accept-Language: en). */
  message: Type.String(),
})
export type ImportRowError = Type.Static<typeof ImportRowError>
export const ImportRowErrorPage = Page(ImportRowError)

export const ImportTemplateQuery = Type.Object({ format: Type.Optional(SpreadsheetFormat) }, { additionalProperties: false })

export const MemberExportQuery = Type.Object({ ...memberFilters, format: Type.Optional(SpreadsheetFormat) }, { additionalProperties: false })
export type MemberExportQuery = Type.Static<typeof MemberExportQuery>

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({ minLength: 8, maxLength: 128, description: 'Retry-safe key: the same key and body replays the first response' }),
  ),
})

/* ---------- routes ---------- */

export const memberRoutes = {
  list: { method: 'GET', url: '/api/v1/members', querystring: MemberListQuery, response: { 200: MemberPage, ...problems(400, 401, 403) } },
  get: {
    method: 'GET',
    url: '/api/v1/members/:id',
    params: IdParams,
    querystring: MemberGetQuery,
    response: { 200: Member, ...problems(400, 401, 403, 404) },
  },
  create: {
    method: 'POST',
    url: '/api/v1/members',
    body: CreateMemberBody,
    response: { 201: Member, ...problems(400, 401, 403, 404, 409, 422) },
  },
  update: {
    method: 'PATCH',
    url: '/api/v1/members/:id',
    params: IdParams,
    headers: IfMatchHeaders,
    body: UpdateMemberBody,
    response: { 200: Member, ...problems(400, 401, 403, 404, 409, 412, 422, 428) },
  },
  changeStatus: {
    method: 'POST',
    url: '/api/v1/members/:id/status',
    params: IdParams,
    body: MemberStatusBody,
    response: { 200: Member, ...problems(400, 401, 403, 404, 409, 422) },
  },
  readmit: {
    method: 'POST',
    url: '/api/v1/members/:id/readmission',
    params: IdParams,
    body: ReadmitMemberBody,
    response: { 200: Member, ...problems(400, 401, 403, 404, 409, 422) },
  },
  timeline: {
    method: 'GET',
    url: '/api/v1/members/:id/timeline',
    params: IdParams,
    querystring: Type.Object({ ...PageQuery }, { additionalProperties: false }),
    response: { 200: MemberEventPage, ...problems(400, 401, 404) },
  },
  personalData: {
    method: 'GET',
    url: '/api/v1/members/:id/personal-data',
    params: IdParams,
    response: { 200: MemberPersonalData, ...problems(400, 401, 403, 404) },
  },
  erase: {
    method: 'POST',
    url: '/api/v1/members/:id/erasure',
    params: IdParams,
    body: EraseMemberBody,
    response: { 200: Member, ...problems(400, 401, 403, 404, 409) },
  },
  cards: {
    method: 'GET',
    url: '/api/v1/members/:id/cards',
    params: IdParams,
    response: { 200: Type.Object({ items: Type.Array(MembershipCard) }), ...problems(400, 401, 404) },
  },
  issueCard: {
    method: 'POST',
    url: '/api/v1/members/:id/cards',
    params: IdParams,
    body: IssueCardBody,
    response: { 201: MembershipCard, ...problems(400, 401, 403, 404, 409, 422) },
  },
  reportCardLost: {
    method: 'POST',
    url: '/api/v1/members/:id/cards/report-lost',
    params: IdParams,
    body: ReportCardLostBody,
    response: { 200: MembershipCard, ...problems(400, 401, 403, 404, 409, 422) },
  },
  createTransfer: {
    method: 'POST',
    url: '/api/v1/members/:id/transfers',
    params: IdParams,
    body: CreateTransferBody,
    response: { 201: Transfer, ...problems(400, 401, 403, 404, 409, 422) },
  },
  listTransfers: {
    method: 'GET',
    url: '/api/v1/members/transfers',
    querystring: TransferListQuery,
    response: { 200: TransferPage, ...problems(400, 401) },
  },
  acceptTransfer: {
    method: 'POST',
    url: '/api/v1/members/transfers/:id/accept',
    params: IdParams,
    body: DecideTransferBody,
    response: { 200: Transfer, ...problems(400, 401, 403, 404, 409, 422) },
  },
  rejectTransfer: {
    method: 'POST',
    url: '/api/v1/members/transfers/:id/reject',
    params: IdParams,
    body: RejectTransferBody,
    response: { 200: Transfer, ...problems(400, 401, 403, 404, 409) },
  },
  cancelTransfer: {
    method: 'POST',
    url: '/api/v1/members/transfers/:id/cancel',
    params: IdParams,
    body: DecideTransferBody,
    response: { 200: Transfer, ...problems(400, 401, 403, 404, 409) },
  },
  transferDestinations: {
    method: 'GET',
    url: '/api/v1/members/transfer-destinations',
    querystring: TransferDestinationQuery,
    response: { 200: Type.Object({ items: Type.Array(TransferDestination) }), ...problems(400, 401) },
  },
} as const

/**
 * Import and export. The upload is multipart/form-data with a `file` part (XLSX or CSV) and an
 * optional `unionId` field (the union for rows without a union code); it is declared here for
 * the documentation, the multipart body is read by the route.
 */
export const memberImportRoutes = {
  template: {
    method: 'GET',
    url: '/api/v1/members/imports/template',
    querystring: ImportTemplateQuery,
    response: { 200: FileDownload, ...problems(400, 401, 403) },
  },
  create: {
    method: 'POST',
    url: '/api/v1/members/imports',
    headers: IdempotencyHeaders,
    /** The multipart/form-data parts (read by the handler, documented here). */
    form: Type.Object(
      {
        file: FilePart,
        /** The grassroots union for rows without a union code. */
        unionId: Type.Optional(Uuid),
      },
      { description: 'An XLSX or CSV member list made from the template' },
    ),
    response: { 202: ImportJob, ...problems(400, 401, 403, 404, 413, 415, 422) },
  },
  get: {
    method: 'GET',
    url: '/api/v1/members/imports/:id',
    params: IdParams,
    response: { 200: ImportJob, ...problems(400, 401, 404) },
  },
  errors: {
    method: 'GET',
    url: '/api/v1/members/imports/:id/errors',
    params: IdParams,
    querystring: Type.Object({ ...PageQuery }, { additionalProperties: false }),
    response: { 200: ImportRowErrorPage, ...problems(400, 401, 404) },
  },
  commit: {
    method: 'POST',
    url: '/api/v1/members/imports/:id/commit',
    params: IdParams,
    headers: IdempotencyHeaders,
    response: { 202: ImportJob, ...problems(400, 401, 403, 404, 409, 422) },
  },
  export: {
    method: 'GET',
    url: '/api/v1/members/export',
    querystring: MemberExportQuery,
    response: { 200: FileDownload, ...problems(400, 401, 403) },
  },
} as const

/** Column headers of the import template and of exports, in order (Vietnamese, as officers know them). */
export const MemberSheetColumns = [
  { key: 'fullName', header: 'Họ và tên', required: true },
  { key: 'dateOfBirth', header: 'Ngày sinh', required: true },
  { key: 'gender', header: 'Giới tính', required: true },
  { key: 'citizenId', header: 'Số CCCD', required: true },
  { key: 'phone', header: 'Số điện thoại', required: false },
  { key: 'ethnicity', header: 'Dân tộc', required: false },
  { key: 'occupation', header: 'Nghề nghiệp', required: false },
  { key: 'admittedOn', header: 'Ngày kết nạp', required: true },
  { key: 'cardNumber', header: 'Số thẻ đoàn viên', required: false },
  { key: 'unionCode', header: 'Mã công đoàn cơ sở', required: false },
] as const
export type MemberSheetColumnKey = (typeof MemberSheetColumns)[number]['key']
