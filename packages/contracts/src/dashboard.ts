import Type from 'typebox'
import { FileDownload, IsoDate, Nullable, Uuid, problems } from './common.js'
import { UnionRef } from './members.js'
import { SupportProgramFigures, SupportProgramStatus } from './support.js'
import { ResultsQuery } from './targets.js'
import { Sector } from './unions.js'

/*
 * The dashboard: a unit's branch of the tree at a glance, as of a day (today by default). Every
 * figure is computed from the records of the unit's subtree as the tree stands on that day, like
 * the results of targets; targets with their progress come from /reports/results.
 */

export const DashboardQuery = Type.Object(
  {
    /** Default: your union. */
    under: Type.Optional(Uuid),
    /** Default today; not in the future. The year of the figures "this year" is this day's year. */
    asOf: Type.Optional(IsoDate),
  },
  { additionalProperties: false },
)
export type DashboardQuery = Type.Static<typeof DashboardQuery>

/** A share of a group: part / whole in percent with two decimals (0 when the group is empty). */
export const ShareFigure = Type.Object({ part: Type.Integer(), whole: Type.Integer(), percent: Type.Number() })
export type ShareFigure = Type.Static<typeof ShareFigure>

export const DashboardRatingSector = Type.Object({
  sector: Sector,
  /** Grassroots unions of this sector rated for the year; part: those rated strong or better. */
  strongOrBetter: ShareFigure,
  /** Every grade of the scale, best first, with how many of the sector's unions got it. */
  grades: Type.Array(Type.Object({ code: Type.String(), label: Type.String(), isStrong: Type.Boolean(), count: Type.Integer() })),
})
export type DashboardRatingSector = Type.Static<typeof DashboardRatingSector>

export const DashboardProgram = Type.Object({
  id: Uuid,
  name: Type.String(),
  union: UnionRef,
  status: SupportProgramStatus,
  periodFrom: IsoDate,
  periodTo: IsoDate,
  /** The programme's own figures (the whole programme, wherever its payments went). */
  figures: SupportProgramFigures,
  /** Disbursed in the year to records under the unit. */
  disbursedUnderVnd: Type.Integer(),
})
export type DashboardProgram = Type.Static<typeof DashboardProgram>

export const DashboardReport = Type.Object({
  under: Type.Object({ ...UnionRef.properties, unitTypeName: Type.String() }),
  asOf: IsoDate,
  /** asOf's calendar year: "this year" below runs from 1 January to asOf. */
  year: Type.Integer(),
  members: Type.Object({
    /** Active members of the grassroots unions under the unit on asOf. */
    active: Type.Integer(),
    female: Type.Integer(),
    /** Admitted this year (admission date from 1 January to asOf), counted at the admitting union. */
    admittedThisYear: Type.Integer(),
  }),
  /** This year's admissions month by month, January to asOf's month. */
  admissionsByMonth: Type.Array(Type.Object({ month: Type.String({ pattern: '^\\d{4}-\\d{2}$', examples: ['2025-03'] }), admitted: Type.Integer() })),
  /** Admissions in each of the last five calendar years, this one (to asOf) last. */
  admissionsByYear: Type.Array(Type.Object({ year: Type.Integer(), admitted: Type.Integer() })),
  grassroots: Type.Object({
    /** Grassroots unions active on asOf. */
    active: Type.Integer(),
    bySector: Type.Array(Type.Object({ sector: Sector, active: Type.Integer() })),
    /** Founded this year (founding decision date, else establishment date). */
    foundedThisYear: Type.Integer(),
  }),
  agreements: Type.Object({
    /** Collective agreements in force on asOf. */
    inForce: Type.Integer(),
    /** Of the active grassroots unions, those with an agreement in force. */
    coverage: ShareFigure,
  }),
  chairpersonsTrained: Type.Object({
    topic: Nullable(Type.Object({ code: Type.String(), name: Type.String() })),
    /** Of the chairpersons of active grassroots unions on asOf, those holding a valid certificate on the topic. */
    share: ShareFigure,
  }),
  ratings: Type.Object({
    /** The latest year up to asOf's with ratings under the unit; null when there are none. */
    year: Nullable(Type.Integer()),
    bySector: Type.Array(DashboardRatingSector),
  }),
  support: Type.Object({
    /** Programmes whose period overlaps the year, run by the unit, a unit under it or one above it. */
    programs: Type.Array(DashboardProgram),
  }),
})
export type DashboardReport = Type.Static<typeof DashboardReport>

export const dashboardRoutes = {
  dashboard: {
    method: 'GET',
    url: '/api/v1/reports/dashboard',
    querystring: DashboardQuery,
    response: { 200: DashboardReport, ...problems(400, 401, 403, 404) },
  },
  /** The results of /reports/results and each metric's drill-down to the children, as one XLSX workbook. */
  resultsWorkbook: {
    method: 'GET',
    url: '/api/v1/reports/results.xlsx',
    querystring: ResultsQuery,
    response: { 200: FileDownload, ...problems(400, 401, 403, 404) },
  },
} as const
