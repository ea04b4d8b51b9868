/**
 * part / whole in percent, rounded half up to two decimals with whole numbers (no float drift),
 * as the federation's reports print them: 101 of 88 is 114.77. 0 when the whole is 0.
 */
export function sharePercent(part: number, whole: number): number {
  if (whole === 0) return 0
  return Math.floor((part * 20000 + whole) / (2 * whole)) / 100
}
