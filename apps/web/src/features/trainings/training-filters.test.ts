import { describe, expect, it } from 'vitest'
import { trainingFiltersFromParams, withParam } from './training-filters'

describe('class list filters', () => {
  it('keeps valid values and drops what the API would refuse', () => {
    const params = new URLSearchParams('q=+luat+lao+dong+&status=running&under=nope&topicId=0192a000-0000-7000-8000-000000000002&from=2026-02-30&to=2026-03-31')
    expect(trainingFiltersFromParams(params)).toEqual({
      q: 'luat lao dong',
      status: 'running',
      topicId: '0192a000-0000-7000-8000-000000000002',
      to: '2026-03-31',
    })
    expect(trainingFiltersFromParams(new URLSearchParams('status=done&from=2026-04-01&to=2026-03-01'))).toEqual({ from: '2026-04-01' })
  })

  it('sets and clears one value', () => {
    const params = withParam(new URLSearchParams('q=a'), 'status', 'open')
    expect(params.toString()).toBe('q=a&status=open')
    expect(withParam(params, 'q', null).toString()).toBe('status=open')
  })
})
