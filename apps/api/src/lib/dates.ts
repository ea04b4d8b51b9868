/** Today's date in Vietnam (Asia/Ho_Chi_Minh), as YYYY-MM-DD: effective dates are local dates. */
// Built once: a DateTimeFormat costs more to make than to use, and lists ask for today per request.
const VIETNAM_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' })

export function todayInVietnam(now: Date = new Date()): string {
  return VIETNAM_DATE.format(now)
}

export function maxDate(a: string, b: string): string {
  return a > b ? a : b
}

const ONE_DAY_MS = 86_400_000

/** The last day of a month (month 1–12), as YYYY-MM-DD. */
export function lastDayOfMonth(year: number, month: number): string {
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10)
}

/** The first day of a date's month. */
export const monthStart = (isoDate: string): string => `${isoDate.slice(0, 8)}01`

/** The last day of a date's month. */
export const monthEnd = (isoDate: string): string => lastDayOfMonth(Number(isoDate.slice(0, 4)), Number(isoDate.slice(5, 7)))

/** The day after a date. */
export const nextDay = (isoDate: string): string => new Date(Date.parse(`${isoDate}T00:00:00Z`) + ONE_DAY_MS).toISOString().slice(0, 10)

/** The day before a date. */
export const previousDay = (isoDate: string): string => new Date(Date.parse(`${isoDate}T00:00:00Z`) - ONE_DAY_MS).toISOString().slice(0, 10)
