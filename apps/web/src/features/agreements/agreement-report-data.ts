import { Sectors, type AgreementCoverageQuery, type AgreementCoverageRow, type AgreementGradeDistribution, type Sector } from '@liendoan/contracts'
import { parseVnDate } from '../../lib/dates'
import type { CoverageUnionsFilters } from './api/agreement-keys'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
/** `drillSector=all`: the total row (every sector). */
export const ALL_SECTORS = 'all'

export interface ReportParams {
  /** The coverage and grade reports' question. */
  query: AgreementCoverageQuery & { asOf: string }
  /** The unions behind one figure of the coverage table, when one is opened. */
  drill: CoverageUnionsFilters | null
}

/**
 * The reports' question from the URL: a unit (default: the person's own) and a day (default
 * today), and which coverage figure is opened (`drill=covered|uncovered`, `drillSector`).
 */
export function reportParamsFromUrl(params: URLSearchParams, today: string): ReportParams {
  const under = params.get('under')
  const asOfParam = params.get('asOf')
  const asOf = (asOfParam && /^\d{4}-\d{2}-\d{2}$/.test(asOfParam) ? parseVnDate(asOfParam) : null) ?? today
  const query = { ...(under && UUID.test(under) ? { under } : {}), asOf }
  const drill = params.get('drill')
  if (drill !== 'covered' && drill !== 'uncovered') return { query, drill: null }
  const sector = params.get('drillSector')
  const known = sector && (Sectors as readonly string[]).includes(sector) ? (sector as Sector) : null
  return { query, drill: { ...query, covered: drill === 'covered', ...(known ? { sector: known } : {}) } }
}

export interface CoverageBar {
  label: string
  covered: number
  notCovered: number
  share: number
}

/** One bar per sector and one for the total: unions covered and not covered, stacked. */
export function coverageBars(rows: readonly AgreementCoverageRow[], label: (sector: Sector | null) => string): CoverageBar[] {
  return rows.map((row) => ({ label: label(row.sector), covered: row.covered, notCovered: Math.max(0, row.activeUnions - row.covered), share: row.share }))
}

/** Grade slices for the donut: grades with agreements, ungraded last, in the scheme's colours. */
export function gradeSlices(
  report: Pick<AgreementGradeDistribution, 'rows'>,
  ungradedName: string,
): { name: string; value: number; color: string }[] {
  const colors: Record<string, string> = { A: 'teal.6', B: 'blue.6', C: 'yellow.6', D: 'gray.6' }
  return report.rows
    .filter((row) => row.count > 0)
    .map((row) => ({ name: row.grade === null ? ungradedName : row.name, value: row.count, color: row.grade === null ? 'gray.3' : (colors[row.grade] ?? 'grape.6') }))
}
