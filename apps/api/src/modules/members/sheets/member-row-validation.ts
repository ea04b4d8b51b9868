import { type Gender, type MemberSheetColumnKey, MemberSheetColumns } from '@liendoan/contracts'
import { MEMBER_MAX_AGE, MEMBER_MIN_AGE, ageOn, checkCitizenId, normalizePhone } from '../../../lib/personal-data.js'
import { type RowIssue, type SheetCell, cellText, foldText } from './member-sheet-parser.js'

/**
 * The rules one spreadsheet row must meet on its own, without the database: required fields,
 * dates in the forms Excel and officers write them, gender words, CCCD and phone. Checks that
 * need the database (union codes, existing members, card numbers) are made per batch in
 * member-import.ts.
 */

/** A row that passed: values in the form the members table stores. */
export interface ImportRowValues {
  fullName: string
  dateOfBirth: string
  gender: Gender
  citizenId: string
  phone: string | null
  ethnicity: string | null
  occupation: string | null
  admittedOn: string
  cardNumber: string | null
  unionCode: string | null
}

export type RowRecord = Partial<Record<MemberSheetColumnKey, SheetCell>>

const HEADER_OF = Object.fromEntries(MemberSheetColumns.map((column) => [column.key, column.header])) as Record<MemberSheetColumnKey, string>

/** The template header of a field: error reports name columns as the officer sees them. */
export function headerOf(key: MemberSheetColumnKey): string {
  return HEADER_OF[key]
}

/* ---------- dates ---------- */

// Excel's day 0 is 1899-12-30 for every serial after its fictitious 29 February 1900 (serial 60).
const EXCEL_EPOCH_UTC = Date.UTC(1899, 11, 30)
const DAY_MS = 86_400_000
// 9999-12-31: the largest serial Excel shows as a date.
const EXCEL_MAX_SERIAL = 2_958_465

function isoDate(year: number, month: number, day: number): string | null {
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1) return null
  const date = new Date(Date.UTC(year, month - 1, day))
  // Date.UTC rolls 31/02 over into March: a date that doesn't survive the round trip is impossible.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

function fromExcelSerial(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 61 || serial > EXCEL_MAX_SERIAL) return null
  const date = new Date(EXCEL_EPOCH_UTC + Math.floor(serial) * DAY_MS)
  return isoDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate())
}

/**
 * A date cell as `YYYY-MM-DD`, or null when it is not a real date. Accepted: an Excel date cell
 * (exceljs builds it at UTC midnight, so its UTC parts are the calendar date whatever the
 * server's time zone), an Excel serial number (33000 = 07/05/1990), and text as `dd/mm/yyyy`
 * (also `d/m/yyyy`, with `-` or `.`), `yyyy-mm-dd`, or a serial that a CSV export wrote out.
 */
export function parseSheetDate(cell: SheetCell): string | null {
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return null
    return isoDate(cell.getUTCFullYear(), cell.getUTCMonth() + 1, cell.getUTCDate())
  }
  if (typeof cell === 'number') return fromExcelSerial(cell)
  if (typeof cell !== 'string') return null
  const text = cell.trim()
  let match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text)
  if (match) return isoDate(Number(match[3]), Number(match[2]), Number(match[1]))
  match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text)
  if (match) return isoDate(Number(match[1]), Number(match[2]), Number(match[3]))
  if (/^\d{4,5}(\.\d+)?$/.test(text)) return fromExcelSerial(Number(text))
  return null
}

/** `YYYY-MM-DD` plus whole years (29 February lands on 1 March in a common year). */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const shifted = new Date(Date.UTC(y + years, m - 1, d))
  return shifted.toISOString().slice(0, 10)
}

/* ---------- other fields ---------- */

const GENDER_WORDS: Record<string, Gender> = {
  nam: 'male',
  male: 'male',
  m: 'male',
  nu: 'female',
  female: 'female',
  f: 'female',
}

/** "Nam"/"Nữ" as officers write them (any case, with or without diacritics), or male/female. */
export function parseGender(cell: SheetCell): Gender | null {
  const text = cellText(cell)
  return text === null ? null : (GENDER_WORDS[foldText(text)] ?? null)
}

/** Text as stored: NFC (files from different tools mix composed and decomposed Vietnamese), single spaces. */
function cleanText(cell: SheetCell | undefined): string | null {
  const text = cellText(cell ?? null)
  return text === null ? null : text.normalize('NFC').replace(/\s+/g, ' ')
}

const CARD_NUMBER = /^[A-Z0-9][A-Z0-9-]*$/

/* ---------- the row ---------- */

export interface RowCheck {
  values: ImportRowValues | null
  issues: RowIssue[]
  /** The row's CCCD and card number when they are well-formed, even if other fields are not: for duplicates inside the file. */
  keys: { citizenId: string | null; cardNumber: string | null }
}

/**
 * Validates one row on its own. `today` is the date in Vietnam (`YYYY-MM-DD`). Returns the
 * values when there is no issue, otherwise every issue found (an officer fixes a row once).
 */
export function validateRow(record: RowRecord, today: string): RowCheck {
  const issues: RowIssue[] = []
  const issue = (key: MemberSheetColumnKey, code: string, params?: Record<string, unknown>) =>
    issues.push({ column: headerOf(key), value: cellText(record[key] ?? null)?.slice(0, 200) ?? null, code, ...(params ? { params } : {}) })

  const fullName = cleanText(record.fullName)
  if (fullName === null) issue('fullName', 'required')
  else if (fullName.length < 2) issue('fullName', 'minLength', { limit: 2 })
  else if (fullName.length > 120) issue('fullName', 'maxLength', { limit: 120 })

  const dateOf = (key: 'dateOfBirth' | 'admittedOn'): string | null => {
    const cell = record[key] ?? null
    if (cellText(cell) === null) {
      issue(key, 'required')
      return null
    }
    const date = parseSheetDate(cell)
    if (date === null) issue(key, 'date_invalid')
    return date
  }
  const dateOfBirth = dateOf('dateOfBirth')
  const admittedOn = dateOf('admittedOn')
  if (dateOfBirth !== null) {
    const age = ageOn(dateOfBirth, today)
    if (age < MEMBER_MIN_AGE || age > MEMBER_MAX_AGE) issue('dateOfBirth', 'birth_date_implausible', { min: MEMBER_MIN_AGE, max: MEMBER_MAX_AGE })
  }
  if (admittedOn !== null) {
    if (admittedOn > today) issue('admittedOn', 'future_date')
    else if (dateOfBirth !== null && admittedOn < addYears(dateOfBirth, MEMBER_MIN_AGE)) issue('admittedOn', 'admitted_before_birth')
  }

  let gender: Gender | null = null
  if (cellText(record.gender ?? null) === null) issue('gender', 'required')
  else {
    gender = parseGender(record.gender ?? null)
    if (gender === null) issue('gender', 'gender_invalid')
  }

  let citizenId: string | null = null
  const citizenCell = record.citizenId ?? null
  const citizenText = cellText(citizenCell)
  if (citizenText === null) issue('citizenId', 'required')
  else {
    // A number cell, or 10-11 digits of text (a CSV that Excel wrote from number cells), may have
    // lost the CCCD's leading zero: checkCitizenId restores it only when the province code then holds.
    const fromNumber = typeof citizenCell === 'number' || /^\d{10,11}$/.test(citizenText)
    const check = checkCitizenId(typeof citizenCell === 'number' ? citizenCell : citizenText, { fromNumber })
    if (check.ok) citizenId = check.value
    else issue('citizenId', check.code)
  }

  let phone: string | null = null
  const phoneCell = record.phone ?? null
  if (cellText(phoneCell) !== null) {
    phone = normalizePhone(typeof phoneCell === 'number' ? phoneCell : (cellText(phoneCell) ?? ''))
    if (phone === null) issue('phone', 'phone_invalid')
  }

  const ethnicity = cleanText(record.ethnicity)
  if (ethnicity !== null && ethnicity.length > 60) issue('ethnicity', 'maxLength', { limit: 60 })
  const occupation = cleanText(record.occupation)
  if (occupation !== null && occupation.length > 120) issue('occupation', 'maxLength', { limit: 120 })
  // A replacement character means some bytes were not text: never store a name damaged that way.
  for (const [key, text] of [['fullName', fullName], ['ethnicity', ethnicity], ['occupation', occupation]] as const) {
    if (text?.includes('\uFFFD')) issue(key, 'text_damaged')
  }

  let cardNumber = cellText(record.cardNumber ?? null)?.toUpperCase().replace(/\s+/g, '') ?? null
  if (cardNumber !== null && (cardNumber.length < 4 || cardNumber.length > 24 || !CARD_NUMBER.test(cardNumber))) {
    issue('cardNumber', 'pattern')
    cardNumber = null
  }
  const unionCode = cellText(record.unionCode ?? null)

  if (issues.length > 0 || fullName === null || dateOfBirth === null || admittedOn === null || gender === null || citizenId === null) {
    return { values: null, issues, keys: { citizenId, cardNumber } }
  }
  return {
    values: { fullName, dateOfBirth, gender, citizenId, phone, ethnicity, occupation, admittedOn, cardNumber, unionCode },
    issues,
    keys: { citizenId, cardNumber },
  }
}
