import Type from 'typebox'
import { IdParams, IfMatchHeaders, IsoDate, IsoDateTime, Nullable, Page, PageQuery, Uuid, problems } from './common.js'

/* ---------- unit types (data, editable by an admin) ---------- */

export const UnitType = Type.Object({
  id: Uuid,
  /** Stable code, e.g. `city_federation`, `grassroots`. */
  code: Type.String(),
  name: Type.String(),
  nameEn: Type.String(),
  /** Depth in the hierarchy: a child's level must be greater than its parent's. */
  level: Type.Integer(),
  /** Grassroots unions carry employer, sector and founding-decision fields and receive ratings. */
  isGrassroots: Type.Boolean(),
  sortOrder: Type.Integer(),
})
export type UnitType = Type.Static<typeof UnitType>

const UnitTypeCode = Type.String({ minLength: 2, maxLength: 40, pattern: '^[a-z][a-z0-9_]*$', examples: ['grassroots'] })
export const CreateUnitTypeBody = Type.Object(
  {
    code: UnitTypeCode,
    name: Type.String({ minLength: 1, maxLength: 120 }),
    nameEn: Type.String({ minLength: 1, maxLength: 120 }),
    level: Type.Integer({ minimum: 0, maximum: 10 }),
    isGrassroots: Type.Boolean(),
    sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 10000 })),
  },
  { additionalProperties: false },
)
export type CreateUnitTypeBody = Type.Static<typeof CreateUnitTypeBody>
export const UpdateUnitTypeBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
    nameEn: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
    sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 10000 })),
  },
  { additionalProperties: false, minProperties: 1 },
)
export type UpdateUnitTypeBody = Type.Static<typeof UpdateUnitTypeBody>

/* ---------- sector ---------- */

export const Sectors = ['state', 'non_state'] as const
export const Sector = Type.Enum([...Sectors], { description: 'state (khu vực nhà nước) or non_state (ngoài khu vực nhà nước)' })
export type Sector = (typeof Sectors)[number]

/** Sub-kinds of ownership; each belongs to one sector. */
export const SectorKinds = {
  state: ['agency', 'public_service_unit', 'state_owned_enterprise'],
  non_state: ['private_enterprise', 'foreign_invested', 'cooperative', 'non_public_school', 'other_non_state'],
} as const
export type SectorKind = (typeof SectorKinds)[Sector][number]
export const SectorKindList = [...SectorKinds.state, ...SectorKinds.non_state] as SectorKind[]
export const SectorKind = Type.Enum(SectorKindList)

export const UnionStatuses = ['active', 'dissolved', 'merged'] as const
export const UnionStatus = Type.Enum([...UnionStatuses])
export type UnionStatus = (typeof UnionStatuses)[number]

/* ---------- union ---------- */

export const UnionCode = Type.String({ minLength: 1, maxLength: 32, pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$', examples: ['CDCS-PT-042'] })
/** Vietnamese enterprise tax code: 10 digits, or 10 digits, a dash and 3 digits for a branch. */
export const TaxCode = Type.String({ pattern: '^[0-9]{10}(-[0-9]{3})?$', maxLength: 14, examples: ['0101234567'] })

/** A grassroots union as the API answers it (the example of the OpenAPI document). */
const UNION_EXAMPLE = {
  id: '0193a5b2-7c41-7d2e-9a10-4b6f2c8d1e05',
  code: 'CDCS-PT-042',
  name: 'Công đoàn cơ sở Công ty TNHH May Phúc Thọ',
  unitType: { id: '0193a5b2-1a00-7000-8000-000000000004', code: 'grassroots', name: 'Công đoàn cơ sở', nameEn: 'Grassroots union', level: 4, isGrassroots: true, sortOrder: 4 },
  parentId: '0193a5b2-5b20-7c11-8f00-2a4d6e8f0a13',
  parentName: 'Liên đoàn Lao động huyện Phúc Thọ',
  ancestorIds: ['0193a5b2-3e10-7a01-8b00-1c2d3e4f5a60', '0193a5b2-5b20-7c11-8f00-2a4d6e8f0a13'],
  ancestors: [
    { id: '0193a5b2-3e10-7a01-8b00-1c2d3e4f5a60', name: 'Liên đoàn Lao động thành phố Hà Nội' },
    { id: '0193a5b2-5b20-7c11-8f00-2a4d6e8f0a13', name: 'Liên đoàn Lao động huyện Phúc Thọ' },
  ],
  depth: 2,
  employerName: 'Công ty TNHH May Phúc Thọ',
  employerTaxCode: '0101234567',
  sector: 'non_state',
  sectorKind: 'private_enterprise',
  workersEmployed: 850,
  address: 'Cụm công nghiệp Phúc Thọ, xã Long Xuyên, huyện Phúc Thọ, Hà Nội',
  phone: '024 3362 1234',
  foundingDecisionNumber: '125/QĐ-LĐLĐ',
  foundingDecisionDate: '2015-03-20',
  foundingIssuerId: '0193a5b2-5b20-7c11-8f00-2a4d6e8f0a13',
  foundingIssuerName: 'Liên đoàn Lao động huyện Phúc Thọ',
  establishedOn: '2015-03-20',
  status: 'active',
  statusEffectiveDate: null,
  statusReason: null,
  mergedIntoId: null,
  childCount: 0,
  latestRating: { year: 2024, gradeCode: 'excellent', gradeLabel: 'Hoàn thành xuất sắc nhiệm vụ' },
  version: 7,
  createdAt: '2025-01-06T03:15:00.000Z',
  updatedAt: '2025-03-14T08:42:10.000Z',
}

export const Union = Type.Object({
  id: Uuid,
  code: Type.String(),
  name: Type.String(),
  unitType: UnitType,
  parentId: Nullable(Uuid),
  parentName: Nullable(Type.String()),
  /** Ids from the root down to this unit's parent. */
  ancestorIds: Type.Array(Uuid),
  /** The same units with their names, root first, for breadcrumbs. */
  ancestors: Type.Array(Type.Object({ id: Uuid, name: Type.String() })),
  depth: Type.Integer(),
  employerName: Nullable(Type.String()),
  employerTaxCode: Nullable(Type.String()),
  sector: Nullable(Sector),
  sectorKind: Nullable(SectorKind),
  workersEmployed: Nullable(Type.Integer()),
  address: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  foundingDecisionNumber: Nullable(Type.String()),
  foundingDecisionDate: Nullable(IsoDate),
  foundingIssuerId: Nullable(Uuid),
  foundingIssuerName: Nullable(Type.String()),
  /** Date from which the unit exists in the tree. */
  establishedOn: IsoDate,
  status: UnionStatus,
  statusEffectiveDate: Nullable(IsoDate),
  statusReason: Nullable(Type.String()),
  mergedIntoId: Nullable(Uuid),
  childCount: Type.Integer(),
  /** Latest annual quality rating, if any. */
  latestRating: Nullable(
    Type.Object({ year: Type.Integer(), gradeCode: Type.String(), gradeLabel: Type.String() }),
  ),
  version: Type.Integer(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
}, { examples: [UNION_EXAMPLE] })
export type Union = Type.Static<typeof Union>

const Name = Type.String({ minLength: 1, maxLength: 255 })
const OptionalText = (maxLength: number) => Type.Optional(Nullable(Type.String({ maxLength })))
const editableFields = {
  name: Name,
  employerName: OptionalText(255),
  employerTaxCode: Type.Optional(Nullable(TaxCode)),
  sector: Type.Optional(Nullable(Sector)),
  sectorKind: Type.Optional(Nullable(SectorKind)),
  workersEmployed: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 1_000_000 }))),
  address: OptionalText(500),
  phone: Type.Optional(Nullable(Type.String({ maxLength: 20, pattern: '^[0-9+ ().-]{6,20}$', examples: ['024 3362 1234'] }))),
  foundingDecisionNumber: OptionalText(60),
  foundingDecisionDate: Type.Optional(Nullable(IsoDate)),
  foundingIssuerId: Type.Optional(Nullable(Uuid)),
}

export const CreateUnionBody = Type.Object(
  {
    code: UnionCode,
    unitTypeId: Uuid,
    parentId: Uuid,
    /** Defaults to the founding decision date, else today. */
    establishedOn: Type.Optional(IsoDate),
    ...editableFields,
  },
  { additionalProperties: false },
)
export type CreateUnionBody = Type.Static<typeof CreateUnionBody>

export const UpdateUnionBody = Type.Object(
  {
    code: Type.Optional(UnionCode),
    name: Type.Optional(Name),
    employerName: editableFields.employerName,
    employerTaxCode: editableFields.employerTaxCode,
    sector: editableFields.sector,
    sectorKind: editableFields.sectorKind,
    workersEmployed: editableFields.workersEmployed,
    address: editableFields.address,
    phone: editableFields.phone,
    foundingDecisionNumber: editableFields.foundingDecisionNumber,
    foundingDecisionDate: editableFields.foundingDecisionDate,
    foundingIssuerId: editableFields.foundingIssuerId,
  },
  { additionalProperties: false, minProperties: 1 },
)
export type UpdateUnionBody = Type.Static<typeof UpdateUnionBody>

export const BooleanQuery = Type.Boolean()
export const UnionListQuery = Type.Object(
  {
    ...PageQuery,
    /** Only units in the subtree of this union (itself excluded). */
    under: Type.Optional(Uuid),
    /** Accent-insensitive search over name, code and employer. */
    q: Type.Optional(Type.String({ maxLength: 200 })),
    unitTypeId: Type.Optional(Uuid),
    grassroots: Type.Optional(BooleanQuery),
    sector: Type.Optional(Sector),
    sectorKind: Type.Optional(SectorKind),
    status: Type.Optional(UnionStatus),
    ratingYear: Type.Optional(Type.Integer({ minimum: 1990, maximum: 2100 })),
    ratingGrade: Type.Optional(Type.String({ maxLength: 40 })),
    /** Read the tree as it stood on this date. */
    asOf: Type.Optional(IsoDate),
  },
  { additionalProperties: false },
)
export type UnionListQuery = Type.Static<typeof UnionListQuery>
export const UnionPage = Page(Union)

export const UnionChildrenQuery = Type.Object(
  { ...PageQuery, asOf: Type.Optional(IsoDate), status: Type.Optional(UnionStatus) },
  { additionalProperties: false },
)
export type UnionChildrenQuery = Type.Static<typeof UnionChildrenQuery>

export const UnionGetQuery = Type.Object({ asOf: Type.Optional(IsoDate) }, { additionalProperties: false })
export type UnionGetQuery = Type.Static<typeof UnionGetQuery>

/* ---------- restructuring ---------- */

const Reason = Type.Optional(Type.String({ maxLength: 1000 }))
const DecisionNumber = Type.Optional(Type.String({ maxLength: 60 }))

export const MoveUnionBody = Type.Object(
  { newParentId: Uuid, effectiveDate: IsoDate, decisionNumber: DecisionNumber, reason: Reason },
  { additionalProperties: false },
)
export type MoveUnionBody = Type.Static<typeof MoveUnionBody>

export const MergeUnionBody = Type.Object(
  { targetId: Uuid, effectiveDate: IsoDate, decisionNumber: DecisionNumber, reason: Reason },
  { additionalProperties: false },
)
export type MergeUnionBody = Type.Static<typeof MergeUnionBody>

export const DissolveUnionBody = Type.Object(
  { effectiveDate: IsoDate, decisionNumber: DecisionNumber, reason: Reason },
  { additionalProperties: false },
)
export type DissolveUnionBody = Type.Static<typeof DissolveUnionBody>

/** What a restructuring operation will change, shown before confirming it. */
export const RestructurePreview = Type.Object({
  operation: Type.Enum(['move', 'merge', 'dissolve']),
  unitId: Uuid,
  /** Units whose place in the tree changes (the unit and its subtree, or a merged unit's children). */
  affectedUnitCount: Type.Integer(),
  directChildren: Type.Array(Type.Object({ id: Uuid, code: Type.String(), name: Type.String() })),
  /** Refusal reasons, empty when the operation is allowed. */
  blockers: Type.Array(Type.Object({ code: Type.String(), message: Type.String() })),
})
export type RestructurePreview = Type.Static<typeof RestructurePreview>

export const UnionEventKinds = ['created', 'updated', 'moved', 'merged_into', 'absorbed', 'dissolved', 'rated'] as const
export const UnionEvent = Type.Object({
  id: Uuid,
  kind: Type.Enum([...UnionEventKinds]),
  effectiveDate: IsoDate,
  decisionNumber: Nullable(Type.String()),
  reason: Nullable(Type.String()),
  /** Kind-specific details, e.g. `{ fromParentId, toParentId }` or changed fields. */
  details: Type.Record(Type.String(), Type.Unknown()),
  actorName: Nullable(Type.String()),
  recordedAt: IsoDateTime,
})
export type UnionEvent = Type.Static<typeof UnionEvent>
export const UnionEventPage = Page(UnionEvent)

/* ---------- ratings ---------- */

export const RatingGrade = Type.Object({
  code: Type.String(),
  label: Type.String(),
  labelEn: Type.String(),
  /** 1 is best. */
  rank: Type.Integer(),
  /** Counts as "strong or better" in reports. */
  isStrong: Type.Boolean(),
})
export type RatingGrade = Type.Static<typeof RatingGrade>

export const RatingScale = Type.Object({
  id: Uuid,
  code: Type.String(),
  name: Type.String(),
  /** First and last year the scale applies to (inclusive; null = open). */
  fromYear: Type.Integer(),
  toYear: Nullable(Type.Integer()),
  grades: Type.Array(RatingGrade),
})
export type RatingScale = Type.Static<typeof RatingScale>

export const CreateRatingScaleBody = Type.Object(
  {
    code: Type.String({ minLength: 2, maxLength: 40, pattern: '^[a-z][a-z0-9_]*$', examples: ['annual_grassroots'] }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    fromYear: Type.Integer({ minimum: 1990, maximum: 2100 }),
    toYear: Nullable(Type.Integer({ minimum: 1990, maximum: 2100 })),
    grades: Type.Array(
      Type.Object(
        {
          code: Type.String({ minLength: 1, maxLength: 40, pattern: '^[a-z][a-z0-9_]*$', examples: ['excellent'] }),
          label: Type.String({ minLength: 1, maxLength: 120 }),
          labelEn: Type.String({ minLength: 1, maxLength: 120 }),
          rank: Type.Integer({ minimum: 1, maximum: 20 }),
          isStrong: Type.Boolean(),
        },
        { additionalProperties: false },
      ),
      { minItems: 2, maxItems: 20 },
    ),
  },
  { additionalProperties: false },
)
export type CreateRatingScaleBody = Type.Static<typeof CreateRatingScaleBody>

export const Rating = Type.Object({
  id: Uuid,
  unionId: Uuid,
  year: Type.Integer(),
  scaleCode: Type.String(),
  gradeCode: Type.String(),
  gradeLabel: Type.String(),
  isStrong: Type.Boolean(),
  note: Nullable(Type.String()),
  ratedByName: Nullable(Type.String()),
  ratedAt: IsoDateTime,
  /** Set when a later rating for the same year replaced this one. */
  supersededAt: Nullable(IsoDateTime),
})
export type Rating = Type.Static<typeof Rating>

export const SetRatingBody = Type.Object(
  {
    year: Type.Integer({ minimum: 1990, maximum: 2100 }),
    gradeCode: Type.String({ minLength: 1, maxLength: 40 }),
    note: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
)
export type SetRatingBody = Type.Static<typeof SetRatingBody>

export const RatingList = Type.Object({ items: Type.Array(Rating) })

const RestructureResponses = { 200: Union, ...problems(400, 401, 403, 404, 409, 422) }

export const unionRoutes = {
  list: { method: 'GET', url: '/api/v1/unions', querystring: UnionListQuery, response: { 200: UnionPage, ...problems(400, 401) } },
  get: {
    method: 'GET',
    url: '/api/v1/unions/:id',
    params: IdParams,
    querystring: UnionGetQuery,
    response: { 200: Union, ...problems(400, 401, 404) },
  },
  children: {
    method: 'GET',
    url: '/api/v1/unions/:id/children',
    params: IdParams,
    querystring: UnionChildrenQuery,
    response: { 200: UnionPage, ...problems(400, 401, 404) },
  },
  history: {
    method: 'GET',
    url: '/api/v1/unions/:id/history',
    params: IdParams,
    querystring: Type.Object({ ...PageQuery }, { additionalProperties: false }),
    response: { 200: UnionEventPage, ...problems(400, 401, 404) },
  },
  create: {
    method: 'POST',
    url: '/api/v1/unions',
    body: CreateUnionBody,
    response: { 201: Union, ...problems(400, 401, 403, 404, 409, 422) },
  },
  update: {
    method: 'PATCH',
    url: '/api/v1/unions/:id',
    params: IdParams,
    headers: IfMatchHeaders,
    body: UpdateUnionBody,
    response: { 200: Union, ...problems(400, 401, 403, 404, 409, 412, 422, 428) },
  },
  previewMove: {
    method: 'POST',
    url: '/api/v1/unions/:id/move/preview',
    params: IdParams,
    body: MoveUnionBody,
    response: { 200: RestructurePreview, ...problems(400, 401, 403, 404) },
  },
  move: { method: 'POST', url: '/api/v1/unions/:id/move', params: IdParams, body: MoveUnionBody, response: RestructureResponses },
  previewMerge: {
    method: 'POST',
    url: '/api/v1/unions/:id/merge/preview',
    params: IdParams,
    body: MergeUnionBody,
    response: { 200: RestructurePreview, ...problems(400, 401, 403, 404) },
  },
  merge: { method: 'POST', url: '/api/v1/unions/:id/merge', params: IdParams, body: MergeUnionBody, response: RestructureResponses },
  previewDissolve: {
    method: 'POST',
    url: '/api/v1/unions/:id/dissolve/preview',
    params: IdParams,
    body: DissolveUnionBody,
    response: { 200: RestructurePreview, ...problems(400, 401, 403, 404) },
  },
  dissolve: {
    method: 'POST',
    url: '/api/v1/unions/:id/dissolve',
    params: IdParams,
    body: DissolveUnionBody,
    response: RestructureResponses,
  },
  ratings: {
    method: 'GET',
    url: '/api/v1/unions/:id/ratings',
    params: IdParams,
    response: { 200: RatingList, ...problems(400, 401, 404) },
  },
  rate: {
    method: 'POST',
    url: '/api/v1/unions/:id/ratings',
    params: IdParams,
    body: SetRatingBody,
    response: { 201: Rating, ...problems(400, 401, 403, 404, 422) },
  },
} as const

export const unitTypeRoutes = {
  list: { method: 'GET', url: '/api/v1/unit-types', response: { 200: Type.Object({ items: Type.Array(UnitType) }), ...problems(401) } },
  create: {
    method: 'POST',
    url: '/api/v1/unit-types',
    body: CreateUnitTypeBody,
    response: { 201: UnitType, ...problems(400, 401, 403, 409) },
  },
  update: {
    method: 'PATCH',
    url: '/api/v1/unit-types/:id',
    params: IdParams,
    body: UpdateUnitTypeBody,
    response: { 200: UnitType, ...problems(400, 401, 403, 404) },
  },
} as const

export const ratingScaleRoutes = {
  list: {
    method: 'GET',
    url: '/api/v1/rating-scales',
    response: { 200: Type.Object({ items: Type.Array(RatingScale) }), ...problems(401) },
  },
  create: {
    method: 'POST',
    url: '/api/v1/rating-scales',
    body: CreateRatingScaleBody,
    response: { 201: RatingScale, ...problems(400, 401, 403, 409, 422) },
  },
} as const
