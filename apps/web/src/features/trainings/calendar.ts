import type { TrainingClass, TrainingSession, TrainingStatus } from '@liendoan/contracts'

/** One session of one class, as a calendar day shows it. */
export interface CalendarEntry {
  classId: string
  title: string
  status: TrainingStatus
  session: TrainingSession
  /** 1-based number of the session in its class, and how many the class has. */
  index: number
  count: number
}

const iso = (date: Date): string => date.toISOString().slice(0, 10)

/** First and last day of a month (`month` 1–12) as `YYYY-MM-DD`. */
export function monthRange(year: number, month: number): { from: string; to: string } {
  return { from: iso(new Date(Date.UTC(year, month - 1, 1))), to: iso(new Date(Date.UTC(year, month, 0))) }
}

/**
 * The weeks shown for a month, Monday first as Vietnamese calendars are, each a
 * list of seven `YYYY-MM-DD` dates (days of the neighbouring months fill the edges).
 */
export function monthGrid(year: number, month: number): string[][] {
  const first = new Date(Date.UTC(year, month - 1, 1))
  // getUTCDay: 0 = Sunday; shift so Monday = 0.
  const offset = (first.getUTCDay() + 6) % 7
  const start = new Date(Date.UTC(year, month - 1, 1 - offset))
  const last = new Date(Date.UTC(year, month, 0))
  const weeks: string[][] = []
  const cursor = new Date(start)
  while (cursor <= last || weeks.length === 0 || weeks[weeks.length - 1]?.length !== 7) {
    if (weeks.length === 0 || weeks[weeks.length - 1]?.length === 7) weeks.push([])
    weeks[weeks.length - 1]?.push(iso(cursor))
    cursor.setUTCDate(cursor.getUTCDate() + 1)
  }
  return weeks
}

/** Sessions of the classes by day, each day in start-time order; days outside [from, to] are left out. */
export function groupSessionsByDay(classes: readonly TrainingClass[], from: string, to: string): Map<string, CalendarEntry[]> {
  const days = new Map<string, CalendarEntry[]>()
  for (const training of classes) {
    const sorted = [...training.sessions].sort((a, b) => (a.date + a.startTime).localeCompare(b.date + b.startTime))
    sorted.forEach((session, position) => {
      if (session.date < from || session.date > to) return
      const entry: CalendarEntry = {
        classId: training.id,
        title: training.title,
        status: training.status,
        session,
        index: position + 1,
        count: sorted.length,
      }
      const list = days.get(session.date)
      if (list) list.push(entry)
      else days.set(session.date, [entry])
    })
  }
  for (const list of days.values()) list.sort((a, b) => a.session.startTime.localeCompare(b.session.startTime) || a.title.localeCompare(b.title, 'vi'))
  return days
}

/** The month before or after (`month` 1–12). */
export function shiftMonth(year: number, month: number, delta: number): { year: number; month: number } {
  const index = year * 12 + (month - 1) + delta
  return { year: Math.floor(index / 12), month: (index % 12) + 1 }
}
