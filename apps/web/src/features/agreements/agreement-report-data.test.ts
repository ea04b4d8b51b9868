import { describe, expect, it } from 'vitest'
import { coverageBars, gradeSlices, reportParamsFromUrl } from './agreement-report-data'

const UNION = '0192a000-0000-7000-8000-000000000002'

describe('agreement report question', () => {
  it('defaults to today and the person’s own union', () => {
    expect(reportParamsFromUrl(new URLSearchParams(''), '2026-03-15')).toEqual({ query: { asOf: '2026-03-15' }, drill: null })
    expect(reportParamsFromUrl(new URLSearchParams('asOf=2026-02-30&under=nope'), '2026-03-15').query).toEqual({ asOf: '2026-03-15' })
  })

  it('opens the unions behind one figure, a sector or all of them', () => {
    const covered = reportParamsFromUrl(new URLSearchParams(`under=${UNION}&asOf=2025-12-31&drill=covered&drillSector=non_state`), '2026-03-15')
    expect(covered.drill).toEqual({ under: UNION, asOf: '2025-12-31', covered: true, sector: 'non_state' })
    const all = reportParamsFromUrl(new URLSearchParams('drill=uncovered&drillSector=all'), '2026-03-15')
    expect(all.drill).toEqual({ asOf: '2026-03-15', covered: false })
  })
})

describe('chart data', () => {
  it('stacks covered and not covered unions per sector and in total', () => {
    const rows = [
      { sector: 'state' as const, activeUnions: 10, covered: 10, share: 100, workersCovered: 900 },
      { sector: 'non_state' as const, activeUnions: 40, covered: 13, share: 32.5, workersCovered: 5200 },
      { sector: null, activeUnions: 50, covered: 23, share: 46, workersCovered: 6100 },
    ]
    expect(coverageBars(rows, (sector) => sector ?? 'Tổng cộng')).toEqual([
      { label: 'state', covered: 10, notCovered: 0, share: 100 },
      { label: 'non_state', covered: 13, notCovered: 27, share: 32.5 },
      { label: 'Tổng cộng', covered: 23, notCovered: 27, share: 46 },
    ])
  })

  it('draws the grades with agreements, ungraded in grey', () => {
    const slices = gradeSlices(
      {
        rows: [
          { grade: 'A', name: 'Loại A', count: 3, share: 30 },
          { grade: 'B', name: 'Loại B', count: 0, share: 0 },
          { grade: null, name: 'Chưa xếp loại', count: 7, share: 70 },
        ],
      },
      'Chưa xếp loại',
    )
    expect(slices).toEqual([
      { name: 'Loại A', value: 3, color: 'teal.6' },
      { name: 'Chưa xếp loại', value: 7, color: 'gray.3' },
    ])
  })
})
