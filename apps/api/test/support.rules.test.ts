import { describe, expect, it } from 'vitest'
import { agreementLabel } from '../src/modules/support/support-rules.js'

describe('payment reason labels', () => {
  it('names an agreement once, whether or not its title starts with "Thỏa ước"', () => {
    expect(agreementLabel({ title: 'Thỏa ước lao động tập thể Công ty An Phát năm 2025', employerName: 'Công ty An Phát', gradeCode: 'A' })).toBe(
      'Thỏa ước lao động tập thể Công ty An Phát năm 2025 – Công ty An Phát (loại A)',
    )
    expect(agreementLabel({ title: 'lao động tập thể năm 2024', employerName: 'Công ty Bình Minh', gradeCode: null })).toBe(
      'Thỏa ước lao động tập thể năm 2024 – Công ty Bình Minh',
    )
  })
})
