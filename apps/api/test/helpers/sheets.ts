import { randomBytes } from 'node:crypto'
import { type ImportJob, MemberSheetColumns } from '@liendoan/contracts'
import ExcelJS from 'exceljs'
import type { LightMyRequestResponse } from 'fastify'
import type { Client } from './app.js'

/** Spreadsheet fixtures built in code (no binary files in the repository). */

export type Cell = string | number | Date | null

export const HEADERS = MemberSheetColumns.map((column) => column.header)

export interface SheetMember {
  fullName?: Cell
  dateOfBirth?: Cell
  gender?: Cell
  citizenId?: Cell
  phone?: Cell
  ethnicity?: Cell
  occupation?: Cell
  admittedOn?: Cell
  cardNumber?: Cell
  unionCode?: Cell
}

/** A row in template order; anything not given is a plausible value. */
export function memberRow(values: SheetMember): Cell[] {
  const defaults: Required<SheetMember> = {
    fullName: 'Nguyễn Văn An',
    dateOfBirth: '17/05/1990',
    gender: 'Nam',
    citizenId: null,
    phone: null,
    ethnicity: 'Kinh',
    occupation: 'Công nhân',
    admittedOn: '01/03/2015',
    cardNumber: null,
    unionCode: null,
  }
  const merged = { ...defaults, ...values }
  return MemberSheetColumns.map((column) => merged[column.key])
}

export interface XlsxOptions {
  /** Number formats per 1-based column, e.g. { 2: 'dd/mm/yyyy' } so Dates are date cells. */
  numFmts?: Record<number, string>
  /** A second sheet, to check that only the first is read. */
  extraSheet?: Cell[][]
}

export async function xlsxOf(rows: Cell[][], options: XlsxOptions = {}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('Đoàn viên')
  for (const cells of rows) {
    const row = sheet.addRow(cells)
    for (const [column, numFmt] of Object.entries(options.numFmts ?? {})) {
      const cell = row.getCell(Number(column))
      if (cell.value instanceof Date) cell.numFmt = numFmt
    }
  }
  if (options.extraSheet) {
    const extra = workbook.addWorksheet('Khác')
    for (const cells of options.extraSheet) extra.addRow(cells)
  }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

export function csvOf(rows: Cell[][], options: { delimiter?: string; bom?: boolean } = {}): Buffer {
  const delimiter = options.delimiter ?? ','
  const text = rows
    .map((cells) =>
      cells
        .map((cell) => {
          const value = cell === null ? '' : cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell)
          return /[",;\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
        })
        .join(delimiter),
    )
    .join('\r\n')
  return Buffer.from(`${options.bom === false ? '' : '\uFEFF'}${text}\r\n`, 'utf8')
}

export interface UploadFile {
  name: string
  content: Buffer
  type?: string
}

/** A multipart/form-data body, as a browser sends it. */
export function multipartBody(file: UploadFile | null, fields: Record<string, string> = {}) {
  const boundary = `----liendoan${randomBytes(8).toString('hex')}`
  const chunks: Buffer[] = []
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`))
  }
  if (file) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      file.content,
      Buffer.from('\r\n'),
    )
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`))
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } }
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

export function uploadSheet(
  client: Client,
  file: UploadFile | null,
  fields: Record<string, string> = {},
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  const body = multipartBody(file, fields)
  return client.request({ method: 'POST', url: '/api/v1/members/imports', payload: body.payload, headers: { ...body.headers, ...headers } })
}

/** Polls a job until it leaves validating/committing. */
export async function waitForJob(client: Client, id: string, timeoutMs = 20_000): Promise<ImportJob> {
  const started = Date.now()
  for (;;) {
    const response = await client.get(`/api/v1/members/imports/${id}`)
    if (response.statusCode !== 200) throw new Error(`job read failed: ${response.statusCode} ${response.body}`)
    const job = response.json<ImportJob>()
    if (job.status !== 'validating' && job.status !== 'committing') return job
    if (Date.now() - started > timeoutMs) throw new Error(`job ${id} still ${job.status} after ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

/** Uploads and waits for the dry run. */
export async function importFile(client: Client, file: UploadFile, fields: Record<string, string> = {}): Promise<ImportJob> {
  const response = await uploadSheet(client, file, fields)
  if (response.statusCode !== 202) throw new Error(`upload failed: ${response.statusCode} ${response.body}`)
  return waitForJob(client, response.json<ImportJob>().id)
}

/** Commits and waits for the outcome. */
export async function commitJob(client: Client, id: string, headers: Record<string, string> = {}): Promise<ImportJob> {
  const response = await client.post(`/api/v1/members/imports/${id}/commit`, undefined, headers)
  if (response.statusCode !== 202) {
    // Say why the job could not be committed: its state and its first row errors.
    const job = (await client.get(`/api/v1/members/imports/${id}`)).body
    const errors = (await client.get(`/api/v1/members/imports/${id}/errors?limit=5`)).body
    throw new Error(`commit failed: ${response.statusCode} ${response.body}\njob: ${job}\nerrors: ${errors}`)
  }
  return waitForJob(client, id)
}

/** Reads an XLSX (first sheet) back into rows of cell values, 0-based columns. */
export async function readXlsx(content: Buffer): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(content as unknown as ArrayBuffer)
  const sheet = workbook.worksheets[0]
  const rows: unknown[][] = []
  sheet?.eachRow((row) => {
    rows.push((row.values as unknown[]).slice(1))
  })
  return rows
}
