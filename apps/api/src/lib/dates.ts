/** Today's date in Vietnam (Asia/Ho_Chi_Minh), as YYYY-MM-DD: effective dates are local dates. */
// Built once: a DateTimeFormat costs more to make than to use, and lists ask for today per request.
const VIETNAM_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' })

export function todayInVietnam(now: Date = new Date()): string {
  return VIETNAM_DATE.format(now)
}

export function maxDate(a: string, b: string): string {
  return a > b ? a : b
}
