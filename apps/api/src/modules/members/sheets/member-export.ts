import type { PassThrough } from 'node:stream'
import {
  type CardStatus,
  type Gender,
  type MemberStatus,
  MemberSheetColumns,
  type RevealableField,
  type SpreadsheetFormat,
} from '@liendoan/contracts'
import { type SQL, and, eq, sql } from 'drizzle-orm'
import type { Database } from '../../../db/client.js'
import { members, unions } from '../../../db/schema/index.js'
import { presentPersonalFields } from '../../../lib/personal-data.js'
import { type MemberRow, memberColumns } from '../members.repository.js'
import { ExportOnlyColumns } from './member-sheet-parser.js'
import { XlsxStreamWriter } from './xlsx-writer.js'

/** How many members the conditions select (for the audit of a revealing export). */
export async function countMembers(db: Database, conditions: SQL[]): Promise<number> {
  const result = await db.execute(sql`SELECT count(*)::int AS count FROM members WHERE ${and(...conditions)}`)
  return (result as unknown as { rows: { count: number }[] }).rows[0]?.count ?? 0
}

/* ---------- sheet rows ---------- */

const GENDER_LABELS: Record<Gender, string> = { male: 'Nam', female: 'Nữ' }
const STATUS_LABELS: Record<MemberStatus, string> = {
  active: 'Đang sinh hoạt',
  transferred_out: 'Đã chuyển đi',
  left: 'Đã thôi sinh hoạt',
  deceased: 'Đã mất',
}
const CARD_STATUS_LABELS: Record<CardStatus, string> = { none: 'Chưa có thẻ', active: 'Có thẻ', lost: 'Mất thẻ' }

/** Headers of an export: the template's columns, then the status, union name and card status. */
export const EXPORT_HEADERS = [...MemberSheetColumns.map((column) => column.header), ...ExportOnlyColumns]

type ExportCell = string | Date | null

const utcDate = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d))
}

function exportCells(row: ExportRow, reveal: ReadonlySet<RevealableField>): ExportCell[] {
  const personal = presentPersonalFields(row, reveal)
  return [
    row.fullName,
    utcDate(row.dateOfBirth),
    GENDER_LABELS[row.gender],
    personal.citizenId,
    personal.phone,
    row.ethnicity,
    row.occupation,
    utcDate(row.admittedOn),
    row.cardNumber,
    row.unionCode,
    STATUS_LABELS[row.status],
    row.unionName,
    CARD_STATUS_LABELS[row.cardStatus],
  ]
}

/* ---------- writers ---------- */

interface SheetWriter {
  /** Resolves when the rows are handed on and the reader has caught up. */
  writeRows(rows: ExportCell[][]): Promise<void>
  finish(): Promise<void>
}

/** XLSX through the streaming writer: dates as date cells, CCCD and phone as text (leading zeros kept). */
function xlsxWriter(output: PassThrough): SheetWriter {
  const workbook = new XlsxStreamWriter(output, {
    name: 'Đoàn viên',
    headers: EXPORT_HEADERS,
    widths: [28, 12, 9, 15, 13, 10, 20, 13, 16, 18, 16, 32, 13],
  })
  return {
    writeRows: (rows) => workbook.addRows(rows),
    async finish() {
      await workbook.finish()
      output.end()
    },
  }
}

const formatDate = (date: Date) =>
  `${String(date.getUTCDate()).padStart(2, '0')}/${String(date.getUTCMonth() + 1).padStart(2, '0')}/${date.getUTCFullYear()}`

/** A CSV field: quoted when needed; a leading = + - @ is defused so a spreadsheet never runs it as a formula. */
function csvField(cell: ExportCell): string {
  if (cell === null) return ''
  let text = cell instanceof Date ? formatDate(cell) : cell
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** CSV in UTF-8 with a BOM (so Excel opens Vietnamese correctly), comma-separated, CRLF lines. */
function csvWriter(output: PassThrough): SheetWriter {
  const line = (cells: readonly ExportCell[]) => `${cells.map(csvField).join(',')}\r\n`
  output.write(`\uFEFF${line(EXPORT_HEADERS)}`)
  return {
    async writeRows(rows) {
      output.write(rows.map(line).join(''))
      await drained(output)
    },
    async finish() {
      output.end()
    },
  }
}

/** Resolves when the reader has caught up (or went away: then 'drain' never comes, 'close' does). */
async function drained(output: PassThrough): Promise<void> {
  if (!output.writableNeedDrain || output.destroyed) return
  await new Promise<void>((resolve) => {
    const done = () => {
      output.off('drain', done)
      output.off('close', done)
      resolve()
    }
    output.on('drain', done)
    output.on('close', done)
  })
}

/** Rows read per query, in keyset order. */
const EXPORT_BATCH = 2000

/** The member columns an export shows, plus its keyset (path, name key, id): no timestamps to parse. */
const { id, unionPath, nameKey, fullName, dateOfBirth, gender, citizenId, phone, ethnicity, occupation, admittedOn, cardNumber, unionCode, status, unionName, cardStatus } =
  memberColumns
const exportColumns = { id, unionPath, nameKey, fullName, dateOfBirth, gender, citizenId, phone, ethnicity, occupation, admittedOn, cardNumber, unionCode, status, unionName, cardStatus }
type ExportRow = { [K in keyof typeof exportColumns]: MemberRow[K] }

/**
 * Streams the members the conditions select into `output`, batch by batch. Order is union (tree
 * path) then name: that is the order of the members_union_path index, so each batch is one
 * index range read at any scale, where sorting a whole province by name for every batch would
 * not be. The next batch is read while the current one is written. Waits for the reader between
 * batches, so a slow download holds a batch or two in memory, not the file; stops if the client
 * goes away.
 */
export async function writeMemberExport(
  db: Database,
  conditions: SQL[],
  format: SpreadsheetFormat,
  reveal: ReadonlySet<RevealableField>,
  output: PassThrough,
): Promise<number> {
  const writer = format === 'xlsx' ? xlsxWriter(output) : csvWriter(output)
  const batchAfter = (last: ExportRow | undefined): Promise<ExportRow[]> =>
    db
      .select(exportColumns)
      .from(members)
      .innerJoin(unions, eq(unions.id, members.unionId))
      .where(
        and(
          ...conditions,
          last ? sql`(${members.unionPath}, ${members.nameKey}, ${members.id}) > (${last.unionPath}, ${last.nameKey}, ${last.id}::uuid)` : undefined,
        ),
      )
      .orderBy(members.unionPath, members.nameKey, members.id)
      .limit(EXPORT_BATCH)
  let written = 0
  let next: Promise<ExportRow[]> | undefined = batchAfter(undefined)
  while (next) {
    const rows: ExportRow[] = await next
    const last = rows.at(-1)
    next = rows.length === EXPORT_BATCH ? batchAfter(last) : undefined
    if (output.destroyed) {
      await next?.catch(() => undefined)
      return written
    }
    await writer.writeRows(rows.map((row) => exportCells(row, reveal)))
    written += rows.length
  }
  await writer.finish()
  return written
}
