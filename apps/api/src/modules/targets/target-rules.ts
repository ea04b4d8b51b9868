import { MAX_TARGET_PERIOD_YEARS } from '@liendoan/contracts'
import { type FieldErrorInput, ProblemError } from '../../lib/errors.js'

export interface Period {
  from: string
  to: string
}

function addYears(isoDate: string, years: number): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number]
  const lastDay = new Date(Date.UTC(year + years, month, 0)).getUTCDate()
  return `${String(year + years).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(day, lastDay)).padStart(2, '0')}`
}

/**
 * A period from either a calendar year or a range of days (a congress term), never both.
 * `prefix` is '/' for body fields (JSON pointers) and '' for query parameters.
 */
export function resolvePeriod(input: { year?: number | undefined; periodFrom?: string | undefined; periodTo?: string | undefined }, prefix: '' | '/'): Period {
  const errors: FieldErrorInput[] = []
  const hasRange = input.periodFrom !== undefined || input.periodTo !== undefined
  if (input.year !== undefined && hasRange) errors.push({ field: `${prefix}year`, code: 'period_either' })
  else if (input.year !== undefined) return { from: `${input.year}-01-01`, to: `${input.year}-12-31` }
  else if (input.periodFrom === undefined || input.periodTo === undefined) errors.push({ field: `${prefix}${input.periodFrom === undefined ? 'periodFrom' : 'periodTo'}`, code: 'period_required' })
  else if (input.periodFrom > input.periodTo) errors.push({ field: `${prefix}periodFrom`, code: 'range_order' })
  else if (input.periodTo >= addYears(input.periodFrom, MAX_TARGET_PERIOD_YEARS))
    errors.push({ field: `${prefix}periodTo`, code: 'period_span', params: { max: MAX_TARGET_PERIOD_YEARS } })
  if (errors.length || input.periodFrom === undefined || input.periodTo === undefined) {
    throw new ProblemError(400, 'validation_failed', 'The period is invalid.', errors)
  }
  return { from: input.periodFrom, to: input.periodTo }
}

/**
 * The day results are computed on: the period's last day, or `asOf` (default today) while it
 * runs. Never in the future, never before the period starts.
 */
export function resultDay(period: Period, asOf: string | undefined, today: string): string {
  if (asOf !== undefined && asOf > today) throw new ProblemError(400, 'validation_failed', 'The day is in the future.', [{ field: 'asOf', code: 'future_date' }])
  const limit = asOf ?? today
  const day = period.to < limit ? period.to : limit
  if (day < period.from) {
    throw new ProblemError(400, 'validation_failed', 'The period has not started on that day.', [{ field: asOf === undefined ? 'periodFrom' : 'asOf', code: 'before_period' }])
  }
  return day
}
