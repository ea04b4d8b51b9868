import { describe, expect, it } from 'vitest'
import { cleanVerificationCode } from './verification-code'

describe('verification code', () => {
  it('accepts the code as typed from paper', () => {
    expect(cleanVerificationCode(' k7m2 qx9p-4tra ')).toBe('K7M2-QX9P-4TRA')
    expect(cleanVerificationCode('K7M2QX9P4TRA')).toBe('K7M2-QX9P-4TRA')
  })

  it('refuses what cannot be a code', () => {
    expect(cleanVerificationCode('K7M2-QX9P')).toBeNull()
    expect(cleanVerificationCode('K7M2-QX9P-4TR@')).toBeNull()
  })
})
