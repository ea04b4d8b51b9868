import type { Member, MemberEvent, MemberPersonalData, PageOf } from '@liendoan/contracts'
import { sql } from 'drizzle-orm'
import { v7 as uuidv7 } from 'uuid'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Client, type TestContext, createTestApp, queryRows, createTree, loginAs } from './helpers/app.js'
import { admissionBody, auditBy, auditOf, markLeft, memberFootprint, positionId } from './helpers/member-records.js'
import { createMember, newCitizenId } from './helpers/members.js'

/** Personal data: masking everywhere, audited reveals, the right of access and erasure. */

let ctx: TestContext
let tree: Awaited<ReturnType<typeof createTree>>
let officer: Client
let viewer: Client

beforeAll(async () => {
  ctx = await createTestApp()
  tree = await createTree(ctx)
  officer = await loginAs(ctx, 'federation_officer', tree.root)
  viewer = await loginAs(ctx, 'viewer', tree.root)
})
afterAll(async () => {
  await ctx.close()
})

const rows = <T>(query: ReturnType<typeof sql>) => queryRows<T>(ctx, query)

const MASKED_CITIZEN_ID = /^\*{8}\d{4}$/
const MASKED_PHONE = /^0\d\*{6}\d{2}$/

function expectMasked(member: Member) {
  expect(member.citizenId).toMatch(MASKED_CITIZEN_ID)
  if (member.phone !== null) expect(member.phone).toMatch(MASKED_PHONE)
  expect(member.revealed).toEqual([])
}

describe('masking', () => {
  it('masks the CCCD and phone in every response and every audit entry of a member’s life', async () => {
    const citizenId = newCitizenId()
    const created = await officer.post('/api/v1/members', admissionBody(tree.grassrootsA1, { citizenId, phone: '0912345678' }))
    expect(created.statusCode).toBe(201)
    const member = created.json<Member>()
    expectMasked(member)
    const secrets = [citizenId, '0912345678']

    const newCitizen = newCitizenId()
    const updated = await officer.patch(`/api/v1/members/${member.id}`, { citizenId: newCitizen, phone: '0387654321' }, { 'if-match': '"1"' })
    expect(updated.statusCode).toBe(200)
    expectMasked(updated.json<Member>())
    secrets.push(newCitizen, '0387654321')

    const carded = await officer.post(`/api/v1/members/${member.id}/cards`, { kind: 'issue', issuedOn: '2022-01-01' })
    expect(carded.statusCode).toBe(201)
    const left = await officer.post(`/api/v1/members/${member.id}/status`, { status: 'left', effectiveDate: '2023-01-01', reason: 'Nghỉ việc' })
    expectMasked(left.json<Member>())
    const back = await officer.post(`/api/v1/members/${member.id}/readmission`, { unionId: tree.grassrootsA2.id, admittedOn: '2024-01-01' })
    expectMasked(back.json<Member>())

    const detail = await officer.get(`/api/v1/members/${member.id}`)
    expectMasked(detail.json<Member>())
    const list = await officer.get(`/api/v1/members?unionId=${tree.grassrootsA2.id}&limit=500`)
    const listed = list.json<PageOf<Member>>().items
    listed.forEach(expectMasked)
    const timeline = await officer.get(`/api/v1/members/${member.id}/timeline`)
    const cards = await officer.get(`/api/v1/members/${member.id}/cards`)

    for (const response of [created, updated, carded, left, back, detail, list, timeline, cards]) {
      for (const secret of secrets) expect(response.body).not.toContain(secret)
    }
    const audit = await auditOf(ctx, member.id)
    expect(audit.map((entry) => entry.action)).toEqual(['member.create', 'member.update', 'member.card_issue', 'member.status', 'member.readmit'])
    const auditText = JSON.stringify(audit)
    for (const secret of secrets) expect(auditText).not.toContain(secret)
    expect(auditText).toContain(`********${newCitizen.slice(-4)}`)
    const events = await rows(sql`SELECT details FROM member_events WHERE member_id = ${member.id}`)
    for (const secret of secrets) expect(JSON.stringify(events)).not.toContain(secret)
  })
})

describe('reveal', () => {
  it('shows personal fields to a role allowed to see them, and audits each look', async () => {
    const member = await createMember(ctx, tree.grassrootsA1)
    const response = await officer.get(`/api/v1/members/${member.id}?reveal=citizenId,phone`)
    expect(response.statusCode).toBe(200)
    expect(response.json<Member>()).toMatchObject({ citizenId: member.citizenId, phone: member.phone, revealed: ['citizenId', 'phone'] })
    const onlyPhone = await officer.get(`/api/v1/members/${member.id}?reveal=phone`)
    expect(onlyPhone.json<Member>()).toMatchObject({ citizenId: `********${member.citizenId.slice(-4)}`, phone: member.phone, revealed: ['phone'] })
    const audit = await auditOf(ctx, member.id)
    expect(audit).toMatchObject([
      { action: 'member.reveal', actor_user_id: officer.user.id, union_id: tree.grassrootsA1.id, after: { fields: ['citizenId', 'phone'] } },
      { action: 'member.reveal', after: { fields: ['phone'] } },
    ])
    expect(JSON.stringify(audit)).not.toContain(member.citizenId)
  })

  it('refuses a reveal without the permission and reveals nothing', async () => {
    const member = await createMember(ctx, tree.grassrootsA1)
    const before = await memberFootprint(ctx, member.id)
    for (const url of [`/api/v1/members/${member.id}?reveal=citizenId`, `/api/v1/members?reveal=phone&unionId=${tree.grassrootsA1.id}`, `/api/v1/members?citizenId=${member.citizenId}`]) {
      const response = await viewer.get(url)
      expect(response.statusCode).toBe(403)
      expect(response.body).not.toContain(member.citizenId)
      expect(response.body).not.toContain(member.phone)
    }
    const personal = await viewer.get(`/api/v1/members/${member.id}/personal-data`)
    expect(personal.statusCode).toBe(403)
    expect(await memberFootprint(ctx, member.id)).toEqual(before)
    expect(await auditBy(ctx, viewer.user.id)).toEqual([])
  })

  it('audits a list reveal once per member shown', async () => {
    const union = tree.grassrootsB1
    const shown = [await createMember(ctx, union, { fullName: 'Bùi Văn An' }), await createMember(ctx, union, { fullName: 'Bùi Văn Ba' })]
    const reader = await loginAs(ctx, 'union_officer', tree.districtB)
    const response = await reader.get(`/api/v1/members?unionId=${union.id}&reveal=citizenId`)
    expect(response.statusCode).toBe(200)
    const items = response.json<PageOf<Member>>().items
    expect(items.map((item) => item.citizenId)).toEqual(shown.map((member) => member.citizenId))
    expect(items.every((item) => item.phone?.includes('*'))).toBe(true)
    const audit = await auditBy(ctx, reader.user.id)
    expect(audit.map((entry) => [entry.action, entry.entity_id, entry.after])).toEqual(
      shown.map((member) => ['member.reveal', member.id, { fields: ['citizenId'] }]),
    )
  })

  it('lets a permitted role look a member up by full CCCD, audited with the number masked; q never matches a CCCD', async () => {
    const member = await createMember(ctx, tree.grassrootsA2)
    const reader = await loginAs(ctx, 'union_officer', tree.districtA)
    const response = await reader.get(`/api/v1/members?citizenId=${member.citizenId}`)
    expect(response.json<PageOf<Member>>().items.map((item) => item.id)).toEqual([member.id])
    expect(response.body).not.toContain(member.citizenId)
    const audit = await auditBy(ctx, reader.user.id)
    expect(audit).toEqual([
      expect.objectContaining({ action: 'member.lookup_citizen_id', entity_id: member.id, after: { citizenId: `********${member.citizenId.slice(-4)}`, found: 1 } }),
    ])
    const byQ = await reader.get(`/api/v1/members?q=${member.citizenId}`)
    expect(byQ.json<PageOf<Member>>().items).toEqual([])
    const byPartialQ = await reader.get(`/api/v1/members?q=${member.citizenId.slice(3, 10)}`)
    expect(byPartialQ.json<PageOf<Member>>().items).toEqual([])
  })
})

describe('the right of access', () => {
  it('exports everything held on a member as one unmasked document, audited', async () => {
    const member = await createMember(ctx, tree.grassrootsA1, { fullName: 'Ngô Thị Quỳnh', admittedOn: '2019-01-01' })
    await officer.post(`/api/v1/members/${member.id}/cards`, { kind: 'issue', issuedOn: '2019-02-01', cardNumber: `PD${uuidv7().slice(-8).toUpperCase()}` })
    await ctx.db.execute(sql`INSERT INTO officer_terms (id, union_id, member_id, position_id, single_holder, started_on, ended_on, term_label, employment)
      VALUES (${uuidv7()}, ${tree.grassrootsA1.id}, ${member.id}, ${await positionId(ctx, 'executive_member')}, false, '2020-01-01', '2023-01-01', '2018–2023', 'part_time')`)
    await ctx.db.execute(sql`INSERT INTO member_transfers (id, member_id, from_union_id, to_union_id, kind, status, effective_date, reason, requested_by_user_id, decided_at)
      VALUES (${uuidv7()}, ${member.id}, ${tree.grassrootsA1.id}, ${tree.grassrootsB1.id}, 'request', 'rejected', '2022-01-01', 'Chuyển công tác', ${officer.user.id}, now())`)

    const response = await officer.get(`/api/v1/members/${member.id}/personal-data`)
    expect(response.statusCode).toBe(200)
    const document = response.json<MemberPersonalData>()
    expect(document.member).toMatchObject({ id: member.id, fullName: 'Ngô Thị Quỳnh', citizenId: member.citizenId, phone: member.phone, revealed: ['citizenId', 'phone'] })
    expect(document.memberships).toEqual([{ union: { id: tree.grassrootsA1.id, code: tree.grassrootsA1.code, name: tree.grassrootsA1.name }, startedOn: '2019-01-01', endedOn: null, endReason: null }])
    expect(document.cards).toMatchObject([{ kind: 'issue', issuedOn: '2019-02-01', status: 'active' }])
    expect(document.transfers).toMatchObject([
      { memberName: 'Ngô Thị Quỳnh', fromUnion: { id: tree.grassrootsA1.id }, toUnion: { id: tree.grassrootsB1.id }, status: 'rejected', reason: 'Chuyển công tác', requestedByName: 'Người dùng federation_officer' },
    ])
    expect(document.officerTerms).toEqual([
      { union: { id: tree.grassrootsA1.id, code: tree.grassrootsA1.code, name: tree.grassrootsA1.name }, positionName: 'Ủy viên Ban Chấp hành', startedOn: '2020-01-01', endedOn: '2023-01-01', termLabel: '2018–2023' },
    ])
    expect(document.events.map((event: MemberEvent) => event.kind)).toEqual(['card_issued'])
    expect((await auditOf(ctx, member.id)).at(-1)).toMatchObject({ action: 'member.personal_data_export', actor_user_id: officer.user.id })
    expect(JSON.stringify(await auditOf(ctx, member.id))).not.toContain(member.citizenId)
  })
})

describe('erasure', () => {
  const erase = (c: Client, id: string) => c.post(`/api/v1/members/${id}/erasure`, { requestedOn: '2024-05-01', reason: 'Đoàn viên yêu cầu xóa dữ liệu cá nhân' })

  it('refuses while the member is active, holds a position or has a pending transfer', async () => {
    const active = await createMember(ctx, tree.grassrootsA1)
    const activeResponse = await erase(officer, active.id)
    expect(activeResponse.statusCode).toBe(409)
    expect(activeResponse.json().code).toBe('invalid_state')

    const officerMember = await createMember(ctx, tree.grassrootsA1)
    await ctx.db.execute(sql`INSERT INTO officer_terms (id, union_id, member_id, position_id, single_holder, started_on, employment)
      VALUES (${uuidv7()}, ${tree.grassrootsA1.id}, ${officerMember.id}, ${await positionId(ctx, 'vice_chair')}, false, '2022-01-01', 'part_time')`)
    await markLeft(ctx, officerMember.id)
    const positionResponse = await erase(officer, officerMember.id)
    expect(positionResponse.statusCode).toBe(409)

    const moving = await createMember(ctx, tree.grassrootsA1)
    await markLeft(ctx, moving.id)
    await ctx.db.execute(sql`INSERT INTO member_transfers (id, member_id, from_union_id, to_union_id, kind, status, effective_date)
      VALUES (${uuidv7()}, ${moving.id}, ${tree.grassrootsA1.id}, ${tree.grassrootsB1.id}, 'request', 'pending', '2024-01-01')`)
    const before = await memberFootprint(ctx, moving.id)
    expect((await erase(officer, moving.id)).statusCode).toBe(409)
    expect(await memberFootprint(ctx, moving.id)).toEqual(before)
  })

  it('anonymises in place: counts, union, status and age band stay; nothing personal is left or logged', async () => {
    const cardNumber = `ER${uuidv7().slice(-8).toUpperCase()}`
    const member = await createMember(ctx, tree.grassrootsA2, { fullName: 'Đinh Thị Xuân', dateOfBirth: '1979-11-23', gender: 'female', admittedOn: '2005-04-01', cardNumber })
    await ctx.db.execute(sql`UPDATE members SET ethnicity = 'Tày', occupation = 'Giáo viên' WHERE id = ${member.id}`)
    await markLeft(ctx, member.id, '2023-07-01')
    const unionOfficer = await loginAs(ctx, 'union_officer', tree.grassrootsA2)
    expect((await erase(unionOfficer, member.id)).statusCode).toBe(403)

    const response = await erase(officer, member.id)
    expect(response.statusCode).toBe(200)
    expect(response.json<Member>()).toMatchObject({
      fullName: 'Đoàn viên đã ẩn danh',
      citizenId: null,
      phone: null,
      ethnicity: null,
      occupation: null,
      dateOfBirth: '1979-07-01',
      gender: 'female',
      union: { id: tree.grassrootsA2.id },
      admittedOn: '2005-04-01',
      status: 'left',
      statusDate: '2023-07-01',
      erased: true,
    })
    const [stored] = await rows<Record<string, unknown>>(sql`SELECT full_name, citizen_id, phone, erased_at IS NOT NULL AS erased FROM members WHERE id = ${member.id}`)
    expect(stored).toEqual({ full_name: 'Đoàn viên đã ẩn danh', citizen_id: null, phone: null, erased: true })
    expect(await rows(sql`SELECT count(*)::int AS n FROM memberships WHERE member_id = ${member.id}`)).toEqual([{ n: 1 }])

    const timeline = (await officer.get(`/api/v1/members/${member.id}/timeline`)).json<PageOf<MemberEvent>>()
    expect(timeline.items[0]).toMatchObject({ kind: 'erased', details: { requestedOn: '2024-05-01' } })
    const audit = (await auditOf(ctx, member.id)).at(-1)
    expect(audit).toMatchObject({ action: 'member.erase', before: null })
    for (const secret of ['Đinh Thị Xuân', member.citizenId, member.phone!, '1979-11-23', 'Tày', 'Giáo viên']) {
      expect(JSON.stringify(audit)).not.toContain(secret)
    }

    const listed = await officer.get(`/api/v1/members?unionId=${tree.grassrootsA2.id}&status=left&limit=500`)
    expect(listed.json<PageOf<Member>>().items.map((item) => item.id)).toContain(member.id)
    expect((await officer.get(`/api/v1/members?q=${encodeURIComponent('dinh thi xuan')}`)).json<PageOf<Member>>().items).toEqual([])
    expect((await officer.get(`/api/v1/members?q=xua`)).json<PageOf<Member>>().items).toEqual([])
    // The word index holds the anonymised name only.
    expect(await rows(sql`SELECT suffix FROM member_name_suffixes WHERE member_id = ${member.id} ORDER BY suffix`)).toEqual([
      { suffix: 'an danh' },
      { suffix: 'da an danh' },
      { suffix: 'danh' },
      { suffix: 'vien da an danh' },
    ])
    const revealed = await officer.get(`/api/v1/members/${member.id}?reveal=citizenId,phone`)
    expect(revealed.json<Member>()).toMatchObject({ citizenId: null, phone: null, revealed: [] })

    const before = await memberFootprint(ctx, member.id)
    expect((await erase(officer, member.id)).statusCode).toBe(409)
    expect((await officer.patch(`/api/v1/members/${member.id}`, { fullName: 'Đinh Thị Xuân' }, { 'if-match': '"3"' })).statusCode).toBe(409)
    expect((await officer.post(`/api/v1/members/${member.id}/readmission`, { unionId: tree.grassrootsA2.id, admittedOn: '2024-06-01' })).statusCode).toBe(409)
    expect(await memberFootprint(ctx, member.id)).toEqual(before)

    // The person may join again later: the CCCD is free.
    const again = await officer.post('/api/v1/members', admissionBody(tree.grassrootsA2, { citizenId: member.citizenId, fullName: 'Đinh Thị Xuân', dateOfBirth: '1979-11-23' }))
    expect(again.statusCode).toBe(201)
  })
})
