import { describe, expect, it } from 'vitest'
import { buildQuery } from './routes'

describe('buildQuery', () => {
  it('drops empty values and repeats array parameters', () => {
    expect(buildQuery({ q: 'phuc tho', under: undefined, status: '', position: ['chairperson', 'vice_chair'], grassroots: true })).toBe(
      '?q=phuc+tho&position=chairperson&position=vice_chair&grassroots=true',
    )
    expect(buildQuery({ position: ['chairperson'] })).toBe('?position=chairperson')
    expect(buildQuery({})).toBe('')
  })
})
