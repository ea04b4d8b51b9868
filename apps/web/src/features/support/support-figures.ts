import type { SupportProgramFigures, SupportProgramReport } from '@liendoan/contracts'
import { formatDate, formatMoney } from '../../lib/format'
import { sumVnd } from './money'

export interface SelectionCheck {
  /** The selected amounts added up. */
  totalVnd: number
  /** What remains if every proposal waiting now and these were approved. */
  remainingIfApprovedVnd: number
  /** False when approving them all would pass the budget: the approver will be refused some. */
  fits: boolean
}

/** The selected candidates against the budget, before proposing them. */
export function checkSelection(amounts: Iterable<number>, figures: SupportProgramFigures): SelectionCheck {
  const totalVnd = sumVnd(amounts)
  const remainingIfApprovedVnd = figures.remainingVnd - sumVnd([figures.proposedVnd, totalVnd])
  return { totalVnd, remainingIfApprovedVnd, fits: remainingIfApprovedVnd >= 0 }
}

export interface BudgetPoint {
  /** `12/2025` for months, `Q4/2025` for quarters. */
  label: string
  periodEnd: string
  committed: number
  disbursed: number
  budget: number
}

/** The report's series as chart points, with the budget on every point (the line they must stay under). */
export function budgetSeries(report: Pick<SupportProgramReport, 'series' | 'figures'>, interval: 'month' | 'quarter'): BudgetPoint[] {
  return report.series.map((point) => {
    const [year = '', month = ''] = point.periodEnd.split('-')
    const label = interval === 'quarter' ? `Q${Math.ceil(Number(month) / 3)}/${year}` : `${month}/${year}`
    return { label, periodEnd: formatDate(point.periodEnd), committed: point.committedVnd, disbursed: point.disbursedVnd, budget: report.figures.budgetVnd }
  })
}

/** A change to a total, signed: `+8.500.000 ₫`, `−8.500.000 ₫`, or a quiet dash for none. */
export function formatDelta(value: number): string {
  if (value === 0) return '—'
  return value > 0 ? `+${formatMoney(value)}` : `−${formatMoney(-value)}`
}
