import { randomInt } from 'node:crypto'
import type { Problem } from '@liendoan/contracts'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { todayInVietnam } from '../src/lib/dates.js'
import { PassThrough } from 'node:stream'
import ExcelJS from 'exceljs'
import { EXPORT_HEADERS } from '../src/modules/members/sheets/member-export.js'
import { XlsxStreamWriter } from '../src/modules/members/sheets/xlsx-writer.js'
import { type Client, type CreatedUnion, type TestContext, createTestApp, createTree, createUnion, loginAs } from './helpers/app.js'
import { type CreatedMember, createMember } from './helpers/members.js'
import { XLSX_TYPE, importFile, readXlsx } from './helpers/sheets.js'

let ctx: TestContext
let tree: Awaited<ReturnType<typeof createTree>>
let officer: Client
let viewer: Client
let lan: CreatedMember
let left: CreatedMember
let elsewhere: CreatedMember

beforeAll(async () => {
  ctx = await createTestApp()
  tree = await createTree(ctx)
  officer = await loginAs(ctx, 'federation_officer', tree.districtA)
  viewer = await loginAs(ctx, 'viewer', tree.districtA)
  lan = await createMember(ctx, tree.grassrootsA1, { fullName: 'Nguyễn Thị Lan Anh', gender: 'female', dateOfBirth: '1990-05-17', admittedOn: '2015-03-01', cardNumber: `XK${randomInt(1e9)}` })
  await createMember(ctx, tree.grassrootsA2, { fullName: 'Trần Văn Bình', gender: 'male', admittedOn: '2021-06-15' })
  left = await createMember(ctx, tree.grassrootsA1, { fullName: 'Lê Thị Cúc', gender: 'female', admittedOn: '2018-01-10' })
  await ctx.db.execute(sql`UPDATE members SET status = 'left', status_date = '2024-01-01', status_reason = 'Nghỉ việc' WHERE id = ${left.id}`)
  await createMember(ctx, tree.grassrootsA1, { fullName: '=HYPERLINK("http://x")', gender: 'male' })
  elsewhere = await createMember(ctx, tree.grassrootsB1, { fullName: 'Phạm Văn Dũng' })
})
afterAll(async () => {
  await ctx.close()
})

const today = () => todayInVietnam().replaceAll('-', '')

async function exportXlsx(client: Client, query = '') {
  const response = await client.get(`/api/v1/members/export${query ? `?${query}` : ''}`)
  expect(response.statusCode, response.body).toBe(200)
  const rows = await readXlsx(response.rawPayload)
  return { response, header: rows[0], rows: rows.slice(1) }
}

async function exportCsv(client: Client, query = '') {
  const response = await client.get(`/api/v1/members/export?format=csv${query ? `&${query}` : ''}`)
  expect(response.statusCode, response.body).toBe(200)
  return response
}

const namesOf = (rows: unknown[][]) => rows.map((row) => row[0])

describe('export', () => {
  it('streams the scope as XLSX with Vietnamese headers and masked personal fields', async () => {
    const { response, header, rows } = await exportXlsx(officer)
    expect(response.headers['content-type']).toBe(XLSX_TYPE)
    expect(response.headers['content-disposition']).toBe(`attachment; filename="doan-vien-${today()}.xlsx"`)
    expect(header).toEqual(EXPORT_HEADERS)
    expect(namesOf(rows)).toEqual(expect.arrayContaining(['Nguyễn Thị Lan Anh', 'Trần Văn Bình', 'Lê Thị Cúc']))
    expect(namesOf(rows)).not.toContain('Phạm Văn Dũng')
    const lanRow = rows.find((row) => row[0] === 'Nguyễn Thị Lan Anh')!
    expect(lanRow[1]).toEqual(new Date(Date.UTC(1990, 4, 17)))
    expect(lanRow[2]).toBe('Nữ')
    expect(lanRow[3]).toBe(`********${lan.citizenId.slice(-4)}`)
    expect(String(lanRow[4])).toMatch(/^09\*{6}\d{2}$/)
    expect(lanRow[7]).toEqual(new Date(Date.UTC(2015, 2, 1)))
    expect(lanRow.slice(9)).toEqual([tree.grassrootsA1.code, 'Đang sinh hoạt', tree.grassrootsA1.name, 'Có thẻ'])
    expect(rows.find((row) => row[0] === 'Lê Thị Cúc')?.[10]).toBe('Đã thôi sinh hoạt')
    expect(JSON.stringify(rows)).not.toContain(lan.citizenId)
  })

  it('reveals personal fields to a role allowed to, and audits it with the filter and row count', async () => {
    const { rows } = await exportXlsx(officer, `unionId=${tree.grassrootsA1.id}&reveal=citizenId,phone`)
    const lanRow = rows.find((row) => row[0] === 'Nguyễn Thị Lan Anh')!
    expect(lanRow[3]).toBe(lan.citizenId)
    expect(lanRow[4]).toBe(lan.phone)
    const audit = await ctx.db.execute(sql`
      SELECT after FROM audit_events WHERE action = 'member.export_reveal' AND actor_user_id = ${officer.user.id}`)
    const events = (audit as unknown as { rows: { after: Record<string, unknown> }[] }).rows
    expect(events).toHaveLength(1)
    expect(events[0]?.after).toMatchObject({ format: 'xlsx', revealed: ['citizenId', 'phone'], filters: { unionId: tree.grassrootsA1.id }, rowCount: rows.length })
  })

  it('refuses a reveal to a viewer (403) and records nothing', async () => {
    const response = await viewer.get('/api/v1/members/export?reveal=citizenId')
    expect(response.statusCode).toBe(403)
    expect(response.json<Problem>().code).toBe('forbidden')
    const audit = await ctx.db.execute(sql`SELECT count(*)::int AS count FROM audit_events WHERE actor_user_id = ${viewer.user.id}`)
    expect((audit as unknown as { rows: { count: number }[] }).rows[0]?.count).toBe(0)
    expect((await viewer.get(`/api/v1/members/export?citizenId=${lan.citizenId}`)).statusCode).toBe(403)
    // Masked, a viewer may export.
    expect((await viewer.get('/api/v1/members/export')).statusCode).toBe(200)
  })

  it('writes CSV in UTF-8 with a BOM, dates as dd/mm/yyyy, formulas defused', async () => {
    const response = await exportCsv(officer, `unionId=${tree.grassrootsA1.id}`)
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8')
    expect(response.headers['content-disposition']).toBe(`attachment; filename="doan-vien-${today()}.csv"`)
    const text = response.rawPayload.toString('utf8')
    expect(text.startsWith('\uFEFF')).toBe(true)
    const lines = text.slice(1).trimEnd().split('\r\n')
    expect(lines[0]).toBe(EXPORT_HEADERS.join(','))
    const lanLine = lines.find((line) => line.startsWith('Nguyễn Thị Lan Anh,'))
    expect(lanLine).toContain(',17/05/1990,Nữ,********')
    expect(lanLine).toContain(',01/03/2015,')
    expect(lines).toContain(lines.find((line) => line.startsWith(`"'=HYPERLINK(""http://x"")"`)))
    expect(lines).toHaveLength(1 + 3)
  })

  it('applies the list filters', async () => {
    expect(namesOf((await exportXlsx(officer, `unionId=${tree.grassrootsA2.id}`)).rows)).toEqual(['Trần Văn Bình'])
    expect(namesOf((await exportXlsx(officer, 'status=left')).rows)).toEqual(['Lê Thị Cúc'])
    expect(namesOf((await exportXlsx(officer, 'gender=male&status=active')).rows).sort()).toEqual(['=HYPERLINK("http://x")', 'Trần Văn Bình'].sort())
    expect(namesOf((await exportXlsx(officer, `q=${encodeURIComponent('nguyen thi lan')}`)).rows)).toEqual(['Nguyễn Thị Lan Anh'])
    expect(namesOf((await exportXlsx(officer, 'admittedFrom=2021-01-01&admittedTo=2021-12-31')).rows)).toEqual(['Trần Văn Bình'])
    expect(namesOf((await exportXlsx(officer, 'cardStatus=active')).rows)).toEqual(['Nguyễn Thị Lan Anh'])
    expect(namesOf((await exportXlsx(officer, `under=${tree.grassrootsA2.id}`)).rows)).toEqual(['Trần Văn Bình'])
    expect(namesOf((await exportXlsx(officer, `citizenId=${lan.citizenId}`)).rows)).toEqual(['Nguyễn Thị Lan Anh'])
  })

  it('exports nothing for a union outside the scope, like the list; 400 for a bad filter', async () => {
    // The same filters as the member list, which answers an empty page for an `under` outside the scope.
    expect((await exportXlsx(officer, `under=${tree.grassrootsB1.id}`)).rows).toEqual([])
    expect((await exportXlsx(officer, `unionId=${elsewhere.unionId}`)).rows).toEqual([])
    expect((await officer.get('/api/v1/members/export?format=pdf')).statusCode).toBe(400)
    expect((await officer.get('/api/v1/members/export?status=gone')).statusCode).toBe(400)
  })

  it('reads past one batch in order, every member once', async () => {
    const union: CreatedUnion = await createUnion(ctx, { parent: tree.districtB, name: 'CĐCS đông đoàn viên' })
    const base = randomInt(100_000_000, 800_000_000)
    await ctx.db.execute(sql`
      INSERT INTO members (id, union_id, full_name, date_of_birth, gender, citizen_id, admitted_on)
      SELECT gen_random_uuid(), ${union.id}, 'Đoàn viên ' || lpad(i::text, 5, '0'), '1990-01-01', 'male',
             '079' || lpad((${base} + i)::text, 9, '0'), '2015-01-01'
      FROM generate_series(1, 2345) AS i`)
    const reader = await loginAs(ctx, 'viewer', union)
    const response = await exportCsv(reader)
    const lines = response.rawPayload.toString('utf8').slice(1).trimEnd().split('\r\n').slice(1)
    expect(lines).toHaveLength(2345)
    const names = lines.map((line) => line.split(',')[0])
    expect(new Set(names).size).toBe(2345)
    expect(names).toEqual([...names].sort())
  })

  it('exports a file that imports back as the same members', async () => {
    const exported = await officer.get(`/api/v1/members/export?unionId=${tree.grassrootsA1.id}&reveal=citizenId,phone`)
    const job = await importFile(officer, { name: 'xuat.xlsx', content: exported.rawPayload, type: XLSX_TYPE }, { unionId: tree.grassrootsA1.id })
    expect(job).toMatchObject({ status: 'validated', newRows: 0, existingRows: 3 })
  })

  it('writes valid workbooks: markup escaped, control characters dropped, long tables split over sheets', async () => {
    const output = new PassThrough()
    const chunks: Buffer[] = []
    output.on('data', (chunk: Buffer) => chunks.push(chunk))
    const ended = new Promise((resolve) => output.on('end', resolve))
    const writer = new XlsxStreamWriter(output, { name: 'Đoàn viên', headers: ['Tên', 'Ngày'], widths: [20, 12], maxRowsPerSheet: 2 })
    await writer.addRows([
      ['A <b> & "c"', new Date(Date.UTC(2020, 1, 29))],
      ['B\u0001\u0007 end ', null],
      ['C', new Date(Date.UTC(1990, 0, 1))],
    ])
    await writer.finish()
    output.end()
    await ended
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer)
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Đoàn viên', 'Đoàn viên 2'])
    const values = workbook.worksheets.map((sheet) => sheet.getSheetValues().slice(1).map((row) => (row as unknown[]).slice(1)))
    expect(values[0]).toEqual([['Tên', 'Ngày'], ['A <b> & "c"', new Date(Date.UTC(2020, 1, 29))], ['B end ']])
    expect(values[1]).toEqual([['Tên', 'Ngày'], ['C', new Date(Date.UTC(1990, 0, 1))]])
  })
})
