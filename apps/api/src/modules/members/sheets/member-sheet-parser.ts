import { createReadStream } from 'node:fs'
import { open } from 'node:fs/promises'
import { Transform, type TransformCallback } from 'node:stream'
import { type MemberSheetColumnKey, MemberSheetColumns, type SpreadsheetFormat } from '@liendoan/contracts'
import { parse as parseCsv } from 'csv-parse'
import ExcelJS from 'exceljs'

/**
 * Reading member spreadsheets as a stream of rows, whatever the format: XLSX through exceljs's
 * streaming reader, CSV through csv-parse. Neither holds the file in memory, so a 100,000-row
 * sheet costs the same memory as a 100-row one (apart from Excel's shared-string table).
 */

/** A cell as the validator sees it: Excel gives numbers, dates and booleans; CSV gives text. */
export type SheetCell = string | number | Date | boolean | null

export interface SheetRow {
  /** Row number as a spreadsheet program shows it (1-based, the header is row 1). */
  rowNumber: number
  cells: SheetCell[]
}

/** A problem of one row, before it is stored: `column` is the template header, null for the whole row. */
export interface RowIssue {
  column: string | null
  value: string | null
  code: string
  params?: Record<string, unknown>
}

/** The file is not a spreadsheet we can read: a corrupt zip, a workbook without sheets, bad CSV. */
export class SheetUnreadableError extends Error {
  constructor(
    readonly code: 'file_unreadable' | 'file_encoding',
    message: string,
  ) {
    super(message)
    this.name = 'SheetUnreadableError'
  }
}

/* ---------- format detection ---------- */

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04])
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0])

export type DetectedFormat =
  | { ok: true; format: SpreadsheetFormat }
  | { ok: false; reason: 'legacy_xls' | 'not_spreadsheet' }

/**
 * The format from the first bytes, then the name: an XLSX is a zip ('PK'), whatever it is called;
 * an old binary .xls (OLE) is refused with a hint; text named .csv/.txt, or sent as text/csv, is CSV.
 */
export function detectFormat(head: Buffer, fileName: string, mimeType: string): DetectedFormat {
  if (head.subarray(0, 4).equals(ZIP_MAGIC)) return { ok: true, format: 'xlsx' }
  if (head.subarray(0, 4).equals(OLE_MAGIC)) return { ok: false, reason: 'legacy_xls' }
  const looksLikeText = !head.includes(0)
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase()
  const textType = /^(text\/(csv|plain|comma-separated-values)|application\/(csv|vnd\.ms-excel))\b/i.test(mimeType)
  if (looksLikeText && (extension === 'csv' || extension === 'txt' || (extension === undefined && textType))) {
    return { ok: true, format: 'csv' }
  }
  return { ok: false, reason: 'not_spreadsheet' }
}

/**
 * Whether a zip looks like an Excel workbook: its central directory, at the end of the file,
 * names `xl/workbook.xml`. Lets the upload refuse a .docx or a plain zip at once (422) instead
 * of failing later in the background.
 */
export async function zipHasWorkbook(filePath: string, fileSize: number): Promise<boolean> {
  const length = Math.min(fileSize, 256 * 1024)
  const handle = await open(filePath, 'r')
  try {
    const tail = Buffer.alloc(length)
    await handle.read(tail, 0, length, fileSize - length)
    return tail.includes('xl/workbook.xml')
  } finally {
    await handle.close()
  }
}

/* ---------- headers ---------- */

/** Lower-case, without diacritics or extra spaces: how headers are compared. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
}

/**
 * Columns an export adds after the template's (status, union name, card status). An exported
 * file can be imported back: these are recognised and ignored rather than refused as unknown.
 */
export const ExportOnlyColumns = ['Trạng thái', 'Tên công đoàn cơ sở', 'Tình trạng thẻ'] as const

const KNOWN_HEADERS = new Map<string, MemberSheetColumnKey>(MemberSheetColumns.map((column) => [foldText(column.header), column.key]))
const IGNORED_HEADERS = new Set(ExportOnlyColumns.map(foldText))

export interface HeaderMatch {
  /** For each cell index, the field it holds, or null for an ignored column. */
  fields: (MemberSheetColumnKey | null)[]
  issues: RowIssue[]
}

/**
 * Matches a header row to the template, case- and diacritics-insensitively ("ho va ten" is
 * "Họ và tên"); a trailing `*` (a required-column mark) is allowed. Unknown, repeated or missing
 * required columns are errors: guessing what a column means could put data in the wrong field.
 */
export function matchHeaders(cells: readonly SheetCell[]): HeaderMatch {
  const fields: (MemberSheetColumnKey | null)[] = []
  const issues: RowIssue[] = []
  const seen = new Set<MemberSheetColumnKey>()
  cells.forEach((cell, index) => {
    const text = cellText(cell)?.slice(0, 200) ?? null
    const folded = text === null ? '' : foldText(text).replace(/\s*\*$/, '')
    fields[index] = null
    if (folded === '' || IGNORED_HEADERS.has(folded)) return
    const key = KNOWN_HEADERS.get(folded)
    if (key === undefined) {
      issues.push({ column: text, value: text, code: 'header_unknown' })
    } else if (seen.has(key)) {
      issues.push({ column: text, value: text, code: 'header_duplicate' })
    } else {
      seen.add(key)
      fields[index] = key
    }
  })
  for (const column of MemberSheetColumns) {
    if (column.required && !seen.has(column.key)) issues.push({ column: column.header, value: null, code: 'header_missing' })
  }
  return { fields, issues }
}

/* ---------- cells ---------- */

/** A cell as text for messages and text fields; null when blank. */
export function cellText(cell: SheetCell | undefined): string | null {
  if (cell === null || cell === undefined) return null
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return null
    const day = String(cell.getUTCDate()).padStart(2, '0')
    const month = String(cell.getUTCMonth() + 1).padStart(2, '0')
    return `${day}/${month}/${cell.getUTCFullYear()}`
  }
  // PostgreSQL text cannot hold NUL, and no field has a use for it.
  const text = String(cell).replaceAll('\u0000', '').trim()
  return text === '' ? null : text
}

/** exceljs cell values (rich text, formulas, hyperlinks, errors) reduced to plain values. */
function plainValue(value: unknown): SheetCell {
  if (value === null || value === undefined) return null
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value
  if (typeof value === 'object') {
    const object = value as { richText?: { text?: string }[]; result?: unknown; text?: unknown; error?: unknown }
    if (Array.isArray(object.richText)) return object.richText.map((run) => run.text ?? '').join('')
    if ('result' in object) return plainValue(object.result)
    if (typeof object.text === 'string') return object.text
    if (typeof object.error === 'string') return object.error
  }
  return null
}

/* ---------- readers ---------- */

export interface SheetReader {
  rows: AsyncIterable<SheetRow>
  /** Share of the file read so far (0..1), when the format allows knowing it; for progress estimates. */
  fractionRead(): number | null
}

export function openSheet(filePath: string, format: SpreadsheetFormat, fileSize: number): SheetReader {
  return format === 'xlsx' ? openXlsx(filePath) : openCsv(filePath, fileSize)
}

/**
 * The first worksheet of a workbook, row by row. Styles are read so that cells formatted as
 * dates arrive as Date (exceljs builds them at UTC midnight: read their UTC parts). Later sheets
 * (the template's instructions) are read through and ignored.
 *
 * exceljs spools a worksheet that precedes the shared strings to a temporary file and deletes
 * it only once the sheet has been read to the end, so when the caller stops early (a wrong
 * header, an empty or oversized file) the rest is still read through, without yielding:
 * otherwise the temporary files, and their open descriptors, would stay until the process exits.
 */
function openXlsx(filePath: string): SheetReader {
  async function* rows(): AsyncGenerator<SheetRow> {
    const input = createReadStream(filePath)
    const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, {
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      worksheets: 'emit',
      entries: 'ignore',
    })
    // Iterated by hand, not with for-await: leaving a for-await would end exceljs's iterators
    // before their clean-up.
    const worksheets = workbook[Symbol.asyncIterator]()
    let currentRows: AsyncIterator<ExcelJS.Row> | undefined
    let sheets = 0
    let finished = false
    try {
      for (let sheet = await worksheets.next(); !sheet.done; sheet = await worksheets.next()) {
        sheets += 1
        currentRows = sheet.value[Symbol.asyncIterator]()
        for (let row = await currentRows.next(); !row.done; row = await currentRows.next()) {
          if (sheets > 1) continue
          const values = row.value.values as unknown[]
          // exceljs rows are 1-based sparse arrays: index 0 is always empty.
          const cells: SheetCell[] = []
          for (let index = 1; index < values.length; index++) cells.push(plainValue(values[index]))
          yield { rowNumber: row.value.number, cells }
        }
        currentRows = undefined
      }
      finished = true
    } catch (error) {
      finished = true
      throw new SheetUnreadableError('file_unreadable', error instanceof Error ? error.message : String(error))
    } finally {
      if (!finished) await readThrough(worksheets, currentRows)
      input.destroy()
    }
    if (sheets === 0) throw new SheetUnreadableError('file_unreadable', 'The workbook has no worksheet.')
  }
  return { rows: rows(), fractionRead: () => null }
}

/** Reads the rest of a workbook without looking at it, so exceljs deletes its temporary files. */
async function readThrough(worksheets: AsyncIterator<ExcelJS.stream.xlsx.WorksheetReader>, currentRows: AsyncIterator<ExcelJS.Row> | undefined) {
  try {
    if (currentRows) while (!(await currentRows.next()).done);
    for (let sheet = await worksheets.next(); !sheet.done; sheet = await worksheets.next()) {
      const rest = sheet.value[Symbol.asyncIterator]()
      while (!(await rest.next()).done);
    }
  } catch {
    // The caller has what it needed; a broken tail only leaves the files to exit-time clean-up.
  }
}

/**
 * Checks that the bytes are UTF-8 and passes them on unchanged: a file saved in a legacy code
 * page (Windows-1258) is refused with a hint rather than imported with garbled names.
 */
class Utf8Check extends Transform {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true })

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      this.decoder.decode(chunk, { stream: true })
      callback(null, chunk)
    } catch {
      callback(new SheetUnreadableError('file_encoding', 'The CSV file is not UTF-8.'))
    }
  }

  override _flush(callback: TransformCallback): void {
    try {
      this.decoder.decode()
      callback()
    } catch {
      callback(new SheetUnreadableError('file_encoding', 'The CSV file is not UTF-8.'))
    }
  }
}

/** Comma, semicolon (Excel in locales with a decimal comma) or tab: whichever the header line uses most. */
export function detectDelimiter(firstLine: string): ',' | ';' | '\t' {
  let inQuotes = false
  const counts = { ',': 0, ';': 0, '\t': 0 }
  for (const char of firstLine) {
    if (char === '"') inQuotes = !inQuotes
    else if (!inQuotes && (char === ',' || char === ';' || char === '\t')) counts[char] += 1
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';'
  if (counts['\t'] > counts[','] && counts['\t'] > counts[';']) return '\t'
  return ','
}

async function readFirstLine(filePath: string): Promise<string> {
  const handle = await open(filePath, 'r')
  try {
    const buffer = Buffer.alloc(64 * 1024)
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0)
    const text = buffer.subarray(0, bytesRead).toString('utf8').replace(/^\uFEFF/, '')
    return text.split(/\r?\n|\r/, 1)[0] ?? ''
  } finally {
    await handle.close()
  }
}

/**
 * CSV, UTF-8 with or without BOM, comma or semicolon separated. Every record counts as a row
 * (blank lines too) so row numbers match what a spreadsheet program shows.
 */
function openCsv(filePath: string, fileSize: number): SheetReader {
  let bytesRead = 0
  async function* rows(): AsyncGenerator<SheetRow> {
    const delimiter = detectDelimiter(await readFirstLine(filePath))
    const input = createReadStream(filePath)
    input.on('data', (chunk) => {
      bytesRead += chunk.length
    })
    const decoder = new Utf8Check()
    const parser = parseCsv({
      bom: true,
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      // A runaway quote would otherwise swallow the rest of the file into one field.
      max_record_size: 64 * 1024,
    })
    input.on('error', (error) => decoder.destroy(error))
    decoder.on('error', (error) => parser.destroy(error))
    input.pipe(decoder).pipe(parser)
    let rowNumber = 0
    try {
      for await (const record of parser as AsyncIterable<string[]>) {
        rowNumber += 1
        yield { rowNumber, cells: record }
      }
    } catch (error) {
      if (error instanceof SheetUnreadableError) throw error
      throw new SheetUnreadableError('file_unreadable', error instanceof Error ? error.message : String(error))
    } finally {
      input.destroy()
      decoder.destroy()
    }
  }
  return { rows: rows(), fractionRead: () => (fileSize > 0 ? Math.min(1, bytesRead / fileSize) : null) }
}

/** Whether every cell of a row is blank (such rows are skipped, not reported). */
export function isBlankRow(cells: readonly SheetCell[]): boolean {
  return cells.every((cell) => cellText(cell) === null)
}
