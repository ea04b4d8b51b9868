import { describe, expect, it } from 'vitest'
import { formatBytes, formatDate, formatDateTime, formatMoney, formatNumber, formatPercent, todayIso } from './format'
import { parseVnDate } from './dates'

describe('format helpers (vi-VN)', () => {
  it('groups thousands with a dot', () => {
    expect(formatNumber(5135)).toBe('5.135')
    expect(formatNumber(629032)).toBe('629.032')
    expect(formatNumber(null)).toBe('—')
  })

  it('writes percentages with a decimal comma, two decimals at most', () => {
    expect(formatPercent(114.77)).toBe('114,77%')
    expect(formatPercent(64.94)).toBe('64,94%')
    expect(formatPercent(100)).toBe('100%')
  })

  it('writes file sizes with a decimal comma', () => {
    expect(formatBytes(512)).toBe('512 B')
    expect(formatBytes(12_800)).toBe('12,5 KB')
    expect(formatBytes(10 * 1024 * 1024)).toBe('10 MB')
  })

  it('formats whole đồng', () => {
    expect(formatMoney(8_500_000)).toBe('8.500.000 ₫')
  })

  it('shows date-only values as dd/MM/yyyy without a time-zone shift', () => {
    expect(formatDate('2026-11-22')).toBe('22/11/2026')
    expect(formatDate('2026-01-01')).toBe('01/01/2026')
    expect(formatDate(null)).toBe('—')
  })

  it('shows timestamps in Vietnam time', () => {
    // 17:05 UTC is 00:05 the next day in Hà Nội (UTC+7).
    expect(formatDateTime('2026-11-22T17:05:00Z')).toBe('23/11/2026 00:05')
  })

  it('gives today in Vietnam as YYYY-MM-DD', () => {
    expect(todayIso(new Date('2026-11-22T18:00:00Z'))).toBe('2026-11-23')
  })
})

describe('parseVnDate', () => {
  it('reads dates typed the Vietnamese way', () => {
    expect(parseVnDate('22/11/2026')).toBe('2026-11-22')
    expect(parseVnDate('1/2/2024')).toBe('2024-02-01')
    expect(parseVnDate('2024-02-29')).toBe('2024-02-29')
  })

  it('refuses impossible dates', () => {
    expect(parseVnDate('30/02/2023')).toBeNull()
    expect(parseVnDate('hôm nay')).toBeNull()
  })
})
