import { describe, expect, it } from 'vitest'
import type { ChildResult, DashboardReport } from '@liendoan/contracts'
import { childrenInOrder, dashboardParamsFromUrl, gradeBars, gradeSeries, monthBars, yearBars } from './dashboard-data'

const unionId = '0190a000-0000-7000-8000-000000000003'

describe('dashboard parameters', () => {
  it('opens on the person’s union and the members admitted by default', () => {
    expect(dashboardParamsFromUrl(new URLSearchParams())).toEqual({ under: null, drill: { metric: 'members_admitted', sector: null } })
  })

  it('reads a unit below, and a share metric with its sector', () => {
    expect(dashboardParamsFromUrl(new URLSearchParams({ under: unionId, metric: 'top_rated_share', sector: 'non_state' }))).toEqual({
      under: unionId,
      drill: { metric: 'top_rated_share', sector: 'non_state' },
    })
  })

  it('drops what the API would refuse: a bad id, an unknown metric, a sector on a count', () => {
    expect(dashboardParamsFromUrl(new URLSearchParams({ under: 'phuc-tho', metric: 'members', sector: 'state' }))).toEqual({
      under: null,
      drill: { metric: 'members_admitted', sector: null },
    })
    expect(dashboardParamsFromUrl(new URLSearchParams({ metric: 'agreements_signed', sector: 'state' })).drill).toEqual({ metric: 'agreements_signed', sector: null })
    expect(dashboardParamsFromUrl(new URLSearchParams({ metric: 'agreements_in_force_share', sector: 'private' })).drill.sector).toBeNull()
  })
})

describe('dashboard charts', () => {
  it('labels months and years, oldest year first', () => {
    expect(monthBars([{ month: '2026-01', admitted: 12 }, { month: '2026-02', admitted: 0 }])).toEqual([
      { label: '01/2026', admitted: 12 },
      { label: '02/2026', admitted: 0 },
    ])
    expect(yearBars([{ year: 2026, admitted: 40 }, { year: 2025, admitted: 380 }])).toEqual([
      { label: '2025', admitted: 380 },
      { label: '2026', admitted: 40 },
    ])
  })

  const sectors: DashboardReport['ratings']['bySector'] = [
    {
      sector: 'state',
      strongOrBetter: { part: 12, whole: 12, percent: 100 },
      grades: [
        { code: 'HTXSNV', label: 'Hoàn thành xuất sắc nhiệm vụ', isStrong: true, count: 5 },
        { code: 'HTTNV', label: 'Hoàn thành tốt nhiệm vụ', isStrong: true, count: 7 },
        { code: 'HTNV', label: 'Hoàn thành nhiệm vụ', isStrong: false, count: 0 },
      ],
    },
    {
      sector: 'non_state',
      strongOrBetter: { part: 50, whole: 77, percent: 64.94 },
      grades: [
        { code: 'HTXSNV', label: 'Hoàn thành xuất sắc nhiệm vụ', isStrong: true, count: 20 },
        { code: 'HTTNV', label: 'Hoàn thành tốt nhiệm vụ', isStrong: true, count: 30 },
        { code: 'HTNV', label: 'Hoàn thành nhiệm vụ', isStrong: false, count: 25 },
        { code: 'KHTNV', label: 'Không hoàn thành nhiệm vụ', isStrong: false, count: 2 },
      ],
    },
  ]

  it('stacks each sector’s grade counts, one series per grade, strong grades in green and blue', () => {
    expect(gradeSeries(sectors)).toEqual([
      { name: 'HTXSNV', label: 'Hoàn thành xuất sắc nhiệm vụ', color: 'teal.7' },
      { name: 'HTTNV', label: 'Hoàn thành tốt nhiệm vụ', color: 'teal.5' },
      { name: 'HTNV', label: 'Hoàn thành nhiệm vụ', color: 'yellow.5' },
      { name: 'KHTNV', label: 'Không hoàn thành nhiệm vụ', color: 'orange.6' },
    ])
    expect(gradeBars(sectors, (sector) => sector)).toEqual([
      { label: 'state', HTXSNV: 5, HTTNV: 7, HTNV: 0 },
      { label: 'non_state', HTXSNV: 20, HTTNV: 30, HTNV: 25, KHTNV: 2 },
    ])
  })
})

describe('drill-down order', () => {
  const child = (name: string, target: number | null): ChildResult => ({
    union: { id: name, code: name, name, status: 'active' },
    value: 1,
    numerator: null,
    denominator: null,
    ratingYear: null,
    target: target === null ? null : { id: `t-${name}`, targetValue: target, assignedBy: { id: 'pt', code: 'PT', name: 'LĐLĐ huyện Phúc Thọ' } },
    achievement: target === null ? null : 50,
  })

  it('puts the children with a target first, keeping the name order within each group', () => {
    const ordered = childrenInOrder([child('An Phú', null), child('Bình Minh', 4), child('Cẩm Đình', null), child('Xuân Phú', 2)])
    expect(ordered.map((row) => row.union.name)).toEqual(['Bình Minh', 'Xuân Phú', 'An Phú', 'Cẩm Đình'])
  })
})
