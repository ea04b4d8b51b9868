import { describe, expect, it } from 'vitest'
import type { SupportProgramFigures } from '@liendoan/contracts'
import { budgetShares } from './budget'

/** A programme's figures from its budget and what was proposed, approved and disbursed. */
function figures(budgetVnd: number, proposedVnd: number, approvedVnd: number, disbursedVnd: number): SupportProgramFigures {
  const committedVnd = approvedVnd + disbursedVnd
  return { budgetVnd, proposedVnd, approvedVnd, disbursedVnd, committedVnd, remainingVnd: budgetVnd - committedVnd }
}

describe('budget shares', () => {
  it('stacks disbursed, approved and proposed as shares of the budget, never past 100%', () => {
    expect(budgetShares(figures(800_000_000, 80_000_000, 200_000_000, 400_000_000))).toEqual({ disbursed: 50, approved: 25, proposed: 10 })
    const full = budgetShares(figures(100, 50, 30, 70))
    expect(full.disbursed + full.approved + full.proposed).toBeLessThanOrEqual(100)
    expect(full).toEqual({ disbursed: 70, approved: 30, proposed: 0 })
    expect(budgetShares(figures(0, 0, 0, 0))).toEqual({ disbursed: 0, approved: 0, proposed: 0 })
  })
})
