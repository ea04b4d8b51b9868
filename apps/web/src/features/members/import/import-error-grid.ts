import { MemberSheetColumns, type ImportRowError } from '@liendoan/contracts'

/** One spreadsheet row of the dry-run report: its bad cells by column, and problems with the row as a whole. */
export interface ErrorGridRow {
  row: number
  cells: Map<string, ImportRowError[]>
  rowErrors: ImportRowError[]
}

export interface ErrorGrid {
  /** Template columns in template order, then any column the file had that the template does not. */
  columns: string[]
  rows: ErrorGridRow[]
}

/**
 * Lays the dry run's errors out as the sheet the officer knows: one line per bad
 * row, one column per template column, so the bad cell can be highlighted where
 * it sits in their file.
 */
export function buildErrorGrid(errors: readonly ImportRowError[]): ErrorGrid {
  const template: string[] = MemberSheetColumns.map((column) => column.header)
  const extra: string[] = []
  const byRow = new Map<number, ErrorGridRow>()
  for (const error of errors) {
    let entry = byRow.get(error.row)
    if (!entry) {
      entry = { row: error.row, cells: new Map(), rowErrors: [] }
      byRow.set(error.row, entry)
    }
    if (error.column === null) {
      entry.rowErrors.push(error)
      continue
    }
    if (!template.includes(error.column) && !extra.includes(error.column)) extra.push(error.column)
    const cell = entry.cells.get(error.column)
    if (cell) cell.push(error)
    else entry.cells.set(error.column, [error])
  }
  return { columns: [...template, ...extra], rows: [...byRow.values()].sort((a, b) => a.row - b.row) }
}
