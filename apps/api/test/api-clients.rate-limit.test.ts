import type { Problem } from '@liendoan/contracts'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Client, type TestContext, createPeerApp, createTestApp, createTree, loginAs } from './helpers/app.js'
import { clientToken, createApiClient, secretOf } from './helpers/api-clients.js'

/**
 * Each API client has its own limit per minute, counted in the database and so shared by every
 * API process; it applies although the general per-account limit is off (the default here).
 */

const LIMIT = 3
let ctx: TestContext
let peer: Awaited<ReturnType<typeof createPeerApp>>
let tree: Awaited<ReturnType<typeof createTree>>
let admin: Client

beforeAll(async () => {
  ctx = await createTestApp()
  peer = await createPeerApp(ctx)
  tree = await createTree(ctx)
  admin = await loginAs(ctx, 'admin', tree.root)
})
afterAll(async () => {
  await peer?.close()
  await ctx?.close()
})

async function limitedClient(limit = LIMIT) {
  const created = await createApiClient(admin, { unionId: tree.districtA.id, scopes: ['unions:read'], rateLimitPerMinute: limit })
  const token = await clientToken(ctx.app, created.id, secretOf(created))
  return {
    created,
    get: (app: FastifyInstance) => app.inject({ url: `/api/v1/unions/${tree.districtA.id}`, headers: { authorization: `Bearer ${token.access_token}` } }),
  }
}

function expectTooMany(response: LightMyRequestResponse, limit: number) {
  expect(response.statusCode).toBe(429)
  expect(response.headers['content-type']).toContain('application/problem+json')
  expect(response.json<Problem>()).toMatchObject({ status: 429, code: 'rate_limited' })
  const retryAfter = Number(response.headers['retry-after'])
  expect(retryAfter).toBeGreaterThan(0)
  expect(retryAfter).toBeLessThanOrEqual(60)
  expect(response.headers['ratelimit-limit']).toBe(String(limit))
  expect(response.headers['ratelimit-remaining']).toBe('0')
  expect(Number(response.headers['ratelimit-reset'])).toBeGreaterThan(0)
}

describe('per-client limits', () => {
  it('count a client’s requests across two API instances and answer 429 with RateLimit headers and Retry-After', async () => {
    const caller = await limitedClient()
    const apps = [ctx.app, peer.app]
    for (let i = 1; i <= LIMIT; i++) {
      const response = await caller.get(apps[i % 2]!)
      expect(response.statusCode).toBe(200)
      expect(response.headers['ratelimit-limit']).toBe(String(LIMIT))
      expect(response.headers['ratelimit-remaining']).toBe(String(LIMIT - i))
      const reset = Number(response.headers['ratelimit-reset'])
      expect(reset).toBeGreaterThan(0)
      expect(reset).toBeLessThanOrEqual(60)
    }
    expectTooMany(await caller.get(ctx.app), LIMIT)
    expectTooMany(await caller.get(peer.app), LIMIT)

    // Per client: another client keeps its own budget; accounts are not counted (general limit off).
    const other = await limitedClient()
    expect((await other.get(peer.app)).statusCode).toBe(200)
    const person = await admin.get(`/api/v1/unions/${tree.districtA.id}`)
    expect(person.statusCode).toBe(200)
    expect(person.headers['ratelimit-limit']).toBeUndefined()
  })

  it('count concurrent requests on both instances exactly', async () => {
    const caller = await limitedClient()
    const responses = await Promise.all(Array.from({ length: 8 }, (_, i) => caller.get(i % 2 ? peer.app : ctx.app)))
    const statuses = responses.map((response) => response.statusCode)
    expect(statuses.filter((status) => status === 200)).toHaveLength(LIMIT)
    expect(statuses.filter((status) => status === 429)).toHaveLength(8 - LIMIT)
  })

  it('use the client’s limit as changed, at once', async () => {
    const caller = await limitedClient(1)
    expect((await caller.get(ctx.app)).statusCode).toBe(200)
    expectTooMany(await caller.get(peer.app), 1)
    const raised = await admin.patch(`/api/v1/api-clients/${caller.created.id}`, { rateLimitPerMinute: 5 }, { 'if-match': '"1"' })
    expect(raised.statusCode, raised.body).toBe(200)
    const response = await caller.get(peer.app)
    expect(response.statusCode).toBe(200)
    expect(response.headers['ratelimit-limit']).toBe('5')
  })

  it('take the configured default when a client is created without one', async () => {
    const created = await createApiClient(admin, { unionId: tree.districtA.id, scopes: ['unions:read'] })
    expect(created.rateLimitPerMinute).toBe(ctx.config.API_CLIENT_RATE_LIMIT_PER_MINUTE)
    const token = await clientToken(ctx.app, created.id, secretOf(created))
    const response = await ctx.app.inject({ url: '/api/v1/unions', headers: { authorization: `Bearer ${token.access_token}` } })
    expect(response.headers['ratelimit-limit']).toBe(String(ctx.config.API_CLIENT_RATE_LIMIT_PER_MINUTE))
  })

  it('limit the token endpoint per address, like sign-in', async () => {
    const response = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { grant_type: 'client_credentials' }, remoteAddress: '10.9.8.7' })
    expect(response.statusCode).toBe(400)
    expect(response.headers['ratelimit-limit']).toBe(String(ctx.config.LOGIN_RATE_LIMIT_PER_MINUTE * 6))
  })
})
