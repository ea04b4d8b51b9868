/**
 * Whole đồng. VND has no minor unit, so every amount is an integer; the API speaks plain JSON
 * integers and the screens write them the Vietnamese way (`8.500.000 ₫`, lib/format's
 * formatMoney). Nothing here divides or multiplies money: only integer sums, checked.
 */

/** The contract's largest amount (AmountVnd). */
export const MAX_VND = 1_000_000_000_000

/**
 * Reads an amount as a person types or pastes it: `8.500.000`, `8500000`, `8 500 000 ₫`,
 * `8.500.000 đ`, or a number from an input. Dots and spaces group thousands (vi-VN); a decimal
 * comma, a minus sign, letters or anything beyond the contract's range give null.
 */
export function parseVnd(input: string | number | null | undefined): number | null {
  if (input === null || input === undefined) return null
  if (typeof input === 'number') return Number.isSafeInteger(input) && input >= 0 && input <= MAX_VND ? input : null
  const text = input
    .trim()
    .replace(/\s*(₫|đ|đồng|vnd|vnđ)$/i, '')
    .trim()
  if (text === '') return null
  // Groups of three after the first: `8.500.000` or `8 500 000` (also with non-breaking spaces).
  const grouped = /^\d{1,3}([.\s\u00a0\u202f]\d{3})+$/.test(text)
  if (!grouped && !/^\d+$/.test(text)) return null
  const value = Number(text.replace(/[.\s\u00a0\u202f]/g, ''))
  return Number.isSafeInteger(value) && value <= MAX_VND ? value : null
}

/**
 * The sum of whole amounts. Throws on anything that is not an integer or on a total beyond
 * JavaScript's exact range, rather than silently rounding money.
 */
export function sumVnd(amounts: Iterable<number>): number {
  let total = 0
  for (const amount of amounts) {
    if (!Number.isSafeInteger(amount)) throw new RangeError(`Not a whole VND amount: ${amount}`)
    total += amount
    if (!Number.isSafeInteger(total)) throw new RangeError('VND total out of range')
  }
  return total
}
