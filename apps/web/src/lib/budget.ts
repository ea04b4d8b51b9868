import type { SupportProgramFigures } from '@liendoan/contracts'

/** The shares of the budget for the progress bar, in percent (display only; money stays integer). */
export interface BudgetShares {
  disbursed: number
  approved: number
  proposed: number
}

const share = (part: number, whole: number): number => (whole > 0 ? Math.round((Math.max(0, part) / whole) * 1000) / 10 : 0)

/**
 * Disbursed, approved and proposed as parts of the budget, stacked in that order and never past
 * 100% together (proposals are not yet counted against the budget and may not all fit).
 */
export function budgetShares(figures: SupportProgramFigures): BudgetShares {
  const disbursed = Math.min(100, share(figures.disbursedVnd, figures.budgetVnd))
  const approved = Math.min(100 - disbursed, share(figures.approvedVnd, figures.budgetVnd))
  const proposed = Math.min(Math.round((100 - disbursed - approved) * 10) / 10, share(figures.proposedVnd, figures.budgetVnd))
  return { disbursed, approved, proposed }
}
