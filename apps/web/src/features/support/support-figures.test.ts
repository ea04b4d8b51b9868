import { describe, expect, it } from 'vitest'
import type { SupportProgramFigures } from '@liendoan/contracts'
import { budgetSeries, checkSelection, formatDelta } from './support-figures'

const figures = (budget: number, proposed: number, approved: number, disbursed: number): SupportProgramFigures => ({
  budgetVnd: budget,
  proposedVnd: proposed,
  approvedVnd: approved,
  disbursedVnd: disbursed,
  committedVnd: approved + disbursed,
  remainingVnd: budget - approved - disbursed,
})

describe('programme figures', () => {
  it('checks a selection against what remains after the proposals already waiting', () => {
    const f = figures(800_000_000, 17_000_000, 59_500_000, 712_000_000)
    // 28.5M remain, 17M already wait: 11.5M more fits, one grade-A agreement (8.5M) does.
    expect(checkSelection([8_500_000], f)).toEqual({ totalVnd: 8_500_000, remainingIfApprovedVnd: 3_000_000, fits: true })
    expect(checkSelection([8_500_000, 6_000_000], f)).toEqual({ totalVnd: 14_500_000, remainingIfApprovedVnd: -3_000_000, fits: false })
  })

  it('signs ledger deltas and writes them in vi-VN', () => {
    expect(formatDelta(8_500_000)).toBe('+8.500.000 ₫')
    expect(formatDelta(-8_500_000)).toBe('−8.500.000 ₫')
    expect(formatDelta(0)).toBe('—')
  })
})

describe('budgetSeries', () => {
  const report = {
    figures: figures(800_000_000, 0, 8_500_000, 14_500_000),
    series: [
      { periodEnd: '2025-03-31', committedVnd: 6_000_000, disbursedVnd: 0 },
      { periodEnd: '2025-06-30', committedVnd: 23_000_000, disbursedVnd: 14_500_000 },
    ],
  }

  it('labels months and quarters and carries the budget line on every point', () => {
    expect(budgetSeries(report, 'month').map((point) => point.label)).toEqual(['03/2025', '06/2025'])
    expect(budgetSeries(report, 'quarter')).toEqual([
      { label: 'Q1/2025', periodEnd: '31/03/2025', committed: 6_000_000, disbursed: 0, budget: 800_000_000 },
      { label: 'Q2/2025', periodEnd: '30/06/2025', committed: 23_000_000, disbursed: 14_500_000, budget: 800_000_000 },
    ])
  })
})
