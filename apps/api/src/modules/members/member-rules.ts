import { type FieldErrorInput, ProblemError } from '../../lib/errors.js'
import { MEMBER_MAX_AGE, MEMBER_MIN_AGE, ageOn, checkCitizenId, normalizePhone } from '../../lib/personal-data.js'

/**
 * Rules on a member's own fields that JSON Schema can't say. Each check adds field errors to a
 * list so one answer names every mistake of a form at once.
 */

/** Full names as typed, with runs of spaces collapsed: "Nguyễn  Thị" and "Nguyễn Thị" sort and search alike. */
export function normalizeName(name: string): string {
  return name.trim().replace(/\s+/g, ' ')
}

/** The CCCD in its stored form, or a field error (bad province code, wrong length). */
export function checkCitizenIdField(value: string, errors: FieldErrorInput[], field = '/citizenId'): string {
  const checked = checkCitizenId(value)
  if (checked.ok) return checked.value
  errors.push({ field, code: checked.code })
  return value
}

/** The phone in its normalised form (0xxxxxxxxx), null when cleared, or a field error. */
export function checkPhoneField(value: string | null, errors: FieldErrorInput[], field = '/phone'): string | null {
  if (value === null || value.trim() === '') return null
  const normalised = normalizePhone(value)
  if (normalised === null) {
    errors.push({ field, code: 'phone_invalid' })
    return value
  }
  return normalised
}

/**
 * A worker's dates: aged 15 to 100 today (only checked for someone who is a member now: the
 * records of people who left or died decades ago stay editable), admitted at 15 or older and
 * not in the future (Labour Code 2019: work from 15).
 */
export function checkLifeDates(
  values: { dateOfBirth: string; admittedOn: string; currentMember: boolean },
  today: string,
  errors: FieldErrorInput[],
): void {
  const ageToday = ageOn(values.dateOfBirth, today)
  const tooOld = values.currentMember && ageToday > MEMBER_MAX_AGE
  if (ageToday < MEMBER_MIN_AGE || tooOld) {
    errors.push({ field: '/dateOfBirth', code: 'birth_date_implausible', params: { min: MEMBER_MIN_AGE, max: MEMBER_MAX_AGE } })
  }
  if (values.admittedOn > today) errors.push({ field: '/admittedOn', code: 'future_date' })
  else if (ageOn(values.dateOfBirth, values.admittedOn) < MEMBER_MIN_AGE) errors.push({ field: '/admittedOn', code: 'admitted_before_birth' })
}

/** A date an officer records for something that already happened. */
export function checkPastDate(value: string, today: string, field: string, errors: FieldErrorInput[]): void {
  if (value > today) errors.push({ field, code: 'future_date' })
}

export function throwIfInvalid(errors: FieldErrorInput[]): void {
  if (errors.length) throw new ProblemError(422, 'validation_failed', 'Some fields are invalid.', errors)
}

/** `date` moved back by whole years; 29 February becomes 28 February in a common year. */
export function yearsBefore(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const year = y - years
  const lastDay = new Date(Date.UTC(year, m, 0)).getUTCDate()
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`
}
