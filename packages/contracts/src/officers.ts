import Type from 'typebox'
import { IdParams, IfMatchHeaders, IsoDate, IsoDateTime, Nullable, Page, PageQuery, Uuid, problems } from './common.js'
import { UnionRef } from './members.js'
import { BooleanQuery, Sector } from './unions.js'

/** A position in a union's bodies, kept as data (Chủ tịch, Phó Chủ tịch, Ủy viên BCH, ...). */
export const OfficerPosition = Type.Object({
  id: Uuid,
  code: Type.String(),
  name: Type.String(),
  nameEn: Type.String(),
  /** Only one person holds it at a time in a union (the chairperson). */
  singleHolder: Type.Boolean(),
  sortOrder: Type.Integer(),
})
export type OfficerPosition = Type.Static<typeof OfficerPosition>

export const Employments = ['full_time', 'part_time'] as const
export const Employment = Type.Enum([...Employments], { description: 'full_time (chuyên trách) or part_time (không chuyên trách)' })
export type Employment = (typeof Employments)[number]

/** Congress term label, e.g. `2023–2028` (en dash or hyphen). */
export const TermLabel = Type.String({ pattern: '^[0-9]{4}[–-][0-9]{4}$', maxLength: 9, examples: ['2023–2028'] })

export const OfficerTerm = Type.Object({
  id: Uuid,
  union: UnionRef,
  memberId: Uuid,
  memberName: Type.String(),
  position: Type.Object({ id: Uuid, code: Type.String(), name: Type.String() }),
  startedOn: IsoDate,
  endedOn: Nullable(IsoDate),
  termLabel: Nullable(Type.String()),
  employment: Employment,
  endReason: Nullable(Type.String()),
  /** Holds the position today. */
  current: Type.Boolean(),
  version: Type.Integer(),
  createdAt: IsoDateTime,
})
export type OfficerTerm = Type.Static<typeof OfficerTerm>
export const OfficerTermPage = Page(OfficerTerm)

export const AppointOfficerBody = Type.Object(
  {
    /** A current member of this union. */
    memberId: Uuid,
    positionId: Uuid,
    startedOn: IsoDate,
    termLabel: Type.Optional(TermLabel),
    employment: Employment,
  },
  { additionalProperties: false },
)
export type AppointOfficerBody = Type.Static<typeof AppointOfficerBody>

export const UpdateOfficerTermBody = Type.Object(
  {
    /** Ends the term. */
    endedOn: Type.Optional(IsoDate),
    endReason: Type.Optional(Type.String({ maxLength: 1000 })),
    termLabel: Type.Optional(Nullable(TermLabel)),
    employment: Type.Optional(Employment),
  },
  { additionalProperties: false, minProperties: 1 },
)
export type UpdateOfficerTermBody = Type.Static<typeof UpdateOfficerTermBody>

export const UnionOfficersQuery = Type.Object(
  {
    ...PageQuery,
    /** true: current officers only; false: past terms only; omitted: both. */
    current: Type.Optional(BooleanQuery),
  },
  { additionalProperties: false },
)
export type UnionOfficersQuery = Type.Static<typeof UnionOfficersQuery>

/**
 * Officers across a subtree, e.g. "current chairpersons of non-state grassroots unions under X":
 * `under=X&position=chairperson&sector=non_state&grassroots=true&current=true`.
 */
export const OfficerListQuery = Type.Object(
  {
    ...PageQuery,
    under: Type.Optional(Uuid),
    /** Position code. */
    position: Type.Optional(Type.String({ maxLength: 40 })),
    sector: Type.Optional(Sector),
    grassroots: Type.Optional(BooleanQuery),
    current: Type.Optional(BooleanQuery),
    /** Accent-insensitive search over the officer's name. */
    q: Type.Optional(Type.String({ maxLength: 120 })),
  },
  { additionalProperties: false },
)
export type OfficerListQuery = Type.Static<typeof OfficerListQuery>

export const officerRoutes = {
  positions: {
    method: 'GET',
    url: '/api/v1/officer-positions',
    response: { 200: Type.Object({ items: Type.Array(OfficerPosition) }), ...problems(401) },
  },
  list: {
    method: 'GET',
    url: '/api/v1/officers',
    querystring: OfficerListQuery,
    response: { 200: OfficerTermPage, ...problems(400, 401) },
  },
  ofUnion: {
    method: 'GET',
    url: '/api/v1/unions/:id/officers',
    params: IdParams,
    querystring: UnionOfficersQuery,
    response: { 200: OfficerTermPage, ...problems(400, 401, 404) },
  },
  appoint: {
    method: 'POST',
    url: '/api/v1/unions/:id/officers',
    params: IdParams,
    body: AppointOfficerBody,
    response: { 201: OfficerTerm, ...problems(400, 401, 403, 404, 409, 422) },
  },
  get: {
    method: 'GET',
    url: '/api/v1/officers/:id',
    params: IdParams,
    response: { 200: OfficerTerm, ...problems(400, 401, 404) },
  },
  update: {
    method: 'PATCH',
    url: '/api/v1/officers/:id',
    params: IdParams,
    headers: IfMatchHeaders,
    body: UpdateOfficerTermBody,
    response: { 200: OfficerTerm, ...problems(400, 401, 403, 404, 409, 412, 422, 428) },
  },
} as const
