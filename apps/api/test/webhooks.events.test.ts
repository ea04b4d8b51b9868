import type { Member, WebhookEventType, WebhookWithSecret } from '@liendoan/contracts'
import { type SQL, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { todayInVietnam } from '../src/lib/dates.js'
import { type Client, type TestContext, createTestApp, createUnion, loginAs, queryRows } from './helpers/app.js'
import { createWebhookTree } from './helpers/webhook-tree.js'
import { agreementIn } from './helpers/agreements.js'
import { createMember, newCitizenId } from './helpers/members.js'
import { HEADERS, commitJob, importFile, memberRow, xlsxOf } from './helpers/sheets.js'
import { createAgreementRow, createProgram, createSupportTree, proposeAgreement } from './helpers/support.js'

/**
 * Every place that changes what an event type describes writes it to the outbox, in its own
 * transaction: admissions one by one and by import, re-admissions, leaving, restructuring,
 * agreements registered and expired, payments approved and disbursed.
 */

let ctx: TestContext
type Tree = Awaited<ReturnType<typeof createWebhookTree>>
let tree: Tree
let admin: Client

beforeAll(async () => {
  ctx = await createTestApp()
  tree = await createWebhookTree(ctx)
  admin = await loginAs(ctx, 'admin', tree.root)
})
afterAll(async () => {
  await ctx?.close()
})

const rows = <T>(query: SQL) => queryRows<T>(ctx, query)

async function subscribe(c: Client, unionId: string, eventTypes: WebhookEventType[]): Promise<WebhookWithSecret> {
  const response = await c.post('/api/v1/webhooks', { name: 'Sự kiện', url: 'https://receiver.example.invalid/events', eventTypes, unionId })
  expect(response.statusCode, response.body).toBe(201)
  return response.json<WebhookWithSecret>()
}

interface EventRow {
  type: string
  union_id: string
  payload: Record<string, unknown>
}

async function eventsFor(subscriptionId: string): Promise<EventRow[]> {
  return rows<EventRow>(sql`
    SELECT e.type, e.union_id, e.payload FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id
    WHERE d.subscription_id = ${subscriptionId} ORDER BY e.created_at, e.id`)
}

describe('events of members', () => {
  it('an import commit writes one masked member.admitted per new member', async () => {
    const subscription = await subscribe(admin, tree.districtA.id, ['member.admitted'])
    const officer = await loginAs(ctx, 'union_officer', tree.grassrootsA1)
    const citizenIds = [newCitizenId(), newCitizenId(), newCitizenId()]
    const content = await xlsxOf([HEADERS, ...citizenIds.map((citizenId) => memberRow({ citizenId, phone: '0912345678' }))])
    const job = await importFile(officer, { name: 'nhap.xlsx', content }, { unionId: tree.grassrootsA1.id })
    const committed = await commitJob(officer, job.id)
    expect(committed.status).toBe('committed')

    const events = await eventsFor(subscription.id)
    expect(events).toHaveLength(3)
    for (const event of events) {
      expect(event).toMatchObject({ type: 'member.admitted', union_id: tree.grassrootsA1.id, payload: { importJobId: job.id, member: { union: { id: tree.grassrootsA1.id }, phone: '09******78' } } })
      for (const citizenId of citizenIds) expect(JSON.stringify(event.payload)).not.toContain(citizenId)
    }
    const masked = events.map((event) => (event.payload.member as Member).citizenId).sort()
    expect(masked).toEqual(citizenIds.map((id) => `********${id.slice(-4)}`).sort())
  })

  it('a member who left and is re-admitted elsewhere is news only for the union that takes them back', async () => {
    const sideA = await subscribe(admin, tree.districtA.id, ['member.left', 'member.readmitted'])
    const sideB = await subscribe(admin, tree.districtB.id, ['member.left', 'member.readmitted'])
    const member = await createMember(ctx, tree.grassrootsA2)
    expect((await admin.post(`/api/v1/members/${member.id}/status`, { status: 'left', effectiveDate: '2024-01-01', reason: 'Nghỉ việc' })).statusCode).toBe(200)
    const readmitted = await admin.post(`/api/v1/members/${member.id}/readmission`, { unionId: tree.grassrootsB1.id, admittedOn: '2024-06-01' })
    expect(readmitted.statusCode, readmitted.body).toBe(200)

    expect((await eventsFor(sideA.id)).map((event) => event.type)).toEqual(['member.left'])
    const [forB] = await eventsFor(sideB.id)
    expect(forB).toMatchObject({ type: 'member.readmitted', union_id: tree.grassrootsB1.id, payload: { member: { id: member.id, union: { id: tree.grassrootsB1.id } } } })
    expect(JSON.stringify(forB?.payload)).not.toContain(tree.grassrootsA2.name)
  })
})

describe('events of unions', () => {
  it('a merge tells the target’s side with the source as an id, the source’s side with the target as an id', async () => {
    const source = await createUnion(ctx, { parent: tree.districtA, name: 'CĐCS nguồn sáp nhập' })
    const target = await createUnion(ctx, { parent: tree.districtB, name: 'CĐCS đích sáp nhập' })
    const sideSource = await subscribe(admin, source.id, ['union.merged'])
    const sideTarget = await subscribe(admin, tree.districtB.id, ['union.merged'])
    const both = await subscribe(admin, tree.root.id, ['union.merged', 'union.dissolved'])
    const merged = await admin.post(`/api/v1/unions/${source.id}/merge`, { targetId: target.id, effectiveDate: '2025-07-01', reason: 'Hợp nhất' })
    expect(merged.statusCode, merged.body).toBe(200)

    const [forSource] = await eventsFor(sideSource.id)
    expect(forSource).toMatchObject({ type: 'union.merged', union_id: source.id, payload: { source: { id: source.id, status: 'merged' }, target: { id: target.id } } })
    expect(JSON.stringify(forSource?.payload)).not.toContain(target.name)
    const [forTarget] = await eventsFor(sideTarget.id)
    expect(forTarget).toMatchObject({ type: 'union.merged', union_id: target.id, payload: { source: { id: source.id }, target: { id: target.id, name: target.name } } })
    expect(JSON.stringify(forTarget?.payload)).not.toContain(source.name)
    expect((await eventsFor(both.id)).map((event) => event.union_id)).toEqual([target.id])

    const doomed = await createUnion(ctx, { parent: tree.districtA, name: 'CĐCS giải thể' })
    const dissolved = await admin.post(`/api/v1/unions/${doomed.id}/dissolve`, { effectiveDate: '2025-07-01', reason: 'Doanh nghiệp giải thể' })
    expect(dissolved.statusCode, dissolved.body).toBe(200)
    expect((await eventsFor(both.id)).map((event) => [event.type, event.union_id])).toEqual([
      ['union.merged', target.id],
      ['union.dissolved', doomed.id],
    ])
  })
})

describe('events of agreements and payments', () => {
  it('registration and expiry (the scheduled job too) reach the agreement’s subtree', async () => {
    const subscription = await subscribe(admin, tree.districtA.id, ['agreement.registered', 'agreement.expired'])
    const registered = await agreementIn(ctx, 'registered', tree.grassrootsA1, admin, admin)
    const expired = await agreementIn(ctx, 'expired', tree.grassrootsA1, admin, admin)
    const events = await eventsFor(subscription.id)
    expect(events.map((event) => [event.type, (event.payload.agreement as { id: string }).id])).toEqual([
      ['agreement.registered', registered.id],
      ['agreement.expired', expired.id],
    ])
    expect(events[1]).toMatchObject({ union_id: tree.grassrootsA1.id, payload: { asOf: todayInVietnam(), agreement: { status: 'expired' } } })
  })

  it('approval and disbursement of a payment reach the beneficiary union’s subtree', async () => {
    const support = await createSupportTree(ctx)
    const supportAdmin = await loginAs(ctx, 'admin', support.root)
    const subscription = await subscribe(supportAdmin, support.grassrootsA1.id, ['payment.approved', 'payment.disbursed'])
    const sibling = await subscribe(supportAdmin, support.grassrootsA2.id, ['payment.approved', 'payment.disbursed'])
    const fed = await loginAs(ctx, 'federation_officer', support.root)
    const officer = await loginAs(ctx, 'union_officer', support.grassrootsA1)
    const program = await createProgram(fed, support.root, { budgetVnd: 100_000_000 })
    const agreement = await createAgreementRow(ctx, support.grassrootsA1, { grade: 'A' })
    const payment = await proposeAgreement(officer, program.id, agreement.id)
    expect((await fed.post(`/api/v1/support-payments/${payment.id}/approve`, {})).statusCode).toBe(200)
    const disbursed = await fed.post(`/api/v1/support-payments/${payment.id}/disburse`, { disbursedOn: todayInVietnam(), method: 'cash', reference: 'PC 01' })
    expect(disbursed.statusCode, disbursed.body).toBe(200)

    const events = await eventsFor(subscription.id)
    expect(events.map((event) => event.type)).toEqual(['payment.approved', 'payment.disbursed'])
    expect(events[1]).toMatchObject({ union_id: support.grassrootsA1.id, payload: { payment: { id: payment.id, status: 'disbursed', amountVnd: payment.amountVnd } } })
    expect(await eventsFor(sibling.id)).toEqual([])
  })
})
