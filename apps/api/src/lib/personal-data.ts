import type { RevealableField } from '@liendoan/contracts'

/**
 * Rules for the personal fields the law protects: the citizen ID (CCCD) and the phone number.
 * Checked and normalised the same way by the admission form, the API and the import.
 */

/** Province and city codes that open a CCCD (Circular 07/2016/TT-BCA, 63 provinces). */
export const CITIZEN_ID_PROVINCE_CODES: ReadonlySet<string> = new Set([
  '001', '002', '004', '006', '008', '010', '011', '012', '014', '015', '017', '019', '020', '022', '024', '025', '026',
  '027', '030', '031', '033', '034', '035', '036', '037', '038', '040', '042', '044', '045', '046', '048', '049', '051',
  '052', '054', '056', '058', '060', '062', '064', '066', '067', '068', '070', '072', '074', '075', '077', '079', '080',
  '082', '083', '084', '086', '087', '089', '091', '092', '093', '094', '095', '096',
])

export type CitizenIdCheck =
  | { ok: true; value: string; recovered: boolean }
  | { ok: false; code: 'citizen_id_format' | 'citizen_id_province' | 'citizen_id_leading_zero' }

/**
 * A CCCD as typed or as a spreadsheet stored it. Every CCCD starts with 0 (all province codes
 * do), so a number Excel stored without its leading zeros has 10 or 11 digits and has exactly
 * one possible original: padded back to 12, it is recovered if the province code then holds,
 * flagged otherwise. Numbers in scientific notation have lost digits and are always flagged.
 */
export function checkCitizenId(input: string | number, options: { fromNumber?: boolean } = {}): CitizenIdCheck {
  const fromNumber = options.fromNumber === true || typeof input === 'number'
  let text = typeof input === 'number' ? (Number.isSafeInteger(input) ? String(input) : '') : input.trim().replace(/[\s.]/g, '')
  if (/e\+?\d+$/i.test(text)) return { ok: false, code: 'citizen_id_leading_zero' }
  if (!/^[0-9]+$/.test(text)) return { ok: false, code: 'citizen_id_format' }
  let recovered = false
  if (text.length < 12 && text.length >= 10 && fromNumber) {
    text = text.padStart(12, '0')
    recovered = true
  }
  if (text.length !== 12) return { ok: false, code: fromNumber && text.length < 12 ? 'citizen_id_leading_zero' : 'citizen_id_format' }
  if (!CITIZEN_ID_PROVINCE_CODES.has(text.slice(0, 3))) {
    return { ok: false, code: recovered ? 'citizen_id_leading_zero' : 'citizen_id_province' }
  }
  return { ok: true, value: text, recovered }
}

/**
 * A Vietnamese phone number normalised to its domestic form: mobiles 0[35789]xxxxxxxx (10 digits),
 * landlines 02xxxxxxxxx (11 digits). `+84`/`84` prefixes become 0; a number that lost its
 * leading 0 in a spreadsheet gets it back. Null when it is not a Vietnamese number.
 */
export function normalizePhone(input: string | number): string | null {
  let digits = String(input).replace(/[\s.()-]/g, '')
  if (digits.startsWith('+84')) digits = `0${digits.slice(3)}`
  else if (digits.startsWith('84') && (digits.length === 11 || digits.length === 12)) digits = `0${digits.slice(2)}`
  else if (!digits.startsWith('0') && (digits.length === 9 || digits.length === 10)) digits = `0${digits}`
  if (/^0[35789][0-9]{8}$/.test(digits)) return digits
  if (/^02[0-9]{9}$/.test(digits)) return digits
  return null
}

/** `********1234`: enough to tell two people apart on a list, not enough to use. */
export function maskCitizenId(value: string): string {
  return `${'*'.repeat(Math.max(0, value.length - 4))}${value.slice(-4)}`
}

/** `09******78`. */
export function maskPhone(value: string): string {
  if (value.length <= 4) return '*'.repeat(value.length)
  return `${value.slice(0, 2)}${'*'.repeat(value.length - 4)}${value.slice(-2)}`
}

/** Parses `reveal=citizenId,phone` into a set. */
export function parseReveal(reveal: string | undefined): ReadonlySet<RevealableField> {
  if (!reveal) return new Set()
  return new Set(reveal.split(',').filter((field): field is RevealableField => field === 'citizenId' || field === 'phone'))
}

/** The personal fields of a member as a response shows them: masked unless revealed. */
export function presentPersonalFields(
  row: { citizenId: string | null; phone: string | null },
  reveal: ReadonlySet<RevealableField>,
): { citizenId: string | null; phone: string | null; revealed: RevealableField[] } {
  const revealed: RevealableField[] = []
  let citizenId = row.citizenId
  let phone = row.phone
  if (citizenId !== null) {
    if (reveal.has('citizenId')) revealed.push('citizenId')
    else citizenId = maskCitizenId(citizenId)
  }
  if (phone !== null) {
    if (reveal.has('phone')) revealed.push('phone')
    else phone = maskPhone(phone)
  }
  return { citizenId, phone, revealed }
}

/** Age in whole years on a date (both `YYYY-MM-DD`). */
export function ageOn(dateOfBirth: string, on: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number]
  const [y, m, d] = on.split('-').map(Number) as [number, number, number]
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0)
}

/** Working-age bounds for a member's date of birth (Labour Code 2019: work from 15; no member past 100). */
export const MEMBER_MIN_AGE = 15
export const MEMBER_MAX_AGE = 100
