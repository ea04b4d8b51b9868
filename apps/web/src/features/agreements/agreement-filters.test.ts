import { describe, expect, it } from 'vitest'
import { agreementFiltersFromParams, expiryWindowFromParams, withParam } from './agreement-filters'

const UNION = '0192a000-0000-7000-8000-000000000002'

describe('agreement list filters', () => {
  it('keeps valid values and drops what the API would refuse', () => {
    const params = new URLSearchParams(
      `q=+thai+son+&status=in_force&status=signed&status=done&grade=A&sector=non_state&under=${UNION}&signedFrom=2025-02-30&signedTo=2025-12-31&sort=title`,
    )
    expect(agreementFiltersFromParams(params)).toEqual({
      q: 'thai son',
      status: ['in_force', 'signed'],
      grade: 'A',
      sector: 'non_state',
      under: UNION,
      signedTo: '2025-12-31',
      sort: 'title',
    })
    expect(agreementFiltersFromParams(new URLSearchParams('grade=none&sector=private&under=x&sort=oldest'))).toEqual({ ungraded: true })
    expect(agreementFiltersFromParams(new URLSearchParams('signedFrom=2025-06-01&signedTo=2025-01-01'))).toEqual({ signedFrom: '2025-06-01' })
  })

  it('asks the expiring view for agreements expiring within 30, 60 or 90 days, soonest first', () => {
    const params = new URLSearchParams(`view=expiring&days=60&status=negotiating&signedFrom=2025-01-01&sort=title&under=${UNION}`)
    expect(agreementFiltersFromParams(params)).toEqual({ under: UNION, expiringWithinDays: 60, sort: 'expiring' })
    expect(expiryWindowFromParams(new URLSearchParams('days=45'))).toBe(30)
    expect(agreementFiltersFromParams(new URLSearchParams('view=expiring'))).toEqual({ expiringWithinDays: 30, sort: 'expiring' })
  })

  it('sets, repeats and clears values', () => {
    const params = withParam(new URLSearchParams('q=a'), 'status', ['signed', 'in_force'])
    expect(params.toString()).toBe('q=a&status=signed&status=in_force')
    expect(withParam(params, 'status', []).toString()).toBe('q=a')
    expect(withParam(params, 'q', null).toString()).toBe('status=signed&status=in_force')
  })
})
