/**
 * Numbers and dates as Vietnamese readers write them (`5.135`, `114,77%`,
 * `22/11/2026`). Always vi-VN, also in the English UI, so figures read the same
 * in both languages and in exports. The API speaks ISO dates and plain numbers.
 */
const LOCALE = 'vi-VN'
const TIME_ZONE = 'Asia/Ho_Chi_Minh'

const integerFormat = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 })
const percentFormat = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: 0, maximumFractionDigits: 2 })
const sizeFormat = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 1 })
const moneyFormat = new Intl.NumberFormat(LOCALE, { style: 'currency', currency: 'VND', maximumFractionDigits: 0 })
const dateFormat = new Intl.DateTimeFormat(LOCALE, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' })
const dateTimeFormat = new Intl.DateTimeFormat(LOCALE, {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
  timeZone: TIME_ZONE,
})

const EMPTY = '—'

export function formatNumber(value: number | null | undefined): string {
  return value == null || Number.isNaN(value) ? EMPTY : integerFormat.format(value)
}

/** A share already in percent (114.77 → `114,77%`). */
export function formatPercent(value: number | null | undefined): string {
  return value == null || Number.isNaN(value) ? EMPTY : `${percentFormat.format(value)}%`
}

/** Whole đồng (`8.500.000 ₫`). */
export function formatMoney(value: number | null | undefined): string {
  // Intl puts a non-breaking space before ₫; normalise so text compares predictably.
  return value == null ? EMPTY : moneyFormat.format(value).replace(/\u00a0/g, ' ')
}

/** A file size as a person reads it: `512 B`, `12,5 KB`, `10 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${sizeFormat.format(bytes / (1024 * 1024))} MB`
  if (bytes >= 1024) return `${sizeFormat.format(bytes / 1024)} KB`
  return `${sizeFormat.format(bytes)} B`
}

/** A date-only value `YYYY-MM-DD` → `dd/MM/yyyy`, without any time-zone shift. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return EMPTY
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value)
  if (match && value.length === 10) return `${match[3]}/${match[2]}/${match[1]}`
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? EMPTY : dateFormat.format(date)
}

/** A UTC timestamp shown in Vietnam's time zone: `22/11/2026 14:05`. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return EMPTY
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) return EMPTY
  // vi-VN puts the time first ("00:05 23/11/2026"); tables read better date first.
  const parts = dateTimeFormat.formatToParts(date)
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? ''
  return `${part('day')}/${part('month')}/${part('year')} ${part('hour')}:${part('minute')}`
}

/** Today in Vietnam as `YYYY-MM-DD`, the default for effective dates. */
export function todayIso(now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' })
  return parts.format(now)
}
