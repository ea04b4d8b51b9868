import { describe, expect, it } from 'vitest'
import type { TrainingClass } from '@liendoan/contracts'
import { groupSessionsByDay, monthGrid, monthRange, shiftMonth } from './calendar'

function training(id: string, title: string, sessions: [string, string][]): TrainingClass {
  return {
    id, title, description: null, topics: [], organiser: { id: 'u', code: 'U', name: 'U' }, audience: { positions: [], sector: null },
    sessions: sessions.map(([date, startTime], index) => ({ id: `${id}-${index}`, date, startTime, endTime: '17:00', place: 'Hội trường' })),
    startsOn: sessions[0]?.[0] ?? '', endsOn: sessions.at(-1)?.[0] ?? '', capacity: 10, enrolledCount: 0, trainers: [], passMark: null,
    minAttendancePercent: 80, status: 'open', statusReason: null, completedCount: 0, certificateCount: 0, version: 1,
    createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z',
  }
}

describe('month calendar', () => {
  it('starts weeks on Monday and fills the edges with the neighbouring months', () => {
    // 1 March 2026 is a Sunday.
    const weeks = monthGrid(2026, 3)
    expect(weeks[0]).toEqual(['2026-02-23', '2026-02-24', '2026-02-25', '2026-02-26', '2026-02-27', '2026-02-28', '2026-03-01'])
    expect(weeks.at(-1)?.at(-1)).toBe('2026-04-05')
    expect(weeks.every((week) => week.length === 7)).toBe(true)
    expect(weeks).toHaveLength(6)
    // February 2021 starts on a Monday and ends on a Sunday: exactly four weeks.
    expect(monthGrid(2021, 2)).toHaveLength(4)
  })

  it('knows the month range and moves across years', () => {
    expect(monthRange(2024, 2)).toEqual({ from: '2024-02-01', to: '2024-02-29' })
    expect(shiftMonth(2026, 1, -1)).toEqual({ year: 2025, month: 12 })
    expect(shiftMonth(2026, 12, 1)).toEqual({ year: 2027, month: 1 })
  })

  it('groups sessions by day in start-time order, numbering each within its class', () => {
    const days = groupSessionsByDay(
      [
        training('a', 'Lớp A', [['2026-03-11', '13:30'], ['2026-03-10', '08:00'], ['2026-04-01', '08:00']]),
        training('b', 'Lớp B', [['2026-03-11', '08:00']]),
      ],
      '2026-03-01',
      '2026-03-31',
    )
    expect([...days.keys()].sort()).toEqual(['2026-03-10', '2026-03-11'])
    expect(days.get('2026-03-11')?.map((entry) => [entry.title, entry.index, entry.count])).toEqual([
      ['Lớp B', 1, 1],
      ['Lớp A', 2, 3],
    ])
    expect(days.get('2026-04-01')).toBeUndefined()
  })
})
