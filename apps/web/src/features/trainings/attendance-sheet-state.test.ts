import { describe, expect, it } from 'vitest'
import type { TrainingParticipant } from '@liendoan/contracts'
import { attendanceBody, initSheet, isDirty, keyToAction, presentCount, sheetReducer, type SheetState } from './attendance-sheet-state'

function participant(id: string, attended: string[], status: TrainingParticipant['status'] = 'enrolled'): TrainingParticipant {
  return {
    id, classId: 'c', member: { id: `m-${id}`, fullName: id, union: { id: 'u', code: 'U', name: 'U' } }, status,
    enrolledAt: '2026-01-01T00:00:00.000Z', withdrawnAt: null, attendedSessionIds: attended, attendedCount: attended.length,
    score: null, outcome: 'pending', certificate: null,
  }
}

const press = (state: SheetState, ...keys: string[]) =>
  keys.reduce((current, key) => {
    const action = keyToAction(key, current.rows.length)
    return action ? sheetReducer(current, action) : current
  }, state)

describe('attendance sheet', () => {
  const start = initSheet('s1', [participant('p1', ['s1']), participant('p2', []), participant('gone', [], 'withdrawn'), participant('p3', ['s2'])])

  it('lists the enrolled participants, ticked as recorded for this session', () => {
    expect(start.rows).toEqual(['p1', 'p2', 'p3'])
    expect(start.present).toEqual({ p1: true, p2: false, p3: false })
    expect(isDirty(start)).toBe(false)
  })

  it('moves with the arrows, stays inside the sheet, and toggles with space or Enter', () => {
    let state = press(start, 'ArrowUp')
    expect(state.focus).toBe(0)
    state = press(state, 'ArrowDown', ' ', 'ArrowDown', 'Enter', 'ArrowDown', 'ArrowDown')
    expect(state.focus).toBe(2)
    expect(state.present).toEqual({ p1: true, p2: true, p3: true })
    expect(presentCount(state)).toBe(3)
    expect(isDirty(state)).toBe(true)
    state = press(state, 'Home', ' ')
    expect(state.focus).toBe(0)
    expect(state.present.p1).toBe(false)
    expect(press(state, 'End').focus).toBe(2)
    expect(keyToAction('a', 3)).toBeNull()
  })

  it('sends every row once per session, absences included, and is clean after saving', () => {
    const state = sheetReducer(press(start, 'ArrowDown', ' '), { type: 'setAll', present: true })
    expect(attendanceBody(sheetReducer(state, { type: 'toggle', index: 2 }))).toEqual({
      entries: [
        { participantId: 'p1', present: true },
        { participantId: 'p2', present: true },
        { participantId: 'p3', present: false },
      ],
    })
    expect(isDirty(sheetReducer(state, { type: 'saved' }))).toBe(false)
  })
})
