import { describe, expect, it } from 'vitest'
import { formatMoney } from '../../lib/format'
import { MAX_VND, parseVnd, sumVnd } from './money'

describe('VND formatting (vi-VN)', () => {
  it('writes whole đồng with dots and no decimals', () => {
    expect(formatMoney(8_500_000)).toBe('8.500.000 ₫')
    expect(formatMoney(800_000_000)).toBe('800.000.000 ₫')
    expect(formatMoney(0)).toBe('0 ₫')
    expect(formatMoney(-6_000_000)).toBe('-6.000.000 ₫')
  })

  it('reads back what it writes', () => {
    for (const amount of [1, 999, 1_000, 6_000_000, 8_500_000, 800_000_000, MAX_VND]) expect(parseVnd(formatMoney(amount))).toBe(amount)
  })
})

describe('parseVnd', () => {
  it('reads amounts typed the Vietnamese way', () => {
    expect(parseVnd('8.500.000')).toBe(8_500_000)
    expect(parseVnd('8500000')).toBe(8_500_000)
    expect(parseVnd(' 8 500 000 ₫ ')).toBe(8_500_000)
    expect(parseVnd('1.000.000 đ')).toBe(1_000_000)
    expect(parseVnd('30.000 VND')).toBe(30_000)
    expect(parseVnd(5_000_000)).toBe(5_000_000)
  })

  it('refuses decimals, negatives, bad grouping and out-of-range amounts', () => {
    expect(parseVnd('8.500.000,50')).toBeNull()
    expect(parseVnd('8,5')).toBeNull()
    expect(parseVnd('-1.000')).toBeNull()
    expect(parseVnd('85.00.000')).toBeNull()
    expect(parseVnd('tám triệu')).toBeNull()
    expect(parseVnd('')).toBeNull()
    expect(parseVnd(null)).toBeNull()
    expect(parseVnd(1.5)).toBeNull()
    expect(parseVnd(MAX_VND + 1)).toBeNull()
    expect(parseVnd('9.007.199.254.740.993')).toBeNull()
  })
})

describe('sums', () => {
  it('sums integers exactly and refuses anything else', () => {
    expect(sumVnd([8_500_000, 8_500_000, 6_000_000])).toBe(23_000_000)
    expect(sumVnd([])).toBe(0)
    expect(() => sumVnd([0.1, 0.2])).toThrow(RangeError)
    expect(() => sumVnd([Number.MAX_SAFE_INTEGER, 1])).toThrow(RangeError)
  })
})
