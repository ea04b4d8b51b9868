import Type from 'typebox'
import { FileDownload, IdParams, IfMatchHeaders, IsoDate, IsoDateTime, Nullable, Page, PageQuery, Uuid, problems } from './common.js'
import { IdempotencyHeaders, UnionRef } from './members.js'
import { BooleanQuery, Sector } from './unions.js'

/* ---------- enumerations ---------- */

/**
 * planned: being prepared; open: open for enrolment; running: under way (attendance and results
 * are recorded); completed: closed, completion evaluated and certificates issued; cancelled.
 */
export const TrainingStatuses = ['planned', 'open', 'running', 'completed', 'cancelled'] as const
export const TrainingStatus = Type.Enum([...TrainingStatuses], {
  description: 'planned → open | cancelled; open → planned | running | cancelled; running → completed | cancelled',
})
export type TrainingStatus = (typeof TrainingStatuses)[number]

/** The only status changes a class may make; completed and cancelled are final. */
export const TrainingTransitions: Readonly<Record<TrainingStatus, readonly TrainingStatus[]>> = {
  planned: ['open', 'cancelled'],
  open: ['planned', 'running', 'cancelled'],
  running: ['completed', 'cancelled'],
  completed: [],
  cancelled: [],
}

/**
 * The web app's public page that checks a certificate by its code (no sign-in). Printed
 * certificates carry it in their QR code, so a phone camera lands on a readable page.
 */
export const CERTIFICATE_CHECK_PATH = '/xac-thuc-chung-nhan'

export interface CompletionInput {
  sessionCount: number
  attendedCount: number
  minAttendancePercent: number
  /** null: the class has no test. */
  passMark: number | null
  score: number | null
}

/**
 * The completion rule, one definition for the API (which applies it when a class completes) and
 * the web app (which shows the expected outcome while results are entered): attended at least
 * `minAttendancePercent` of the sessions and, when the class has a test, scored at least the pass
 * mark. Whole-number arithmetic, so 4 of 5 sessions is exactly 80% and meets an 80% rule.
 */
export function meetsCompletionRule(input: CompletionInput): boolean {
  if (input.sessionCount <= 0) return false
  const attendedEnough = input.attendedCount * 100 >= input.minAttendancePercent * input.sessionCount
  const passed = input.passMark === null || (input.score !== null && input.score >= input.passMark)
  return attendedEnough && passed
}

export const ParticipantStatuses = ['enrolled', 'withdrawn'] as const
export const ParticipantStatus = Type.Enum([...ParticipantStatuses])
export type ParticipantStatus = (typeof ParticipantStatuses)[number]

/** pending until the class is completed; then completed (met the rule) or not_completed. */
export const ParticipantOutcomes = ['pending', 'completed', 'not_completed'] as const
export const ParticipantOutcome = Type.Enum([...ParticipantOutcomes])
export type ParticipantOutcome = (typeof ParticipantOutcomes)[number]

export const CertificateStatuses = ['valid', 'revoked'] as const
export const CertificateStatus = Type.Enum([...CertificateStatuses])
export type CertificateStatus = (typeof CertificateStatuses)[number]

/* ---------- field formats ---------- */

/** Clock time `HH:MM` (24 hours, local time in Vietnam). */
export const ClockTime = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'Time of day, HH:MM' })
/** Certificate verification code as printed (`K7M2-QX9P-4TRA`); case and dashes are ignored. */
export const VerificationCode = Type.String({ minLength: 12, maxLength: 16, pattern: '^[0-9A-Za-z-]+$', examples: ['ABCD-EFGH-2345'] })
/** A score out of 100 (whole points). */
export const Score = Type.Integer({ minimum: 0, maximum: 100 })
const PositionCode = Type.String({ minLength: 1, maxLength: 40 })
const TrainerName = Type.String({ minLength: 2, maxLength: 200 })

/* ---------- topics ---------- */

/** A training topic, kept as data (Bộ luật Lao động 2019, đối thoại tại nơi làm việc, ...). */
export const TrainingTopic = Type.Object({
  id: Uuid,
  code: Type.String(),
  name: Type.String(),
  nameEn: Type.String(),
  /** A certificate on this topic stays valid this many years; null: it does not expire. */
  validityYears: Nullable(Type.Integer()),
  sortOrder: Type.Integer(),
})
export type TrainingTopic = Type.Static<typeof TrainingTopic>

export const CreateTrainingTopicBody = Type.Object(
  {
    code: Type.String({ minLength: 2, maxLength: 40, pattern: '^[a-z0-9_]+$', examples: ['grassroots_chair_skills'] }),
    name: Type.String({ minLength: 2, maxLength: 200 }),
    nameEn: Type.String({ minLength: 2, maxLength: 200 }),
    validityYears: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 50 }))),
    sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 10000 })),
  },
  { additionalProperties: false },
)
export type CreateTrainingTopicBody = Type.Static<typeof CreateTrainingTopicBody>

export const TopicRef = Type.Object({ id: Uuid, code: Type.String(), name: Type.String() })
export type TopicRef = Type.Static<typeof TopicRef>

/* ---------- classes ---------- */

export const TrainingSession = Type.Object({
  id: Uuid,
  date: IsoDate,
  startTime: ClockTime,
  endTime: ClockTime,
  place: Type.String(),
})
export type TrainingSession = Type.Static<typeof TrainingSession>

export const TrainingSessionInput = Type.Object(
  {
    date: IsoDate,
    startTime: ClockTime,
    /** After startTime. */
    endTime: ClockTime,
    place: Type.String({ minLength: 2, maxLength: 300 }),
  },
  { additionalProperties: false },
)
export type TrainingSessionInput = Type.Static<typeof TrainingSessionInput>

/** Who the class is for: officer positions (codes; empty: any member) and the sector of their union. */
export const TrainingAudience = Type.Object(
  {
    positions: Type.Array(PositionCode, { maxItems: 20, uniqueItems: true }),
    sector: Nullable(Sector),
  },
  { additionalProperties: false },
)
export type TrainingAudience = Type.Static<typeof TrainingAudience>

export const TrainingClass = Type.Object({
  id: Uuid,
  title: Type.String(),
  description: Nullable(Type.String()),
  topics: Type.Array(TopicRef),
  /** The organising union: participants come from its subtree. */
  organiser: UnionRef,
  audience: TrainingAudience,
  sessions: Type.Array(TrainingSession),
  /** First and last session dates. */
  startsOn: IsoDate,
  endsOn: IsoDate,
  capacity: Type.Integer(),
  enrolledCount: Type.Integer(),
  trainers: Type.Array(Type.String()),
  /** Score (out of 100) needed to pass the test; null: the class has no test. */
  passMark: Nullable(Type.Integer()),
  /** Share of sessions (percent) a participant must attend to complete. */
  minAttendancePercent: Type.Integer(),
  status: TrainingStatus,
  statusReason: Nullable(Type.String()),
  completedCount: Type.Integer(),
  certificateCount: Type.Integer(),
  version: Type.Integer(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
})
export type TrainingClass = Type.Static<typeof TrainingClass>
export const TrainingClassPage = Page(TrainingClass)

const classFields = {
  title: Type.String({ minLength: 3, maxLength: 300 }),
  description: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
  topicIds: Type.Array(Uuid, { minItems: 1, maxItems: 10, uniqueItems: true }),
  audience: Type.Optional(
    Type.Object(
      {
        positions: Type.Optional(Type.Array(PositionCode, { maxItems: 20, uniqueItems: true })),
        sector: Type.Optional(Nullable(Sector)),
      },
      { additionalProperties: false },
    ),
  ),
  sessions: Type.Array(TrainingSessionInput, { minItems: 1, maxItems: 60 }),
  capacity: Type.Integer({ minimum: 1, maximum: 10000 }),
  trainers: Type.Optional(Type.Array(TrainerName, { maxItems: 20 })),
  passMark: Type.Optional(Nullable(Score)),
  minAttendancePercent: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
}

export const CreateTrainingBody = Type.Object(
  {
    ...classFields,
    /** A union in your scope; participants are enrolled from its subtree. */
    organiserUnionId: Uuid,
  },
  { additionalProperties: false },
)
export type CreateTrainingBody = Type.Static<typeof CreateTrainingBody>

/** Sessions, audience and organiser change only before the class runs; the sessions list replaces the old one. */
export const UpdateTrainingBody = Type.Object(
  {
    title: Type.Optional(classFields.title),
    description: classFields.description,
    topicIds: Type.Optional(classFields.topicIds),
    audience: classFields.audience,
    sessions: Type.Optional(classFields.sessions),
    capacity: Type.Optional(classFields.capacity),
    trainers: classFields.trainers,
    passMark: classFields.passMark,
    minAttendancePercent: classFields.minAttendancePercent,
  },
  { additionalProperties: false, minProperties: 1 },
)
export type UpdateTrainingBody = Type.Static<typeof UpdateTrainingBody>

export const TrainingStatusBody = Type.Object(
  {
    status: TrainingStatus,
    /** Required to cancel. */
    reason: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
  },
  { additionalProperties: false },
)
export type TrainingStatusBody = Type.Static<typeof TrainingStatusBody>

export const TrainingListQuery = Type.Object(
  {
    ...PageQuery,
    /** Classes organised by this union or a unit below it. */
    under: Type.Optional(Uuid),
    status: Type.Optional(TrainingStatus),
    topicId: Type.Optional(Uuid),
    /** Classes with a session on or after this date. */
    from: Type.Optional(IsoDate),
    /** Classes with a session on or before this date. */
    to: Type.Optional(IsoDate),
    /** Accent-insensitive search in the title. */
    q: Type.Optional(Type.String({ maxLength: 120 })),
  },
  { additionalProperties: false },
)
export type TrainingListQuery = Type.Static<typeof TrainingListQuery>

/* ---------- participants ---------- */

export const CertificateRef = Type.Object({ id: Uuid, number: Type.String(), issuedOn: IsoDate, status: CertificateStatus })
export type CertificateRef = Type.Static<typeof CertificateRef>

export const TrainingParticipant = Type.Object({
  id: Uuid,
  classId: Uuid,
  member: Type.Object({ id: Uuid, fullName: Type.String(), union: UnionRef }),
  status: ParticipantStatus,
  enrolledAt: IsoDateTime,
  withdrawnAt: Nullable(IsoDateTime),
  attendedSessionIds: Type.Array(Uuid),
  attendedCount: Type.Integer(),
  score: Nullable(Type.Integer()),
  /** Evaluated by the system when the class is completed. */
  outcome: ParticipantOutcome,
  certificate: Nullable(CertificateRef),
})
export type TrainingParticipant = Type.Static<typeof TrainingParticipant>
export const TrainingParticipantPage = Page(TrainingParticipant)

export const TrainingParticipantQuery = Type.Object(
  { ...PageQuery, status: Type.Optional(ParticipantStatus) },
  { additionalProperties: false },
)
export type TrainingParticipantQuery = Type.Static<typeof TrainingParticipantQuery>

export const EnrolParticipantBody = Type.Object(
  {
    /** An active member of a union in the organiser's subtree. */
    memberId: Uuid,
  },
  { additionalProperties: false },
)
export type EnrolParticipantBody = Type.Static<typeof EnrolParticipantBody>

/**
 * Who to pick from the organiser's subtree: current holders of `positions` (any active member when
 * omitted) in unions of `sector`, grassroots only when `grassroots`, under `under`, leaving out
 * those who hold a valid certificate on `withoutCertificateFor` (a topic id). E.g. "all current
 * chairpersons of non-state grassroots unions under Thanh Trì without a Labour Code certificate".
 */
export const TrainingCandidateFilter = Type.Object(
  {
    under: Type.Optional(Uuid),
    positions: Type.Optional(Type.Array(PositionCode, { minItems: 1, maxItems: 20, uniqueItems: true })),
    sector: Type.Optional(Sector),
    grassroots: Type.Optional(Type.Boolean()),
    withoutCertificateFor: Type.Optional(Uuid),
  },
  { additionalProperties: false },
)
export type TrainingCandidateFilter = Type.Static<typeof TrainingCandidateFilter>

/** Either `memberIds` or `filter`. All or nothing: when the places left are fewer, nobody is enrolled (409). */
export const EnrolParticipantsBulkBody = Type.Object(
  {
    memberIds: Type.Optional(Type.Array(Uuid, { minItems: 1, maxItems: 1000, uniqueItems: true })),
    filter: Type.Optional(TrainingCandidateFilter),
  },
  { additionalProperties: false, minProperties: 1 },
)
export type EnrolParticipantsBulkBody = Type.Static<typeof EnrolParticipantsBulkBody>

export const BulkEnrolResult = Type.Object({
  /** Newly enrolled (or re-enrolled after a withdrawal). */
  enrolled: Type.Integer(),
  /** Already on the list: left as they were. */
  alreadyEnrolled: Type.Integer(),
  /** Places left after this enrolment. */
  placesLeft: Type.Integer(),
  memberIds: Type.Array(Uuid),
})
export type BulkEnrolResult = Type.Static<typeof BulkEnrolResult>

export const TrainingCandidateQuery = Type.Object(
  {
    ...PageQuery,
    under: Type.Optional(Uuid),
    /** Position codes; repeat the parameter for several. */
    position: Type.Optional(Type.Array(PositionCode, { minItems: 1, maxItems: 20 })),
    sector: Type.Optional(Sector),
    grassroots: Type.Optional(BooleanQuery),
    withoutCertificateFor: Type.Optional(Uuid),
  },
  { additionalProperties: false },
)
export type TrainingCandidateQuery = Type.Static<typeof TrainingCandidateQuery>

/** A member the filter picks who is not on the class list yet. */
export const TrainingCandidate = Type.Object({ memberId: Uuid, fullName: Type.String(), union: UnionRef })
export type TrainingCandidate = Type.Static<typeof TrainingCandidate>
export const TrainingCandidatePage = Page(TrainingCandidate)

export const ParticipantParams = Type.Object({ id: Uuid, participantId: Uuid }, { additionalProperties: false })
export type ParticipantParams = Type.Static<typeof ParticipantParams>
export const SessionParams = Type.Object({ id: Uuid, sessionId: Uuid }, { additionalProperties: false })
export type SessionParams = Type.Static<typeof SessionParams>

/** Attendance of one session for many participants; participants not listed keep what they had. */
export const SessionAttendanceBody = Type.Object(
  {
    entries: Type.Array(Type.Object({ participantId: Uuid, present: Type.Boolean() }, { additionalProperties: false }), {
      minItems: 1,
      maxItems: 5000,
    }),
  },
  { additionalProperties: false },
)
export type SessionAttendanceBody = Type.Static<typeof SessionAttendanceBody>

export const SessionAttendanceResult = Type.Object({ sessionId: Uuid, present: Type.Integer(), absent: Type.Integer() })
export type SessionAttendanceResult = Type.Static<typeof SessionAttendanceResult>

/** Test scores (null clears one). */
export const TrainingResultsBody = Type.Object(
  {
    entries: Type.Array(Type.Object({ participantId: Uuid, score: Nullable(Score) }, { additionalProperties: false }), {
      minItems: 1,
      maxItems: 5000,
    }),
  },
  { additionalProperties: false },
)
export type TrainingResultsBody = Type.Static<typeof TrainingResultsBody>

export const TrainingResultsResult = Type.Object({ updated: Type.Integer() })
export type TrainingResultsResult = Type.Static<typeof TrainingResultsResult>

/* ---------- certificates ---------- */

export const TrainingCertificate = Type.Object({
  id: Uuid,
  /** Unique, never reused (also after a revocation). */
  number: Type.String(),
  /** Printed on the certificate and in its QR code; anyone can check it at the public verification route. */
  verificationCode: Type.String(),
  classId: Uuid,
  classTitle: Type.String(),
  participantId: Uuid,
  member: Type.Object({ id: Uuid, fullName: Type.String() }),
  topics: Type.Array(TopicRef),
  issuedOn: IsoDate,
  status: CertificateStatus,
  revokedOn: Nullable(IsoDate),
  revokeReason: Nullable(Type.String()),
  createdAt: IsoDateTime,
})
export type TrainingCertificate = Type.Static<typeof TrainingCertificate>

export const RevokeCertificateBody = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 1000 }), revokedOn: Type.Optional(IsoDate) },
  { additionalProperties: false },
)
export type RevokeCertificateBody = Type.Static<typeof RevokeCertificateBody>

/** What the public verification shows: nothing but the holder's name, the class and the date. */
export const CertificateVerification = Type.Object(
  { holderName: Type.String(), classTitle: Type.String(), issuedOn: IsoDate },
  { additionalProperties: false },
)
export type CertificateVerification = Type.Static<typeof CertificateVerification>

export const VerificationParams = Type.Object({ code: VerificationCode }, { additionalProperties: false })

/* ---------- history and reports ---------- */

export const TrainingHistoryEntry = Type.Object({
  participantId: Uuid,
  class: Type.Object({
    id: Uuid,
    title: Type.String(),
    organiser: UnionRef,
    startsOn: IsoDate,
    endsOn: IsoDate,
    status: TrainingStatus,
  }),
  topics: Type.Array(TopicRef),
  status: ParticipantStatus,
  sessionCount: Type.Integer(),
  attendedCount: Type.Integer(),
  score: Nullable(Type.Integer()),
  outcome: ParticipantOutcome,
  certificate: Nullable(CertificateRef),
})
export type TrainingHistoryEntry = Type.Static<typeof TrainingHistoryEntry>

const targetGroupQuery = {
  /** Topic whose certificate counts. */
  topicId: Uuid,
  /** The subtree of the target group (default: your union). */
  under: Type.Optional(Uuid),
  /** Position codes of the group (default chairperson); repeat for several. */
  position: Type.Optional(Type.Array(PositionCode, { minItems: 1, maxItems: 20 })),
  sector: Type.Optional(Sector),
  /** Officers of grassroots unions only (default true). */
  grassroots: Type.Optional(BooleanQuery),
}

export const CoverageQuery = Type.Object(
  {
    ...targetGroupQuery,
    fromYear: Type.Integer({ minimum: 1990, maximum: 2100 }),
    toYear: Type.Integer({ minimum: 1990, maximum: 2100 }),
  },
  { additionalProperties: false },
)
export type CoverageQuery = Type.Static<typeof CoverageQuery>

export const CoverageYear = Type.Object({
  year: Type.Integer(),
  /** The group as it stood on this date: 31 December, or today for the current year. */
  asOf: IsoDate,
  /** People in the group on that date. */
  target: Type.Integer(),
  /** Of them, holding a valid certificate on the topic on that date. */
  certified: Type.Integer(),
  missing: Type.Integer(),
  /** certified / target in percent, two decimals (0 for an empty group). */
  share: Type.Number(),
})
export type CoverageYear = Type.Static<typeof CoverageYear>

export const CoverageReport = Type.Object({
  topic: TopicRef,
  under: UnionRef,
  positions: Type.Array(Type.String()),
  sector: Nullable(Sector),
  grassroots: Type.Boolean(),
  years: Type.Array(CoverageYear),
})
export type CoverageReport = Type.Static<typeof CoverageReport>

export const CoverageMissingQuery = Type.Object(
  { ...PageQuery, ...targetGroupQuery, year: Type.Integer({ minimum: 1990, maximum: 2100 }) },
  { additionalProperties: false },
)
export type CoverageMissingQuery = Type.Static<typeof CoverageMissingQuery>

/** Someone in the target group without a valid certificate on the topic. */
export const CoverageMissingPerson = Type.Object({
  memberId: Uuid,
  fullName: Type.String(),
  union: UnionRef,
  position: Type.Object({ code: Type.String(), name: Type.String() }),
})
export type CoverageMissingPerson = Type.Static<typeof CoverageMissingPerson>
export const CoverageMissingPage = Page(CoverageMissingPerson)

export const TrainingActivityQuery = Type.Object(
  { from: IsoDate, to: IsoDate, under: Type.Optional(Uuid) },
  { additionalProperties: false },
)
export type TrainingActivityQuery = Type.Static<typeof TrainingActivityQuery>

/** Classes held (running or completed, first session in the period) and what they added up to. */
export const TrainingActivityReport = Type.Object({
  from: IsoDate,
  to: IsoDate,
  under: UnionRef,
  classes: Type.Integer(),
  /** Participants enrolled (and not withdrawn) in those classes. */
  participants: Type.Integer(),
  /** Participant-attendances (lượt học viên): participants who attended at least one session. */
  participantAttendances: Type.Integer(),
  /** Sessions attended, added up over participants. */
  sessionAttendances: Type.Integer(),
  completed: Type.Integer(),
  certificates: Type.Integer(),
})
export type TrainingActivityReport = Type.Static<typeof TrainingActivityReport>

/* ---------- routes ---------- */

export const trainingRoutes = {
  topics: {
    method: 'GET',
    url: '/api/v1/training-topics',
    response: { 200: Type.Object({ items: Type.Array(TrainingTopic) }), ...problems(401) },
  },
  createTopic: {
    method: 'POST',
    url: '/api/v1/training-topics',
    body: CreateTrainingTopicBody,
    response: { 201: TrainingTopic, ...problems(400, 401, 403, 409) },
  },
  list: {
    method: 'GET',
    url: '/api/v1/trainings',
    querystring: TrainingListQuery,
    response: { 200: TrainingClassPage, ...problems(400, 401) },
  },
  create: {
    method: 'POST',
    url: '/api/v1/trainings',
    body: CreateTrainingBody,
    response: { 201: TrainingClass, ...problems(400, 401, 403, 404, 422) },
  },
  get: {
    method: 'GET',
    url: '/api/v1/trainings/:id',
    params: IdParams,
    response: { 200: TrainingClass, ...problems(400, 401, 404) },
  },
  update: {
    method: 'PATCH',
    url: '/api/v1/trainings/:id',
    params: IdParams,
    headers: IfMatchHeaders,
    body: UpdateTrainingBody,
    response: { 200: TrainingClass, ...problems(400, 401, 403, 404, 409, 412, 422, 428) },
  },
  changeStatus: {
    method: 'POST',
    url: '/api/v1/trainings/:id/status',
    params: IdParams,
    body: TrainingStatusBody,
    response: { 200: TrainingClass, ...problems(400, 401, 403, 404, 409, 422) },
  },
  participants: {
    method: 'GET',
    url: '/api/v1/trainings/:id/participants',
    params: IdParams,
    querystring: TrainingParticipantQuery,
    response: { 200: TrainingParticipantPage, ...problems(400, 401, 404) },
  },
  enrol: {
    method: 'POST',
    url: '/api/v1/trainings/:id/participants',
    params: IdParams,
    body: EnrolParticipantBody,
    response: { 201: TrainingParticipant, ...problems(400, 401, 403, 404, 409, 422) },
  },
  enrolBulk: {
    method: 'POST',
    url: '/api/v1/trainings/:id/participants/bulk',
    params: IdParams,
    headers: IdempotencyHeaders,
    body: EnrolParticipantsBulkBody,
    response: { 200: BulkEnrolResult, ...problems(400, 401, 403, 404, 409, 422) },
  },
  candidates: {
    method: 'GET',
    url: '/api/v1/trainings/:id/candidates',
    params: IdParams,
    querystring: TrainingCandidateQuery,
    response: { 200: TrainingCandidatePage, ...problems(400, 401, 404, 422) },
  },
  withdraw: {
    method: 'POST',
    url: '/api/v1/trainings/:id/participants/:participantId/withdrawal',
    params: ParticipantParams,
    response: { 200: TrainingParticipant, ...problems(400, 401, 403, 404, 409) },
  },
  attendance: {
    method: 'PUT',
    url: '/api/v1/trainings/:id/sessions/:sessionId/attendance',
    params: SessionParams,
    body: SessionAttendanceBody,
    response: { 200: SessionAttendanceResult, ...problems(400, 401, 403, 404, 409, 422) },
  },
  results: {
    method: 'PUT',
    url: '/api/v1/trainings/:id/results',
    params: IdParams,
    body: TrainingResultsBody,
    response: { 200: TrainingResultsResult, ...problems(400, 401, 403, 404, 409, 422) },
  },
  certificates: {
    method: 'GET',
    url: '/api/v1/trainings/:id/certificates',
    params: IdParams,
    response: { 200: Type.Object({ items: Type.Array(TrainingCertificate) }), ...problems(400, 401, 404) },
  },
  getCertificate: {
    method: 'GET',
    url: '/api/v1/certificates/:id',
    params: IdParams,
    response: { 200: TrainingCertificate, ...problems(400, 401, 404) },
  },
  certificatePdf: {
    method: 'GET',
    url: '/api/v1/certificates/:id/pdf',
    params: IdParams,
    response: { 200: FileDownload, ...problems(400, 401, 404, 409) },
  },
  revokeCertificate: {
    method: 'POST',
    url: '/api/v1/certificates/:id/revocation',
    params: IdParams,
    body: RevokeCertificateBody,
    response: { 200: TrainingCertificate, ...problems(400, 401, 403, 404, 409, 422) },
  },
  verifyCertificate: {
    method: 'GET',
    url: '/api/v1/certificates/verify/:code',
    params: VerificationParams,
    response: { 200: CertificateVerification, ...problems(400, 404, 429) },
  },
  memberHistory: {
    method: 'GET',
    url: '/api/v1/members/:id/trainings',
    params: IdParams,
    response: { 200: Type.Object({ items: Type.Array(TrainingHistoryEntry) }), ...problems(400, 401, 404) },
  },
  coverage: {
    method: 'GET',
    url: '/api/v1/reports/trainings/coverage',
    querystring: CoverageQuery,
    response: { 200: CoverageReport, ...problems(400, 401, 404) },
  },
  coverageMissing: {
    method: 'GET',
    url: '/api/v1/reports/trainings/coverage/missing',
    querystring: CoverageMissingQuery,
    response: { 200: CoverageMissingPage, ...problems(400, 401, 404) },
  },
  activity: {
    method: 'GET',
    url: '/api/v1/reports/trainings/activity',
    querystring: TrainingActivityQuery,
    response: { 200: TrainingActivityReport, ...problems(400, 401, 404) },
  },
} as const
