import { describe, expect, it } from 'vitest'
import type { ImportRowError } from '@liendoan/contracts'
import { buildErrorGrid } from './import-error-grid'

const error = (row: number, column: string | null, code: string, value: string | null = null): ImportRowError => ({
  row,
  column,
  value,
  code,
  message: code,
})

describe('dry-run error grid', () => {
  it('groups errors by row in row order and keeps the template column order', () => {
    const grid = buildErrorGrid([
      error(5, 'Số CCCD', 'citizen_id_province', '999123456789'),
      error(3, 'Ngày sinh', 'date_invalid', '31/02/1990'),
      error(5, 'Họ và tên', 'required'),
      error(3, 'Ngày sinh', 'birth_date_implausible', '31/02/1990'),
    ])
    expect(grid.rows.map((row) => row.row)).toEqual([3, 5])
    expect(grid.rows[0]?.cells.get('Ngày sinh')?.map((e) => e.code)).toEqual(['date_invalid', 'birth_date_implausible'])
    expect([...(grid.rows[1]?.cells.keys() ?? [])]).toEqual(['Số CCCD', 'Họ và tên'])
    expect(grid.columns.slice(0, 4)).toEqual(['Họ và tên', 'Ngày sinh', 'Giới tính', 'Số CCCD'])
  })

  it('keeps whole-row problems apart and adds columns the template does not know', () => {
    const grid = buildErrorGrid([error(4, null, 'duplicate_in_file'), error(1, 'Ghi chú', 'header_unknown')])
    expect(grid.rows[1]?.rowErrors.map((e) => e.code)).toEqual(['duplicate_in_file'])
    expect(grid.rows[1]?.cells.size).toBe(0)
    expect(grid.columns.at(-1)).toBe('Ghi chú')
  })
})
