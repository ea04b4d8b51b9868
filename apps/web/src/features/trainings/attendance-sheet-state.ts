import type { SessionAttendanceBody, TrainingParticipant } from '@liendoan/contracts'

/**
 * The attendance sheet of one session: who is marked present, what was saved, and
 * which row has the keyboard. Kept as a reducer so the keys' behaviour is tested
 * without a browser.
 */
export interface SheetState {
  sessionId: string
  /** Participant ids in the order of the rows. */
  rows: string[]
  present: Record<string, boolean>
  saved: Record<string, boolean>
  focus: number
}

export type SheetAction =
  | { type: 'toggle'; index?: number }
  | { type: 'move'; delta: number }
  | { type: 'focus'; index: number }
  | { type: 'setAll'; present: boolean }
  | { type: 'saved' }

/** Rows for the enrolled participants (withdrawn ones take no attendance), ticked as recorded. */
export function initSheet(sessionId: string, participants: readonly TrainingParticipant[]): SheetState {
  const enrolled = participants.filter((participant) => participant.status === 'enrolled')
  const present = Object.fromEntries(enrolled.map((participant) => [participant.id, participant.attendedSessionIds.includes(sessionId)]))
  return { sessionId, rows: enrolled.map((participant) => participant.id), present, saved: { ...present }, focus: 0 }
}

const clamp = (value: number, max: number): number => Math.max(0, Math.min(value, Math.max(0, max)))

export function sheetReducer(state: SheetState, action: SheetAction): SheetState {
  switch (action.type) {
    case 'toggle': {
      const index = action.index ?? state.focus
      const id = state.rows[index]
      if (id === undefined) return state
      return { ...state, focus: index, present: { ...state.present, [id]: !state.present[id] } }
    }
    case 'move':
      return { ...state, focus: clamp(state.focus + action.delta, state.rows.length - 1) }
    case 'focus':
      return { ...state, focus: clamp(action.index, state.rows.length - 1) }
    case 'setAll':
      return { ...state, present: Object.fromEntries(state.rows.map((id) => [id, action.present])) }
    case 'saved':
      return { ...state, saved: { ...state.present } }
  }
}

/** The keys the sheet answers to, as reducer actions; null for keys it leaves alone. */
export function keyToAction(key: string, rows: number): SheetAction | null {
  switch (key) {
    case 'ArrowDown':
      return { type: 'move', delta: 1 }
    case 'ArrowUp':
      return { type: 'move', delta: -1 }
    case 'Home':
      return { type: 'focus', index: 0 }
    case 'End':
      return { type: 'focus', index: rows - 1 }
    case ' ':
    case 'Enter':
      return { type: 'toggle' }
    default:
      return null
  }
}

export const isDirty = (state: SheetState): boolean => state.rows.some((id) => state.present[id] !== state.saved[id])

export const presentCount = (state: SheetState): number => state.rows.filter((id) => state.present[id]).length

/** One save per session: every row, so absences are recorded too, not only ticks. */
export function attendanceBody(state: SheetState): SessionAttendanceBody {
  return { entries: state.rows.map((participantId) => ({ participantId, present: !!state.present[participantId] })) }
}
