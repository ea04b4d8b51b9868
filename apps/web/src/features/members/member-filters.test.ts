import { describe, expect, it } from 'vitest'
import { memberFiltersFromParams, memberFiltersToParams, transferFiltersFromParams, withMemberFilter } from './member-filters'

const unionId = '0190a000-0000-7000-8000-000000000003'

describe('member filters in the URL', () => {
  it('reads every filter the list offers', () => {
    const params = new URLSearchParams({
      q: '  tran van hung ',
      under: unionId,
      status: 'active',
      gender: 'male',
      ageMin: '18',
      ageMax: '35',
      admittedFrom: '2020-01-01',
      admittedTo: '2024-12-31',
      cardStatus: 'due',
      position: 'chairperson',
    })
    expect(memberFiltersFromParams(params)).toEqual({
      q: 'tran van hung',
      under: unionId,
      status: 'active',
      gender: 'male',
      ageMin: 18,
      ageMax: 35,
      admittedFrom: '2020-01-01',
      admittedTo: '2024-12-31',
      cardStatus: 'due',
      position: 'chairperson',
    })
  })

  it('drops values the API would refuse instead of failing the page', () => {
    const params = new URLSearchParams({
      under: 'not-a-uuid',
      status: 'retired',
      gender: 'x',
      ageMin: '-1',
      ageMax: '12.5',
      admittedFrom: '2023-02-30',
      admittedTo: '31/12/2024',
      cardStatus: 'expired',
      q: '   ',
    })
    expect(memberFiltersFromParams(params)).toEqual({})
  })

  it('ignores an upper bound below the lower one', () => {
    const params = new URLSearchParams({ ageMin: '40', ageMax: '30', admittedFrom: '2024-01-01', admittedTo: '2023-01-01' })
    expect(memberFiltersFromParams(params)).toEqual({ ageMin: 40, admittedFrom: '2024-01-01' })
  })

  it('writes filters back so that reading them gives the same filters', () => {
    const filters = { q: 'nguyen thi lan', unionId, ageMin: 0, cardStatus: 'lost' as const }
    const params = memberFiltersToParams(filters)
    expect(params.toString()).toBe(`q=nguyen+thi+lan&unionId=${unionId}&ageMin=0&cardStatus=lost`)
    expect(memberFiltersFromParams(params)).toEqual(filters)
  })

  it('sets and clears one filter, keeping the others', () => {
    const current = new URLSearchParams({ q: 'hung', status: 'active' })
    expect(withMemberFilter(current, 'gender', 'female').toString()).toBe('q=hung&status=active&gender=female')
    expect(withMemberFilter(current, 'status', null).toString()).toBe('q=hung')
    expect(withMemberFilter(current, 'ageMin', 0).get('ageMin')).toBe('0')
    expect(current.toString()).toBe('q=hung&status=active')
  })
})

describe('transfer inbox filters in the URL', () => {
  it('opens on the pending incoming requests', () => {
    expect(transferFiltersFromParams(new URLSearchParams())).toEqual({ direction: 'incoming', status: 'pending' })
    expect(transferFiltersFromParams(new URLSearchParams('direction=sideways&status=unknown'))).toEqual({ direction: 'incoming', status: 'pending' })
  })

  it('reads the outgoing tab, one status or all of them', () => {
    expect(transferFiltersFromParams(new URLSearchParams('direction=outgoing&status=rejected'))).toEqual({ direction: 'outgoing', status: 'rejected' })
    expect(transferFiltersFromParams(new URLSearchParams('status=all'))).toEqual({ direction: 'incoming' })
  })
})
