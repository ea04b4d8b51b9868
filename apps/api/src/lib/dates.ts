/** Today's date in Vietnam (Asia/Ho_Chi_Minh), as YYYY-MM-DD: effective dates are local dates. */
export function todayInVietnam(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(now)
}

export function maxDate(a: string, b: string): string {
  return a > b ? a : b
}
