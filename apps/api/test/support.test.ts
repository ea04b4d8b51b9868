import type { LedgerEntry, PageOf, Problem, SupportCandidate, SupportPayment, SupportProgram, SupportProgramReport } from '@liendoan/contracts'
import ExcelJS from 'exceljs'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { todayInVietnam } from '../src/lib/dates.js'
import { type Client, type TestContext, createTestApp, createUser, loginAs, queryRows } from './helpers/app.js'
import { createMember } from './helpers/members.js'
import {
  HANOI_RULES,
  type SupportTree,
  addMembers,
  approve,
  createAgreementRow,
  createFoundedUnion,
  createProgram,
  createSupportTree,
  expectStatus,
  ledgerAndTotals,
  paymentFootprint,
  proposeAgreement,
  readLedger,
  readPayment,
  readProgram,
  setGrade,
} from './helpers/support.js'

/**
 * Support programmes: settings and rules, candidates on the rules' boundaries, the payment
 * lifecycle with its ledger, overrides and rules re-applied at approval, hardship limits, the
 * report and the accountants' export.
 */

let ctx: TestContext
let tree: SupportTree
/** Federation officers of the city: they run the programmes and approve. */
let fed: Client
let fed2: Client
/** An officer of grassroots A1: proposes for A1's records. */
let officerA1: Client

beforeAll(async () => {
  ctx = await createTestApp()
  tree = await createSupportTree(ctx)
  fed = await loginAs(ctx, 'federation_officer', tree.root)
  fed2 = await loginAs(ctx, 'federation_officer', tree.root)
  officerA1 = await loginAs(ctx, 'union_officer', tree.grassrootsA1)
})
afterAll(async () => {
  await ctx.close()
})

const yesterday = () => {
  const date = new Date(`${todayInVietnam()}T00:00:00Z`)
  date.setUTCDate(date.getUTCDate() - 1)
  return date.toISOString().slice(0, 10)
}

async function candidates(c: Client, programId: string, query = ''): Promise<SupportCandidate[]> {
  const all: SupportCandidate[] = []
  let cursor: string | null = null
  do {
    const response = await c.get(`/api/v1/support-programs/${programId}/candidates?limit=2${query}${cursor ? `&cursor=${cursor}` : ''}`)
    expectStatus(response, 200)
    const page = response.json<PageOf<SupportCandidate>>()
    all.push(...page.items)
    cursor = page.nextCursor
  } while (cursor)
  return all
}

describe('programmes', () => {
  it('creates a programme with its rules, figures at zero, ETag and location; reads and lists it', async () => {
    const response = await fed.post('/api/v1/support-programs', {
      name: '  Đề án hỗ trợ thỏa ước 2021–2022  ',
      decisionNumber: '125/QĐ-LĐLĐ',
      decisionDate: '2020-12-15',
      periodFrom: '2021-01-01',
      periodTo: '2022-12-31',
      budgetVnd: 300_000_000,
      rules: HANOI_RULES,
    })
    expectStatus(response, 201)
    const program = response.json<SupportProgram>()
    expect(program).toMatchObject({
      name: 'Đề án hỗ trợ thỏa ước 2021–2022',
      union: { id: tree.root.id },
      status: 'open',
      rules: HANOI_RULES,
      version: 1,
      figures: { budgetVnd: 300_000_000, proposedVnd: 0, approvedVnd: 0, disbursedVnd: 0, committedVnd: 0, remainingVnd: 300_000_000 },
    })
    expect(response.headers.etag).toBe('"1"')
    expect(response.headers.location).toBe(`/api/v1/support-programs/${program.id}`)
    expect(await readProgram(officerA1, program.id)).toEqual(program)
    const list = await officerA1.get('/api/v1/support-programs?q=thoa uoc 2021')
    expect(list.json<PageOf<SupportProgram>>().items.map((item) => item.id)).toContain(program.id)
    const closedOnly = await fed.get('/api/v1/support-programs?status=closed')
    expect(closedOnly.json<PageOf<SupportProgram>>().items.map((item) => item.id)).not.toContain(program.id)
    const [audit] = await queryRows<{ n: number }>(ctx, sql`SELECT count(*)::int AS n FROM audit_events WHERE entity_id = ${program.id} AND action = 'support_program.create'`)
    expect(audit?.n).toBe(1)
  })

  it('refuses a period ending before it starts, unknown and repeated grades, empty rules and fractional money', async () => {
    const base = { name: 'Đề án thử', decisionNumber: '1/QĐ', decisionDate: '2021-01-01', periodFrom: '2021-01-01', periodTo: '2021-12-31', budgetVnd: 1_000_000 }
    const order = await fed.post('/api/v1/support-programs', { ...base, periodTo: '2020-12-31', rules: HANOI_RULES })
    expect(order.statusCode).toBe(422)
    expect(order.json<Problem>().errors).toEqual([expect.objectContaining({ field: '/periodTo', code: 'range_order' })])
    const grades = await fed.post('/api/v1/support-programs', {
      ...base,
      rules: { agreementGrade: { amounts: [{ grade: 'A', amountVnd: 1 }, { grade: 'Z', amountVnd: 2 }, { grade: 'A', amountVnd: 3 }] } },
    })
    expect(grades.statusCode).toBe(422)
    expect(grades.json<Problem>().errors?.map((error) => [error.field, error.code])).toEqual([
      ['/rules/agreementGrade/amounts/1/grade', 'grade_unknown'],
      ['/rules/agreementGrade/amounts/2/grade', 'duplicate_entry'],
    ])
    expect((await fed.post('/api/v1/support-programs', { ...base, rules: {} })).statusCode).toBe(400)
    expect((await fed.post('/api/v1/support-programs', { ...base, budgetVnd: 1000.5, rules: HANOI_RULES })).statusCode).toBe(400)
    expect((await fed.post('/api/v1/support-programs', { ...base, budgetVnd: 0, rules: HANOI_RULES })).statusCode).toBe(400)
  })

  it('updates with If-Match; the budget cannot go below what is committed; rules are fixed while payments are live', async () => {
    const program = await createProgram(fed, tree.root, { budgetVnd: 20_000_000 })
    const url = `/api/v1/support-programs/${program.id}`
    expect((await fed.patch(url, { name: 'Đề án đổi tên' })).statusCode).toBe(428)
    expect((await fed.patch(url, { name: 'Đề án đổi tên' }, { 'if-match': '"7"' })).statusCode).toBe(412)
    const renamed = await fed.patch(url, { name: 'Đề án đổi tên', budgetVnd: 25_000_000 }, { 'if-match': '"1"' })
    expectStatus(renamed, 200)
    expect(renamed.json<SupportProgram>()).toMatchObject({ name: 'Đề án đổi tên', version: 2, figures: { budgetVnd: 25_000_000, remainingVnd: 25_000_000 } })
    expect(renamed.headers.etag).toBe('"2"')

    // Rules may change while nothing is live: the same rules in another key order are no change at all.
    const reordered = { hardship: HANOI_RULES.hardship, newUnion: HANOI_RULES.newUnion, agreementGrade: HANOI_RULES.agreementGrade }
    expectStatus(await fed.patch(url, { rules: reordered }, { 'if-match': '"2"' }), 200)

    const agreement = await createAgreementRow(ctx, tree.grassrootsA1)
    const payment = await proposeAgreement(officerA1, program.id, agreement.id)
    await approve(fed, payment.id)
    const lower = await fed.patch(url, { budgetVnd: 8_000_000 }, { 'if-match': '"3"' })
    expect(lower.statusCode).toBe(422)
    expect(lower.json<Problem>().errors).toEqual([expect.objectContaining({ field: '/budgetVnd', code: 'below_committed', params: { committed: 8_500_000 } })])
    expectStatus(await fed.patch(url, { budgetVnd: 8_500_000 }, { 'if-match': '"3"' }), 200)
    const rules = await fed.patch(url, { rules: { hardship: { maxAmountVnd: 1_000_000, maxPerYear: 1 } } }, { 'if-match': '"4"' })
    expect(rules.statusCode).toBe(409)
    expect(rules.json<Problem>().code).toBe('invalid_state')
    // A status change is not a rules change.
    const closed = await fed.patch(url, { status: 'closed', rules: reordered }, { 'if-match': '"4"' })
    expectStatus(closed, 200)
    expect(closed.json<SupportProgram>()).toMatchObject({ status: 'closed', figures: { budgetVnd: 8_500_000, approvedVnd: 8_500_000, remainingVnd: 0 } })
    // Closed: nothing more is proposed under it.
    const other = await createAgreementRow(ctx, tree.grassrootsA1)
    const refused = await officerA1.post('/api/v1/support-payments', { programId: program.id, kind: 'agreement', agreementId: other.id })
    expect(refused.statusCode).toBe(409)
    expect(refused.json<Problem>().code).toBe('invalid_state')
  })
})

describe('candidates and the rules on their boundaries', () => {
  it('lists graded agreements registered in the period (both ends included) and new unions with enough members, at the rule amounts', async () => {
    const program = await createProgram(fed, tree.root)
    const gradeA = await createAgreementRow(ctx, tree.grassrootsA1, { grade: 'A', registeredOn: '2022-03-15' })
    const gradeBLastDay = await createAgreementRow(ctx, tree.grassrootsA1, { grade: 'B', registeredOn: '2022-12-31', status: 'in_force' })
    const firstDayB1 = await createAgreementRow(ctx, tree.grassrootsB1, { grade: 'A', registeredOn: '2021-01-01', status: 'expired' })
    const gradeC = await createAgreementRow(ctx, tree.grassrootsA1, { grade: 'C' })
    const ungraded = await createAgreementRow(ctx, tree.grassrootsA1, { grade: null })
    const dayAfter = await createAgreementRow(ctx, tree.grassrootsA1, { grade: 'A', registeredOn: '2023-01-01' })
    const terminated = await createAgreementRow(ctx, tree.grassrootsA1, { grade: 'A', status: 'terminated' })
    const unregistered = await createAgreementRow(ctx, tree.grassrootsA1, { grade: 'A', registeredOn: null })

    const lastDay25 = await createFoundedUnion(ctx, tree.districtA, { foundedOn: '2022-12-31', memberCount: 25 })
    const only24 = await createFoundedUnion(ctx, tree.districtA, { foundedOn: '2022-06-01', memberCount: 24 })
    const dayAfter25 = await createFoundedUnion(ctx, tree.districtA, { foundedOn: '2023-01-01', memberCount: 25 })
    const stateSector = await createFoundedUnion(ctx, tree.districtB, { foundedOn: '2021-05-01', memberCount: 30, sector: 'state' })
    const noDecisionDate = await createFoundedUnion(ctx, tree.districtB, { foundedOn: '2021-01-01', memberCount: 26, decisionDate: 'missing' })

    // Other tests of this file add records to the same tree: look at this test's own.
    const made = new Set(
      [gradeA, gradeBLastDay, firstDayB1, gradeC, ungraded, dayAfter, terminated, unregistered, lastDay25, only24, dayAfter25, stateSector, noDecisionDate].map((record) => record.id),
    )
    const ours = async (c: Client, query = '') => (await candidates(c, program.id, query)).filter((candidate) => made.has(candidate.reason.id))
    const key = (c: SupportCandidate) => `${c.reason.id}:${c.role}:${c.amountVnd}`
    const mine = await ours(fed)
    expect(mine.map(key).sort()).toEqual(
      [
        `${gradeA.id}:union:8500000`,
        `${gradeBLastDay.id}:union:6000000`,
        `${firstDayB1.id}:union:8500000`,
        `${lastDay25.id}:union:5000000`,
        `${lastDay25.id}:organiser:1000000`,
        `${noDecisionDate.id}:union:5000000`,
        `${noDecisionDate.id}:organiser:1000000`,
      ].sort(),
    )
    const union25 = mine.find((c) => c.reason.id === lastDay25.id && c.role === 'union')!
    expect(union25).toMatchObject({
      reason: { kind: 'union_founding', label: expect.stringContaining('25 đoàn viên') },
      beneficiary: { kind: 'union', id: lastDay25.id },
      union: { id: lastDay25.id },
      basis: 'Thành lập ngày 31/12/2022, 25 đoàn viên',
    })
    expect(mine.find((c) => c.reason.id === lastDay25.id && c.role === 'organiser')?.beneficiary).toBeNull()
    expect(mine.find((c) => c.reason.id === gradeA.id)).toMatchObject({
      reason: { kind: 'agreement', label: expect.stringContaining('(loại A)') },
      beneficiary: { kind: 'union', id: tree.grassrootsA1.id },
      basis: 'Loại A, đăng ký ngày 15/03/2022',
    })

    // Filters: by kind, and under a union (the caller's scope narrowed).
    const agreementsOnly = await candidates(fed, program.id, '&kind=agreement')
    expect(agreementsOnly.length).toBeGreaterThan(0)
    expect(agreementsOnly.every((c) => c.reason.kind === 'agreement')).toBe(true)
    const underB = await ours(fed, `&under=${tree.districtB.id}`)
    expect(underB.map((c) => c.reason.id).sort()).toEqual([firstDayB1.id, noDecisionDate.id, noDecisionDate.id].sort())
    // A grassroots officer sees the candidates of their own union only.
    const forA1 = await candidates(officerA1, program.id)
    expect(forA1.every((c) => c.union.id === tree.grassrootsA1.id)).toBe(true)
    expect(forA1.filter((c) => made.has(c.reason.id)).map((c) => c.reason.id).sort()).toEqual([gradeA.id, gradeBLastDay.id].sort())

    // Proposed: no longer a candidate; rejected: a candidate again.
    const payment = await proposeAgreement(officerA1, program.id, gradeA.id)
    expect((await ours(officerA1)).map((c) => c.reason.id)).toEqual([gradeBLastDay.id])
    expectStatus(await fed.post(`/api/v1/support-payments/${payment.id}/reject`, { reason: 'Hồ sơ chưa đủ' }), 200)
    expect((await ours(officerA1)).map((c) => c.reason.id).sort()).toEqual([gradeA.id, gradeBLastDay.id].sort())

    // A cursor that was not issued is a 400.
    expect((await fed.get(`/api/v1/support-programs/${program.id}/candidates?cursor=abc`)).statusCode).toBe(400)
  })

  it('pays a new union at 25 members and not at 24; founded on the last day of the period counts, the day after does not', async () => {
    const program = await createProgram(fed, tree.root)
    const district = await loginAs(ctx, 'union_officer', tree.districtA)
    const at24 = await createFoundedUnion(ctx, tree.districtA, { foundedOn: '2022-06-01', memberCount: 24 })
    const propose = (unionId: string, extra: Record<string, unknown> = {}) =>
      district.post('/api/v1/support-payments', { programId: program.id, kind: 'union_founding', unionId, ...extra })

    const refused = await propose(at24.id)
    expect(refused.statusCode).toBe(422)
    expect(refused.json<Problem>()).toMatchObject({
      code: 'not_eligible',
      detail: 'The union has 24 active members; the programme requires 25.',
      errors: [{ field: '/unionId', code: 'too_few_members', params: { min: 25, count: 24 }, message: 'Chưa đủ 25 đoàn viên: hiện có 24' }],
    })
    await addMembers(ctx, at24, 1)
    const paid = await propose(at24.id)
    expectStatus(paid, 201)
    expect(paid.json<SupportPayment>()).toMatchObject({ amountVnd: 5_000_000, ruleAmountVnd: 5_000_000, role: 'union', beneficiary: { kind: 'union', id: at24.id } })

    const lastDay = await createFoundedUnion(ctx, tree.districtA, { foundedOn: '2022-12-31', memberCount: 25 })
    expectStatus(await propose(lastDay.id), 201)
    const dayAfter = await createFoundedUnion(ctx, tree.districtA, { foundedOn: '2023-01-01', memberCount: 40 })
    const late = await propose(dayAfter.id)
    expect(late.statusCode).toBe(422)
    expect(late.json<Problem>().errors?.[0]?.code).toBe('founded_outside_period')
    const state = await createFoundedUnion(ctx, tree.districtA, { foundedOn: '2022-01-10', memberCount: 40, sector: 'state' })
    expect((await propose(state.id)).json<Problem>().errors?.[0]?.code).toBe('program_sector_mismatch')
    // A district is not a grassroots union.
    expect((await propose(tree.districtA.id)).json<Problem>().errors?.[0]?.code).toBe('not_grassroots')

    // The organiser: an account of the parent (or above), named by the proposer.
    const organiser = await createUser(ctx, 'union_officer', tree.districtA)
    const stranger = await createUser(ctx, 'union_officer', tree.districtB)
    const own = await createUser(ctx, 'union_officer', lastDay)
    expect((await propose(lastDay.id, { role: 'organiser' })).json<Problem>().errors?.[0]).toMatchObject({ field: '/organiserUserId', code: 'organiser_required' })
    for (const account of [stranger, own]) {
      const wrong = await propose(lastDay.id, { role: 'organiser', organiserUserId: account.id })
      expect(wrong.statusCode).toBe(422)
      expect(wrong.json<Problem>().errors?.[0]).toMatchObject({ field: '/organiserUserId', code: 'organiser_not_upper_level' })
    }
    const organiserPaid = await propose(lastDay.id, { role: 'organiser', organiserUserId: organiser.id })
    expectStatus(organiserPaid, 201)
    expect(organiserPaid.json<SupportPayment>()).toMatchObject({
      amountVnd: 1_000_000,
      role: 'organiser',
      beneficiary: { kind: 'officer', id: organiser.id, name: 'Người dùng union_officer' },
      union: { id: lastDay.id },
      reason: { kind: 'union_founding', id: lastDay.id },
    })
    // Once per role: the union's payment and the organiser's are two, a second of either is refused.
    expect((await propose(lastDay.id, { role: 'organiser', organiserUserId: organiser.id })).json<Problem>().code).toBe('already_paid')

    // Fields of another kind of reason are refused, not ignored.
    const mixed = await propose(lastDay.id, { agreementId: lastDay.id, memberId: lastDay.id })
    expect(mixed.statusCode).toBe(422)
    expect(mixed.json<Problem>().errors?.map((error) => error.field).sort()).toEqual(['/agreementId', '/memberId'])
  })
})

describe('the payment lifecycle and its ledger', () => {
  it('proposed → approved → disbursed moves the money between the totals, and every step is a ledger entry', async () => {
    const program = await createProgram(fed, tree.root, { budgetVnd: 100_000_000 })
    const agreement = await createAgreementRow(ctx, tree.grassrootsA1, { grade: 'A' })
    const payment = await proposeAgreement(officerA1, program.id, agreement.id, { note: 'Hồ sơ đầy đủ' })
    expect(payment).toMatchObject({
      program: { id: program.id },
      reason: { kind: 'agreement', id: agreement.id },
      role: 'union',
      beneficiary: { kind: 'union', id: tree.grassrootsA1.id },
      union: { id: tree.grassrootsA1.id },
      amountVnd: 8_500_000,
      ruleAmountVnd: 8_500_000,
      overrideReason: null,
      status: 'proposed',
      note: 'Hồ sơ đầy đủ',
      proposedBy: { id: officerA1.user.id },
      approvedBy: null,
    })
    expect((await readProgram(fed, program.id)).figures).toMatchObject({ proposedVnd: 8_500_000, committedVnd: 0, remainingVnd: 100_000_000 })

    // A grassroots officer proposes but does not approve.
    const notAllowed = await officerA1.post(`/api/v1/support-payments/${payment.id}/approve`, {})
    expect(notAllowed.statusCode).toBe(403)
    // No body at all is the same as `{}`.
    const approvedResponse = await fed.request({ method: 'POST', url: `/api/v1/support-payments/${payment.id}/approve` })
    expectStatus(approvedResponse, 200)
    const approved = approvedResponse.json<SupportPayment>()
    expect(approved).toMatchObject({ status: 'approved', approvedBy: { id: fed.user.id }, version: 2 })
    expect((await readProgram(fed, program.id)).figures).toEqual({
      budgetVnd: 100_000_000,
      proposedVnd: 0,
      approvedVnd: 8_500_000,
      disbursedVnd: 0,
      committedVnd: 8_500_000,
      remainingVnd: 91_500_000,
    })

    // Not possible from approved: reject, approve again; nothing changes.
    const before = await paymentFootprint(ctx, payment.id)
    for (const [action, body] of [['reject', { reason: 'Sai' }], ['approve', {}]] as const) {
      const response = await fed2.post(`/api/v1/support-payments/${payment.id}/${action}`, body)
      expect(response.statusCode).toBe(409)
      expect(response.json<Problem>().code).toBe('invalid_transition')
    }
    expect(await paymentFootprint(ctx, payment.id)).toEqual(before)

    const disburse = (body: Record<string, unknown>) => fed2.post(`/api/v1/support-payments/${payment.id}/disburse`, body)
    const future = await disburse({ disbursedOn: '2099-01-01', method: 'bank_transfer', reference: 'UNC 0125' })
    expect(future.json<Problem>().errors?.[0]).toMatchObject({ field: '/disbursedOn', code: 'future_date' })
    const early = await disburse({ disbursedOn: yesterday(), method: 'bank_transfer', reference: 'UNC 0125' })
    expect(early.statusCode).toBe(422)
    expect(early.json<Problem>().errors?.[0]).toMatchObject({ field: '/disbursedOn', code: 'before_approval', message: 'Ngày chi không được trước ngày phê duyệt' })
    expect((await disburse({ disbursedOn: todayInVietnam(), method: 'cheque', reference: 'x' })).statusCode).toBe(400)
    const paid = await disburse({ disbursedOn: todayInVietnam(), method: 'bank_transfer', reference: ' UNC 0125 ' })
    expectStatus(paid, 200)
    expect(paid.json<SupportPayment>()).toMatchObject({
      status: 'disbursed',
      disbursedOn: todayInVietnam(),
      disbursementMethod: 'bank_transfer',
      disbursementReference: 'UNC 0125',
    })
    expect((await readProgram(fed, program.id)).figures).toMatchObject({ approvedVnd: 0, disbursedVnd: 8_500_000, committedVnd: 8_500_000, remainingVnd: 91_500_000 })
    const cancelPaid = await fed.post(`/api/v1/support-payments/${payment.id}/cancel`, { reason: 'Chi nhầm' })
    expect(cancelPaid.json<Problem>().code).toBe('invalid_transition')

    const ledger = await readLedger(fed, program.id)
    expect(ledger.map((entry) => [entry.kind, entry.amountVnd, entry.proposedDeltaVnd, entry.approvedDeltaVnd, entry.disbursedDeltaVnd])).toEqual([
      ['proposed', 8_500_000, 8_500_000, 0, 0],
      ['approved', 8_500_000, -8_500_000, 8_500_000, 0],
      ['disbursed', 8_500_000, 0, -8_500_000, 8_500_000],
    ])
    expect(ledger.map((entry) => entry.actor.id)).toEqual([officerA1.user.id, fed.user.id, fed2.user.id])
    expect(ledger.every((entry, index) => index === 0 || entry.seq > ledger[index - 1]!.seq)).toBe(true)
    const sums = await ledgerAndTotals(ctx, program.id)
    expect(sums.ledger).toEqual(sums.totals)
    const [audit] = await queryRows<{ actions: string }>(
      ctx,
      sql`SELECT string_agg(action, ',' ORDER BY occurred_at, id) AS actions FROM audit_events WHERE entity_id = ${payment.id}`,
    )
    expect(audit?.actions).toBe('support_payment.propose,support_payment.approve,support_payment.disburse')
  })

  it('rejects and cancels: the money returns, the reason may be proposed again, only the right people may do it', async () => {
    const program = await createProgram(fed, tree.root, { budgetVnd: 100_000_000 })
    const agreement = await createAgreementRow(ctx, tree.grassrootsA1, { grade: 'B' })
    const first = await proposeAgreement(officerA1, program.id, agreement.id)
    const twice = await officerA1.post('/api/v1/support-payments', { programId: program.id, kind: 'agreement', agreementId: agreement.id })
    expect(twice.statusCode).toBe(409)
    expect(twice.json<Problem>()).toMatchObject({ code: 'already_paid', title: 'Lý do này đã được đề xuất hoặc chi trả trong đề án' })

    expect((await officerA1.post(`/api/v1/support-payments/${first.id}/reject`, { reason: 'Tự từ chối' })).statusCode).toBe(403)
    const rejected = await fed.post(`/api/v1/support-payments/${first.id}/reject`, { reason: 'Hồ sơ thiếu biên bản' })
    expectStatus(rejected, 200)
    expect(rejected.json<SupportPayment>()).toMatchObject({ status: 'rejected', closedBy: { id: fed.user.id }, closeReason: 'Hồ sơ thiếu biên bản' })
    expect((await fed.post(`/api/v1/support-payments/${first.id}/approve`, {})).json<Problem>().code).toBe('invalid_transition')

    // Proposed again after the rejection; the proposer withdraws it.
    const second = await proposeAgreement(officerA1, program.id, agreement.id)
    const otherOfficer = await loginAs(ctx, 'union_officer', tree.grassrootsA1)
    expect((await otherOfficer.post(`/api/v1/support-payments/${second.id}/cancel`, { reason: 'Không phải của tôi' })).statusCode).toBe(403)
    expectStatus(await officerA1.post(`/api/v1/support-payments/${second.id}/cancel`, { reason: 'Đề xuất nhầm' }), 200)

    // Approved, then cancelled: only an approver may; the budget is freed.
    const third = await proposeAgreement(officerA1, program.id, agreement.id)
    await approve(fed, third.id)
    expect((await readProgram(fed, program.id)).figures.committedVnd).toBe(6_000_000)
    expect((await officerA1.post(`/api/v1/support-payments/${third.id}/cancel`, { reason: 'Đề xuất nhầm' })).statusCode).toBe(403)
    expectStatus(await fed2.post(`/api/v1/support-payments/${third.id}/cancel`, { reason: 'Doanh nghiệp giải thể' }), 200)
    expect((await readProgram(fed, program.id)).figures).toMatchObject({ proposedVnd: 0, approvedVnd: 0, disbursedVnd: 0, remainingVnd: 100_000_000 })
    const ledger = await readLedger(fed, program.id)
    expect(ledger.map((entry) => entry.kind)).toEqual(['proposed', 'rejected', 'proposed', 'cancelled', 'proposed', 'approved', 'cancelled'])
    const sums = await ledgerAndTotals(ctx, program.id)
    expect(sums.ledger).toEqual(sums.totals)

    // Payments of a record, and the approval queue.
    const byAgreement = await fed.get(`/api/v1/support-payments?agreementId=${agreement.id}&limit=2`)
    const page = byAgreement.json<PageOf<SupportPayment>>()
    expect(page.items.map((item) => item.id)).toEqual([third.id, second.id])
    const next = await fed.get(`/api/v1/support-payments?agreementId=${agreement.id}&limit=2&cursor=${page.nextCursor}`)
    expect(next.json<PageOf<SupportPayment>>()).toEqual({ items: [expect.objectContaining({ id: first.id })], nextCursor: null })
    const cancelled = await fed.get(`/api/v1/support-payments?agreementId=${agreement.id}&status=cancelled`)
    expect(cancelled.json<PageOf<SupportPayment>>().items.map((item) => item.id).sort()).toEqual([second.id, third.id].sort())
  })

  it('the approval queue holds the proposals an approver may decide, not their own', async () => {
    const program = await createProgram(fed, tree.root)
    const mine = await proposeAgreement(fed, program.id, (await createAgreementRow(ctx, tree.grassrootsA1)).id)
    const theirs = await proposeAgreement(officerA1, program.id, (await createAgreementRow(ctx, tree.grassrootsA1)).id)
    const queue = (c: Client) => c.get(`/api/v1/support-payments?awaitingMyApproval=true&programId=${program.id}`)
    expect((await queue(fed)).json<PageOf<SupportPayment>>().items.map((item) => item.id)).toEqual([theirs.id])
    expect((await queue(fed2)).json<PageOf<SupportPayment>>().items.map((item) => item.id)).toEqual([theirs.id, mine.id])
    expect((await queue(officerA1)).json<PageOf<SupportPayment>>().items).toEqual([])
  })
})

describe('amounts: the rule, overrides, and the rule applied again at approval', () => {
  it('another amount needs a reason when proposed and again when approved', async () => {
    const program = await createProgram(fed, tree.root)
    const agreement = await createAgreementRow(ctx, tree.grassrootsA1, { grade: 'A' })
    const body = { programId: program.id, kind: 'agreement', agreementId: agreement.id, amountVnd: 9_000_000 }
    const missing = await officerA1.post('/api/v1/support-payments', body)
    expect(missing.statusCode).toBe(422)
    expect(missing.json<Problem>().errors).toEqual([
      expect.objectContaining({ field: '/overrideReason', code: 'override_reason_required', message: 'Số tiền khác mức đề án quy định: cần ghi lý do điều chỉnh' }),
    ])
    expect((await officerA1.post('/api/v1/support-payments', { ...body, amountVnd: 8_500_000.5, overrideReason: 'Làm tròn' })).statusCode).toBe(400)
    const proposed = await officerA1.post('/api/v1/support-payments', { ...body, overrideReason: 'Thỏa ước có thêm 2 phụ lục' })
    expectStatus(proposed, 201)
    const payment = proposed.json<SupportPayment>()
    expect(payment).toMatchObject({ amountVnd: 9_000_000, ruleAmountVnd: 8_500_000, overrideReason: 'Thỏa ước có thêm 2 phụ lục' })
    const unconfirmed = await fed.post(`/api/v1/support-payments/${payment.id}/approve`, {})
    expect(unconfirmed.statusCode).toBe(422)
    expect(unconfirmed.json<Problem>().errors?.[0]).toMatchObject({ field: '/overrideReason', code: 'override_reason_required' })
    const approved = await approve(fed, payment.id, { overrideReason: 'Đồng ý theo tờ trình số 12' })
    expect(approved).toMatchObject({ status: 'approved', amountVnd: 9_000_000, ruleAmountVnd: 8_500_000, overrideReason: 'Đồng ý theo tờ trình số 12' })
    expect((await readProgram(fed, program.id)).figures.approvedVnd).toBe(9_000_000)
  })

  it('a grade changed after the proposal: the approval sees the new amount and needs a reason to pay the old one', async () => {
    const program = await createProgram(fed, tree.root)
    const agreement = await createAgreementRow(ctx, tree.grassrootsA1, { grade: 'A' })
    const payment = await proposeAgreement(officerA1, program.id, agreement.id)
    expect(payment.ruleAmountVnd).toBe(8_500_000)
    await setGrade(ctx, agreement.id, 'B')
    expect(await readPayment(fed, payment.id)).toMatchObject({ amountVnd: 8_500_000, ruleAmountVnd: 6_000_000, reason: { label: expect.stringContaining('(loại B)') } })
    const refused = await fed.post(`/api/v1/support-payments/${payment.id}/approve`, {})
    expect(refused.statusCode).toBe(422)
    expect(refused.json<Problem>()).toMatchObject({
      code: 'validation_failed',
      errors: [{ field: '/overrideReason', code: 'override_reason_required', params: { ruleAmountVnd: 6_000_000, amountVnd: 8_500_000 } }],
    })
    expect((await readPayment(fed, payment.id)).status).toBe('proposed')
    const approved = await approve(fed, payment.id, { overrideReason: 'Đánh giá lại sau khi đã đề xuất; giữ mức loại A' })
    expect(approved).toMatchObject({ amountVnd: 8_500_000, ruleAmountVnd: 6_000_000, overrideReason: 'Đánh giá lại sau khi đã đề xuất; giữ mức loại A' })

    // Lowered to a grade the programme does not pay: no approval at all.
    const second = await proposeAgreement(officerA1, program.id, (await createAgreementRow(ctx, tree.grassrootsA1, { grade: 'B' })).id)
    await setGrade(ctx, second.reason.id, 'C')
    expect((await readPayment(fed, second.id)).ruleAmountVnd).toBeNull()
    const notEligible = await fed.post(`/api/v1/support-payments/${second.id}/approve`, { overrideReason: 'Vẫn muốn chi' })
    expect(notEligible.statusCode).toBe(422)
    expect(notEligible.json<Problem>()).toMatchObject({ code: 'not_eligible', errors: [{ code: 'grade_not_paid', params: { grade: 'C' } }] })
    expect(notEligible.json<Problem>().detail).toContain('no longer qualifies')
    // Raised back: approved at the rule's amount with no reason needed.
    await setGrade(ctx, second.reason.id, 'B')
    expect((await approve(fed, second.id)).overrideReason).toBeNull()
  })

  it('a new union that lost members after its proposal is not approved', async () => {
    const program = await createProgram(fed, tree.root)
    const union = await createFoundedUnion(ctx, tree.districtA, { foundedOn: '2022-02-02', memberCount: 25 })
    const proposed = await fed.post('/api/v1/support-payments', { programId: program.id, kind: 'union_founding', unionId: union.id })
    expectStatus(proposed, 201)
    await ctx.db.execute(sql`UPDATE members SET status = 'left', status_date = '2023-01-01' WHERE id = (SELECT id FROM members WHERE union_id = ${union.id} LIMIT 1)`)
    const refused = await fed2.post(`/api/v1/support-payments/${proposed.json<SupportPayment>().id}/approve`, {})
    expect(refused.statusCode).toBe(422)
    expect(refused.json<Problem>()).toMatchObject({ code: 'not_eligible', errors: [{ code: 'too_few_members', params: { min: 25, count: 24 } }] })
  })
})

describe('hardship', () => {
  it('any amount up to the cap, at most N a year per member, in the programme period and scope', async () => {
    const program = await createProgram(fed, tree.root, { rules: { hardship: { maxAmountVnd: 2_000_000, maxPerYear: 2 } } })
    const member = await createMember(ctx, tree.grassrootsA1, { fullName: 'Trần Thị Khó Khăn' })
    const propose = (extra: Record<string, unknown>) =>
      officerA1.post('/api/v1/support-payments', { programId: program.id, kind: 'hardship', memberId: member.id, occurredOn: '2022-08-01', description: 'Nhà bị ngập do mưa lũ', amountVnd: 1_500_000, ...extra })

    const above = await propose({ amountVnd: 2_000_001 })
    expect(above.statusCode).toBe(422)
    expect(above.json<Problem>().errors).toEqual([expect.objectContaining({ field: '/amountVnd', code: 'amount_above_cap', params: { max: 2_000_000 }, message: 'Số tiền vượt mức hỗ trợ tối đa của đề án (2.000.000 ₫)' })])
    expect((await propose({ occurredOn: '2023-02-01' })).json<Problem>().errors?.[0]).toMatchObject({ code: 'outside_period' })
    expect((await propose({ amountVnd: undefined })).json<Problem>().errors?.[0]).toMatchObject({ field: '/amountVnd', code: 'required' })
    expect((await propose({ overrideReason: 'Vượt mức' })).json<Problem>().errors?.[0]).toMatchObject({ field: '/overrideReason', code: 'not_applicable' })

    const first = await propose({ amountVnd: 2_000_000 })
    expectStatus(first, 201)
    expect(first.json<SupportPayment>()).toMatchObject({
      role: 'member',
      beneficiary: { kind: 'member', id: member.id, name: 'Trần Thị Khó Khăn' },
      union: { id: tree.grassrootsA1.id },
      amountVnd: 2_000_000,
      ruleAmountVnd: null,
      reason: { kind: 'hardship', label: 'Hoàn cảnh khó khăn: Nhà bị ngập do mưa lũ' },
    })
    expectStatus(await propose({ occurredOn: '2022-11-20' }), 201)
    const third = await propose({ occurredOn: '2022-12-31' })
    expect(third.statusCode).toBe(422)
    expect(third.json<Problem>()).toMatchObject({ code: 'not_eligible', errors: [{ field: '/occurredOn', code: 'hardship_yearly_limit', params: { max: 2, year: 2022 } }] })
    // Another year counts apart; a rejected payment frees its place.
    expectStatus(await propose({ occurredOn: '2021-12-31' }), 201)
    expectStatus(await fed.post(`/api/v1/support-payments/${first.json<SupportPayment>().id}/reject`, { reason: 'Trùng hồ sơ' }), 200)
    expectStatus(await propose({ occurredOn: '2022-12-31' }), 201)

    // Hardship pays any amount up to the cap: the approval needs no override reason.
    await approve(fed, (await fed.get(`/api/v1/support-payments?memberId=${member.id}&status=proposed`)).json<PageOf<SupportPayment>>().items[0]!.id)

    // A member outside the caller's subtree is not found; one outside the programme's is not eligible.
    const elsewhere = await createMember(ctx, tree.grassrootsB1)
    const hidden = await officerA1.post('/api/v1/support-payments', { programId: program.id, kind: 'hardship', memberId: elsewhere.id, occurredOn: '2022-08-01', description: 'Ốm đau', amountVnd: 1_000_000 })
    expect(hidden.statusCode).toBe(404)
    const districtProgram = await createProgram(fed, tree.districtB, { rules: { hardship: { maxAmountVnd: 2_000_000, maxPerYear: 2 } } })
    const outside = await fed.post('/api/v1/support-payments', { programId: districtProgram.id, kind: 'hardship', memberId: member.id, occurredOn: '2022-08-01', description: 'Ốm đau', amountVnd: 1_000_000 })
    expect(outside.json<Problem>()).toMatchObject({ code: 'not_eligible', errors: [{ field: '/memberId', code: 'not_in_program_scope' }] })
    // No hardship rule: nothing to pay.
    const agreementsOnly = await createProgram(fed, tree.root, { rules: { agreementGrade: HANOI_RULES.agreementGrade! } })
    const noRule = await fed.post('/api/v1/support-payments', { programId: agreementsOnly.id, kind: 'hardship', memberId: member.id, occurredOn: '2022-08-01', description: 'Ốm đau', amountVnd: 1_000_000 })
    expect(noRule.json<Problem>().errors?.[0]).toMatchObject({ code: 'rule_missing' })
  })
})

describe('bulk proposals', () => {
  it('proposes candidates all or nothing, reporting every item that fails', async () => {
    const program = await createProgram(fed, tree.root)
    const a = await createAgreementRow(ctx, tree.grassrootsA1, { grade: 'A' })
    const b = await createAgreementRow(ctx, tree.grassrootsA2, { grade: 'B' })
    const c = await createAgreementRow(ctx, tree.grassrootsA1, { grade: 'C' })
    const union = await createFoundedUnion(ctx, tree.districtA, { foundedOn: '2021-07-01', memberCount: 30 })
    const organiser = await createUser(ctx, 'federation_officer', tree.root)
    const bulk = (items: unknown[]) => fed.post('/api/v1/support-payments/bulk', { programId: program.id, items })

    const failing = await bulk([
      { kind: 'agreement', reasonId: a.id, role: 'union' },
      { kind: 'agreement', reasonId: c.id, role: 'union' },
      { kind: 'union_founding', reasonId: union.id, role: 'organiser', organiserUserId: organiser.id },
    ])
    expect(failing.statusCode).toBe(422)
    expect(failing.json<Problem>()).toMatchObject({ code: 'not_eligible', errors: [{ field: '/items/1/reasonId', code: 'grade_not_paid' }] })
    const malformed = await bulk([
      { kind: 'agreement', reasonId: a.id, role: 'union' },
      { kind: 'agreement', reasonId: a.id, role: 'union' },
      { kind: 'agreement', reasonId: b.id, role: 'organiser' },
      { kind: 'union_founding', reasonId: union.id, role: 'organiser' },
    ])
    expect(malformed.json<Problem>().errors?.map((error) => [error.field, error.code])).toEqual([
      ['/items/1', 'duplicate_entry'],
      ['/items/2/role', 'enum'],
      ['/items/3/organiserUserId', 'organiser_required'],
    ])
    expect((await ledgerAndTotals(ctx, program.id)).totals.proposed).toBe(0)

    const items = [
      { kind: 'agreement', reasonId: a.id, role: 'union' },
      { kind: 'agreement', reasonId: b.id, role: 'union' },
      { kind: 'union_founding', reasonId: union.id, role: 'union' },
      { kind: 'union_founding', reasonId: union.id, role: 'organiser', organiserUserId: organiser.id },
    ]
    const done = await bulk(items)
    expectStatus(done, 201)
    expect(done.json<{ items: SupportPayment[] }>().items.map((item) => [item.reason.id, item.role, item.amountVnd])).toEqual([
      [a.id, 'union', 8_500_000],
      [b.id, 'union', 6_000_000],
      [union.id, 'union', 5_000_000],
      [union.id, 'organiser', 1_000_000],
    ])
    expect((await readProgram(fed, program.id)).figures.proposedVnd).toBe(20_500_000)
    const again = await bulk([items[0], { kind: 'agreement', reasonId: (await createAgreementRow(ctx, tree.grassrootsA1)).id, role: 'union' }])
    expect(again.statusCode).toBe(409)
    expect(again.json<Problem>()).toMatchObject({ code: 'already_paid', errors: [{ field: '/items/0', code: 'already_paid' }] })
  })
})

describe('report, export and the ledger itself', () => {
  it('reports figures, by role and over time, and exports the payments to XLSX with Vietnamese headings', async () => {
    const program = await createProgram(fed, tree.root, { name: 'Đề án báo cáo', budgetVnd: 50_000_000 })
    const a = await proposeAgreement(officerA1, program.id, (await createAgreementRow(ctx, tree.grassrootsA1, { grade: 'A' })).id)
    const b = await proposeAgreement(officerA1, program.id, (await createAgreementRow(ctx, tree.grassrootsA1, { grade: 'B' })).id)
    const union = await createFoundedUnion(ctx, tree.districtA, { foundedOn: '2021-07-01', memberCount: 30 })
    const u = await fed2.post('/api/v1/support-payments', { programId: program.id, kind: 'union_founding', unionId: union.id })
    expectStatus(u, 201)
    await approve(fed, a.id)
    await approve(fed, u.json<SupportPayment>().id)
    expectStatus(await fed.post(`/api/v1/support-payments/${a.id}/disburse`, { disbursedOn: todayInVietnam(), method: 'cash', reference: 'PC 15' }), 200)

    const response = await officerA1.get(`/api/v1/support-programs/${program.id}/report`)
    expectStatus(response, 200)
    const report = response.json<SupportProgramReport>()
    expect(report.figures).toEqual({ budgetVnd: 50_000_000, proposedVnd: 6_000_000, approvedVnd: 5_000_000, disbursedVnd: 8_500_000, committedVnd: 13_500_000, remainingVnd: 36_500_000 })
    expect(report.byRole).toEqual([
      { role: 'union', payments: 2, committedVnd: 13_500_000, disbursedVnd: 8_500_000 },
      { role: 'organiser', payments: 0, committedVnd: 0, disbursedVnd: 0 },
      { role: 'member', payments: 0, committedVnd: 0, disbursedVnd: 0 },
    ])
    // Monthly from January 2021 to this month; nothing before today, everything by its end.
    const thisMonth = todayInVietnam().slice(0, 7)
    expect(report.series[0]).toEqual({ periodEnd: '2021-01-31', committedVnd: 0, disbursedVnd: 0 })
    expect(report.series.at(-1)).toEqual({ periodEnd: todayInVietnam(), committedVnd: 13_500_000, disbursedVnd: 8_500_000 })
    expect(report.series.filter((point) => point.committedVnd > 0).map((point) => point.periodEnd.slice(0, 7))).toEqual([thisMonth])
    const quarterly = (await fed.get(`/api/v1/support-programs/${program.id}/report?interval=quarter`)).json<SupportProgramReport>()
    expect(quarterly.series.slice(0, 2).map((point) => point.periodEnd)).toEqual(['2021-03-31', '2021-06-30'])
    expect(quarterly.series.at(-1)?.committedVnd).toBe(13_500_000)

    const download = await fed.get(`/api/v1/support-programs/${program.id}/payments.xlsx`)
    expectStatus(download, 200)
    expect(download.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename="khoan-ho-tro-\d{8}\.xlsx"$/)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(download.rawPayload as unknown as ArrayBuffer)
    const sheet = workbook.worksheets[0]!
    expect(sheet.name).toBe('Khoản hỗ trợ')
    const headings = (sheet.getRow(1).values as unknown[]).slice(1)
    expect(headings.slice(0, 7)).toEqual(['STT', 'Đơn vị', 'Mã đơn vị', 'Đối tượng thụ hưởng', 'Loại đối tượng', 'Nội dung hỗ trợ', 'Số tiền (đồng)'])
    expect(sheet.rowCount).toBe(4)
    const rows = [2, 3, 4].map((n) => sheet.getRow(n))
    expect(rows.map((row) => row.getCell(7).value)).toEqual([8_500_000, 6_000_000, 5_000_000])
    expect(rows.map((row) => row.getCell(10).value)).toEqual(['Đã chi', 'Đã đề xuất', 'Đã phê duyệt'])
    expect(rows[0]!.getCell(16).value).toBe('Tiền mặt')
    expect(rows[0]!.getCell(17).value).toBe('PC 15')
    expect((rows[0]!.getCell(15).value as Date).toISOString().slice(0, 10)).toBe(todayInVietnam())
    expect(rows.map((row) => row.getCell(19).value)).toEqual([a.id, b.id, u.json<SupportPayment>().id])

    // A grassroots officer's export holds the payments of their own union only.
    const mine = await officerA1.get(`/api/v1/support-programs/${program.id}/payments.xlsx`)
    const theirs = new ExcelJS.Workbook()
    await theirs.xlsx.load(mine.rawPayload as unknown as ArrayBuffer)
    expect(theirs.worksheets[0]!.rowCount).toBe(3)
  })

  it('the ledger refuses UPDATE and DELETE: corrections are new entries', async () => {
    const program = await createProgram(fed, tree.root)
    await proposeAgreement(officerA1, program.id, (await createAgreementRow(ctx, tree.grassrootsA1)).id)
    const before = await readLedger(fed, program.id)
    await expect(ctx.db.execute(sql`UPDATE support_ledger SET amount_vnd = 1 WHERE program_id = ${program.id}`)).rejects.toThrow()
    await expect(ctx.db.execute(sql`DELETE FROM support_ledger WHERE program_id = ${program.id}`)).rejects.toThrow()
    const after: LedgerEntry[] = await readLedger(fed, program.id)
    expect(after).toEqual(before)
    // The database keeps the totals to the budget even against a direct write.
    await expect(ctx.db.execute(sql`UPDATE support_programs SET approved_vnd = budget_vnd + 1 WHERE id = ${program.id}`)).rejects.toThrow()
  })
})
