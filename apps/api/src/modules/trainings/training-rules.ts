import { randomBytes } from 'node:crypto'
import { TrainingTransitions, type TrainingStatus } from '@liendoan/contracts'

export function canTransition(from: TrainingStatus, to: TrainingStatus): boolean {
  return TrainingTransitions[from].includes(to)
}

/** Crockford's base32: no I, L, O or U, so a code read aloud or typed from paper is not misread. */
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/** A 12-character verification code: 60 random bits, not guessable by enumeration. */
export function newVerificationCode(): string {
  const bytes = randomBytes(12)
  let code = ''
  for (const byte of bytes) code += CODE_ALPHABET[byte & 31]
  return code
}

/** A code as typed (any case, dashes or spaces, O for 0, I/L for 1) → the stored form, or null. */
export function normalizeVerificationCode(input: string): string | null {
  const code = input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1')
  return /^[0-9A-HJKMNP-TV-Z]{12}$/.test(code) ? code : null
}

/** Certificate number from the sequence value: `CCTH-2025-000123` (year of issue, then the serial). */
export function certificateNumber(issuedOn: string, serial: number | string): string {
  return `CCTH-${issuedOn.slice(0, 4)}-${String(serial).padStart(6, '0')}`
}

/** `2025-06-15` → `15/06/2025`, as Vietnamese readers write dates. */
export function vietnameseDate(iso: string): string {
  const [year, month, day] = iso.split('-')
  return `${day}/${month}/${year}`
}
