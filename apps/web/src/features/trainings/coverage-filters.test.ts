import { describe, expect, it } from 'vitest'
import { coverageFiltersFromParams } from './coverage-filters'

const TOPIC = '0192a000-0000-7000-8000-000000000002'

describe('coverage report question', () => {
  it('defaults to chairpersons of non-state grassroots unions over five years, and waits for a topic', () => {
    const parsed = coverageFiltersFromParams(new URLSearchParams(''), 2026)
    expect(parsed.filters).toBeNull()
    expect(parsed).toMatchObject({ position: ['chairperson'], sector: 'non_state', grassroots: true, fromYear: 2022, toYear: 2026 })
  })

  it('reads the URL and keeps the years in order', () => {
    const parsed = coverageFiltersFromParams(new URLSearchParams(`topicId=${TOPIC}&position=vice_chair&sector=any&grassroots=false&fromYear=2030&toYear=2025`), 2026)
    expect(parsed.filters).toEqual({ topicId: TOPIC, position: ['vice_chair'], grassroots: false, fromYear: 2025, toYear: 2025 })
  })
})
