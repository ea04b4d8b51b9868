import type { Member, MemberEvent, MembershipCard, PageOf, Problem } from '@liendoan/contracts'
import { sql } from 'drizzle-orm'
import { v7 as uuidv7 } from 'uuid'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { todayInVietnam } from '../src/lib/dates.js'
import { formatCardNumber } from '../src/modules/members/member-cards.js'
import { yearsBefore } from '../src/modules/members/member-rules.js'
import { type Client, type TestContext, createTestApp, createTree, createUnion, loginAs } from './helpers/app.js'
import { auditOf, markLeft, memberFootprint } from './helpers/member-records.js'
import { createMember, newCitizenId } from './helpers/members.js'

/** Membership cards: numbering, issue, renewal, loss and reissue, and the card filters. */

describe('formatCardNumber', () => {
  it('fills the year and the zero-padded sequence', () => {
    expect(formatCardNumber('DV{yyyy}{seq:7}', '2025-03-14', 42)).toBe('DV20250000042')
    expect(formatCardNumber('HN-{yy}-{seq:5}', '2009-12-31', 7)).toBe('HN-09-00007')
    expect(formatCardNumber('{seq:4}', '2025-01-01', 123)).toBe('0123')
  })

  it('never cuts a sequence longer than its width', () => {
    expect(formatCardNumber('DV{yyyy}{seq:4}', '2025-01-01', 1234567)).toBe('DV20251234567')
    expect(formatCardNumber('DV{seq:4}', '2025-01-01', 12345678901234567890n)).toBe('DV12345678901234567890')
  })
})

let ctx: TestContext
let tree: Awaited<ReturnType<typeof createTree>>
let officer: Client

beforeAll(async () => {
  ctx = await createTestApp()
  tree = await createTree(ctx)
  officer = await loginAs(ctx, 'union_officer', tree.districtA)
})
afterAll(async () => {
  await ctx.close()
})

const unique = (prefix: string) => `${prefix}${uuidv7().replace(/-/g, '').slice(-10).toUpperCase()}`

async function memberRow(id: string): Promise<Pick<Member, 'cardNumber' | 'cardIssuedOn' | 'cardStatus' | 'version'>> {
  const { cardNumber, cardIssuedOn, cardStatus, version } = (await officer.get(`/api/v1/members/${id}`)).json<Member>()
  return { cardNumber, cardIssuedOn, cardStatus, version }
}

async function cardsOf(id: string): Promise<MembershipCard[]> {
  return (await officer.get(`/api/v1/members/${id}/cards`)).json<{ items: MembershipCard[] }>().items
}

const fieldCodes = (body: Problem) => (body.errors ?? []).map((error) => `${error.field}:${error.code}`)

describe('the life of a card', () => {
  it('issues, renews, loses and reissues, keeping every card in the history', async () => {
    const member = await createMember(ctx, tree.grassrootsA1, { admittedOn: '2010-01-01' })

    const issued = await officer.post(`/api/v1/members/${member.id}/cards`, { kind: 'issue', issuedOn: '2012-05-02' })
    expect(issued.statusCode).toBe(201)
    const first = issued.json<MembershipCard>()
    expect(first).toMatchObject({ memberId: member.id, kind: 'issue', issuedOn: '2012-05-02', status: 'active', endedOn: null })
    expect(first.cardNumber).toMatch(/^DV2012\d{7}$/)
    expect(await memberRow(member.id)).toEqual({ cardNumber: first.cardNumber, cardIssuedOn: '2012-05-02', cardStatus: 'active', version: 2 })

    const twice = await officer.post(`/api/v1/members/${member.id}/cards`, { kind: 'issue', issuedOn: '2013-01-01' })
    expect(twice.statusCode).toBe(409)
    expect((await officer.post(`/api/v1/members/${member.id}/cards`, { kind: 'reissue', issuedOn: '2013-01-01' })).statusCode).toBe(409)

    const renewalNumber = unique('RN')
    const renewed = await officer.post(`/api/v1/members/${member.id}/cards`, { kind: 'renewal', issuedOn: '2022-05-02', cardNumber: renewalNumber, reason: 'Thẻ hết hạn' })
    expect(renewed.statusCode).toBe(201)
    expect(renewed.json<MembershipCard>()).toMatchObject({ cardNumber: renewalNumber, kind: 'renewal', status: 'active', reason: 'Thẻ hết hạn' })
    expect(await memberRow(member.id)).toMatchObject({ cardNumber: renewalNumber, cardIssuedOn: '2022-05-02', cardStatus: 'active' })

    const lost = await officer.post(`/api/v1/members/${member.id}/cards/report-lost`, { reportedOn: '2023-08-09', reason: 'Mất ví' })
    expect(lost.statusCode).toBe(200)
    expect(lost.json<MembershipCard>()).toMatchObject({ cardNumber: renewalNumber, status: 'lost', endedOn: '2023-08-09', reason: 'Mất ví' })
    expect(await memberRow(member.id)).toMatchObject({ cardNumber: renewalNumber, cardStatus: 'lost' })
    expect((await officer.post(`/api/v1/members/${member.id}/cards/report-lost`, { reportedOn: '2023-08-10' })).statusCode).toBe(409)
    expect((await officer.post(`/api/v1/members/${member.id}/cards`, { kind: 'renewal', issuedOn: '2023-09-01' })).statusCode).toBe(409)

    const reissued = await officer.post(`/api/v1/members/${member.id}/cards`, { kind: 'reissue', issuedOn: '2023-09-01' })
    expect(reissued.statusCode).toBe(201)
    const third = reissued.json<MembershipCard>()
    expect(third.cardNumber).toMatch(/^DV2023\d{7}$/)
    expect(await memberRow(member.id)).toMatchObject({ cardNumber: third.cardNumber, cardIssuedOn: '2023-09-01', cardStatus: 'active' })

    expect(await cardsOf(member.id)).toMatchObject([
      { cardNumber: third.cardNumber, kind: 'reissue', status: 'active', endedOn: null },
      { cardNumber: renewalNumber, kind: 'renewal', status: 'lost', endedOn: '2023-08-09' },
      { cardNumber: first.cardNumber, kind: 'issue', status: 'replaced', endedOn: '2022-05-02' },
    ])
    const timeline = (await officer.get(`/api/v1/members/${member.id}/timeline`)).json<PageOf<MemberEvent>>()
    expect(timeline.items.map((event) => [event.kind, event.details.cardNumber])).toEqual([
      ['card_issued', third.cardNumber],
      ['card_lost', renewalNumber],
      ['card_issued', renewalNumber],
      ['card_issued', first.cardNumber],
    ])
    expect(timeline.items[2]?.details).toMatchObject({ kind: 'renewal', replacedCardNumber: first.cardNumber })
    expect((await auditOf(ctx, member.id)).map((entry) => entry.action)).toEqual([
      'member.card_issue',
      'member.card_renewal',
      'member.card_lost',
      'member.card_reissue',
    ])
    // The member is found by the new number.
    const found = await officer.get(`/api/v1/members?q=${third.cardNumber.toLowerCase()}`)
    expect(found.json<PageOf<Member>>().items.map((item) => item.id)).toEqual([member.id])
  })

  it('renews a card recorded before card history existed, giving it a history row', async () => {
    const oldNumber = unique('OLD')
    const member = await createMember(ctx, tree.grassrootsA1, { cardNumber: oldNumber, admittedOn: '2015-01-01' })
    const renewed = await officer.post(`/api/v1/members/${member.id}/cards`, { kind: 'renewal', issuedOn: '2024-01-01' })
    expect(renewed.statusCode).toBe(201)
    expect(await cardsOf(member.id)).toMatchObject([
      { kind: 'renewal', status: 'active' },
      { cardNumber: oldNumber, kind: 'issue', issuedOn: '2015-01-01', status: 'replaced', endedOn: '2024-01-01' },
    ])
  })

  it('refuses a number already given to any card, even a lost one', async () => {
    const holder = await createMember(ctx, tree.grassrootsA1)
    const taken = unique('TK')
    expect((await officer.post(`/api/v1/members/${holder.id}/cards`, { kind: 'issue', issuedOn: '2021-01-01', cardNumber: taken })).statusCode).toBe(201)
    await officer.post(`/api/v1/members/${holder.id}/cards/report-lost`, { reportedOn: '2022-01-01' })
    const other = await createMember(ctx, tree.grassrootsA2)
    const before = await memberFootprint(ctx, other.id)
    const response = await officer.post(`/api/v1/members/${other.id}/cards`, { kind: 'issue', issuedOn: '2022-02-01', cardNumber: taken })
    expect(response.statusCode).toBe(409)
    expect(response.json<Problem>()).toMatchObject({ code: 'duplicate', errors: [{ field: '/cardNumber', code: 'card_number_taken', message: 'Số thẻ đã cấp cho đoàn viên khác' }] })
    expect(await memberFootprint(ctx, other.id)).toEqual(before)
    const legacy = await createMember(ctx, tree.grassrootsA2, { cardNumber: unique('LG') })
    const [row] = ((await ctx.db.execute(sql`SELECT card_number FROM members WHERE id = ${legacy.id}`)) as unknown as { rows: { card_number: string }[] }).rows
    const onMemberRow = await officer.post(`/api/v1/members/${other.id}/cards`, { kind: 'issue', issuedOn: '2022-02-01', cardNumber: row!.card_number })
    expect(onMemberRow.statusCode).toBe(409)
    const atAdmission = await officer.post('/api/v1/members', {
      unionId: tree.grassrootsA1.id,
      fullName: 'Lý Văn Thẻ',
      dateOfBirth: '1990-01-01',
      gender: 'male',
      citizenId: newCitizenId(),
      admittedOn: '2020-01-01',
      cardNumber: taken,
    })
    expect(atAdmission.statusCode).toBe(409)
  })

  it('checks the dates and manages cards of active members only', async () => {
    const member = await createMember(ctx, tree.grassrootsA1, { admittedOn: '2020-03-01' })
    const future = await officer.post(`/api/v1/members/${member.id}/cards`, { kind: 'issue', issuedOn: '2999-01-01' })
    expect(fieldCodes(future.json())).toEqual(['/issuedOn:future_date'])
    const early = await officer.post(`/api/v1/members/${member.id}/cards`, { kind: 'issue', issuedOn: '2019-01-01' })
    expect(early.statusCode).toBe(422)
    expect(early.json<Problem>().errors).toEqual([{ field: '/issuedOn', code: 'card_before_admission', message: 'Ngày cấp thẻ không được trước ngày kết nạp' }])
    await officer.post(`/api/v1/members/${member.id}/cards`, { kind: 'issue', issuedOn: '2021-01-01' })
    const lostEarly = await officer.post(`/api/v1/members/${member.id}/cards/report-lost`, { reportedOn: '2020-12-31' })
    expect(fieldCodes(lostEarly.json())).toEqual(['/reportedOn:date_order'])
    const renewEarly = await officer.post(`/api/v1/members/${member.id}/cards`, { kind: 'renewal', issuedOn: '2020-12-31' })
    expect(fieldCodes(renewEarly.json())).toEqual(['/issuedOn:date_order'])

    const gone = await createMember(ctx, tree.grassrootsA1)
    await markLeft(ctx, gone.id)
    const refused = await officer.post(`/api/v1/members/${gone.id}/cards`, { kind: 'issue', issuedOn: '2023-02-01' })
    expect(refused.statusCode).toBe(409)
    expect(refused.json<Problem>().code).toBe('invalid_state')
  })
})

describe('card filters', () => {
  it('finds members without a card, with one, with a lost one, and those due a card', async () => {
    const union = await createUnion(ctx, { parent: tree.districtA })
    const today = todayInVietnam()
    await createMember(ctx, union, { fullName: 'A Không Thẻ' })
    const fresh = await createMember(ctx, union, { fullName: 'B Thẻ Mới' })
    await officer.post(`/api/v1/members/${fresh.id}/cards`, { kind: 'issue', issuedOn: yearsBefore(today, 2) })
    const old = await createMember(ctx, union, { fullName: 'C Thẻ Cũ', admittedOn: '2005-01-01' })
    await officer.post(`/api/v1/members/${old.id}/cards`, { kind: 'issue', issuedOn: yearsBefore(today, 10) })
    const lost = await createMember(ctx, union, { fullName: 'D Mất Thẻ' })
    await officer.post(`/api/v1/members/${lost.id}/cards`, { kind: 'issue', issuedOn: '2021-01-01' })
    await officer.post(`/api/v1/members/${lost.id}/cards/report-lost`, { reportedOn: '2022-01-01' })
    const left = await createMember(ctx, union, { fullName: 'E Đã Nghỉ' })
    await markLeft(ctx, left.id)

    const names = async (cardStatus: string) =>
      (await officer.get(`/api/v1/members?unionId=${union.id}&cardStatus=${cardStatus}`)).json<PageOf<Member>>().items.map((member) => member.fullName)
    expect(await names('none')).toEqual(['A Không Thẻ', 'E Đã Nghỉ'])
    expect(await names('active')).toEqual(['B Thẻ Mới', 'C Thẻ Cũ'])
    expect(await names('lost')).toEqual(['D Mất Thẻ'])
    expect(await names('due')).toEqual(['A Không Thẻ', 'C Thẻ Cũ', 'D Mất Thẻ'])
  })
})
