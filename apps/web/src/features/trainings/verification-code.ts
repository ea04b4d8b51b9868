/**
 * A verification code as typed from paper (`k7m2 qx9p 4tra`, with or without dashes)
 * → the printed form the API accepts (`K7M2-QX9P-4TRA`), or null when it cannot be one.
 */
export function cleanVerificationCode(input: string): string | null {
  const compact = input.toUpperCase().replace(/[\s-]/g, '')
  if (!/^[0-9A-Z]{12}$/.test(compact)) return null
  return `${compact.slice(0, 4)}-${compact.slice(4, 8)}-${compact.slice(8)}`
}
