import { describe, expect, it } from 'vitest'
import { meetsCompletionRule, nextStatuses, parseScore, shownOutcome } from './training-rules'

describe('training rules', () => {
  it('offers only the transitions the API allows', () => {
    expect(nextStatuses('planned')).toEqual(['open', 'cancelled'])
    expect(nextStatuses('running')).toEqual(['completed', 'cancelled'])
    expect(nextStatuses('completed')).toEqual([])
  })

  it('applies the completion rule on its boundaries', () => {
    const base = { sessionCount: 5, minAttendancePercent: 80, passMark: 50 }
    expect(meetsCompletionRule({ ...base, attendedCount: 4, score: 50 })).toBe(true)
    expect(meetsCompletionRule({ ...base, attendedCount: 3, score: 100 })).toBe(false)
    expect(meetsCompletionRule({ ...base, attendedCount: 5, score: 49 })).toBe(false)
    expect(meetsCompletionRule({ ...base, attendedCount: 5, score: null })).toBe(false)
    expect(meetsCompletionRule({ ...base, passMark: null, attendedCount: 4, score: null })).toBe(true)
  })

  it('shows the expected outcome before completion and the API’s after', () => {
    const training = { status: 'running' as const, sessionCount: 2, minAttendancePercent: 100, passMark: 60 }
    const row = { outcome: 'pending' as const, attendedCount: 2, status: 'enrolled' as const }
    expect(shownOutcome(row, 70, training)).toEqual({ outcome: 'completed', expected: true })
    expect(shownOutcome(row, 59, training)).toEqual({ outcome: 'not_completed', expected: true })
    expect(shownOutcome({ ...row, outcome: 'not_completed' }, 90, { ...training, status: 'completed' })).toEqual({
      outcome: 'not_completed',
      expected: false,
    })
  })

  it('reads scores as typed', () => {
    expect(parseScore('')).toBeNull()
    expect(parseScore(' 85 ')).toBe(85)
    expect(parseScore('100')).toBe(100)
    expect(parseScore('101')).toBeUndefined()
    expect(parseScore('8,5')).toBeUndefined()
    expect(parseScore('-1')).toBeUndefined()
  })
})
