import { randomBytes } from 'node:crypto'
import { createRequire } from 'node:module'
import { rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { ImportJob, ImportRowError, PageOf, Problem } from '@liendoan/contracts'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { v7 as uuidv7 } from 'uuid'
import { memberImportJobs } from '../src/db/schema/index.js'
import { todayInVietnam } from '../src/lib/dates.js'
import { EXPIRED, validateImportFile } from '../src/modules/members/sheets/member-import.js'
import { validateRow } from '../src/modules/members/sheets/member-row-validation.js'
import { type Client, type TestContext, createTestApp, createTree, createUnion, loginAs } from './helpers/app.js'
import { createMember, newCitizenId } from './helpers/members.js'
import {
  type Cell,
  HEADERS,
  XLSX_TYPE,
  commitJob,
  csvOf,
  importFile,
  memberRow,
  readXlsx,
  uploadSheet,
  waitForJob,
  xlsxOf,
} from './helpers/sheets.js'

/** Small enough that an oversized file is cheap to build. */
const MAX_BYTES = 512 * 1024

let ctx: TestContext
let tree: Awaited<ReturnType<typeof createTree>>
let officer: Client
let districtOfficer: Client

beforeAll(async () => {
  ctx = await createTestApp({ MEMBER_IMPORT_MAX_BYTES: String(MAX_BYTES) })
  tree = await createTree(ctx)
  officer = await loginAs(ctx, 'union_officer', tree.grassrootsA1)
  districtOfficer = await loginAs(ctx, 'federation_officer', tree.districtA)
})
afterAll(async () => {
  await ctx.close()
})

/* ---------- helpers ---------- */

const newCard = () => `TK${randomBytes(5).toString('hex').toUpperCase()}`

async function errorsOf(client: Client, jobId: string, headers?: Record<string, string>): Promise<ImportRowError[]> {
  const items: ImportRowError[] = []
  let cursor: string | null = null
  do {
    const response = await client.get(`/api/v1/members/imports/${jobId}/errors?limit=500${cursor ? `&cursor=${cursor}` : ''}`, headers)
    expect(response.statusCode, response.body).toBe(200)
    const page = response.json<PageOf<ImportRowError>>()
    items.push(...page.items)
    cursor = page.nextCursor
  } while (cursor)
  return items
}

const codes = (errors: ImportRowError[]) => errors.map((error) => [error.row, error.column, error.code])

interface MemberRecord {
  id: string
  union_id: string
  full_name: string
  date_of_birth: string
  gender: string
  citizen_id: string
  phone: string | null
  admitted_on: string
  card_number: string | null
  card_status: string
  card_issued_on: string | null
}

async function membersByCitizenIds(citizenIds: string[]): Promise<MemberRecord[]> {
  const result = await ctx.db.execute(sql`
    SELECT id, union_id, full_name, to_char(date_of_birth, 'YYYY-MM-DD') AS date_of_birth, gender, citizen_id, phone,
           to_char(admitted_on, 'YYYY-MM-DD') AS admitted_on, card_number, card_status,
           to_char(card_issued_on, 'YYYY-MM-DD') AS card_issued_on
    FROM members WHERE citizen_id = ANY(${`{${citizenIds.join(',')}}`}::text[]) ORDER BY citizen_id`)
  return (result as unknown as { rows: MemberRecord[] }).rows
}

async function countWhere(query: ReturnType<typeof sql>): Promise<number> {
  const result = await ctx.db.execute(query)
  return Number((result as unknown as { rows: { count: number }[] }).rows[0]?.count ?? 0)
}

/** A valid sheet of `n` new people for union `code` (or the default union when code is null). */
function peopleRows(n: number, unionCode: string | null = null): { rows: Cell[][]; citizenIds: string[] } {
  const citizenIds = Array.from({ length: n }, () => newCitizenId())
  const rows = citizenIds.map((citizenId, index) =>
    memberRow({ fullName: `Trần Thị Thử ${index + 1}`, citizenId, gender: index % 2 ? 'Nam' : 'Nữ', unionCode }),
  )
  return { rows: [HEADERS, ...rows], citizenIds }
}

const xlsxFile = async (rows: Cell[][], name = 'danh-sach.xlsx') => ({ name, content: await xlsxOf(rows), type: XLSX_TYPE })

/* ---------- template ---------- */

describe('template', () => {
  it('is an XLSX whose first sheet holds the Vietnamese headers only', async () => {
    const response = await officer.get('/api/v1/members/imports/template')
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toContain('spreadsheetml')
    expect(response.headers['content-disposition']).toBe('attachment; filename="mau-nhap-doan-vien.xlsx"')
    const rows = await readXlsx(response.rawPayload)
    expect(rows).toEqual([HEADERS])
  })

  it('as CSV is the header line with a BOM', async () => {
    const response = await officer.get('/api/v1/members/imports/template?format=csv')
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-disposition']).toBe('attachment; filename="mau-nhap-doan-vien.csv"')
    expect(response.body).toBe(`\uFEFF${HEADERS.join(',')}\r\n`)
  })

  it('imports untouched as an empty file, not as data', async () => {
    const template = await officer.get('/api/v1/members/imports/template')
    const job = await importFile(officer, { name: 'mau-nhap-doan-vien.xlsx', content: template.rawPayload }, { unionId: tree.grassrootsA1.id })
    expect(job.status).toBe('invalid')
    expect(codes(await errorsOf(officer, job.id))).toEqual([[1, null, 'empty_file']])
  })
})

/* ---------- dry run ---------- */

describe('reading sheets', () => {
  it('decodes a Vietnamese character split across two chunks of the sheet (patched exceljs)', async () => {
    // exceljs decoded each chunk of a zip entry on its own: a "ữ" whose bytes straddled two chunks
    // became U+FFFD (seen on 4 rows of a 100,000-row import). patches/exceljs@4.4.0.patch fixes it.
    const parseSax = createRequire(import.meta.url)('exceljs/lib/utils/parse-sax.js') as (
      chunks: Iterable<Buffer>,
    ) => AsyncIterable<{ eventType: string; value: unknown }[]>
    const xml = Buffer.from('<c><is><t>Nữ Nguyễn Thị Hương</t></is></c>')
    const inside = xml.indexOf(Buffer.from('ữ')) + 1
    const texts: unknown[] = []
    for await (const events of parseSax([xml.subarray(0, inside), xml.subarray(inside)])) {
      texts.push(...events.filter((event) => event.eventType === 'text').map((event) => event.value))
    }
    expect(texts.join('')).toBe('Nữ Nguyễn Thị Hương')
  })

  it('refuses a name with damaged characters instead of storing it', () => {
    const check = validateRow(
      { fullName: 'Nguy\uFFFDn Thị Hoa', dateOfBirth: '17/05/1990', gender: 'Nữ', citizenId: newCitizenId(), admittedOn: '01/03/2015' },
      todayInVietnam(),
    )
    expect(check.values).toBeNull()
    expect(check.issues).toEqual([expect.objectContaining({ column: 'Họ và tên', code: 'text_damaged' })])
  })
})

describe('dry run', () => {
  it('validates a good file, counts its rows and reports progress', async () => {
    const { rows } = peopleRows(25)
    const response = await uploadSheet(officer, await xlsxFile(rows), { unionId: tree.grassrootsA1.id })
    expect(response.statusCode, response.body).toBe(202)
    const accepted = response.json<ImportJob>()
    expect(response.headers.location).toBe(`/api/v1/members/imports/${accepted.id}`)
    expect(accepted).toMatchObject({ status: 'validating', fileName: 'danh-sach.xlsx', format: 'xlsx', defaultUnion: { id: tree.grassrootsA1.id } })
    const job = await waitForJob(officer, accepted.id)
    expect(job).toMatchObject({ status: 'validated', totalRows: 25, processedRows: 25, errorCount: 0, newRows: 25, existingRows: 0 })
    expect(job.validatedAt).not.toBeNull()
  })

  it('refuses wrong or missing headers on row 1 and validates nothing else', async () => {
    const headers = ['Họ tên', 'Ngày kết nạp', 'GIOI TINH', 'so cccd', 'Ghi chú']
    const job = await importFile(officer, await xlsxFile([headers, ['Nguyễn Văn A', '01/01/2015', 'Nam', newCitizenId(), 'x']]), {
      unionId: tree.grassrootsA1.id,
    })
    expect(job.status).toBe('invalid')
    expect(codes(await errorsOf(officer, job.id))).toEqual([
      [1, 'Họ tên', 'header_unknown'],
      [1, 'Ghi chú', 'header_unknown'],
      [1, 'Họ và tên', 'header_missing'],
      [1, 'Ngày sinh', 'header_missing'],
    ])
  })

  it('matches headers without case or diacritics, in any order', async () => {
    const citizenId = newCitizenId()
    const headers = ['HO VA TEN', 'so cccd', 'Ngay Sinh', 'gioi tinh', 'ngày kết nạp']
    const job = await importFile(officer, await xlsxFile([headers, ['Lê Văn Bình', citizenId, '02/03/1985', 'nam', '04/05/2010']]), {
      unionId: tree.grassrootsA1.id,
    })
    expect(job).toMatchObject({ status: 'validated', newRows: 1 })
  })

  it('reports an empty file', async () => {
    const headerOnly = await importFile(officer, await xlsxFile([HEADERS]), { unionId: tree.grassrootsA1.id })
    expect(headerOnly.status).toBe('invalid')
    expect(codes(await errorsOf(officer, headerOnly.id))).toEqual([[1, null, 'empty_file']])

    const nothing = await importFile(officer, { name: 'trong.csv', content: Buffer.alloc(0), type: 'text/csv' }, { unionId: tree.grassrootsA1.id })
    expect(nothing.status).toBe('invalid')
    expect(codes(await errorsOf(officer, nothing.id))).toEqual([[1, null, 'empty_file']])
  })

  it('checks every field of every row and names row and column in Vietnamese', async () => {
    const rows: Cell[][] = [
      HEADERS,
      memberRow({ fullName: null, citizenId: newCitizenId() }),
      memberRow({ dateOfBirth: '31/02/2020', citizenId: newCitizenId() }),
      memberRow({ dateOfBirth: '01/01/2015', citizenId: newCitizenId() }),
      memberRow({ dateOfBirth: '01/01/1900', citizenId: newCitizenId() }),
      memberRow({ admittedOn: '01/01/2000', dateOfBirth: '01/01/1990', citizenId: newCitizenId() }),
      memberRow({ admittedOn: '01/01/2999', citizenId: newCitizenId() }),
      memberRow({ gender: 'Khác', citizenId: newCitizenId() }),
      memberRow({ citizenId: '12345' }),
      memberRow({ citizenId: '999123456789' }),
      memberRow({ phone: '12345', citizenId: newCitizenId() }),
      memberRow({ cardNumber: 'x!', citizenId: newCitizenId() }),
      memberRow({ unionCode: 'KHONG-CO-MA', citizenId: newCitizenId() }),
    ]
    const job = await importFile(officer, await xlsxFile(rows), { unionId: tree.grassrootsA1.id })
    expect(job).toMatchObject({ status: 'invalid', totalRows: 12, errorCount: 13, newRows: 0 })
    const errors = await errorsOf(officer, job.id)
    expect(codes(errors)).toEqual([
      [2, 'Họ và tên', 'required'],
      [3, 'Ngày sinh', 'date_invalid'],
      [4, 'Ngày sinh', 'birth_date_implausible'],
      [4, 'Ngày kết nạp', 'admitted_before_birth'],
      [5, 'Ngày sinh', 'birth_date_implausible'],
      [6, 'Ngày kết nạp', 'admitted_before_birth'],
      [7, 'Ngày kết nạp', 'future_date'],
      [8, 'Giới tính', 'gender_invalid'],
      [9, 'Số CCCD', 'citizen_id_format'],
      [10, 'Số CCCD', 'citizen_id_province'],
      [11, 'Số điện thoại', 'phone_invalid'],
      [12, 'Số thẻ đoàn viên', 'pattern'],
      [13, 'Mã công đoàn cơ sở', 'union_unknown'],
    ])
    expect(errors[1]).toMatchObject({ value: '31/02/2020', message: 'Ngày không hợp lệ (dùng dd/mm/yyyy)' })
    expect(errors[7]?.message).toBe('Giới tính phải là Nam hoặc Nữ')

    const english = await errorsOf(officer, job.id, { 'accept-language': 'en' })
    expect(english[7]?.message).toBe('Gender must be Nam or Nữ')
  })

  it('pages through errors with a cursor bound to the job', async () => {
    const rows: Cell[][] = [HEADERS, ...Array.from({ length: 7 }, () => memberRow({ gender: '?', citizenId: newCitizenId() }))]
    const job = await importFile(officer, await xlsxFile(rows), { unionId: tree.grassrootsA1.id })
    const first = (await officer.get(`/api/v1/members/imports/${job.id}/errors?limit=3`)).json<PageOf<ImportRowError>>()
    expect(first.items.map((error) => error.row)).toEqual([2, 3, 4])
    const second = (await officer.get(`/api/v1/members/imports/${job.id}/errors?limit=3&cursor=${first.nextCursor}`)).json<PageOf<ImportRowError>>()
    expect(second.items.map((error) => error.row)).toEqual([5, 6, 7])

    const other = await importFile(officer, await xlsxFile(rows), { unionId: tree.grassrootsA1.id })
    const foreign = await officer.get(`/api/v1/members/imports/${other.id}/errors?cursor=${first.nextCursor}`)
    expect(foreign.statusCode).toBe(400)
    expect((await officer.get(`/api/v1/members/imports/${job.id}/errors?cursor=bm9wZQ`)).statusCode).toBe(400)
  })

  it('reads Excel date cells, serial numbers and the usual text forms of dates', async () => {
    const ids = Array.from({ length: 6 }, () => newCitizenId())
    const rows: Cell[][] = [
      HEADERS,
      memberRow({ citizenId: ids[0]!, dateOfBirth: new Date(Date.UTC(1990, 4, 7)), admittedOn: new Date(Date.UTC(2015, 2, 1)) }),
      memberRow({ citizenId: ids[1]!, dateOfBirth: 33000, admittedOn: 42064 }),
      memberRow({ citizenId: ids[2]!, dateOfBirth: '7/5/1990', admittedOn: '1/3/2015' }),
      memberRow({ citizenId: ids[3]!, dateOfBirth: '1990-05-07', admittedOn: '2015-03-01' }),
      memberRow({ citizenId: ids[4]!, dateOfBirth: '07.05.1990', admittedOn: '01-03-2015' }),
      memberRow({ citizenId: ids[5]!, dateOfBirth: '29/02/1992', admittedOn: '29/02/2016' }),
    ]
    const content = await xlsxOf(rows, { numFmts: { 2: 'dd/mm/yyyy', 8: 'dd/mm/yyyy' } })
    const job = await importFile(officer, { name: 'ngay.xlsx', content }, { unionId: tree.grassrootsA1.id })
    expect(job.status).toBe('validated')
    const committed = await commitJob(officer, job.id)
    expect(committed).toMatchObject({ status: 'committed', newRows: 6 })
    const stored = await membersByCitizenIds(ids)
    const byId = new Map(stored.map((member) => [member.citizen_id, member]))
    for (const id of ids.slice(0, 5)) {
      expect(byId.get(id)).toMatchObject({ date_of_birth: '1990-05-07', admitted_on: '2015-03-01' })
    }
    expect(byId.get(ids[5]!)).toMatchObject({ date_of_birth: '1992-02-29', admitted_on: '2016-02-29' })
  })

  it('recovers a CCCD that Excel stored as a number, and flags one it cannot', async () => {
    const recoverable = `001${String(Date.now()).slice(-9)}`
    const rows: Cell[][] = [
      HEADERS,
      memberRow({ citizenId: Number(recoverable) }),
      // 99… padded back is 099…, not a province: flagged, never guessed.
      memberRow({ citizenId: 99_123_456_789 }),
      // Scientific notation, as a CSV saved from Excel writes a long number: digits are lost.
      memberRow({ citizenId: '1.23457E+11' }),
    ]
    const job = await importFile(officer, await xlsxFile(rows), { unionId: tree.grassrootsA1.id })
    expect(codes(await errorsOf(officer, job.id))).toEqual([
      [3, 'Số CCCD', 'citizen_id_leading_zero'],
      [4, 'Số CCCD', 'citizen_id_leading_zero'],
    ])

    const good = await importFile(officer, await xlsxFile([HEADERS, memberRow({ citizenId: Number(recoverable) })]), { unionId: tree.grassrootsA1.id })
    expect(good.status).toBe('validated')
    await commitJob(officer, good.id)
    expect((await membersByCitizenIds([recoverable]))[0]?.citizen_id).toBe(recoverable)
  })

  it('flags duplicates inside one file on the later row, naming the first', async () => {
    const citizenId = newCitizenId()
    const card = newCard()
    const rows: Cell[][] = [
      HEADERS,
      memberRow({ citizenId }),
      memberRow({ citizenId: newCitizenId(), cardNumber: card }),
      memberRow({ citizenId, fullName: 'Người trùng CCCD' }),
      memberRow({ citizenId: newCitizenId(), cardNumber: card.toLowerCase() }),
    ]
    const job = await importFile(officer, await xlsxFile(rows), { unionId: tree.grassrootsA1.id })
    const errors = await errorsOf(officer, job.id)
    expect(codes(errors)).toEqual([
      [4, 'Số CCCD', 'duplicate_in_file'],
      [5, 'Số thẻ đoàn viên', 'duplicate_in_file'],
    ])
    expect(errors[0]?.message).toBe('Trùng với dòng 2 trong cùng tệp')
    expect(errors[1]?.message).toBe('Trùng với dòng 3 trong cùng tệp')
  })

  it('leaves a member of the same union alone and refuses one recorded elsewhere', async () => {
    const sameUnion = await createMember(ctx, tree.grassrootsA1)
    const elsewhere = await createMember(ctx, tree.grassrootsB1)
    const card = newCard()
    await createMember(ctx, tree.grassrootsB1, { cardNumber: card })
    const sameByCard = newCard()
    await createMember(ctx, tree.grassrootsA1, { cardNumber: sameByCard })
    const rows: Cell[][] = [
      HEADERS,
      memberRow({ citizenId: sameUnion.citizenId }),
      memberRow({ citizenId: elsewhere.citizenId }),
      memberRow({ citizenId: newCitizenId(), cardNumber: card }),
      memberRow({ citizenId: newCitizenId(), cardNumber: sameByCard }),
      memberRow({ citizenId: newCitizenId() }),
    ]
    const job = await importFile(officer, await xlsxFile(rows), { unionId: tree.grassrootsA1.id })
    expect(job).toMatchObject({ status: 'invalid', existingRows: 2, newRows: 1, errorCount: 2 })
    const errors = await errorsOf(officer, job.id)
    expect(codes(errors)).toEqual([
      [3, 'Số CCCD', 'member_exists_elsewhere'],
      [4, 'Số thẻ đoàn viên', 'card_number_taken'],
    ])
  })

  it('places rows by union code within the scope, else in the default union', async () => {
    const outside = tree.grassrootsB1.code
    const ids = [newCitizenId(), newCitizenId(), newCitizenId()]
    const rows: Cell[][] = [
      HEADERS,
      memberRow({ citizenId: ids[0]!, unionCode: tree.grassrootsA2.code }),
      memberRow({ citizenId: ids[1]!, unionCode: null }),
      memberRow({ citizenId: ids[2]!, unionCode: outside }),
      memberRow({ citizenId: newCitizenId(), unionCode: tree.districtA.code }),
    ]
    const job = await importFile(districtOfficer, await xlsxFile(rows), { unionId: tree.grassrootsA1.id })
    expect(codes(await errorsOf(districtOfficer, job.id))).toEqual([
      [4, 'Mã công đoàn cơ sở', 'union_unknown'],
      [5, 'Mã công đoàn cơ sở', 'union_unknown'],
    ])

    const noDefault = await importFile(districtOfficer, await xlsxFile([HEADERS, memberRow({ citizenId: newCitizenId() })]))
    expect(codes(await errorsOf(districtOfficer, noDefault.id))).toEqual([[2, 'Mã công đoàn cơ sở', 'union_required']])

    const placed = await importFile(districtOfficer, await xlsxFile(rows.slice(0, 3)), { unionId: tree.grassrootsA1.id })
    await commitJob(districtOfficer, placed.id)
    const stored = new Map((await membersByCitizenIds(ids.slice(0, 2))).map((member) => [member.citizen_id, member.union_id]))
    expect(stored.get(ids[0]!)).toBe(tree.grassrootsA2.id)
    expect(stored.get(ids[1]!)).toBe(tree.grassrootsA1.id)
  })

  it('reads CSV: BOM or not, comma or semicolon, 10-digit CCCDs that Excel wrote from numbers', async () => {
    const recoverable = `001${String(Date.now() + 7).slice(-9)}`
    const other = newCitizenId()
    const rows: Cell[][] = [
      HEADERS,
      memberRow({ citizenId: recoverable.slice(2), fullName: 'Phạm Thị Hoa; Nhung' }),
      memberRow({ citizenId: other, phone: '912345678' }),
    ]
    const semicolon = await importFile(officer, { name: 'ds.csv', content: csvOf(rows, { delimiter: ';' }), type: 'text/csv' }, { unionId: tree.grassrootsA1.id })
    expect(semicolon).toMatchObject({ status: 'validated', format: 'csv', newRows: 2 })
    const comma = await importFile(officer, { name: 'ds.csv', content: csvOf(rows, { bom: false }) }, { unionId: tree.grassrootsA1.id })
    expect(comma).toMatchObject({ status: 'validated', newRows: 2 })
    await commitJob(officer, comma.id)
    const stored = await membersByCitizenIds([recoverable, other])
    expect(stored.map((member) => member.citizen_id).sort()).toEqual([recoverable, other].sort())
    expect(stored.find((member) => member.citizen_id === other)?.phone).toBe('0912345678')
    expect(stored.find((member) => member.citizen_id === recoverable)?.full_name).toBe('Phạm Thị Hoa; Nhung')
  })

  it('refuses a CSV that is not UTF-8 with a hint', async () => {
    const latin1 = Buffer.from(`${HEADERS.join(',')}\r\nNguy\xeAn V\xe3n A,01/01/1990,Nam,${newCitizenId()},,,,01/01/2015,,\r\n`, 'latin1')
    const job = await importFile(officer, { name: 'cu.csv', content: latin1 }, { unionId: tree.grassrootsA1.id })
    expect(job.status).toBe('invalid')
    expect(codes(await errorsOf(officer, job.id))).toContainEqual([1, null, 'file_encoding'])
  })

  /** Runs a dry run directly, with lowered caps. */
  async function validateWithLimits(rows: Cell[][], limits: { maxRows: number; maxStoredErrors: number }): Promise<ImportJob> {
    const filePath = path.join(tmpdir(), `liendoan-test-${uuidv7()}.csv`)
    const content = csvOf(rows)
    const jobId = uuidv7()
    const target = { jobId, scopeUnionId: tree.grassrootsA1.id, defaultUnionId: tree.grassrootsA1.id, format: 'csv' as const, fileSize: content.length, filePath }
    try {
      await writeFile(filePath, content)
      await ctx.db.insert(memberImportJobs).values({
        id: jobId,
        scopeUnionId: target.scopeUnionId,
        defaultUnionId: target.defaultUnionId,
        format: 'csv',
        fileSize: content.length,
        status: 'validating',
        fileName: 'dai.csv',
        fileSha256: 'test',
        createdByUserId: officer.user.id,
      })
      await validateImportFile(ctx.db, { ...target, limits }, todayInVietnam(), new AbortController().signal)
    } finally {
      await rm(filePath, { force: true })
    }
    return waitForJob(officer, jobId)
  }

  it('stops at the row cap, and stores errors up to a cap while still counting them', async () => {
    const rows: Cell[][] = [HEADERS, ...Array.from({ length: 9 }, () => memberRow({ gender: '?', citizenId: newCitizenId() }))]
    // Rows 2-8 are read (7 gender errors); row 9 is past the cap.
    const capped = await validateWithLimits(rows, { maxRows: 8, maxStoredErrors: 100 })
    expect(capped).toMatchObject({ status: 'invalid', processedRows: 7, errorCount: 8 })
    expect((await errorsOf(officer, capped.id)).at(-1)).toMatchObject({ row: 9, column: null, code: 'too_many_rows' })

    const truncated = await validateWithLimits(rows, { maxRows: 100, maxStoredErrors: 4 })
    expect(truncated).toMatchObject({ status: 'invalid', processedRows: 9, errorCount: 9 })
    expect(codes(await errorsOf(officer, truncated.id))).toEqual([
      [2, 'Giới tính', 'gender_invalid'],
      [3, 'Giới tính', 'gender_invalid'],
      [4, 'Giới tính', 'gender_invalid'],
      [5, 'Giới tính', 'gender_invalid'],
    ])
  })

  it('reads only the first sheet of a workbook', async () => {
    const content = await xlsxOf([HEADERS, memberRow({ citizenId: newCitizenId() })], { extraSheet: [['Ghi chú'], ['bất kỳ']] })
    const job = await importFile(officer, { name: 'hai-trang.xlsx', content }, { unionId: tree.grassrootsA1.id })
    expect(job).toMatchObject({ status: 'validated', totalRows: 1 })
  })
})

/* ---------- upload refusals ---------- */

describe('upload', () => {
  it('refuses a file over the limit with a clear 413', async () => {
    const big = Buffer.alloc(MAX_BYTES + 10_000, 'a')
    const response = await uploadSheet(officer, { name: 'lon.csv', content: big, type: 'text/csv' }, { unionId: tree.grassrootsA1.id })
    expect(response.statusCode).toBe(413)
    const problem = response.json<Problem>()
    expect(problem).toMatchObject({ code: 'payload_too_large', title: 'Dữ liệu gửi lên quá lớn', detail: 'Tệp vượt quá giới hạn 0,5 MB.' })
  })

  it('refuses a file over the limit even when the length is not announced', async () => {
    const big = Buffer.alloc(MAX_BYTES + 10_000, 'a')
    const { multipartBody } = await import('./helpers/sheets.js')
    const body = multipartBody({ name: 'lon.csv', content: big })
    const { Readable } = await import('node:stream')
    const response = await officer.request({
      method: 'POST',
      url: '/api/v1/members/imports',
      payload: Readable.from([body.payload]),
      headers: { ...body.headers, 'accept-language': 'en' },
    })
    expect(response.statusCode).toBe(413)
    expect(response.json<Problem>().detail).toBe('The file is larger than the 0.5 MB limit.')
  })

  it('refuses what is not a spreadsheet', async () => {
    const pdf = await uploadSheet(officer, { name: 'ds.pdf', content: Buffer.from('%PDF-1.4 ...') })
    expect(pdf.statusCode).toBe(415)
    expect(pdf.json<Problem>().code).toBe('unsupported_media_type')

    const xls = await uploadSheet(officer, { name: 'ds.xls', content: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]) })
    expect(xls.statusCode).toBe(415)
    expect(xls.json<Problem>().detail).toContain('.xls')

    const zip = await uploadSheet(officer, { name: 'ds.xlsx', content: Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 1)]) })
    expect(zip.statusCode).toBe(422)
    expect(zip.json<Problem>().code).toBe('invalid_file')

    const json = await officer.post('/api/v1/members/imports', { file: 'x' })
    expect(json.statusCode).toBe(415)

    const noFile = await uploadSheet(officer, null, { unionId: tree.grassrootsA1.id })
    expect(noFile.statusCode).toBe(400)
    expect(noFile.json<Problem>().errors?.[0]).toMatchObject({ field: 'file', code: 'required' })
  })

  it('marks a corrupt workbook invalid rather than failing', async () => {
    const good = await xlsxOf([HEADERS, memberRow({ citizenId: newCitizenId() })])
    // Keep the zip's directory (so it looks like a workbook) but scramble its contents.
    const corrupt = Buffer.from(good)
    corrupt.fill(0x41, 40, Math.floor(good.length / 2))
    const job = await importFile(officer, { name: 'hong.xlsx', content: corrupt }, { unionId: tree.grassrootsA1.id })
    expect(job.status).toBe('invalid')
    expect(codes(await errorsOf(officer, job.id))).toContainEqual([1, null, 'file_unreadable'])
  })

  it('checks the default union', async () => {
    const file = await xlsxFile(peopleRows(1).rows)
    expect((await uploadSheet(officer, file, { unionId: tree.grassrootsB1.id })).statusCode).toBe(404)
    const district = await uploadSheet(districtOfficer, file, { unionId: tree.districtA.id })
    expect(district.statusCode).toBe(422)
    expect(district.json<Problem>().errors?.[0]).toMatchObject({ field: 'unionId', code: 'grassroots_required' })
    expect((await uploadSheet(officer, file, { unionId: 'not-a-uuid' })).statusCode).toBe(400)
  })

  it('needs the import permission, and shows jobs only to their creator and the scope above', async () => {
    const viewer = await loginAs(ctx, 'viewer', tree.grassrootsA1)
    const file = await xlsxFile(peopleRows(1).rows)
    const refused = await uploadSheet(viewer, file, { unionId: tree.grassrootsA1.id })
    expect(refused.statusCode).toBe(403)

    const job = await importFile(officer, file, { unionId: tree.grassrootsA1.id })
    expect((await districtOfficer.get(`/api/v1/members/imports/${job.id}`)).statusCode).toBe(200)
    const sibling = await loginAs(ctx, 'union_officer', tree.grassrootsA2)
    expect((await sibling.get(`/api/v1/members/imports/${job.id}`)).statusCode).toBe(404)
    expect((await sibling.get(`/api/v1/members/imports/${job.id}/errors`)).statusCode).toBe(404)
    expect((await sibling.post(`/api/v1/members/imports/${job.id}/commit`)).statusCode).toBe(404)
    expect((await viewer.post(`/api/v1/members/imports/${job.id}/commit`)).statusCode).toBe(403)
    const anonymous = await ctx.app.inject({ method: 'GET', url: `/api/v1/members/imports/${job.id}` })
    expect(anonymous.statusCode).toBe(401)
  })
})

/* ---------- expiry ---------- */

describe('expiry', () => {
  it('drops a file validated a day ago and never committed, with the personal data it staged', async () => {
    const { rows } = peopleRows(2)
    const stale = await importFile(officer, await xlsxFile(rows), { unionId: tree.grassrootsA1.id })
    expect(stale.status).toBe('validated')
    expect(await countWhere(sql`SELECT count(*)::int AS count FROM member_import_rows WHERE job_id = ${stale.id}`)).toBe(2)
    await ctx.db.execute(sql`UPDATE member_import_jobs SET updated_at = now() - interval '25 hours' WHERE id = ${stale.id}`)
    // A fresh one, validated a minute ago, keeps its rows.
    const fresh = await importFile(officer, await xlsxFile(peopleRows(1).rows), { unionId: tree.grassrootsA1.id })
    expect(fresh.status).toBe('validated')
    const expired = (await officer.get(`/api/v1/members/imports/${stale.id}`)).json<ImportJob>()
    expect(expired).toMatchObject({ status: 'failed', failure: EXPIRED })
    expect(await countWhere(sql`SELECT count(*)::int AS count FROM member_import_rows WHERE job_id = ${stale.id}`)).toBe(0)
    expect((await officer.post(`/api/v1/members/imports/${stale.id}/commit`)).statusCode).toBe(409)
    expect(await countWhere(sql`SELECT count(*)::int AS count FROM member_import_rows WHERE job_id = ${fresh.id}`)).toBe(1)
    expect((await commitJob(officer, fresh.id)).status).toBe('committed')
  })
})

/* ---------- commit ---------- */

describe('commit', () => {
  it('writes members, memberships, cards, timeline and one audit event', async () => {
    const { rows, citizenIds } = peopleRows(3)
    const card = newCard()
    rows[1] = memberRow({ fullName: 'Đỗ Thị Mai', citizenId: citizenIds[0]!, cardNumber: card, phone: '+84 912 345 678', gender: 'Nữ' })
    const job = await importFile(officer, await xlsxFile(rows), { unionId: tree.grassrootsA1.id })
    const committed = await commitJob(officer, job.id)
    expect(committed).toMatchObject({ status: 'committed', newRows: 3, existingRows: 0 })
    expect(committed.committedAt).not.toBeNull()

    const stored = await membersByCitizenIds(citizenIds)
    expect(stored).toHaveLength(3)
    const mai = stored.find((member) => member.citizen_id === citizenIds[0])
    expect(mai).toMatchObject({
      union_id: tree.grassrootsA1.id,
      full_name: 'Đỗ Thị Mai',
      gender: 'female',
      phone: '0912345678',
      card_number: card,
      card_status: 'active',
      card_issued_on: '2015-03-01',
    })
    const ids = `{${stored.map((member) => member.id).join(',')}}`
    expect(await countWhere(sql`SELECT count(*)::int AS count FROM memberships WHERE member_id = ANY(${ids}::uuid[]) AND ended_on IS NULL`)).toBe(3)
    expect(await countWhere(sql`SELECT count(*)::int AS count FROM membership_cards WHERE member_id = ANY(${ids}::uuid[]) AND card_number = ${card}`)).toBe(1)
    expect(await countWhere(sql`SELECT count(*)::int AS count FROM member_events WHERE member_id = ANY(${ids}::uuid[]) AND kind = 'admitted'`)).toBe(3)
    // v7 ids: version nibble 7.
    expect(stored.every((member) => member.id[14] === '7')).toBe(true)

    const audit = await ctx.db.execute(sql`SELECT after FROM audit_events WHERE entity_id = ${job.id} AND action = 'member.import_commit'`)
    const events = (audit as unknown as { rows: { after: Record<string, unknown> }[] }).rows
    expect(events).toHaveLength(1)
    expect(events[0]?.after).toMatchObject({ created: 3, existing: 0 })
    expect(JSON.stringify(events[0]?.after)).not.toContain(citizenIds[0])
    // Staged personal data goes once committed.
    expect(await countWhere(sql`SELECT count(*)::int AS count FROM member_import_rows WHERE job_id = ${job.id}`)).toBe(0)
  })

  it('refuses to commit an invalid or already committed job', async () => {
    const invalid = await importFile(officer, await xlsxFile([HEADERS, memberRow({ gender: '?' , citizenId: newCitizenId() })]), { unionId: tree.grassrootsA1.id })
    const response = await officer.post(`/api/v1/members/imports/${invalid.id}/commit`)
    expect(response.statusCode).toBe(409)
    expect(response.json<Problem>().code).toBe('invalid_state')

    const job = await importFile(officer, await xlsxFile(peopleRows(1).rows), { unionId: tree.grassrootsA1.id })
    await commitJob(officer, job.id)
    expect((await officer.post(`/api/v1/members/imports/${job.id}/commit`)).statusCode).toBe(409)
  })

  it('imports the same file twice without duplicating anyone', async () => {
    const { rows, citizenIds } = peopleRows(4)
    const file = await xlsxFile(rows)
    const first = await commitJob(officer, (await importFile(officer, file, { unionId: tree.grassrootsA1.id })).id)
    expect(first).toMatchObject({ status: 'committed', newRows: 4 })
    const again = await importFile(officer, file, { unionId: tree.grassrootsA1.id })
    expect(again).toMatchObject({ status: 'validated', newRows: 0, existingRows: 4 })
    const second = await commitJob(officer, again.id)
    expect(second).toMatchObject({ status: 'committed', newRows: 0, existingRows: 4 })
    expect(await membersByCitizenIds(citizenIds)).toHaveLength(4)
  })

  it('takes two imports of the same file at once without duplicates or errors', async () => {
    const { rows, citizenIds } = peopleRows(30)
    const file = await xlsxFile(rows)
    const [a, b] = await Promise.all([uploadSheet(officer, file, { unionId: tree.grassrootsA1.id }), uploadSheet(officer, file, { unionId: tree.grassrootsA1.id })])
    const jobs = await Promise.all([waitForJob(officer, a!.json<ImportJob>().id), waitForJob(officer, b!.json<ImportJob>().id)])
    expect(jobs.map((job) => job.status)).toEqual(['validated', 'validated'])
    const commits = await Promise.all(jobs.map((job) => officer.post(`/api/v1/members/imports/${job.id}/commit`)))
    expect(commits.map((response) => response.statusCode)).toEqual([202, 202])
    const done = await Promise.all(jobs.map((job) => waitForJob(officer, job.id)))
    expect(done.map((job) => job.status)).toEqual(['committed', 'committed'])
    expect(done.map((job) => job.newRows).sort((x, y) => x - y)).toEqual([0, 30])
    expect(done.map((job) => job.existingRows).sort((x, y) => x - y)).toEqual([0, 30])
    expect(await membersByCitizenIds(citizenIds)).toHaveLength(30)
  })

  it('writes nothing when a row conflicts at commit time', async () => {
    const { rows, citizenIds } = peopleRows(5)
    const job = await importFile(officer, await xlsxFile(rows), { unionId: tree.grassrootsA1.id })
    expect(job.status).toBe('validated')
    // Between the dry run and the commit, row 4's person is recorded in another union.
    await createMember(ctx, tree.grassrootsB1, { citizenId: citizenIds[2]! })
    const outcome = await commitJob(officer, job.id)
    expect(outcome).toMatchObject({ status: 'invalid', errorCount: 1 })
    expect(codes(await errorsOf(officer, job.id))).toEqual([[4, 'Số CCCD', 'member_exists_elsewhere']])
    const created = await membersByCitizenIds(citizenIds)
    expect(created.map((member) => member.union_id)).toEqual([tree.grassrootsB1.id])
    expect(await countWhere(sql`SELECT count(*)::int AS count FROM audit_events WHERE entity_id = ${job.id}`)).toBe(0)
    expect((await officer.post(`/api/v1/members/imports/${job.id}/commit`)).statusCode).toBe(409)
  })

  it('writes nothing when the commit fails half-way', async () => {
    const union = await createUnion(ctx, { parent: tree.districtA, name: 'CĐCS hỏng giữa chừng' })
    const { rows, citizenIds } = peopleRows(6, union.code)
    const job = await importFile(districtOfficer, await xlsxFile(rows))
    expect(job.status).toBe('validated')
    // The last insert of the commit (the timeline) fails for this union only: members,
    // memberships and cards were already inserted in the same transaction by then.
    await ctx.db.execute(sql.raw(`
      CREATE OR REPLACE FUNCTION test_fail_import_event() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'simulated failure'; END $$`))
    await ctx.db.execute(
      sql.raw(`CREATE TRIGGER test_fail_import_event_${union.id.replaceAll('-', '')} BEFORE INSERT ON member_events
        FOR EACH ROW WHEN (NEW.union_id = '${union.id}') EXECUTE FUNCTION test_fail_import_event()`),
    )
    try {
      const outcome = await commitJob(districtOfficer, job.id)
      expect(outcome.status).toBe('failed')
      expect(outcome.failure).toBeTruthy()
    } finally {
      await ctx.db.execute(sql.raw(`DROP TRIGGER test_fail_import_event_${union.id.replaceAll('-', '')} ON member_events`))
    }
    expect(await membersByCitizenIds(citizenIds)).toHaveLength(0)
    expect(await countWhere(sql`SELECT count(*)::int AS count FROM memberships WHERE union_id = ${union.id}`)).toBe(0)
    expect(await countWhere(sql`SELECT count(*)::int AS count FROM audit_events WHERE entity_id = ${job.id}`)).toBe(0)
  })
})
