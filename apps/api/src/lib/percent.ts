/**
 * part / whole in percent, rounded half up to two decimals with whole numbers (no float drift),
 * as the federation's reports print them: 101 of 88 is 114.77. 0 when the whole is 0.
 * Large operands (sums of VND) are divided as bigints, so the answer stays exact.
 */
export function sharePercent(part: number | bigint, whole: number | bigint): number {
  if (typeof part === 'number' && typeof whole === 'number' && Math.abs(part) * 20000 + Math.abs(whole) <= Number.MAX_SAFE_INTEGER) {
    if (whole === 0) return 0
    return Math.floor((part * 20000 + whole) / (2 * whole)) / 100
  }
  const p = BigInt(part)
  const w = BigInt(whole)
  if (w === 0n) return 0
  const numerator = p * 20000n + w
  const denominator = 2n * w
  // Floor division for bigints (they truncate toward zero).
  let quotient = numerator / denominator
  if (numerator % denominator !== 0n && numerator < 0n !== denominator < 0n) quotient -= 1n
  return Number(quotient) / 100
}
