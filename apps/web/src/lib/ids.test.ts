import { describe, expect, it } from 'vitest'
import { randomKey } from './ids'

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe('randomKey', () => {
  it('uses crypto.randomUUID where the page is a secure context', () => {
    expect(randomKey({ randomUUID: () => '11111111-1111-4111-8111-111111111111', getRandomValues: (a) => a })).toBe(
      '11111111-1111-4111-8111-111111111111',
    )
  })

  it('builds a version 4 UUID from random bytes over plain HTTP', () => {
    const source = { getRandomValues: crypto.getRandomValues.bind(crypto) }
    const keys = new Set(Array.from({ length: 50 }, () => randomKey(source)))
    expect(keys.size).toBe(50)
    for (const key of keys) expect(key).toMatch(UUID_V4)
  })
})
