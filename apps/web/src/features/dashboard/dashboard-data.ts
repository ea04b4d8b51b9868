import { Sectors, TargetMetrics, isShareMetric, type ChildResult, type DashboardReport, type Sector, type TargetMetric } from '@liendoan/contracts'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** The metric the drill-down opens on. */
export const DEFAULT_DRILL_METRIC: TargetMetric = 'members_admitted'

export interface DashboardParams {
  /** The unit shown; null: the person's own union. */
  under: string | null
  /** The metric (and, for shares, the sector) broken down by direct child. */
  drill: { metric: TargetMetric; sector: Sector | null }
}

/**
 * The dashboard's question from the URL: `?under=` a unit below the person's union (drill-down),
 * `metric` and `sector` for the children table. Values the API would refuse (a mistyped link) are
 * dropped, and a sector only goes with a share metric.
 */
export function dashboardParamsFromUrl(params: URLSearchParams): DashboardParams {
  const under = params.get('under')
  const metricParam = params.get('metric')
  const metric = TargetMetrics.find((candidate) => candidate === metricParam) ?? DEFAULT_DRILL_METRIC
  const sectorParam = params.get('sector')
  const sector = isShareMetric(metric) ? (Sectors.find((candidate) => candidate === sectorParam) ?? null) : null
  return { under: under && UUID.test(under) ? under : null, drill: { metric, sector } }
}

export interface AdmissionBar {
  label: string
  admitted: number
}

/** This year's admissions month by month: `01/2026` … */
export function monthBars(months: DashboardReport['admissionsByMonth']): AdmissionBar[] {
  return months.map(({ month, admitted }) => {
    const [year = '', number = ''] = month.split('-')
    return { label: `${number}/${year}`, admitted }
  })
}

/** Admissions of the last years, oldest first. */
export function yearBars(years: DashboardReport['admissionsByYear']): AdmissionBar[] {
  return [...years].sort((a, b) => a.year - b.year).map(({ year, admitted }) => ({ label: String(year), admitted }))
}

/** Strong grades in greens and blues, the others from yellow to red: best first, as the scale lists them. */
const STRONG_COLORS = ['teal.7', 'teal.5', 'blue.5', 'cyan.5']
const OTHER_COLORS = ['yellow.5', 'orange.6', 'red.6', 'gray.6', 'grape.5']

export interface GradeSeries {
  name: string
  label: string
  color: string
}

/** One series per grade of the scale (the first sector that lists it decides its place), coloured by strength. */
export function gradeSeries(sectors: DashboardReport['ratings']['bySector']): GradeSeries[] {
  const series: GradeSeries[] = []
  let strong = 0
  let other = 0
  for (const sector of sectors) {
    for (const grade of sector.grades) {
      if (series.some((known) => known.name === grade.code)) continue
      const color = grade.isStrong ? STRONG_COLORS[strong++ % STRONG_COLORS.length] : OTHER_COLORS[other++ % OTHER_COLORS.length]
      series.push({ name: grade.code, label: grade.label, color: color ?? 'gray.6' })
    }
  }
  return series
}

/** One bar per sector with each grade's count stacked: `{ label, A: 12, B: 3, … }`. */
export function gradeBars(sectors: DashboardReport['ratings']['bySector'], label: (sector: Sector) => string): Record<string, string | number>[] {
  return sectors.map((sector) => ({ label: label(sector.sector), ...Object.fromEntries(sector.grades.map((grade) => [grade.code, grade.count])) }))
}

/** How many children the drill-down shows before "show all" (a district has a hundred or more). */
export const CHILDREN_SHOWN = 15

/** The children with a target first (what the unit is held to), each group in the API's name order. */
export function childrenInOrder(children: readonly ChildResult[]): ChildResult[] {
  return [...children.filter((child) => child.target), ...children.filter((child) => !child.target)]
}
