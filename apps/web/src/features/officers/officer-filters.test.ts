import { describe, expect, it } from 'vitest'
import { officerFiltersFromParams, termViewFromParams, withOfficerFilter } from './officer-filters'

const unionId = '0190a000-0000-7000-8000-000000000003'

describe('officer filters in the URL', () => {
  it('shows current officers by default', () => {
    expect(officerFiltersFromParams(new URLSearchParams())).toEqual({ current: true })
    expect(termViewFromParams(new URLSearchParams())).toBe('current')
  })

  it('reads "current chairpersons of non-state grassroots unions under X"', () => {
    const params = new URLSearchParams({ under: unionId, position: 'chairperson', sector: 'non_state', grassroots: 'true' })
    expect(officerFiltersFromParams(params)).toEqual({
      under: unionId,
      position: 'chairperson',
      sector: 'non_state',
      grassroots: true,
      current: true,
    })
  })

  it('reads past terms or all terms, and drops values the API would refuse', () => {
    expect(officerFiltersFromParams(new URLSearchParams('current=false'))).toEqual({ current: false })
    expect(officerFiltersFromParams(new URLSearchParams('current=all&sector=public&under=x&grassroots=yes'))).toEqual({})
  })

  it('writes the default term view as no parameter', () => {
    const current = new URLSearchParams('current=false&q=lan')
    expect(withOfficerFilter(current, 'current', 'true').toString()).toBe('q=lan')
    expect(withOfficerFilter(current, 'sector', 'state').toString()).toBe('current=false&q=lan&sector=state')
    expect(withOfficerFilter(current, 'q', null).toString()).toBe('current=false')
  })
})
