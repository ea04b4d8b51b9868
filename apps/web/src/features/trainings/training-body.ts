import type { Sector, TrainingClass } from '@liendoan/contracts'

/** One session row of the form; `key` keeps React rows stable while rows are added and removed. */
export interface SessionFormValues {
  key: string
  date: string | null
  startTime: string
  endTime: string
  place: string
}

/** What the class form's inputs hold; converted to the contract bodies below. */
export interface TrainingFormValues {
  title: string
  description: string
  topicIds: string[]
  organiserUnionId: string | null
  /** Officer position codes of the audience; empty: any member. */
  positions: string[]
  sector: Sector | null
  sessions: SessionFormValues[]
  capacity: number | ''
  trainers: string[]
  /** Whether the class ends with a test; without one the pass mark is not sent. */
  hasTest: boolean
  passMark: number | ''
  minAttendancePercent: number | ''
}

/** Form fields the API's `errors[]` may point at (sessions are matched by prefix). */
export const TRAINING_FORM_FIELDS: readonly string[] = [
  'title', 'description', 'topicIds', 'organiserUnionId', 'positions', 'sector', 'sessions', 'capacity', 'trainers', 'passMark',
  'minAttendancePercent',
]

let sessionSeq = 0
export const newSessionKey = (): string => `s${++sessionSeq}`

export function emptySession(date: string | null = null, place = ''): SessionFormValues {
  return { key: newSessionKey(), date, startTime: '08:00', endTime: '11:30', place }
}

/** A new class: one morning session, 80% attendance to complete, a test passed at 50. */
export function emptyTrainingForm(organiserUnionId: string | null): TrainingFormValues {
  return {
    title: '', description: '', topicIds: [], organiserUnionId, positions: [], sector: null, sessions: [emptySession()], capacity: 50,
    trainers: [], hasTest: true, passMark: 50, minAttendancePercent: 80,
  }
}

export function trainingToForm(training: TrainingClass): TrainingFormValues {
  return {
    title: training.title,
    description: training.description ?? '',
    topicIds: training.topics.map((topic) => topic.id),
    organiserUnionId: training.organiser.id,
    positions: [...training.audience.positions],
    sector: training.audience.sector,
    sessions: training.sessions.map((session) => ({
      key: newSessionKey(),
      date: session.date,
      startTime: session.startTime,
      endTime: session.endTime,
      place: session.place,
    })),
    capacity: training.capacity,
    trainers: [...training.trainers],
    hasTest: training.passMark !== null,
    passMark: training.passMark ?? '',
    minAttendancePercent: training.minAttendancePercent,
  }
}

/** A text as typed, with runs of spaces collapsed. */
const clean = (value: string): string => value.trim().replace(/\s+/g, ' ')

/**
 * Sessions in date and time order, as the API numbers them. Missing dates are left
 * as they are (the schema then says "required" on the right row), so the order of
 * incomplete rows is kept.
 */
function sessionsBody(sessions: readonly SessionFormValues[]): Record<string, unknown>[] {
  return sessions.map((session) => {
    const body: Record<string, unknown> = { startTime: session.startTime.trim(), endTime: session.endTime.trim(), place: clean(session.place) }
    if (session.date) body.date = session.date
    return body
  })
}

function audienceBody(values: TrainingFormValues): { positions: string[]; sector: Sector | null } {
  return { positions: [...values.positions], sector: values.sector }
}

function commonBody(values: TrainingFormValues): Record<string, unknown> {
  const body: Record<string, unknown> = {
    title: clean(values.title),
    description: values.description.trim() || null,
    topicIds: [...values.topicIds],
    audience: audienceBody(values),
    sessions: sessionsBody(values.sessions),
    trainers: values.trainers.map(clean).filter((name) => name !== ''),
  }
  // Without a test the pass mark is null ("no test"); with one but left empty, formRuleErrors stops the save.
  if (!values.hasTest) body.passMark = null
  else if (values.passMark !== '') body.passMark = values.passMark
  // An empty number box is left out, so the schema reports "required" (or the API its default).
  if (values.capacity !== '') body.capacity = values.capacity
  if (values.minAttendancePercent !== '') body.minAttendancePercent = values.minAttendancePercent
  return body
}

/**
 * Body for `POST /trainings`, not yet validated (the caller checks it against
 * CreateTrainingBody, whose messages then land on the right inputs).
 */
export function toCreateBody(values: TrainingFormValues): Record<string, unknown> {
  const body = commonBody(values)
  if (values.organiserUnionId) body.organiserUnionId = values.organiserUnionId
  return body
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b)

/**
 * Body for `PATCH /trainings/:id`: only what changed, so a running class (whose
 * sessions and audience are fixed) can still change its trainers or capacity.
 */
export function toUpdateBody(initial: TrainingFormValues, values: TrainingFormValues): Record<string, unknown> {
  const before = commonBody(initial)
  const after = commonBody(values)
  const body: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(after)) if (!same(value, before[key])) body[key] = value
  return body
}

/**
 * Rules the schema cannot express, checked before sending: a class with a test needs
 * its pass mark, and each session ends after it starts. Returns field → message code.
 */
export function formRuleErrors(values: TrainingFormValues): Record<string, 'required' | 'time_order'> {
  const errors: Record<string, 'required' | 'time_order'> = {}
  if (values.hasTest && values.passMark === '') errors.passMark = 'required'
  values.sessions.forEach((session, index) => {
    if (/^\d{2}:\d{2}$/.test(session.startTime) && /^\d{2}:\d{2}$/.test(session.endTime) && session.endTime <= session.startTime) {
      errors[`sessions.${index}.endTime`] = 'time_order'
    }
  })
  return errors
}

/** The form's field paths, session rows included, for placing the API's field errors. */
export function trainingFormFields(values: TrainingFormValues): string[] {
  const rows = values.sessions.flatMap((_, index) => ['date', 'startTime', 'endTime', 'place'].map((field) => `sessions.${index}.${field}`))
  return [...TRAINING_FORM_FIELDS, ...rows]
}
