import type { Member, PageOf, Problem, Webhook, WebhookDelivery, WebhookEventType, WebhookWithSecret } from '@liendoan/contracts'
import type { LightMyRequestResponse } from 'fastify'
import { type SQL, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { recordWebhookEvent } from '../src/modules/webhooks/webhook-outbox.js'
import { openWebhookSecret, sealWebhookSecret } from '../src/modules/webhooks/webhook-secrets.js'
import { type Client, type TestContext, createTestApp, loginAs, queryRows } from './helpers/app.js'
import { createWebhookTree } from './helpers/webhook-tree.js'
import { admissionBody } from './helpers/member-records.js'
import { createMember } from './helpers/members.js'

/**
 * Webhook subscriptions through the API, and the outbox the changes write: who may manage them,
 * what they validate, and which subscriptions an event fans out to (never one outside the
 * event's subtree). Delivery itself is in webhooks.delivery.test.ts.
 */

let ctx: TestContext
type Tree = Awaited<ReturnType<typeof createWebhookTree>>

beforeAll(async () => {
  ctx = await createTestApp()
})
afterAll(async () => {
  await ctx?.close()
})

const rows = <T>(query: SQL) => queryRows<T>(ctx, query)

function problem(response: LightMyRequestResponse, status: number): Problem {
  expect(response.statusCode, response.body).toBe(status)
  expect(String(response.headers['content-type'])).toContain('application/problem+json')
  return response.json<Problem>()
}

// Nothing listens there: the dispatcher is off in this file.
const URL_BASE = 'https://receiver.example.invalid/hooks'

async function subscribe(c: Client, unionId: string, eventTypes: WebhookEventType[], name = 'Hệ thống nhân sự'): Promise<WebhookWithSecret> {
  const response = await c.post('/api/v1/webhooks', { name, url: `${URL_BASE}/${name}`, eventTypes, unionId })
  expect(response.statusCode, response.body).toBe(201)
  return response.json<WebhookWithSecret>()
}

interface DeliveryRow {
  subscription_id: string
  type: string
  union_id: string
  payload: Record<string, unknown>
}

/** The outbox's deliveries for these subscriptions, with their event. */
async function deliveriesFor(subscriptionIds: string[]): Promise<DeliveryRow[]> {
  if (subscriptionIds.length === 0) return []
  return rows<DeliveryRow>(sql`
    SELECT d.subscription_id, e.type, e.union_id, e.payload
    FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id
    WHERE d.subscription_id IN (${sql.join(
      subscriptionIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})
    ORDER BY d.id`)
}

describe('managing subscriptions', () => {
  let tree: Tree
  let adminA: Client
  beforeAll(async () => {
    tree = await createWebhookTree(ctx)
    adminA = await loginAs(ctx, 'admin', tree.districtA)
  })

  it('creates a subscription, shows the secret once, never again, and never in the audit log', async () => {
    const response = await adminA.post('/api/v1/webhooks', { name: 'HRM', url: `${URL_BASE}/hrm`, eventTypes: ['member.admitted', 'member.left'] })
    expect(response.statusCode, response.body).toBe(201)
    const created = response.json<WebhookWithSecret>()
    expect(created).toMatchObject({ name: 'HRM', active: true, union: { id: tree.districtA.id }, eventTypes: ['member.admitted', 'member.left'], version: 1 })
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/)
    expect(response.headers.location).toBe(`/api/v1/webhooks/${created.id}`)
    expect(response.headers.etag).toBe('"1"')

    const read = await adminA.get(`/api/v1/webhooks/${created.id}`)
    expect(read.statusCode).toBe(200)
    expect(read.json()).not.toHaveProperty('secret')
    expect(read.body).not.toContain(created.secret)

    const rotated = await adminA.post(`/api/v1/webhooks/${created.id}/rotate-secret`)
    expect(rotated.statusCode).toBe(200)
    const { secret: newSecret } = rotated.json<WebhookWithSecret>()
    expect(newSecret).not.toBe(created.secret)
    const [stored] = await rows<{ secret: string }>(sql`SELECT secret FROM webhook_subscriptions WHERE id = ${created.id}`)
    expect(openWebhookSecret(stored!.secret, undefined)).toBe(newSecret)

    const audits = await rows<{ action: string; text: string }>(
      sql`SELECT action, concat(before::text, after::text) AS text FROM audit_events WHERE entity_id = ${created.id} ORDER BY occurred_at`,
    )
    expect(audits.map((audit) => audit.action)).toEqual(['webhook.create', 'webhook.rotate_secret'])
    for (const audit of audits) {
      expect(audit.text).not.toContain(created.secret)
      expect(audit.text).not.toContain(newSecret)
    }
  })

  it('seals stored secrets with WEBHOOK_SECRET_KEY and reads them back', () => {
    const key = 'k'.repeat(40)
    const sealed = sealWebhookSecret('whsec_abc', key)
    expect(sealed).toMatch(/^aes256gcm:/)
    expect(sealed).not.toContain('whsec_abc')
    expect(openWebhookSecret(sealed, key)).toBe('whsec_abc')
    expect(() => openWebhookSecret(sealed, 'x'.repeat(40))).toThrow()
    expect(() => openWebhookSecret(sealed, undefined)).toThrow()
  })

  it('replays a creation sent again with the same Idempotency-Key', async () => {
    const body = { name: 'Idem', url: `${URL_BASE}/idem`, eventTypes: ['union.created'] }
    const headers = { 'idempotency-key': 'webhook-create-0001' }
    const first = await adminA.post('/api/v1/webhooks', body, headers)
    const second = await adminA.post('/api/v1/webhooks', body, headers)
    expect(first.statusCode).toBe(201)
    expect(second.statusCode).toBe(201)
    expect(second.json<Webhook>().id).toBe(first.json<Webhook>().id)
    problem(await adminA.post('/api/v1/webhooks', { ...body, name: 'Other' }, headers), 422)
  })

  it('refuses bad addresses and unknown event types with 400 problems', async () => {
    const base = { name: 'x', url: `${URL_BASE}/x`, eventTypes: ['member.admitted'] }
    for (const url of ['ftp://example.com/hook', 'not a url', 'http://user:secret@example.com/hook', 'http://']) {
      const body = problem(await adminA.post('/api/v1/webhooks', { ...base, url }), 400)
      expect(body.code).toBe('validation_failed')
      expect(body.errors?.[0]?.field).toBe('/url')
    }
    const unknown = problem(await adminA.post('/api/v1/webhooks', { ...base, eventTypes: ['member.exploded'] }), 400)
    expect(unknown.errors?.[0]?.field).toContain('/eventTypes')
    problem(await adminA.post('/api/v1/webhooks', { ...base, eventTypes: [] }), 400)
    problem(await adminA.post('/api/v1/webhooks', { ...base, secret: 'mine' }), 400)
  })

  it('updates with If-Match, lists with a cursor, and deletes', async () => {
    const a = await subscribe(adminA, tree.districtA.id, ['member.left'], 'list-a')
    const b = await subscribe(adminA, tree.grassrootsA1.id, ['member.left'], 'list-b')
    problem(await adminA.patch(`/api/v1/webhooks/${a.id}`, { active: false }), 428)
    problem(await adminA.patch(`/api/v1/webhooks/${a.id}`, { active: false }, { 'if-match': '"7"' }), 412)
    problem(await adminA.patch(`/api/v1/webhooks/${a.id}`, { url: 'gopher://x' }, { 'if-match': '"1"' }), 400)
    const updated = await adminA.patch(`/api/v1/webhooks/${a.id}`, { active: false, eventTypes: ['member.left', 'member.admitted'] }, { 'if-match': '"1"' })
    expect(updated.statusCode, updated.body).toBe(200)
    expect(updated.json<Webhook>()).toMatchObject({ active: false, version: 2, eventTypes: ['member.left', 'member.admitted'] })

    const seen: string[] = []
    let cursor: string | null = null
    do {
      const page: LightMyRequestResponse = await adminA.get(`/api/v1/webhooks?limit=1${cursor ? `&cursor=${cursor}` : ''}`)
      expect(page.statusCode).toBe(200)
      const body: PageOf<Webhook> = page.json()
      seen.push(...body.items.map((item) => item.id))
      cursor = body.nextCursor
    } while (cursor)
    expect(seen).toEqual(expect.arrayContaining([a.id, b.id]))
    const inactive = (await adminA.get(`/api/v1/webhooks?active=false`)).json<PageOf<Webhook>>()
    expect(inactive.items.map((item) => item.id)).toContain(a.id)
    expect(inactive.items.map((item) => item.id)).not.toContain(b.id)
    const underA1 = (await adminA.get(`/api/v1/webhooks?under=${tree.grassrootsA1.id}`)).json<PageOf<Webhook>>()
    expect(underA1.items.map((item) => item.id)).toEqual([b.id])

    expect((await adminA.request({ method: 'DELETE', url: `/api/v1/webhooks/${b.id}` })).statusCode).toBe(204)
    problem(await adminA.get(`/api/v1/webhooks/${b.id}`), 404)
  })
})

describe('who may manage subscriptions', () => {
  let tree: Tree
  let subscription: WebhookWithSecret
  beforeAll(async () => {
    tree = await createWebhookTree(ctx)
    subscription = await subscribe(await loginAs(ctx, 'admin', tree.districtA), tree.grassrootsA1.id, ['member.admitted'], 'authz')
  })

  it('lets admins and federation officers of the subtree, refuses other roles (403) and other subtrees (404)', async () => {
    const federationA = await loginAs(ctx, 'federation_officer', tree.districtA)
    expect((await federationA.get(`/api/v1/webhooks/${subscription.id}`)).statusCode).toBe(200)
    expect((await (await loginAs(ctx, 'admin', tree.root)).get(`/api/v1/webhooks/${subscription.id}`)).statusCode).toBe(200)

    for (const role of ['union_officer', 'viewer'] as const) {
      const c = await loginAs(ctx, role, tree.grassrootsA1)
      problem(await c.get(`/api/v1/webhooks/${subscription.id}`), 403)
      problem(await c.get('/api/v1/webhooks'), 403)
      problem(await c.post('/api/v1/webhooks', { name: 'x', url: `${URL_BASE}/x`, eventTypes: ['member.admitted'] }), 403)
    }

    const adminB = await loginAs(ctx, 'admin', tree.districtB)
    problem(await adminB.get(`/api/v1/webhooks/${subscription.id}`), 404)
    problem(await adminB.post(`/api/v1/webhooks/${subscription.id}/rotate-secret`), 404)
    problem(await adminB.get(`/api/v1/webhooks/${subscription.id}/deliveries`), 404)
    problem(await adminB.patch(`/api/v1/webhooks/${subscription.id}`, { active: false }, { 'if-match': '"1"' }), 404)
    problem(await adminB.request({ method: 'DELETE', url: `/api/v1/webhooks/${subscription.id}` }), 404)
    // A subscription can't be rooted outside one's own scope either.
    problem(await adminB.post('/api/v1/webhooks', { name: 'x', url: `${URL_BASE}/x`, eventTypes: ['member.admitted'], unionId: tree.districtA.id }), 404)
    expect((await adminB.get('/api/v1/webhooks')).json<PageOf<Webhook>>().items.map((item) => item.id)).not.toContain(subscription.id)
  })
})

describe('the outbox', () => {
  let tree: Tree
  let admin: Client
  beforeAll(async () => {
    tree = await createWebhookTree(ctx)
    admin = await loginAs(ctx, 'admin', tree.root)
  })

  it('fans an admission out to the subscriptions whose subtree holds it, never to a sibling subtree', async () => {
    const root = await subscribe(admin, tree.root.id, ['member.admitted'], 'fan-root')
    const districtA = await subscribe(admin, tree.districtA.id, ['member.admitted'], 'fan-a')
    const grassrootsA1 = await subscribe(admin, tree.grassrootsA1.id, ['member.admitted'], 'fan-a1')
    const grassrootsA2 = await subscribe(admin, tree.grassrootsA2.id, ['member.admitted'], 'fan-a2')
    const districtB = await subscribe(admin, tree.districtB.id, ['member.admitted'], 'fan-b')
    const otherType = await subscribe(admin, tree.districtA.id, ['member.left'], 'fan-other-type')
    const all = [root, districtA, grassrootsA1, grassrootsA2, districtB, otherType].map((s) => s.id)

    const body = admissionBody(tree.grassrootsA1, { phone: '0912345678' })
    const response = await admin.post('/api/v1/members', body)
    expect(response.statusCode, response.body).toBe(201)
    const member = response.json<Member>()

    const deliveries = await deliveriesFor(all)
    expect(deliveries.map((d) => d.subscription_id).sort()).toEqual([root.id, districtA.id, grassrootsA1.id].sort())
    for (const delivery of deliveries) {
      expect(delivery).toMatchObject({ type: 'member.admitted', union_id: tree.grassrootsA1.id })
      // The member as the API shows it without reveal: CCCD and phone masked.
      expect(delivery.payload.member).toMatchObject({ id: member.id, citizenId: `********${body.citizenId.slice(-4)}`, phone: '09******78' })
      expect(JSON.stringify(delivery.payload)).not.toContain(body.citizenId)
      expect(JSON.stringify(delivery.payload)).not.toContain('0912345678')
    }
    // Events are one per change: the three deliveries share it.
    expect((await rows<{ n: number }>(sql`SELECT count(DISTINCT event_id)::int AS n FROM webhook_deliveries WHERE subscription_id IN (${sql.join(all.map((id) => sql`${id}::uuid`), sql`, `)})`))[0]?.n).toBe(1)

    // An inactive subscription receives nothing.
    await admin.patch(`/api/v1/webhooks/${districtA.id}`, { active: false }, { 'if-match': '"1"' })
    expect((await admin.post('/api/v1/members', admissionBody(tree.grassrootsA2))).statusCode).toBe(201)
    const after = await deliveriesFor(all)
    expect(after.filter((d) => d.subscription_id === districtA.id)).toHaveLength(1)
    expect(after.filter((d) => d.subscription_id === grassrootsA2.id)).toHaveLength(1)
    expect(after.filter((d) => d.subscription_id === districtB.id)).toHaveLength(0)
  })

  it('writes nothing when the change is refused or rolled back', async () => {
    const subscription = await subscribe(admin, tree.root.id, ['member.admitted', 'member.left'], 'rollback')
    const existing = await createMember(ctx, tree.grassrootsB1)
    problem(await admin.post('/api/v1/members', admissionBody(tree.grassrootsB1, { citizenId: existing.citizenId })), 409)
    problem(await admin.post(`/api/v1/members/${existing.id}/status`, { status: 'left', effectiveDate: '2999-01-01', reason: 'Nghỉ việc' }), 422)
    await expect(
      ctx.db.transaction(async (tx) => {
        await recordWebhookEvent(tx, { type: 'member.admitted', unionId: tree.grassrootsB1.id, data: { probe: 'rolled back' } })
        throw new Error('the change failed after its event was written')
      }),
    ).rejects.toThrow('the change failed')
    expect(await deliveriesFor([subscription.id])).toEqual([])
    expect(await rows(sql`SELECT id FROM webhook_events WHERE payload->>'probe' = 'rolled back'`)).toEqual([])

    const left = await admin.post(`/api/v1/members/${existing.id}/status`, { status: 'left', effectiveDate: '2024-01-01', reason: 'Nghỉ việc' })
    expect(left.statusCode, left.body).toBe(200)
    const deliveries = await deliveriesFor([subscription.id])
    expect(deliveries.map((d) => d.type)).toEqual(['member.left'])
    expect(deliveries[0]?.payload).toMatchObject({ status: 'left', effectiveDate: '2024-01-01', member: { id: existing.id, status: 'left' } })
  })

  it('tells each side of a transfer across subtrees only its own side, with the other union as a bare id', async () => {
    const sideA = await subscribe(admin, tree.districtA.id, ['member.transferred'], 'transfer-a')
    const sideB = await subscribe(admin, tree.districtB.id, ['member.transferred'], 'transfer-b')
    const both = await subscribe(admin, tree.root.id, ['member.transferred'], 'transfer-root')
    const member = await createMember(ctx, tree.grassrootsA1)
    const response = await admin.post(`/api/v1/members/${member.id}/transfers`, { toUnionId: tree.grassrootsB1.id, effectiveDate: '2025-06-01' })
    expect(response.statusCode, response.body).toBe(201)

    const deliveries = await deliveriesFor([sideA.id, sideB.id, both.id])
    expect(deliveries).toHaveLength(3)
    const forA = deliveries.find((d) => d.subscription_id === sideA.id)
    const forB = deliveries.find((d) => d.subscription_id === sideB.id)
    const forRoot = deliveries.find((d) => d.subscription_id === both.id)
    expect(forA).toMatchObject({ union_id: tree.grassrootsA1.id, payload: { toUnion: { id: tree.grassrootsB1.id }, member: { id: member.id, union: { id: tree.grassrootsA1.id } } } })
    expect(JSON.stringify(forA?.payload)).not.toContain(tree.grassrootsB1.name)
    expect(forB).toMatchObject({ union_id: tree.grassrootsB1.id, payload: { fromUnion: { id: tree.grassrootsA1.id }, member: { id: member.id, union: { id: tree.grassrootsB1.id } } } })
    expect(JSON.stringify(forB?.payload)).not.toContain(tree.grassrootsA1.name)
    expect(JSON.stringify(forB?.payload)).not.toContain(member.citizenId)
    // A subscription over both sides gets one delivery: the destination's.
    expect(forRoot?.union_id).toBe(tree.grassrootsB1.id)
  })

  it('records union creations and moves, the left-behind side learning only the new parent’s id', async () => {
    const sideA = await subscribe(admin, tree.districtA.id, ['union.created', 'union.moved'], 'unions-a')
    const sideB = await subscribe(admin, tree.districtB.id, ['union.created', 'union.moved'], 'unions-b')
    const created = await admin.post('/api/v1/unions', {
      parentId: tree.districtA.id,
      unitTypeId: ctx.types.grassroots,
      code: `WH-${Date.now()}`,
      name: 'Công đoàn cơ sở Công ty Webhook',
      sector: 'non_state',
      establishedOn: '2020-01-01',
    })
    expect(created.statusCode, created.body).toBe(201)
    const unionId = created.json<{ id: string }>().id
    const moved = await admin.post(`/api/v1/unions/${unionId}/move`, { newParentId: tree.districtB.id, effectiveDate: '2024-01-01', reason: 'Sắp xếp' })
    expect(moved.statusCode, moved.body).toBe(200)

    const deliveries = await deliveriesFor([sideA.id, sideB.id])
    expect(deliveries.map((d) => `${d.subscription_id === sideA.id ? 'A' : 'B'} ${d.type}`).sort()).toEqual(['A union.created', 'A union.moved', 'B union.moved'])
    const movedForA = deliveries.find((d) => d.subscription_id === sideA.id && d.type === 'union.moved')
    expect(movedForA?.payload).toMatchObject({ toParent: { id: tree.districtB.id }, union: { id: unionId } })
    expect(JSON.stringify(movedForA?.payload)).not.toContain(tree.districtB.name)
    const createdForA = deliveries.find((d) => d.type === 'union.created')
    // No names of the units above the subscription's root.
    expect(JSON.stringify(createdForA?.payload)).not.toContain(tree.root.name)
  })

  it('lists a subscription’s deliveries, filtered by status, page by page', async () => {
    const subscription = await subscribe(admin, tree.grassrootsA2.id, ['member.admitted'], 'log')
    for (let i = 0; i < 3; i += 1) expect((await admin.post('/api/v1/members', admissionBody(tree.grassrootsA2))).statusCode).toBe(201)
    const first = await admin.get(`/api/v1/webhooks/${subscription.id}/deliveries?limit=2&status=pending`)
    expect(first.statusCode, first.body).toBe(200)
    const page = first.json<PageOf<WebhookDelivery>>()
    expect(page.items).toHaveLength(2)
    expect(page.items[0]).toMatchObject({ webhookId: subscription.id, eventType: 'member.admitted', status: 'pending', attempts: 0, log: [] })
    const second = (await admin.get(`/api/v1/webhooks/${subscription.id}/deliveries?limit=2&cursor=${page.nextCursor}`)).json<PageOf<WebhookDelivery>>()
    expect(second.items).toHaveLength(1)
    expect(second.nextCursor).toBeNull()
    expect((await admin.get(`/api/v1/webhooks/${subscription.id}/deliveries?status=succeeded`)).json<PageOf<WebhookDelivery>>().items).toEqual([])
    problem(await admin.get(`/api/v1/webhooks/${subscription.id}/deliveries?status=lost`), 400)

    // Deleting the subscription gives up what was still waiting.
    expect((await admin.request({ method: 'DELETE', url: `/api/v1/webhooks/${subscription.id}` })).statusCode).toBe(204)
    const states = await rows<{ status: string }>(sql`SELECT status FROM webhook_deliveries WHERE subscription_id = ${subscription.id}`)
    expect(states.map((s) => s.status)).toEqual(['dead', 'dead', 'dead'])
  })
})
