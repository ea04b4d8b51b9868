import Type from 'typebox'
import { IdParams, IfMatchHeaders, IsoDate, IsoDateTime, Nullable, Page, PageQuery, Uuid, problems } from './common.js'
import { UnionRef } from './members.js'
import { Sector, UnionStatus } from './unions.js'

/* ---------- metrics ---------- */

/**
 * What a target measures. Every metric is computed from the records of the unit's subtree, with
 * the tree as it stood at the period's end (a unit closed during the period counts where it last
 * stood), so a past period's result does not change after a later restructuring.
 */
export const TargetMetrics = [
  'members_admitted',
  'grassroots_founded',
  'agreements_signed',
  'payments_disbursed_vnd',
  'agreements_in_force_share',
  'chairpersons_trained_share',
  'top_rated_share',
] as const
export const TargetMetric = Type.Enum([...TargetMetrics], {
  description:
    'members_admitted, grassroots_founded, agreements_signed (counts in the period); payments_disbursed_vnd (VND in the period); ' +
    'agreements_in_force_share, chairpersons_trained_share, top_rated_share (shares at the period end)',
})
export type TargetMetric = (typeof TargetMetrics)[number]

/**
 * count: a number of records in the period; amount_vnd: whole VND in the period; share: a share of
 * a group at the period's end. Targets of share metrics are in hundredths of a percent (8000 = 80.00%).
 */
export const TargetMetricKinds = ['count', 'amount_vnd', 'share'] as const
export const TargetMetricKind = Type.Enum([...TargetMetricKinds])
export type TargetMetricKind = (typeof TargetMetricKinds)[number]

export interface TargetMetricDefinition {
  kind: TargetMetricKind
  /** Vietnamese label, as the reports print it. */
  label: string
  labelEn: string
  /** How the figure is computed (shown in the documentation and the dashboard's tooltips). */
  definition: string
}

/** The training topic a chairpersons_trained_share target measures when it names none. */
export const DEFAULT_TARGET_TOPIC = 'labour_code_2019'

/** The metrics, defined once: the API computes them, the web app labels them. */
export const TargetMetricDefinitions: Readonly<Record<TargetMetric, TargetMetricDefinition>> = {
  members_admitted: {
    kind: 'count',
    label: 'Kết nạp đoàn viên mới',
    labelEn: 'Members admitted',
    definition: 'Members whose admission date falls in the period, counted at the union that admitted them (their first membership).',
  },
  grassroots_founded: {
    kind: 'count',
    label: 'Thành lập mới công đoàn cơ sở',
    labelEn: 'Grassroots unions founded',
    definition: 'Grassroots unions whose founding decision date (else their establishment date) falls in the period, whatever became of them since.',
  },
  agreements_signed: {
    kind: 'count',
    label: 'Thỏa ước lao động tập thể ký mới',
    labelEn: 'Collective agreements signed',
    definition: 'Collective agreements whose signing date falls in the period, whatever became of them since.',
  },
  payments_disbursed_vnd: {
    kind: 'amount_vnd',
    label: 'Kinh phí hỗ trợ đã chi',
    labelEn: 'Support payments disbursed (VND)',
    definition: 'Sum of support payments disbursed in the period (disbursement date) concerning unions under the unit.',
  },
  agreements_in_force_share: {
    kind: 'share',
    label: 'Tỷ lệ CĐCS có thỏa ước lao động tập thể còn hiệu lực',
    labelEn: 'Grassroots unions with an agreement in force',
    definition: 'Of the grassroots unions active at the period end, those with a collective agreement in force that day.',
  },
  chairpersons_trained_share: {
    kind: 'share',
    label: 'Tỷ lệ Chủ tịch CĐCS được tập huấn',
    labelEn: 'Chairpersons of grassroots unions trained',
    definition:
      'Of the chairpersons of grassroots unions holding office at the period end, those holding a valid certificate on the topic that day ' +
      `(params.topic, default ${DEFAULT_TARGET_TOPIC}).`,
  },
  top_rated_share: {
    kind: 'share',
    label: 'Tỷ lệ CĐCS xếp loại vững mạnh trở lên',
    labelEn: 'Grassroots unions rated strong or better',
    definition:
      'For the last year in the period with ratings under the unit: of the grassroots unions rated for that year, those given a grade counted as strong.',
  },
}

/** Metrics whose targets and results may be given for one sector. */
export const isShareMetric = (metric: TargetMetric): boolean => TargetMetricDefinitions[metric].kind === 'share'

export const TargetParams = Type.Object(
  {
    /** chairpersons_trained_share only: the training topic's code (default labour_code_2019). */
    topic: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
  },
  { additionalProperties: false },
)
export type TargetParams = Type.Static<typeof TargetParams>

/* ---------- periods ---------- */

/** The longest period a target or a result covers: two congress terms. */
export const MAX_TARGET_PERIOD_YEARS = 10

/**
 * A period is either a calendar year (`year`) or any range of days (`periodFrom`–`periodTo`,
 * e.g. a congress term 2023-10-01 to 2028-09-30), never both.
 */
const periodFields = {
  year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100, description: 'A calendar year: 1 January to 31 December.' })),
  periodFrom: Type.Optional(IsoDate),
  periodTo: Type.Optional(IsoDate),
}

/* ---------- targets ---------- */

export const Target = Type.Object({
  id: Uuid,
  metric: TargetMetric,
  kind: TargetMetricKind,
  /** The unit the target is assigned to. */
  unit: UnionRef,
  /** The upper union that assigned it (an ancestor of the unit). */
  assignedBy: UnionRef,
  periodFrom: IsoDate,
  periodTo: IsoDate,
  /**
   * count: a whole number; amount_vnd: whole VND; share: hundredths of a percent (8000 = 80.00%).
   */
  targetValue: Type.Integer(),
  /** Share metrics only: the target covers that sector's grassroots unions; null: all. */
  sector: Nullable(Sector),
  params: TargetParams,
  note: Nullable(Type.String()),
  version: Type.Integer(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
})
export type Target = Type.Static<typeof Target>
export const TargetPage = Page(Target)

export const CreateTargetBody = Type.Object(
  {
    metric: TargetMetric,
    /** The unit the target is for: strictly below the assigning union. */
    unitId: Uuid,
    /** Default: your union. Must be in your scope. */
    assignedById: Type.Optional(Uuid),
    ...periodFields,
    /** count: whole number; amount_vnd: whole VND; share: hundredths of a percent, at most 10000. */
    targetValue: Type.Integer({ minimum: 1, maximum: 1_000_000_000_000_000 }),
    sector: Type.Optional(Nullable(Sector)),
    params: Type.Optional(TargetParams),
    note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  },
  { additionalProperties: false },
)
export type CreateTargetBody = Type.Static<typeof CreateTargetBody>

/** The figure and its wording may change; metric, unit, period and sector identify the target. */
export const UpdateTargetBody = Type.Object(
  {
    targetValue: Type.Optional(CreateTargetBody.properties.targetValue),
    params: Type.Optional(TargetParams),
    note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  },
  { additionalProperties: false, minProperties: 1 },
)
export type UpdateTargetBody = Type.Static<typeof UpdateTargetBody>

export const TargetListQuery = Type.Object(
  {
    ...PageQuery,
    /** Targets of units in this union's subtree (default: your union's). */
    under: Type.Optional(Uuid),
    unitId: Type.Optional(Uuid),
    metric: Type.Optional(TargetMetric),
    /** Targets whose period overlaps this one. */
    ...periodFields,
  },
  { additionalProperties: false },
)
export type TargetListQuery = Type.Static<typeof TargetListQuery>

/* ---------- results ---------- */

export const ResultsQuery = Type.Object(
  {
    /** Default: your union. */
    under: Type.Optional(Uuid),
    ...periodFields,
    /**
     * Compute as of this day (default today) when the period has not ended: flows count up to it,
     * shares are read on it. Not in the future, not before the period starts.
     */
    asOf: Type.Optional(IsoDate),
  },
  { additionalProperties: false },
)
export type ResultsQuery = Type.Static<typeof ResultsQuery>

export const ResultChildrenQuery = Type.Object(
  {
    ...ResultsQuery.properties,
    metric: TargetMetric,
    /** Share metrics only. */
    sector: Type.Optional(Sector),
    /** chairpersons_trained_share only: the training topic's code (default labour_code_2019). */
    topic: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
  },
  { additionalProperties: false },
)
export type ResultChildrenQuery = Type.Static<typeof ResultChildrenQuery>

/** A target as a result row shows it. */
export const ResultTarget = Type.Object({ id: Uuid, targetValue: Type.Integer(), assignedBy: UnionRef })
export type ResultTarget = Type.Static<typeof ResultTarget>

const figureFields = {
  /** count or VND: a whole number; share: numerator / denominator in percent, two decimals (0 when the group is empty). */
  value: Type.Number(),
  /** Share metrics: the part of the group (else null). */
  numerator: Nullable(Type.Integer()),
  /** Share metrics: the whole group (else null). */
  denominator: Nullable(Type.Integer()),
  /** top_rated_share: the rating year read (the last one in the period with ratings); else null. */
  ratingYear: Nullable(Type.Integer()),
  target: Nullable(ResultTarget),
  /**
   * The result against the target in percent, rounded half up to two decimals (101 of 88 →
   * 114.77); for share metrics the share against the target share. Null without a target.
   */
  achievement: Nullable(Type.Number()),
}

export const MetricResult = Type.Object({
  metric: TargetMetric,
  kind: TargetMetricKind,
  label: Type.String(),
  /** Share metrics: one sector's grassroots unions (a row per sector that has a target); null: all. */
  sector: Nullable(Sector),
  params: TargetParams,
  ...figureFields,
})
export type MetricResult = Type.Static<typeof MetricResult>

const periodOut = {
  periodFrom: IsoDate,
  periodTo: IsoDate,
  /** The day the figures are computed on: the period's end, or asOf (today) while the period runs. */
  asOf: IsoDate,
}

export const ResultsReport = Type.Object({
  under: UnionRef,
  ...periodOut,
  /** Every metric (all sectors), then a row per sector-specific target of the unit for the period. */
  rows: Type.Array(MetricResult),
})
export type ResultsReport = Type.Static<typeof ResultsReport>

export const ChildResult = Type.Object({
  union: Type.Object({ ...UnionRef.properties, status: UnionStatus }),
  ...figureFields,
})
export type ChildResult = Type.Static<typeof ChildResult>

export const ResultChildrenReport = Type.Object({
  under: UnionRef,
  ...periodOut,
  metric: TargetMetric,
  kind: TargetMetricKind,
  label: Type.String(),
  sector: Nullable(Sector),
  params: TargetParams,
  /** The unit's own figure (and target). */
  total: Type.Object(figureFields),
  /**
   * Direct children as the tree stood on asOf, plus children closed during the period (where
   * they last stood), in name order; only units in your scope.
   */
  children: Type.Array(ChildResult),
})
export type ResultChildrenReport = Type.Static<typeof ResultChildrenReport>

/* ---------- routes ---------- */

export const targetRoutes = {
  metrics: {
    method: 'GET',
    url: '/api/v1/target-metrics',
    response: {
      200: Type.Object({
        items: Type.Array(Type.Object({ code: TargetMetric, kind: TargetMetricKind, label: Type.String(), labelEn: Type.String(), definition: Type.String() })),
      }),
      ...problems(401),
    },
  },
  list: {
    method: 'GET',
    url: '/api/v1/targets',
    querystring: TargetListQuery,
    response: { 200: TargetPage, ...problems(400, 401, 403, 404) },
  },
  create: {
    method: 'POST',
    url: '/api/v1/targets',
    body: CreateTargetBody,
    response: { 201: Target, ...problems(400, 401, 403, 404, 409, 422) },
  },
  get: {
    method: 'GET',
    url: '/api/v1/targets/:id',
    params: IdParams,
    response: { 200: Target, ...problems(400, 401, 403, 404) },
  },
  update: {
    method: 'PATCH',
    url: '/api/v1/targets/:id',
    params: IdParams,
    headers: IfMatchHeaders,
    body: UpdateTargetBody,
    response: { 200: Target, ...problems(400, 401, 403, 404, 412, 422, 428) },
  },
  delete: {
    method: 'DELETE',
    url: '/api/v1/targets/:id',
    params: IdParams,
    response: { 204: Type.Null(), ...problems(400, 401, 403, 404) },
  },
  results: {
    method: 'GET',
    url: '/api/v1/reports/results',
    querystring: ResultsQuery,
    response: { 200: ResultsReport, ...problems(400, 401, 403, 404) },
  },
  resultChildren: {
    method: 'GET',
    url: '/api/v1/reports/results/children',
    querystring: ResultChildrenQuery,
    response: { 200: ResultChildrenReport, ...problems(400, 401, 403, 404) },
  },
} as const
