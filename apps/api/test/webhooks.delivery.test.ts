import { createHmac, timingSafeEqual } from 'node:crypto'
import { type IncomingHttpHeaders, type Server, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { PageOf, WebhookDelivery, WebhookEnvelope, WebhookEventType, WebhookWithSecret } from '@liendoan/contracts'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { retryDelayMs } from '../src/modules/webhooks/webhook-dispatcher.js'
import { type Client, type TestContext, createPeerApp, createTestApp, loginAs, queryRows } from './helpers/app.js'
import { createWebhookTree } from './helpers/webhook-tree.js'
import { admissionBody } from './helpers/member-records.js'

/**
 * Delivery to a real HTTP receiver on 127.0.0.1 that checks every signature. The test app itself
 * never dispatches; each test starts the dispatching instances it needs (as other API processes
 * on the same database) and closes them, so it controls exactly who delivers what and when.
 */

const SECRET_KEY = 'webhook-secret-key-for-the-tests-0123456789'
const DISPATCH = {
  WEBHOOK_DISPATCH: 'true',
  WEBHOOK_POLL_MS: '25',
  WEBHOOK_RETRY_BASE_MS: '100',
  WEBHOOK_TIMEOUT_MS: '2000',
  WEBHOOK_LEASE_MS: '4000',
  WEBHOOK_MAX_ATTEMPTS: '3',
  WEBHOOK_SECRET_KEY: SECRET_KEY,
}

let ctx: TestContext
let receiver: Receiver

beforeAll(async () => {
  ctx = await createTestApp({ WEBHOOK_SECRET_KEY: SECRET_KEY })
  receiver = await startReceiver()
})
afterAll(async () => {
  await receiver?.close()
  await ctx?.close()
})

/* ---------- the receiver ---------- */

/** How a receiver checks a delivery, as docs/integration.md shows it: HMAC over "<t>.<body>", constant-time compare, 5-minute window. */
function verifySignature(secret: string, header: string | undefined, body: string, toleranceSeconds = 300): boolean {
  const parts = Object.fromEntries((header ?? '').split(',').map((part) => part.split('=', 2) as [string, string]))
  const timestamp = Number(parts.t)
  if (!Number.isInteger(timestamp) || Math.abs(Date.now() / 1000 - timestamp) > toleranceSeconds || !parts.v1) return false
  const expected = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest()
  const given = Buffer.from(parts.v1, 'hex')
  return given.length === expected.length && timingSafeEqual(given, expected)
}

interface Received {
  path: string
  headers: IncomingHttpHeaders
  body: string
  envelope: WebhookEnvelope
  at: number
}

/** What the receiver answers at a path: a status, or 'stall' (no answer until released). */
type Behaviour = number | 'stall'

interface Receiver {
  url: (path: string) => string
  /** Secret per path: requests with a wrong signature get 401 and are not recorded. */
  secrets: Map<string, string>
  /** Answers per path, taken in order; the last one repeats. Default 200. */
  behaviours: Map<string, Behaviour[]>
  received: Received[]
  rejected: string[]
  at(path: string): Received[]
  releaseStalled(): void
  close(): Promise<void>
}

async function startReceiver(): Promise<Receiver> {
  const received: Received[] = []
  const rejected: string[] = []
  const secrets = new Map<string, string>()
  const behaviours = new Map<string, Behaviour[]>()
  let stalled: (() => void)[] = []
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const path = request.url ?? '/'
      const body = Buffer.concat(chunks).toString('utf8')
      const secret = secrets.get(path)
      if (!secret || request.headers['content-type'] !== 'application/json' || !verifySignature(secret, request.headers['liendoan-signature'] as string, body)) {
        rejected.push(path)
        response.writeHead(401).end()
        return
      }
      received.push({ path, headers: request.headers, body, envelope: JSON.parse(body) as WebhookEnvelope, at: Date.now() })
      const queue = behaviours.get(path) ?? []
      const behaviour = queue.length > 1 ? queue.shift()! : (queue[0] ?? 200)
      if (behaviour === 'stall') {
        stalled.push(() => response.writeHead(200).end())
        return
      }
      response.writeHead(behaviour, { 'content-type': 'text/plain' }).end('ok')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const releaseStalled = () => {
    for (const release of stalled) release()
    stalled = []
  }
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    secrets,
    behaviours,
    received,
    rejected,
    at: (path) => received.filter((r) => r.path === path),
    releaseStalled,
    async close() {
      releaseStalled()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/* ---------- helpers ---------- */

let pathCounter = 0

async function subscribe(c: Client, unionId: string, eventTypes: WebhookEventType[] = ['member.admitted'], behaviour?: Behaviour[]) {
  pathCounter += 1
  const path = `/hooks/${pathCounter}`
  const response = await c.post('/api/v1/webhooks', { name: `Receiver ${pathCounter}`, url: receiver.url(path), eventTypes, unionId })
  expect(response.statusCode, response.body).toBe(201)
  const webhook = response.json<WebhookWithSecret>()
  receiver.secrets.set(path, webhook.secret)
  if (behaviour) receiver.behaviours.set(path, behaviour)
  return { webhook, path }
}

async function waitFor<T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value !== undefined && value !== false) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

async function deliveries(c: Client, webhookId: string): Promise<WebhookDelivery[]> {
  const response = await c.get(`/api/v1/webhooks/${webhookId}/deliveries`)
  expect(response.statusCode, response.body).toBe(200)
  return response.json<PageOf<WebhookDelivery>>().items
}

async function deliveryWithStatus(c: Client, webhookId: string, status: WebhookDelivery['status']): Promise<WebhookDelivery> {
  return waitFor(`a ${status} delivery`, async () => (await deliveries(c, webhookId)).find((d) => d.status === status))
}

/* ---------- tests ---------- */

describe('delivery', () => {
  it('delivers an admission, signed, with personal fields masked, and logs it', async () => {
    const tree = await createWebhookTree(ctx)
    const admin = await loginAs(ctx, 'admin', tree.root)
    const { webhook, path } = await subscribe(admin, tree.districtA.id)
    const sibling = await subscribe(admin, tree.districtB.id)
    const dispatcher = await createPeerApp(ctx, DISPATCH)
    try {
      const body = admissionBody(tree.grassrootsA1, { phone: '0987654321' })
      const admitted = await admin.post('/api/v1/members', body)
      expect(admitted.statusCode, admitted.body).toBe(201)

      const [delivery] = await waitFor('the delivery', () => (receiver.at(path).length > 0 ? receiver.at(path) : undefined))
      expect(delivery!.headers['liendoan-event']).toBe('member.admitted')
      expect(delivery!.headers['liendoan-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/)
      expect(delivery!.envelope).toMatchObject({ type: 'member.admitted', unionId: tree.grassrootsA1.id, data: { member: { id: admitted.json<{ id: string }>().id } } })
      const member = delivery!.envelope.data.member as Record<string, unknown>
      expect(member.citizenId).toBe(`********${body.citizenId.slice(-4)}`)
      expect(member.phone).toBe('09******21')
      expect(delivery!.body).not.toContain(body.citizenId)
      expect(delivery!.body).not.toContain('0987654321')

      const logged = await deliveryWithStatus(admin, webhook.id, 'succeeded')
      expect(logged.id).toBe(delivery!.headers['liendoan-delivery'])
      expect(logged).toMatchObject({ eventId: delivery!.envelope.id, attempts: 1, lastStatusCode: 200, nextAttemptAt: null })
      expect(logged.log).toMatchObject([{ attempt: 1, statusCode: 200, succeeded: true, error: null }])
      // The sibling district's subscription received nothing.
      expect(receiver.at(sibling.path)).toEqual([])
      expect(await deliveries(admin, sibling.webhook.id)).toEqual([])
      expect(receiver.rejected).toEqual([])
    } finally {
      await dispatcher.close()
    }
  })

  it('retries a receiver that answers 500, with growing delays, and logs every attempt', async () => {
    const tree = await createWebhookTree(ctx)
    const admin = await loginAs(ctx, 'admin', tree.districtA)
    const { webhook, path } = await subscribe(admin, tree.districtA.id, ['member.admitted'], [500, 500, 200])
    const dispatcher = await createPeerApp(ctx, DISPATCH)
    try {
      expect((await admin.post('/api/v1/members', admissionBody(tree.grassrootsA2))).statusCode).toBe(201)
      const logged = await deliveryWithStatus(admin, webhook.id, 'succeeded')
      expect(logged.attempts).toBe(3)
      expect(logged.log.map((attempt) => [attempt.attempt, attempt.statusCode, attempt.succeeded])).toEqual([
        [1, 500, false],
        [2, 500, false],
        [3, 200, true],
      ])
      expect(logged.log[0]?.error).toBe('HTTP 500')
      const calls = receiver.at(path)
      expect(calls).toHaveLength(3)
      // Every attempt of one delivery carries its id (for de-duplication) and the same event.
      expect(new Set(calls.map((c) => c.headers['liendoan-delivery']))).toEqual(new Set([logged.id]))
      expect(new Set(calls.map((c) => c.envelope.id)).size).toBe(1)
      // Backoff: ~100 ms then ~400 ms (±20%).
      expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(70)
      expect(calls[2]!.at - calls[1]!.at).toBeGreaterThanOrEqual(300)
    } finally {
      await dispatcher.close()
    }
  })

  it('gives up after the last attempt, and a manual replay sends it again', async () => {
    const tree = await createWebhookTree(ctx)
    const admin = await loginAs(ctx, 'admin', tree.districtA)
    const { webhook, path } = await subscribe(admin, tree.districtA.id, ['member.admitted'], [503])
    const dispatcher = await createPeerApp(ctx, DISPATCH)
    try {
      expect((await admin.post('/api/v1/members', admissionBody(tree.grassrootsA1))).statusCode).toBe(201)
      const dead = await deliveryWithStatus(admin, webhook.id, 'dead')
      expect(dead).toMatchObject({ attempts: 3, lastStatusCode: 503, nextAttemptAt: null })
      expect(receiver.at(path)).toHaveLength(3)

      receiver.behaviours.set(path, [200])
      const replay = await admin.post(`/api/v1/webhooks/${webhook.id}/deliveries/${dead.id}/replay`)
      expect(replay.statusCode, replay.body).toBe(202)
      expect(replay.json<WebhookDelivery>()).toMatchObject({ id: dead.id, status: 'pending', attempts: 0 })
      const succeeded = await deliveryWithStatus(admin, webhook.id, 'succeeded')
      expect(succeeded.log.map((attempt) => attempt.statusCode)).toEqual([503, 503, 503, 200])
      expect(receiver.at(path)).toHaveLength(4)

      const other = await loginAs(ctx, 'admin', tree.districtB)
      expect((await other.post(`/api/v1/webhooks/${webhook.id}/deliveries/${dead.id}/replay`)).statusCode).toBe(404)
      expect((await admin.post(`/api/v1/webhooks/${webhook.id}/deliveries/${webhook.id}/replay`)).statusCode).toBe(404)
    } finally {
      await dispatcher.close()
    }
  })

  it('keeps events across a restart: written by a process that does not dispatch, delivered by the next one', async () => {
    const tree = await createWebhookTree(ctx)
    const admin = await loginAs(ctx, 'admin', tree.districtA)
    const { webhook, path } = await subscribe(admin, tree.districtA.id)
    const first = await createPeerApp(ctx, { WEBHOOK_SECRET_KEY: SECRET_KEY })
    const response = await first.app.inject({
      method: 'POST',
      url: '/api/v1/members',
      payload: admissionBody(tree.grassrootsA1),
      headers: { authorization: `Bearer ${admin.accessToken}` },
    })
    expect(response.statusCode, response.body).toBe(201)
    await first.close()
    expect(receiver.at(path)).toEqual([])

    const second = await createPeerApp(ctx, DISPATCH)
    try {
      await deliveryWithStatus(admin, webhook.id, 'succeeded')
      expect(receiver.at(path)).toHaveLength(1)
    } finally {
      await second.close()
    }
  })

  it('a process stopped mid-delivery leaves the delivery to the next one, with the same delivery id', async () => {
    const tree = await createWebhookTree(ctx)
    const admin = await loginAs(ctx, 'admin', tree.districtA)
    const { webhook, path } = await subscribe(admin, tree.districtA.id, ['member.admitted'], ['stall', 200])
    const first = await createPeerApp(ctx, DISPATCH)
    expect((await admin.post('/api/v1/members', admissionBody(tree.grassrootsA1))).statusCode).toBe(201)
    await waitFor('the stalled request', () => receiver.at(path).length === 1 || undefined)
    await first.close()
    receiver.releaseStalled()

    const second = await createPeerApp(ctx, DISPATCH)
    try {
      const logged = await deliveryWithStatus(admin, webhook.id, 'succeeded')
      const calls = receiver.at(path)
      expect(calls).toHaveLength(2)
      expect(calls.map((c) => c.headers['liendoan-delivery'])).toEqual([logged.id, logged.id])
      expect(logged.log).toHaveLength(2)
      expect(logged.log[0]).toMatchObject({ succeeded: false, statusCode: null })
      expect(logged.log[0]?.error).toContain('shut down')
      expect(logged.log[1]).toMatchObject({ succeeded: true, statusCode: 200 })
    } finally {
      await second.close()
    }
  })

  it('a crashed process’s lease runs out, then another process delivers', async () => {
    const tree = await createWebhookTree(ctx)
    const admin = await loginAs(ctx, 'admin', tree.districtA)
    const { webhook, path } = await subscribe(admin, tree.districtA.id)
    expect((await admin.post('/api/v1/members', admissionBody(tree.grassrootsA2))).statusCode).toBe(201)
    // As if a process claimed it and died: the lease holds for a while longer.
    const [lease] = await queryRows<{ locked_until: string }>(
      ctx,
      sql`UPDATE webhook_deliveries SET attempts = 1, lease_id = gen_random_uuid(), locked_until = now() + interval '800 milliseconds'
          WHERE subscription_id = ${webhook.id} RETURNING locked_until::text`,
    )
    const lockedUntil = new Date(lease!.locked_until).getTime()
    const dispatcher = await createPeerApp(ctx, DISPATCH)
    try {
      const logged = await deliveryWithStatus(admin, webhook.id, 'succeeded')
      const [call] = receiver.at(path)
      expect(call!.at).toBeGreaterThanOrEqual(lockedUntil - 50)
      expect(logged.attempts).toBe(2)
    } finally {
      await dispatcher.close()
    }
  })

  it('two dispatching processes never send the same delivery twice', async () => {
    const tree = await createWebhookTree(ctx)
    const admin = await loginAs(ctx, 'admin', tree.districtB)
    const { webhook, path } = await subscribe(admin, tree.districtB.id)
    const one = await createPeerApp(ctx, DISPATCH)
    const two = await createPeerApp(ctx, DISPATCH)
    try {
      for (let i = 0; i < 12; i += 1) expect((await admin.post('/api/v1/members', admissionBody(tree.grassrootsB1))).statusCode).toBe(201)
      await waitFor('every delivery', async () => {
        const items = await deliveries(admin, webhook.id)
        return items.length === 12 && items.every((d) => d.status === 'succeeded') ? items : undefined
      })
      const ids = receiver.at(path).map((c) => c.headers['liendoan-delivery'])
      expect(ids).toHaveLength(12)
      expect(new Set(ids).size).toBe(12)
    } finally {
      await one.close()
      await two.close()
    }
  })
})

describe('retry schedule', () => {
  it('grows four times per attempt from the base, with ±20% jitter, capped at six hours', () => {
    expect(retryDelayMs(1, 10_000, () => 0.5)).toBe(10_000)
    expect(retryDelayMs(2, 10_000, () => 0.5)).toBe(40_000)
    expect(retryDelayMs(3, 10_000, () => 0)).toBe(128_000)
    expect(retryDelayMs(4, 10_000, () => 1)).toBe(768_000)
    expect(retryDelayMs(20, 10_000, () => 0.5)).toBe(6 * 60 * 60 * 1000)
  })
})
