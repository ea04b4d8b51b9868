import { describe, expect, it } from 'vitest'
import type { Target } from '@liendoan/contracts'
import {
  emptyTargetForm,
  periodText,
  shareAbove100,
  targetFiltersFromParams,
  targetInputToValue,
  targetToEditForm,
  toCreateBody,
  toUpdateBody,
  type TargetFormValues,
} from './target-body'

const unitId = '0190a000-0000-7000-8000-000000000003'
const form = (changes: Partial<TargetFormValues>): TargetFormValues => ({ ...emptyTargetForm(2026), ...changes })

describe('target figure as typed', () => {
  it('sends shares in hundredths of a percent and counts and đồng as they are', () => {
    expect(targetInputToValue(80, 'share')).toBe(8000)
    expect(targetInputToValue('64,94', 'share')).toBe(6494)
    expect(targetInputToValue(3800, 'count')).toBe(3800)
    expect(targetInputToValue('8.500.000', 'amount_vnd')).toBe(8_500_000)
    expect(targetInputToValue('', 'count')).toBeUndefined()
    expect(targetInputToValue(2.5, 'count')).toBeUndefined()
  })

  it('flags a share above 100%', () => {
    expect(shareAbove100({ targetValue: 100 }, 'share')).toBe(false)
    expect(shareAbove100({ targetValue: 100.5 }, 'share')).toBe(true)
    expect(shareAbove100({ targetValue: 150 }, 'count')).toBe(false)
  })
})

describe('target bodies', () => {
  it('builds a year target for a count, without a sector', () => {
    expect(toCreateBody(form({ metric: 'members_admitted', unitId, targetValue: 7, sector: 'state', note: '  Theo Nghị quyết  ' }))).toEqual({
      metric: 'members_admitted',
      unitId,
      year: 2026,
      targetValue: 7,
      note: 'Theo Nghị quyết',
    })
  })

  it('builds a congress-term share target for one sector', () => {
    expect(
      toCreateBody(form({ metric: 'top_rated_share', unitId, periodKind: 'range', periodFrom: '2023-10-01', periodTo: '2028-09-30', targetValue: 80, sector: 'non_state' })),
    ).toEqual({ metric: 'top_rated_share', unitId, periodFrom: '2023-10-01', periodTo: '2028-09-30', targetValue: 8000, sector: 'non_state' })
  })

  it('leaves out what is missing, for the schema to call required', () => {
    expect(toCreateBody(form({ periodKind: 'range' }))).toEqual({})
  })

  const target: Target = {
    id: '0190a000-0000-7000-8000-000000000009',
    metric: 'agreements_in_force_share',
    kind: 'share',
    unit: { id: unitId, code: 'PT01', name: 'CĐCS Công ty Thái Sơn' },
    assignedBy: { id: '0190a000-0000-7000-8000-000000000002', code: 'PT', name: 'LĐLĐ huyện Phúc Thọ' },
    periodFrom: '2026-01-01',
    periodTo: '2026-12-31',
    targetValue: 6494,
    sector: null,
    params: {},
    note: 'Cũ',
    version: 3,
    createdAt: '2026-01-05T01:00:00Z',
    updatedAt: '2026-01-05T01:00:00Z',
  }

  it('edits in percent and sends only what changed', () => {
    expect(targetToEditForm(target)).toEqual({ targetValue: 64.94, note: 'Cũ' })
    expect(toUpdateBody(target, { targetValue: 64.94, note: 'Cũ' })).toEqual({})
    expect(toUpdateBody(target, { targetValue: 70, note: '' })).toEqual({ targetValue: 7000, note: null })
  })

  it('writes a calendar year as the year and a term as its days', () => {
    expect(periodText(target)).toBe('2026')
    expect(periodText({ periodFrom: '2023-10-01', periodTo: '2028-09-30' })).toBe('01/10/2023 – 30/09/2028')
  })
})

describe('target list filters', () => {
  it('reads year, metric and unit, dropping values the API would refuse', () => {
    expect(targetFiltersFromParams(new URLSearchParams({ year: '2026', metric: 'members_admitted', unitId }))).toEqual({ year: 2026, metric: 'members_admitted', unitId })
    expect(targetFiltersFromParams(new URLSearchParams({ year: '26', metric: 'members', unitId: 'x' }))).toEqual({})
  })
})
