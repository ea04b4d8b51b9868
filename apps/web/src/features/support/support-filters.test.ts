import { describe, expect, it } from 'vitest'
import { paymentStatusesFromParams, programFiltersFromParams, programTabFromParams, reportIntervalFromParams, withParam } from './support-filters'

const params = (query: string) => new URLSearchParams(query)

describe('support URL state', () => {
  it('reads the programme filters and drops what the API would refuse', () => {
    expect(programFiltersFromParams(params('q=%20thoa%20uoc%20&status=open'))).toEqual({ q: 'thoa uoc', status: 'open' })
    expect(programFiltersFromParams(params('status=paid&q='))).toEqual({})
  })

  it('reads payment statuses once each, known ones only', () => {
    expect(paymentStatusesFromParams(params('paymentStatus=approved&paymentStatus=approved&paymentStatus=paid&paymentStatus=proposed'))).toEqual(['approved', 'proposed'])
  })

  it('opens the candidates tab only where there are candidates', () => {
    expect(programTabFromParams(params(''), true)).toBe('candidates')
    expect(programTabFromParams(params(''), false)).toBe('payments')
    expect(programTabFromParams(params('tab=candidates'), false)).toBe('payments')
    expect(programTabFromParams(params('tab=report'), true)).toBe('report')
    expect(programTabFromParams(params('tab=nonsense'), true)).toBe('candidates')
  })

  it('reads the report interval and sets repeated parameters', () => {
    expect(reportIntervalFromParams(params('interval=quarter'))).toBe('quarter')
    expect(reportIntervalFromParams(params('interval=year'))).toBe('month')
    expect(withParam(params('tab=payments&paymentStatus=proposed'), 'paymentStatus', ['approved', 'disbursed']).toString()).toBe(
      'tab=payments&paymentStatus=approved&paymentStatus=disbursed',
    )
    expect(withParam(params('q=x'), 'q', null).toString()).toBe('')
  })
})
