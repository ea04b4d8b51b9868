import type { Member, MemberEvent, PageOf, Problem } from '@liendoan/contracts'
import { sql } from 'drizzle-orm'
import { v7 as uuidv7 } from 'uuid'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { todayInVietnam } from '../src/lib/dates.js'
import { yearsBefore } from '../src/modules/members/member-rules.js'
import { type Client, type TestContext, createTestApp, queryRows, createTree, createUnion, loginAs } from './helpers/app.js'
import { admissionBody, auditOf, markLeft, memberFootprint, positionId } from './helpers/member-records.js'
import { createMember, newCitizenId } from './helpers/members.js'

/** Admission, validation, duplicates, edits, status and re-admission, timeline, search, filters and paging. */

let ctx: TestContext
let tree: Awaited<ReturnType<typeof createTree>>
let officer: Client

beforeAll(async () => {
  ctx = await createTestApp()
  tree = await createTree(ctx)
  officer = await loginAs(ctx, 'federation_officer', tree.root)
})
afterAll(async () => {
  await ctx.close()
})

const rows = <T>(query: ReturnType<typeof sql>) => queryRows<T>(ctx, query)

async function read(id: string, c: Client = officer) {
  const response = await c.get(`/api/v1/members/${id}`)
  expect(response.statusCode).toBe(200)
  return { member: response.json<Member>(), etag: String(response.headers.etag) }
}

const fieldCodes = (body: Problem) => (body.errors ?? []).map((error) => `${error.field}:${error.code}`)

describe('admission', () => {
  it('admits a member into a grassroots union, masked, with a membership, an event and an audit entry', async () => {
    const body = admissionBody(tree.grassrootsA1, { fullName: '  Lê   Thị Hồng ', phone: '+84 912 345 678' })
    const response = await officer.post('/api/v1/members', body)
    expect(response.statusCode).toBe(201)
    const member = response.json<Member>()
    expect(response.headers.location).toBe(`/api/v1/members/${member.id}`)
    expect(response.headers.etag).toBe('"1"')
    expect(member).toMatchObject({
      union: { id: tree.grassrootsA1.id, name: tree.grassrootsA1.name },
      fullName: 'Lê Thị Hồng',
      citizenId: `********${body.citizenId.slice(-4)}`,
      phone: '09******78',
      revealed: [],
      status: 'active',
      admittedOn: body.admittedOn,
      cardStatus: 'none',
      cardNumber: null,
      erased: false,
    })
    const [stored] = await rows<{ phone: string; citizen_id: string; union_path: string }>(
      sql`SELECT phone, citizen_id, union_path FROM members WHERE id = ${member.id}`,
    )
    expect(stored).toEqual({ phone: '0912345678', citizen_id: body.citizenId, union_path: tree.grassrootsA1.path })
    const memberships = await rows(sql`SELECT union_id, started_on::text, ended_on FROM memberships WHERE member_id = ${member.id}`)
    expect(memberships).toEqual([{ union_id: tree.grassrootsA1.id, started_on: body.admittedOn, ended_on: null }])
    const timeline = (await officer.get(`/api/v1/members/${member.id}/timeline`)).json<PageOf<MemberEvent>>()
    expect(timeline.items.map((event) => event.kind)).toEqual(['admitted'])
    expect(timeline.items[0]).toMatchObject({ occurredOn: body.admittedOn, union: { id: tree.grassrootsA1.id }, actorName: 'Người dùng federation_officer' })
    const audit = await auditOf(ctx, member.id)
    expect(audit.map((entry) => entry.action)).toEqual(['member.create'])
    expect(audit[0]).toMatchObject({ union_id: tree.grassrootsA1.id, actor_user_id: officer.user.id })
    expect(JSON.stringify(audit)).not.toContain(body.citizenId)
    expect(JSON.stringify(audit)).not.toContain('0912345678')
  })

  it('records a card already issued on paper', async () => {
    const cardNumber = `PT-${uuidv7().slice(-8).toUpperCase()}`
    const response = await officer.post('/api/v1/members', admissionBody(tree.grassrootsA1, { cardNumber, cardIssuedOn: '2021-07-01' }))
    expect(response.statusCode).toBe(201)
    const member = response.json<Member>()
    expect(member).toMatchObject({ cardNumber, cardIssuedOn: '2021-07-01', cardStatus: 'active', version: 2 })
    const cards = (await officer.get(`/api/v1/members/${member.id}/cards`)).json<{ items: { cardNumber: string; kind: string; status: string }[] }>()
    expect(cards.items).toMatchObject([{ cardNumber, kind: 'issue', status: 'active' }])
    expect((await auditOf(ctx, member.id)).map((entry) => entry.action)).toEqual(['member.create'])
  })

  it('admits only into a grassroots union of the scope', async () => {
    const district = await officer.post('/api/v1/members', admissionBody(tree.districtA))
    expect(district.statusCode).toBe(422)
    expect(fieldCodes(district.json())).toEqual(['/unionId:grassroots_required'])
    const districtOfficer = await loginAs(ctx, 'federation_officer', tree.districtA)
    expect((await districtOfficer.post('/api/v1/members', admissionBody(tree.grassrootsB1))).statusCode).toBe(404)
    expect((await officer.post('/api/v1/members', admissionBody({ id: uuidv7() }))).statusCode).toBe(404)
  })

  describe('validation', () => {
    it('refuses a CCCD whose first three digits are not a province, in Vietnamese by default', async () => {
      const response = await officer.post('/api/v1/members', admissionBody(tree.grassrootsA1, { citizenId: '003123456789' }))
      expect(response.statusCode).toBe(422)
      expect(response.headers['content-type']).toContain('application/problem+json')
      const body = response.json<Problem>()
      expect(body.code).toBe('validation_failed')
      expect(body.errors).toEqual([{ field: '/citizenId', code: 'citizen_id_province', message: 'Ba số đầu của CCCD không phải mã tỉnh, thành phố hợp lệ' }])
    })

    it('answers in English when asked', async () => {
      const response = await officer.post('/api/v1/members', admissionBody(tree.grassrootsA1, { citizenId: '003123456789' }), { 'accept-language': 'en' })
      expect(response.json<Problem>().errors?.[0]?.message).toBe('The first three digits of the citizen ID are not a province code')
    })

    it('says a CCCD of 11 digits is too short, and takes one typed in groups', async () => {
      const response = await officer.post('/api/v1/members', admissionBody(tree.grassrootsA1, { citizenId: '00112345678' }))
      expect(response.statusCode).toBe(422)
      const body = response.json<Problem>()
      expect(body.code).toBe('validation_failed')
      expect(body.errors).toEqual([{ field: '/citizenId', code: 'citizen_id_format', message: 'Số CCCD phải gồm đúng 12 chữ số' }])
      const letters = await officer.post('/api/v1/members', admissionBody(tree.grassrootsA1, { citizenId: '001A23456789' }))
      expect(letters.statusCode).toBe(400)
      const grouped = newCitizenId()
      const spaced = `${grouped.slice(0, 3)} ${grouped.slice(3, 6)} ${grouped.slice(6)}`
      const admitted = await officer.post('/api/v1/members', admissionBody(tree.grassrootsA1, { citizenId: spaced }))
      expect(admitted.statusCode).toBe(201)
      const revealed = await officer.get(`/api/v1/members/${admitted.json<{ id: string }>().id}?reveal=citizenId`)
      expect(revealed.json<{ citizenId: string }>().citizenId).toBe(grouped)
    })

    it('refuses a phone number that is not Vietnamese', async () => {
      const response = await officer.post('/api/v1/members', admissionBody(tree.grassrootsA1, { phone: '0123 456 789' }))
      expect(response.statusCode).toBe(422)
      expect(response.json<Problem>().errors).toEqual([{ field: '/phone', code: 'phone_invalid', message: 'Số điện thoại Việt Nam không hợp lệ' }])
    })

    it('refuses implausible dates of birth and admission', async () => {
      const today = todayInVietnam()
      const child = await officer.post('/api/v1/members', admissionBody(tree.grassrootsA1, { dateOfBirth: yearsBefore(today, 12), admittedOn: today }))
      expect(child.statusCode).toBe(422)
      expect(child.json<Problem>().errors).toEqual([
        { field: '/dateOfBirth', code: 'birth_date_implausible', params: { min: 15, max: 100 }, message: 'Ngày sinh không hợp lý: tuổi phải từ 15 đến 100' },
        { field: '/admittedOn', code: 'admitted_before_birth', message: 'Ngày kết nạp phải sau ngày sinh ít nhất 15 năm' },
      ])
      const old = await officer.post('/api/v1/members', admissionBody(tree.grassrootsA1, { dateOfBirth: '1900-01-01', admittedOn: '1950-01-01' }))
      expect(fieldCodes(old.json())).toEqual(['/dateOfBirth:birth_date_implausible'])
      const future = await officer.post('/api/v1/members', admissionBody(tree.grassrootsA1, { admittedOn: '2999-01-01' }))
      expect(fieldCodes(future.json())).toEqual(['/admittedOn:future_date'])
      const young = await officer.post('/api/v1/members', admissionBody(tree.grassrootsA1, { dateOfBirth: '2000-05-01', admittedOn: '2015-04-30' }))
      expect(fieldCodes(young.json())).toEqual(['/admittedOn:admitted_before_birth'])
      const cardFirst = await officer.post('/api/v1/members', admissionBody(tree.grassrootsA1, { cardNumber: 'PT-EARLY-1', cardIssuedOn: '2020-01-01' }))
      expect(fieldCodes(cardFirst.json())).toEqual(['/cardIssuedOn:card_before_admission'])
      const numberless = await officer.post('/api/v1/members', admissionBody(tree.grassrootsA1, { cardIssuedOn: '2022-01-01' }))
      expect(fieldCodes(numberless.json())).toEqual(['/cardNumber:required'])
    })

    it('names every invalid field at once', async () => {
      const response = await officer.post('/api/v1/members', admissionBody(tree.grassrootsA1, { citizenId: '999123456789', phone: '12', dateOfBirth: '2020-01-01' }))
      expect(response.statusCode).toBe(400)
      const both = await officer.post('/api/v1/members', admissionBody(tree.grassrootsA1, { citizenId: '999123456789', phone: '0123456789' }))
      expect(fieldCodes(both.json())).toEqual(['/citizenId:citizen_id_province', '/phone:phone_invalid'])
    })
  })

  describe('a citizen ID already recorded', () => {
    it('names the other member when the actor may see them', async () => {
      const existing = await createMember(ctx, tree.grassrootsA2, { fullName: 'Phạm Thị Thu' })
      const response = await officer.post('/api/v1/members', admissionBody(tree.grassrootsA1, { citizenId: existing.citizenId }))
      expect(response.statusCode).toBe(409)
      const body = response.json<Problem>()
      expect(body.code).toBe('duplicate')
      expect(body.detail).toContain('Phạm Thị Thu')
      expect(body.detail).toContain(tree.grassrootsA2.name)
      expect(body.errors).toEqual([expect.objectContaining({ field: '/citizenId', code: 'unique', params: { memberId: existing.id, unionId: tree.grassrootsA2.id } })])
    })

    it('says nothing of where the other record lives when it is out of scope', async () => {
      const other = await createMember(ctx, tree.grassrootsB1, { fullName: 'Hoàng Văn Kiên' })
      const districtOfficer = await loginAs(ctx, 'union_officer', tree.districtA)
      const response = await districtOfficer.post('/api/v1/members', admissionBody(tree.grassrootsA1, { citizenId: other.citizenId }))
      expect(response.statusCode).toBe(409)
      const text = response.body
      for (const secret of [tree.grassrootsB1.name, tree.grassrootsB1.id, tree.grassrootsB1.code, tree.districtB.name, tree.districtB.id, other.id, 'Hoàng Văn Kiên', other.citizenId]) {
        expect(text).not.toContain(secret)
      }
      expect(response.json<Problem>().errors).toEqual([
        { field: '/citizenId', code: 'member_exists_elsewhere', message: 'Đoàn viên có số CCCD này đã thuộc một công đoàn khác' },
      ])
    })

    it('lets exactly one of two simultaneous admissions with the same CCCD through', async () => {
      const citizenId = newCitizenId()
      const responses = await Promise.all([
        officer.post('/api/v1/members', admissionBody(tree.grassrootsA1, { citizenId })),
        officer.post('/api/v1/members', admissionBody(tree.grassrootsA2, { citizenId })),
      ])
      expect(responses.map((response) => response.statusCode).sort()).toEqual([201, 409])
      const conflict = responses.find((response) => response.statusCode === 409)!
      expect(conflict.json<Problem>().errors?.[0]?.field).toBe('/citizenId')
      expect(await rows(sql`SELECT id FROM members WHERE citizen_id = ${citizenId}`)).toHaveLength(1)
    })
  })
})

describe('updates', () => {
  it('needs If-Match: 428 without it, 412 when stale, the new ETag on success', async () => {
    const created = await createMember(ctx, tree.grassrootsA1)
    const before = await memberFootprint(ctx, created.id)
    const missing = await officer.patch(`/api/v1/members/${created.id}`, { occupation: 'Kế toán' })
    expect(missing.statusCode).toBe(428)
    const stale = await officer.patch(`/api/v1/members/${created.id}`, { occupation: 'Kế toán' }, { 'if-match': '"7"' })
    expect(stale.statusCode).toBe(412)
    expect(await memberFootprint(ctx, created.id)).toEqual(before)
    const { etag } = await read(created.id)
    const response = await officer.patch(`/api/v1/members/${created.id}`, { occupation: 'Kế toán', phone: '0388 123 456' }, { 'if-match': etag })
    expect(response.statusCode).toBe(200)
    expect(response.headers.etag).toBe('"2"')
    expect(response.json<Member>()).toMatchObject({ occupation: 'Kế toán', phone: '03******56', version: 2 })
    const again = await officer.patch(`/api/v1/members/${created.id}`, { occupation: 'Thủ quỹ' }, { 'if-match': etag })
    expect(again.statusCode).toBe(412)
    const timeline = (await officer.get(`/api/v1/members/${created.id}/timeline`)).json<PageOf<MemberEvent>>()
    expect(timeline.items[0]).toMatchObject({ kind: 'updated', details: { fields: ['phone', 'occupation'] } })
    const audit = await auditOf(ctx, created.id)
    expect(audit.at(-1)).toMatchObject({ action: 'member.update', after: { occupation: 'Kế toán', phone: '03******56' } })
    expect(JSON.stringify(audit)).not.toContain('0388123456')
    expect(JSON.stringify(audit)).not.toContain(created.phone)
  })

  it('keeps a changed citizen ID valid and unique', async () => {
    const created = await createMember(ctx, tree.grassrootsA1)
    const other = await createMember(ctx, tree.grassrootsA2)
    const headers = { 'if-match': '"1"' }
    const taken = await officer.patch(`/api/v1/members/${created.id}`, { citizenId: other.citizenId }, headers)
    expect(taken.statusCode).toBe(409)
    expect(taken.json<Problem>().errors?.[0]).toMatchObject({ field: '/citizenId', code: 'unique' })
    const invalid = await officer.patch(`/api/v1/members/${created.id}`, { citizenId: '100123456789' }, headers)
    expect(invalid.statusCode).toBe(422)
    const same = await officer.patch(`/api/v1/members/${created.id}`, { citizenId: created.citizenId }, headers)
    expect(same.statusCode).toBe(200)
  })

  it('moves the admission date with the membership it opened, within its bounds', async () => {
    const created = await createMember(ctx, tree.grassrootsA1, { admittedOn: '2020-03-01', dateOfBirth: '1990-01-01' })
    const earlier = await officer.patch(`/api/v1/members/${created.id}`, { admittedOn: '2019-11-20' }, { 'if-match': '"1"' })
    expect(earlier.statusCode).toBe(200)
    expect(await rows(sql`SELECT started_on::text FROM memberships WHERE member_id = ${created.id}`)).toEqual([{ started_on: '2019-11-20' }])
    const tooYoung = await officer.patch(`/api/v1/members/${created.id}`, { dateOfBirth: '2008-01-01' }, { 'if-match': '"2"' })
    expect(fieldCodes(tooYoung.json())).toContain('/admittedOn:admitted_before_birth')
    await markLeft(ctx, created.id, '2022-05-01')
    const afterLeaving = await officer.patch(`/api/v1/members/${created.id}`, { admittedOn: '2022-06-01' }, { 'if-match': '"2"' })
    expect(fieldCodes(afterLeaving.json())).toEqual(['/admittedOn:date_order'])
  })
})

describe('status and re-admission', () => {
  it('records a member leaving: the membership closes, cards stay, only from active', async () => {
    const created = await createMember(ctx, tree.grassrootsA1, { cardNumber: `ST-${uuidv7().slice(-8).toUpperCase()}` })
    const future = await officer.post(`/api/v1/members/${created.id}/status`, { status: 'left', effectiveDate: '2999-01-01', reason: 'Nghỉ việc' })
    expect(fieldCodes(future.json())).toEqual(['/effectiveDate:future_date'])
    const early = await officer.post(`/api/v1/members/${created.id}/status`, { status: 'left', effectiveDate: '2019-01-01', reason: 'Nghỉ việc' })
    expect(fieldCodes(early.json())).toEqual(['/effectiveDate:before_membership_start'])
    const response = await officer.post(`/api/v1/members/${created.id}/status`, { status: 'left', effectiveDate: '2024-02-01', reason: 'Nghỉ việc' })
    expect(response.statusCode).toBe(200)
    expect(response.json<Member>()).toMatchObject({ status: 'left', statusDate: '2024-02-01', statusReason: 'Nghỉ việc', cardStatus: 'active' })
    expect(await rows(sql`SELECT ended_on::text, end_reason FROM memberships WHERE member_id = ${created.id}`)).toEqual([
      { ended_on: '2024-02-01', end_reason: 'left' },
    ])
    const again = await officer.post(`/api/v1/members/${created.id}/status`, { status: 'deceased', effectiveDate: '2024-03-01', reason: 'Qua đời' })
    expect(again.statusCode).toBe(409)
    expect(again.json<Problem>().code).toBe('invalid_state')
    const timeline = (await officer.get(`/api/v1/members/${created.id}/timeline`)).json<PageOf<MemberEvent>>()
    expect(timeline.items[0]).toMatchObject({ kind: 'status_changed', occurredOn: '2024-02-01', details: { from: 'active', to: 'left', reason: 'Nghỉ việc' } })
    expect((await auditOf(ctx, created.id)).map((entry) => entry.action)).toEqual(['member.status'])
  })

  it('refuses a status change while a transfer request is pending', async () => {
    const created = await createMember(ctx, tree.grassrootsA1)
    await ctx.db.execute(sql`INSERT INTO member_transfers (id, member_id, from_union_id, to_union_id, kind, status, effective_date)
      VALUES (${uuidv7()}, ${created.id}, ${tree.grassrootsA1.id}, ${tree.grassrootsB1.id}, 'request', 'pending', '2024-01-01')`)
    const response = await officer.post(`/api/v1/members/${created.id}/status`, { status: 'left', effectiveDate: '2024-02-01', reason: 'Nghỉ việc' })
    expect(response.statusCode).toBe(409)
  })

  it('re-admits a member who left into a union of the scope, keeping the history', async () => {
    const created = await createMember(ctx, tree.grassrootsA1, { admittedOn: '2018-01-01' })
    const active = await officer.post(`/api/v1/members/${created.id}/readmission`, { unionId: tree.grassrootsA2.id, admittedOn: '2024-01-01' })
    expect(active.statusCode).toBe(409)
    await markLeft(ctx, created.id, '2023-01-10')
    const beforeLeaving = await officer.post(`/api/v1/members/${created.id}/readmission`, { unionId: tree.grassrootsA2.id, admittedOn: '2022-12-01' })
    expect(fieldCodes(beforeLeaving.json())).toEqual(['/admittedOn:before_status_date'])
    const notGrassroots = await officer.post(`/api/v1/members/${created.id}/readmission`, { unionId: tree.districtA.id, admittedOn: '2024-01-01' })
    expect(notGrassroots.statusCode).toBe(422)
    const districtOfficer = await loginAs(ctx, 'union_officer', tree.districtA)
    const outside = await districtOfficer.post(`/api/v1/members/${created.id}/readmission`, { unionId: tree.grassrootsB1.id, admittedOn: '2024-01-01' })
    expect(outside.statusCode).toBe(404)

    const response = await officer.post(`/api/v1/members/${created.id}/readmission`, { unionId: tree.grassrootsA2.id, admittedOn: '2024-01-01', reason: 'Trở lại làm việc' })
    expect(response.statusCode).toBe(200)
    expect(response.json<Member>()).toMatchObject({
      union: { id: tree.grassrootsA2.id },
      status: 'active',
      admittedOn: '2024-01-01',
      statusDate: '2024-01-01',
      statusReason: 'Trở lại làm việc',
    })
    const memberships = await rows(sql`SELECT union_id, started_on::text, ended_on::text FROM memberships WHERE member_id = ${created.id} ORDER BY started_on`)
    expect(memberships).toEqual([
      { union_id: tree.grassrootsA1.id, started_on: '2018-01-01', ended_on: '2023-01-10' },
      { union_id: tree.grassrootsA2.id, started_on: '2024-01-01', ended_on: null },
    ])
    const [stored] = await rows<{ union_path: string }>(sql`SELECT union_path FROM members WHERE id = ${created.id}`)
    expect(stored?.union_path).toBe(tree.grassrootsA2.path)
    const timeline = (await officer.get(`/api/v1/members/${created.id}/timeline`)).json<PageOf<MemberEvent>>()
    expect(timeline.items[0]).toMatchObject({ kind: 'readmitted', union: { id: tree.grassrootsA2.id }, details: { previousStatus: 'left', previousUnionId: tree.grassrootsA1.id } })
    expect((await auditOf(ctx, created.id)).at(-1)).toMatchObject({ action: 'member.readmit', after: { unionId: tree.grassrootsA2.id, status: 'active' } })
  })
})

describe('timeline', () => {
  it('pages newest first with a cursor', async () => {
    const created = await createMember(ctx, tree.grassrootsA1)
    for (const occupation of ['Thợ may', 'Tổ trưởng', 'Quản đốc']) {
      const { etag } = await read(created.id)
      expect((await officer.patch(`/api/v1/members/${created.id}`, { occupation }, { 'if-match': etag })).statusCode).toBe(200)
    }
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const response = await officer.get(`/api/v1/members/${created.id}/timeline?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      expect(response.statusCode).toBe(200)
      const page = response.json<PageOf<MemberEvent>>()
      seen.push(...page.items.map((event) => event.id))
      cursor = page.nextCursor
    } while (cursor)
    expect(seen).toHaveLength(3)
    expect(new Set(seen).size).toBe(3)
    const all = (await officer.get(`/api/v1/members/${created.id}/timeline`)).json<PageOf<MemberEvent>>()
    expect(all.items.map((event) => event.id)).toEqual(seen)
    expect((await officer.get(`/api/v1/members/${created.id}/timeline?cursor=bad`)).statusCode).toBe(400)
  })
})

describe('search and filters', () => {
  let searchTree: Awaited<ReturnType<typeof createTree>>
  let reader: Client
  const today = todayInVietnam()
  const ids: Record<string, string> = {}
  // Unique per run: files may share one PostgreSQL across runs.
  const cardNumber = `DVS${uuidv7().replace(/-/g, '').slice(-10).toUpperCase()}`

  beforeAll(async () => {
    searchTree = await createTree(ctx)
    reader = await loginAs(ctx, 'viewer', searchTree.root)
    const { grassrootsA1, grassrootsA2, grassrootsB1 } = searchTree
    ids.lanAnh = (await createMember(ctx, grassrootsA1, { fullName: 'Nguyễn Thị Lan Anh', gender: 'female', dateOfBirth: yearsBefore(today, 30), admittedOn: '2015-05-01', cardNumber })).id
    ids.lanHuong = (await createMember(ctx, grassrootsA1, { fullName: 'Nguyễn Thị Lan Hương', gender: 'female', dateOfBirth: yearsBefore(today, 45), admittedOn: '2010-01-01' })).id
    ids.duc = (await createMember(ctx, grassrootsA2, { fullName: 'Đặng Minh Đức', gender: 'male', dateOfBirth: yearsBefore(today, 22), admittedOn: '2022-03-01' })).id
    ids.binh = (await createMember(ctx, grassrootsB1, { fullName: 'Trần Văn Bình', gender: 'male', dateOfBirth: yearsBefore(today, 58), admittedOn: '2001-09-01' })).id
    ids.left = (await createMember(ctx, grassrootsB1, { fullName: 'Vũ Thị Mai', gender: 'female', dateOfBirth: yearsBefore(today, 35), admittedOn: '2012-01-01' })).id
    await markLeft(ctx, ids.left, '2023-06-01')
  })

  async function names(query: string, c: Client = reader): Promise<string[]> {
    const response = await c.get(`/api/v1/members?limit=500&${query}`)
    expect(response.statusCode).toBe(200)
    return response.json<PageOf<Member>>().items.map((member) => member.fullName)
  }

  const q = (text: string) => `q=${encodeURIComponent(text)}`

  it('lists only the scope, in name order', async () => {
    expect(await names('')).toEqual(['Đặng Minh Đức', 'Nguyễn Thị Lan Anh', 'Nguyễn Thị Lan Hương', 'Trần Văn Bình', 'Vũ Thị Mai'])
    const districtViewer = await loginAs(ctx, 'viewer', searchTree.districtA)
    expect(await names('', districtViewer)).toEqual(['Đặng Minh Đức', 'Nguyễn Thị Lan Anh', 'Nguyễn Thị Lan Hương'])
  })

  it('finds names without diacritics', async () => {
    expect(await names(q('nguyen thi lan'))).toEqual(['Nguyễn Thị Lan Anh', 'Nguyễn Thị Lan Hương'])
    expect(await names(q('NGUYEN THI LAN ANH'))).toEqual(['Nguyễn Thị Lan Anh'])
    expect(await names(q('dang minh duc'))).toEqual(['Đặng Minh Đức'])
    expect(await names(q('  lan   huong '))).toEqual(['Nguyễn Thị Lan Hương'])
  })

  it('tolerates a small typo when nothing matches exactly', async () => {
    const found = await names(q('nguyen thi lna'))
    expect(found).toContain('Nguyễn Thị Lan Anh')
    expect(found).not.toContain('Trần Văn Bình')
    const response = await reader.get(`/api/v1/members?${q('dang minh dcu')}`)
    expect(response.json<PageOf<Member>>()).toMatchObject({ items: [{ fullName: 'Đặng Minh Đức' }], nextCursor: null })
  })

  it('finds a card number, never a citizen ID, and treats LIKE wildcards as text', async () => {
    expect(await names(q(cardNumber.toLowerCase()))).toEqual(['Nguyễn Thị Lan Anh'])
    const [row] = await rows<{ citizen_id: string }>(sql`SELECT citizen_id FROM members WHERE id = ${ids.lanAnh}`)
    expect(await names(q(row!.citizen_id))).toEqual([])
    expect(await names(q('%'))).toEqual([])
    expect(await names(q('_'))).toEqual([])
  })

  it('filters by subtree, union, status, gender, age, admission date and position', async () => {
    const { districtA, districtB, grassrootsA1 } = searchTree
    expect(await names(`under=${districtA.id}`)).toEqual(['Đặng Minh Đức', 'Nguyễn Thị Lan Anh', 'Nguyễn Thị Lan Hương'])
    expect(await names(`under=${grassrootsA1.id}&${q('lan')}`)).toEqual(['Nguyễn Thị Lan Anh', 'Nguyễn Thị Lan Hương'])
    expect(await names(`unionId=${searchTree.grassrootsB1.id}`)).toEqual(['Trần Văn Bình', 'Vũ Thị Mai'])
    expect(await names('status=left')).toEqual(['Vũ Thị Mai'])
    expect(await names(`status=active&under=${districtB.id}`)).toEqual(['Trần Văn Bình'])
    expect(await names('gender=male')).toEqual(['Đặng Minh Đức', 'Trần Văn Bình'])
    expect(await names('ageMin=30&ageMax=45')).toEqual(['Nguyễn Thị Lan Anh', 'Nguyễn Thị Lan Hương', 'Vũ Thị Mai'])
    expect(await names('ageMax=29')).toEqual(['Đặng Minh Đức'])
    expect(await names('ageMin=58')).toEqual(['Trần Văn Bình'])
    expect(await names('admittedFrom=2012-01-01&admittedTo=2015-05-01')).toEqual(['Nguyễn Thị Lan Anh', 'Vũ Thị Mai'])
    const wrongWay = await reader.get('/api/v1/members?ageMin=50&ageMax=20')
    expect(wrongWay.statusCode).toBe(400)
    expect(fieldCodes(wrongWay.json())).toEqual(['ageMax:range_order'])
    await ctx.db.execute(sql`INSERT INTO officer_terms (id, union_id, member_id, position_id, single_holder, started_on, employment)
      VALUES (${uuidv7()}, ${grassrootsA1.id}, ${ids.lanHuong}, ${await positionId(ctx, 'chairperson')}, true, '2023-01-01', 'part_time'),
             (${uuidv7()}, ${grassrootsA1.id}, ${ids.lanAnh}, ${await positionId(ctx, 'vice_chair')}, false, '2018-01-01', 'part_time')`)
    await ctx.db.execute(sql`UPDATE officer_terms SET ended_on = '2022-12-31' WHERE member_id = ${ids.lanAnh}`)
    expect(await names('position=chairperson')).toEqual(['Nguyễn Thị Lan Hương'])
    expect(await names('position=vice_chair')).toEqual([])
  })

  it('never shows anything outside the scope, whatever the filters say', async () => {
    const districtViewer = await loginAs(ctx, 'viewer', searchTree.districtA)
    expect(await names(`under=${searchTree.districtB.id}`, districtViewer)).toEqual([])
    expect(await names(`unionId=${searchTree.grassrootsB1.id}`, districtViewer)).toEqual([])
    expect(await names(`under=${searchTree.root.id}`, districtViewer)).toEqual(['Đặng Minh Đức', 'Nguyễn Thị Lan Anh', 'Nguyễn Thị Lan Hương'])
    expect(await names(q('tran van binh'), districtViewer)).toEqual([])
    expect(await names(q('tran van bnih'), districtViewer)).toEqual([])
  })

  it('searches the current name after a rename', async () => {
    const union = await createUnion(ctx, { parent: searchTree.districtB })
    const created = await createMember(ctx, union, { fullName: 'Phạm Văn Khoa' })
    // Three letters: no typo-tolerant fallback, so only the exact phases can answer.
    const search = async (term: string) => names(`unionId=${union.id}&${q(term)}`)
    expect(await search('kho')).toEqual(['Phạm Văn Khoa'])
    const editor = await loginAs(ctx, 'federation_officer', searchTree.root)
    const { etag } = await read(created.id, editor)
    const renamed = await editor.patch(`/api/v1/members/${created.id}`, { fullName: 'Phạm Văn Lợi' }, { 'if-match': etag })
    expect(renamed.statusCode).toBe(200)
    expect(await search('kho')).toEqual([])
    expect(await search('loi')).toEqual(['Phạm Văn Lợi'])
    expect(await search('van l')).toEqual(['Phạm Văn Lợi'])
  })

  it('pages with a cursor, without repeats or gaps', async () => {
    const pagingUnion = await createUnion(ctx, { parent: searchTree.districtA })
    for (let i = 0; i < 7; i++) await createMember(ctx, pagingUnion, { fullName: `Nguyễn Văn Trang ${String.fromCharCode(65 + ((i * 3) % 7))}` })
    // Two members with one name: the id breaks the tie.
    await createMember(ctx, pagingUnion, { fullName: 'Nguyễn Văn Trang A' })
    const seen: string[] = []
    let cursor: string | null = null
    let pages = 0
    do {
      const response = await reader.get(`/api/v1/members?unionId=${pagingUnion.id}&limit=3${cursor ? `&cursor=${cursor}` : ''}`)
      const page = response.json<PageOf<Member>>()
      seen.push(...page.items.map((member) => member.fullName))
      cursor = page.nextCursor
      pages++
    } while (cursor)
    expect(pages).toBe(3)
    expect(seen).toEqual(['A', 'A', 'B', 'C', 'D', 'E', 'F', 'G'].map((letter) => `Nguyễn Văn Trang ${letter}`))
    const searched = await reader.get(`/api/v1/members?${q('nguyen van trang')}&limit=5`)
    const first = searched.json<PageOf<Member>>()
    expect(first.items).toHaveLength(5)
    const second = (await reader.get(`/api/v1/members?${q('nguyen van trang')}&limit=5&cursor=${first.nextCursor}`)).json<PageOf<Member>>()
    expect(second).toMatchObject({ nextCursor: null })
    expect(second.items).toHaveLength(3)
    expect((await reader.get('/api/v1/members?cursor=not-a-cursor')).statusCode).toBe(400)
    expect((await reader.get(`/api/v1/members?${q('nguyen van trang')}&cursor=${first.nextCursor?.replace(/.$/, '') ?? ''}x`)).statusCode).toBe(400)
    expect((await reader.get('/api/v1/members?limit=501')).statusCode).toBe(400)
  })
})
