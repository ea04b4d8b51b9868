import { describe, expect, it } from 'vitest'
import { fileSafeName } from './download'

describe('fileSafeName', () => {
  it('drops diacritics and separators so every system accepts the name', () => {
    expect(fileSafeName('Danh sách đoàn viên')).toBe('Danh-sach-doan-vien')
    expect(fileSafeName('Đỗ Minh Xuân / 2026')).toBe('Do-Minh-Xuan-2026')
    expect(fileSafeName('???')).toBe('file')
  })
})
