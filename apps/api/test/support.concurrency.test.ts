import type { Problem, SupportPayment } from '@liendoan/contracts'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { todayInVietnam } from '../src/lib/dates.js'
import { type Client, type TestContext, createTestApp, loginAs, queryRows } from './helpers/app.js'
import { createMember } from './helpers/members.js'
import {
  type SupportTree,
  approve,
  createAgreementRow,
  createProgram,
  createSupportTree,
  expectStatus,
  ledgerAndTotals,
  paymentFootprint,
  proposeAgreement,
  readLedger,
  readProgram,
} from './helpers/support.js'

/**
 * The money invariants under concurrency, each held by the database: the budget under thirty
 * approvals at once, one payment per reason under racing proposals, maker-checker, the yearly
 * hardship limit, and Idempotency-Key retries.
 */

let ctx: TestContext
let tree: SupportTree
let fed: Client
let officerA1: Client

beforeAll(async () => {
  ctx = await createTestApp()
  tree = await createSupportTree(ctx)
  fed = await loginAs(ctx, 'federation_officer', tree.root)
  officerA1 = await loginAs(ctx, 'union_officer', tree.grassrootsA1)
})
afterAll(async () => {
  await ctx.close()
})

async function livePayments(programId: string, reasonId: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    ctx,
    sql`SELECT count(*)::int AS n FROM support_payments WHERE program_id = ${programId} AND reason_id = ${reasonId} AND status IN ('proposed', 'approved', 'disbursed')`,
  )
  return row?.n ?? 0
}

describe('the budget under concurrent approvals', () => {
  it('thirty approvals at once against a budget that fits ten: ten approved, twenty refused with budget_exceeded, the ledger matching the totals', async () => {
    // Ten grade-A payments (8,500,000 each) fit; an eleventh does not.
    const program = await createProgram(fed, tree.root, { budgetVnd: 10 * 8_500_000 + 4_000_000 })
    const agreements = await Promise.all(Array.from({ length: 30 }, (_, i) => createAgreementRow(ctx, i % 2 ? tree.grassrootsA1 : tree.grassrootsA2, { grade: 'A' })))
    const district = await loginAs(ctx, 'union_officer', tree.districtA)
    const proposed = await district.post('/api/v1/support-payments/bulk', {
      programId: program.id,
      items: agreements.map((agreement) => ({ kind: 'agreement', reasonId: agreement.id, role: 'union' })),
    })
    expectStatus(proposed, 201)
    const payments = proposed.json<{ items: SupportPayment[] }>().items
    expect(payments).toHaveLength(30)

    // The approver is not the proposer of any of them.
    const responses = await Promise.all(payments.map((payment) => fed.post(`/api/v1/support-payments/${payment.id}/approve`, {})))

    const statuses = responses.map((response) => response.statusCode)
    expect(statuses.filter((status) => status === 200)).toHaveLength(10)
    expect(statuses.filter((status) => status === 409)).toHaveLength(20)
    for (const refused of responses.filter((response) => response.statusCode === 409)) {
      expect(refused.headers['content-type']).toContain('application/problem+json')
      const problem = refused.json<Problem>()
      expect(problem).toMatchObject({ status: 409, code: 'budget_exceeded', title: 'Vượt quá kinh phí còn lại của đề án', type: 'urn:liendoan:problem:budget_exceeded' })
      expect(problem.detail).toBe("Approving 8,500,000 VND would go over the programme's budget: 4,000,000 VND of 89,000,000 VND remains.")
    }

    const figures = (await readProgram(fed, program.id)).figures
    expect(figures).toEqual({
      budgetVnd: 89_000_000,
      proposedVnd: 20 * 8_500_000,
      approvedVnd: 85_000_000,
      disbursedVnd: 0,
      committedVnd: 85_000_000,
      remainingVnd: 4_000_000,
    })
    const sums = await ledgerAndTotals(ctx, program.id)
    expect(sums.ledger).toEqual(sums.totals)
    const ledger = await readLedger(fed, program.id)
    expect(ledger.filter((entry) => entry.kind === 'approved')).toHaveLength(10)
    const fromApi = ledger.reduce((total, entry) => total + entry.approvedDeltaVnd + entry.disbursedDeltaVnd, 0)
    expect(fromApi).toBe(figures.committedVnd)
    const [states] = await queryRows<{ approved: number; proposed: number; audited: number }>(
      ctx,
      sql`SELECT count(*) FILTER (WHERE status = 'approved')::int AS approved, count(*) FILTER (WHERE status = 'proposed')::int AS proposed,
                 (SELECT count(*)::int FROM audit_events WHERE action = 'support_payment.approve' AND entity_id IN (SELECT id FROM support_payments WHERE program_id = ${program.id})) AS audited
            FROM support_payments WHERE program_id = ${program.id}`,
    )
    expect(states).toEqual({ approved: 10, proposed: 20, audited: 10 })

    // The refused ones are still proposed: cancelling one approved payment lets one more through.
    const approvedOne = responses.find((response) => response.statusCode === 200)!.json<SupportPayment>()
    const waiting = payments.find((payment) => responses[payments.indexOf(payment)]!.statusCode === 409)!
    expectStatus(await fed.post(`/api/v1/support-payments/${approvedOne.id}/cancel`, { reason: 'Doanh nghiệp rút hồ sơ' }), 200)
    await approve(fed, waiting.id)
    expect((await fed.post(`/api/v1/support-payments/${payments.find((p) => p.id !== waiting.id && responses[payments.indexOf(p)]!.statusCode === 409)!.id}/approve`, {})).json<Problem>().code).toBe('budget_exceeded')
  })
})

describe('one payment per reason', () => {
  it('the same agreement proposed twice at once, then again: one payment, the others refused with already_paid', async () => {
    const program = await createProgram(fed, tree.root)
    const agreement = await createAgreementRow(ctx, tree.grassrootsA1, { grade: 'B' })
    const other = await loginAs(ctx, 'federation_officer', tree.districtA)
    const body = { programId: program.id, kind: 'agreement', agreementId: agreement.id }
    const racing = await Promise.all([officerA1.post('/api/v1/support-payments', body), other.post('/api/v1/support-payments', body)])
    expect(racing.map((response) => response.statusCode).sort()).toEqual([201, 409])
    const refused = racing.find((response) => response.statusCode === 409)!
    expect(refused.headers['content-type']).toContain('application/problem+json')
    expect(refused.json<Problem>().code).toBe('already_paid')
    const again = await fed.post('/api/v1/support-payments', body)
    expect(again.statusCode).toBe(409)
    expect(again.json<Problem>().code).toBe('already_paid')
    expect(await livePayments(program.id, agreement.id)).toBe(1)
    expect((await readProgram(fed, program.id)).figures.proposedVnd).toBe(6_000_000)

    // Two bulk proposals overlapping on one reason: one of them, whole; the other not at all.
    const shared = await createAgreementRow(ctx, tree.grassrootsA1)
    const onlyFirst = await createAgreementRow(ctx, tree.grassrootsA1)
    const onlySecond = await createAgreementRow(ctx, tree.grassrootsA1)
    const bulk = (ids: string[]) =>
      fed.post('/api/v1/support-payments/bulk', { programId: program.id, items: ids.map((id) => ({ kind: 'agreement', reasonId: id, role: 'union' })) })
    const bulks = await Promise.all([bulk([onlyFirst.id, shared.id]), bulk([shared.id, onlySecond.id])])
    expect(bulks.map((response) => response.statusCode).sort()).toEqual([201, 409])
    const winner = bulks.findIndex((response) => response.statusCode === 201)
    expect(await livePayments(program.id, shared.id)).toBe(1)
    expect(await livePayments(program.id, onlyFirst.id)).toBe(winner === 0 ? 1 : 0)
    expect(await livePayments(program.id, onlySecond.id)).toBe(winner === 1 ? 1 : 0)
    // The same two reasons in opposite orders: one list wins whole, the other waits and is refused (no deadlock).
    const x = await createAgreementRow(ctx, tree.grassrootsA1)
    const y = await createAgreementRow(ctx, tree.grassrootsA2)
    const crossed = await Promise.all([bulk([x.id, y.id]), bulk([y.id, x.id])])
    expect(crossed.map((response) => response.statusCode).sort()).toEqual([201, 409])
    expect(crossed.find((response) => response.statusCode === 409)!.json<Problem>().code).toBe('already_paid')
    expect([await livePayments(program.id, x.id), await livePayments(program.id, y.id)]).toEqual([1, 1])
    const sums = await ledgerAndTotals(ctx, program.id)
    expect(sums.ledger).toEqual(sums.totals)
  })

  it('the database refuses a second live payment for a reason even written directly', async () => {
    const program = await createProgram(fed, tree.root)
    const payment = await proposeAgreement(officerA1, program.id, (await createAgreementRow(ctx, tree.grassrootsA1)).id)
    await expect(
      ctx.db.execute(sql`INSERT INTO support_payments (id, program_id, reason_kind, reason_id, role, beneficiary_kind, beneficiary_id, beneficiary_name, union_id, amount_vnd, proposed_by_user_id)
        SELECT gen_random_uuid(), program_id, reason_kind, reason_id, role, beneficiary_kind, beneficiary_id, beneficiary_name, union_id, amount_vnd, proposed_by_user_id
          FROM support_payments WHERE id = ${payment.id}`),
    ).rejects.toThrow()
  })
})

describe('maker-checker', () => {
  it('a proposer who holds the approver permission cannot approve their own payment; another approver can', async () => {
    const program = await createProgram(fed, tree.root)
    for (const role of ['federation_officer', 'admin'] as const) {
      const maker = await loginAs(ctx, role, tree.root)
      const payment = await proposeAgreement(maker, program.id, (await createAgreementRow(ctx, tree.grassrootsA1)).id)
      const before = await paymentFootprint(ctx, payment.id)
      const own = await maker.post(`/api/v1/support-payments/${payment.id}/approve`, {})
      expect(own.statusCode).toBe(403)
      expect(own.json<Problem>()).toMatchObject({ code: 'maker_checker', title: 'Người đề xuất không được tự phê duyệt khoản chi của mình' })
      expect(await paymentFootprint(ctx, payment.id)).toEqual(before)
      expect((await approve(fed, payment.id)).approvedBy?.id).toBe(fed.user.id)
    }
    // The database holds it too: an approver equal to the proposer is refused by its CHECK.
    const payment = await proposeAgreement(fed, program.id, (await createAgreementRow(ctx, tree.grassrootsA1)).id)
    await expect(
      ctx.db.execute(sql`UPDATE support_payments SET status = 'approved', approved_by_user_id = proposed_by_user_id, approved_at = now() WHERE id = ${payment.id}`),
    ).rejects.toThrow()
  })
})

describe('hardship limit under concurrency', () => {
  it('three proposals for one member at once, two allowed a year: two are made', async () => {
    const program = await createProgram(fed, tree.root, { rules: { hardship: { maxAmountVnd: 3_000_000, maxPerYear: 2 } } })
    const member = await createMember(ctx, tree.grassrootsA1)
    const responses = await Promise.all(
      ['2022-03-01', '2022-05-01', '2022-07-01'].map((occurredOn) =>
        officerA1.post('/api/v1/support-payments', { programId: program.id, kind: 'hardship', memberId: member.id, occurredOn, description: 'Tai nạn lao động', amountVnd: 3_000_000 }),
      ),
    )
    expect(responses.map((response) => response.statusCode).sort()).toEqual([201, 201, 422])
    expect(responses.find((response) => response.statusCode === 422)!.json<Problem>().errors?.[0]?.code).toBe('hardship_yearly_limit')
    const [row] = await queryRows<{ n: number }>(ctx, sql`SELECT count(*)::int AS n FROM support_payments WHERE program_id = ${program.id}`)
    expect(row?.n).toBe(2)
  })
})

describe('Idempotency-Key', () => {
  it('replays the first response for the same key and body, and refuses the key with another body (422)', async () => {
    const program = await createProgram(fed, tree.root)
    const agreement = await createAgreementRow(ctx, tree.grassrootsA1)
    const body = { programId: program.id, kind: 'agreement', agreementId: agreement.id }
    const key = { 'idempotency-key': `propose-${agreement.id}` }
    const first = await officerA1.post('/api/v1/support-payments', body, key)
    expectStatus(first, 201)
    const replay = await officerA1.post('/api/v1/support-payments', body, key)
    expect(replay.statusCode).toBe(201)
    expect(replay.headers['idempotent-replayed']).toBe('true')
    expect(replay.json()).toEqual(first.json())
    expect(replay.headers.location).toBe(first.headers.location)
    expect(await livePayments(program.id, agreement.id)).toBe(1)
    const reused = await officerA1.post('/api/v1/support-payments', { ...body, note: 'Khác' }, key)
    expect(reused.statusCode).toBe(422)
    expect(reused.json<Problem>().code).toBe('idempotency_key_reused')
    expect((await readLedger(fed, program.id)).length).toBe(1)

    // Approval and disbursement: a retried request does not approve or pay twice.
    const payment = first.json<SupportPayment>()
    const approveKey = { 'idempotency-key': `approve-${payment.id}` }
    const approved = await fed.post(`/api/v1/support-payments/${payment.id}/approve`, {}, approveKey)
    expectStatus(approved, 200)
    const approvedAgain = await fed.post(`/api/v1/support-payments/${payment.id}/approve`, {}, approveKey)
    expect(approvedAgain.statusCode).toBe(200)
    expect(approvedAgain.headers['idempotent-replayed']).toBe('true')
    expect(approvedAgain.json()).toEqual(approved.json())
    expect((await fed.post(`/api/v1/support-payments/${payment.id}/approve`, { overrideReason: 'Khác đi' }, approveKey)).statusCode).toBe(422)
    const disburseKey = { 'idempotency-key': `disburse-${payment.id}` }
    const disbursement = { disbursedOn: todayInVietnam(), method: 'bank_transfer', reference: 'UNC 77' }
    const paid = await fed.post(`/api/v1/support-payments/${payment.id}/disburse`, disbursement, disburseKey)
    expectStatus(paid, 200)
    const paidAgain = await fed.post(`/api/v1/support-payments/${payment.id}/disburse`, disbursement, disburseKey)
    expect(paidAgain.statusCode).toBe(200)
    expect(paidAgain.json()).toEqual(paid.json())
    const otherBody = await fed.post(`/api/v1/support-payments/${payment.id}/disburse`, { ...disbursement, reference: 'UNC 78' }, disburseKey)
    expect(otherBody.statusCode).toBe(422)
    expect(otherBody.json<Problem>().code).toBe('idempotency_key_reused')
    // Without the key, the same request again is a real second attempt: refused by the state machine.
    expect((await fed.post(`/api/v1/support-payments/${payment.id}/disburse`, disbursement)).json<Problem>().code).toBe('invalid_transition')
    expect((await readLedger(fed, program.id)).map((entry) => entry.kind)).toEqual(['proposed', 'approved', 'disbursed'])
    expect((await readProgram(fed, program.id)).figures).toMatchObject({ proposedVnd: 0, approvedVnd: 0, disbursedVnd: 8_500_000 })

    // Bulk: the same key and items replay, another list is refused.
    const more = await createAgreementRow(ctx, tree.grassrootsA1)
    const bulkBody = { programId: program.id, items: [{ kind: 'agreement', reasonId: more.id, role: 'union' }] }
    const bulkKey = { 'idempotency-key': `bulk-${more.id}` }
    const bulk = await fed.post('/api/v1/support-payments/bulk', bulkBody, bulkKey)
    expectStatus(bulk, 201)
    const bulkAgain = await fed.post('/api/v1/support-payments/bulk', bulkBody, bulkKey)
    expect(bulkAgain.statusCode).toBe(201)
    expect(bulkAgain.json()).toEqual(bulk.json())
    expect((await fed.post('/api/v1/support-payments/bulk', { ...bulkBody, items: [...bulkBody.items, { kind: 'agreement', reasonId: agreement.id, role: 'union' }] }, bulkKey)).statusCode).toBe(422)
    expect(await livePayments(program.id, more.id)).toBe(1)
  })
})
