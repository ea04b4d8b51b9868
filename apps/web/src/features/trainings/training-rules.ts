import { type ParticipantOutcome, type TrainingParticipant, type TrainingStatus, TrainingTransitions, meetsCompletionRule } from '@liendoan/contracts'

export { meetsCompletionRule }

/** Status changes offered as buttons, in the order a class normally moves. */
export function nextStatuses(status: TrainingStatus): readonly TrainingStatus[] {
  return TrainingTransitions[status]
}

/**
 * What a participant's row shows: the API's outcome once the class is completed;
 * before that, what the rule would give with the attendance and score entered so far.
 */
export function shownOutcome(
  participant: Pick<TrainingParticipant, 'outcome' | 'attendedCount' | 'status'>,
  score: number | null,
  training: { status: TrainingStatus; sessionCount: number; minAttendancePercent: number; passMark: number | null },
): { outcome: ParticipantOutcome; expected: boolean } {
  if (participant.outcome !== 'pending' || training.status === 'completed' || participant.status === 'withdrawn') {
    return { outcome: participant.outcome, expected: false }
  }
  const meets = meetsCompletionRule({
    sessionCount: training.sessionCount,
    attendedCount: participant.attendedCount,
    minAttendancePercent: training.minAttendancePercent,
    passMark: training.passMark,
    score,
  })
  return { outcome: meets ? 'completed' : 'not_completed', expected: true }
}

/** A score box's text → a score the API accepts (0–100, whole), null when empty, undefined when invalid. */
export function parseScore(text: string): number | null | undefined {
  const trimmed = text.trim().replace(',', '.')
  if (trimmed === '') return null
  if (!/^\d{1,3}$/.test(trimmed)) return undefined
  const value = Number(trimmed)
  return value <= 100 ? value : undefined
}
