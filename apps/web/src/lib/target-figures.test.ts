import { describe, expect, it } from 'vitest'
import { formatFigure, formatTargetValue, hundredthsToPercent, metricLabel, percentToHundredths, progressValue, resultOfTarget } from './target-figures'

describe('target figures', () => {
  it('converts percent to the API’s hundredths of a percent and back', () => {
    expect(percentToHundredths(80)).toBe(8000)
    expect(percentToHundredths(64.94)).toBe(6494)
    // 80.15 * 100 is 8015.000000000001 in floating point: rounded to the whole hundredth.
    expect(percentToHundredths(80.15)).toBe(8015)
    expect(percentToHundredths(0.01)).toBe(1)
    expect(hundredthsToPercent(8000)).toBe(80)
    expect(hundredthsToPercent(6494)).toBe(64.94)
    expect(hundredthsToPercent(percentToHundredths(33.33))).toBe(33.33)
  })

  it('fills the bar within 0–100 whatever the achievement', () => {
    expect(progressValue(71.43)).toBe(71.43)
    expect(progressValue(114.77)).toBe(100)
    expect(progressValue(0)).toBe(0)
    expect(progressValue(-3)).toBe(0)
    expect(progressValue(null)).toBe(0)
    expect(progressValue(undefined)).toBe(0)
  })

  it('writes results and targets by the metric’s kind, the Vietnamese way', () => {
    expect(formatFigure(4504, 'count')).toBe('4.504')
    expect(formatFigure(8_500_000, 'amount_vnd')).toBe('8.500.000 ₫')
    expect(formatFigure(64.94, 'share')).toBe('64,94%')
    expect(formatTargetValue(8000, 'share')).toBe('80%')
    expect(formatTargetValue(3800, 'count')).toBe('3.800')
    expect(formatTargetValue(null, 'share')).toBe('—')
    expect(resultOfTarget(101, 88, 'count')).toBe('101 / 88')
    expect(resultOfTarget(64.94, 8000, 'share')).toBe('64,94% / 80%')
  })

  it('names a metric in either language', () => {
    expect(metricLabel('members_admitted', 'vi')).toBe('Kết nạp đoàn viên mới')
    expect(metricLabel('members_admitted', 'en')).toBe('Members admitted')
  })
})
