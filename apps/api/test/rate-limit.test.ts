import { randomInt } from 'node:crypto'
import type { Problem, TokenPair } from '@liendoan/contracts'
import { sql } from 'drizzle-orm'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseRateLimitStore } from '../src/plugins/rate-limit.js'
import { TEST_PASSWORD, type TestContext, createPeerApp, createTestApp, createTree, createUser, queryRows } from './helpers/app.js'

/**
 * The rate limits count in the database. Two API instances on one database (on PostgreSQL, two
 * connection pools, as two processes would have) must share every counter. Each test signs in
 * from an address of its own: on a shared PostgreSQL the other test files sign in from 127.0.0.1.
 */

const LIMIT = 4
const LOGIN_LIMIT = 3
let ctx: TestContext
let peer: Awaited<ReturnType<typeof createPeerApp>>
let tree: Awaited<ReturnType<typeof createTree>>

beforeAll(async () => {
  const env = { API_RATE_LIMIT_PER_MINUTE: String(LIMIT), LOGIN_RATE_LIMIT_PER_MINUTE: String(LOGIN_LIMIT) }
  ctx = await createTestApp(env)
  peer = await createPeerApp(ctx, env)
  tree = await createTree(ctx)
})
afterAll(async () => {
  await peer?.close()
  await ctx?.close()
})

const newAddress = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`

/** A new account, signed in from an address of its own; `get` reads a URL on the given instance. */
async function signedIn() {
  const user = await createUser(ctx, 'viewer', tree.districtA)
  const response = await ctx.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email: user.email, password: TEST_PASSWORD },
    remoteAddress: newAddress(),
  })
  expect(response.statusCode).toBe(200)
  const { accessToken } = response.json<TokenPair>()
  return {
    user,
    get: (app: FastifyInstance, url = '/api/v1/me') => app.inject({ url, headers: { authorization: `Bearer ${accessToken}` } }),
  }
}

const headers = (response: LightMyRequestResponse) => ({
  limit: response.headers['ratelimit-limit'],
  remaining: response.headers['ratelimit-remaining'],
})
const resetSeconds = (response: LightMyRequestResponse) => Number(response.headers['ratelimit-reset'])

function expectTooMany(response: LightMyRequestResponse) {
  expect(response.statusCode).toBe(429)
  expect(response.headers['content-type']).toContain('application/problem+json')
  const retryAfter = Number(response.headers['retry-after'])
  expect(retryAfter).toBeGreaterThan(0)
  expect(retryAfter).toBeLessThanOrEqual(60)
  expect(response.headers['ratelimit-remaining']).toBe('0')
  expect(response.json<Problem>()).toMatchObject({ status: 429, code: 'rate_limited', type: 'urn:liendoan:problem:rate_limited' })
  expect(response.json<Problem>().detail).toMatch(/Try again in \d+ seconds/)
}

describe('the general limit per caller', () => {
  it('sends RateLimit headers on every response and 429 problem+json with Retry-After past the limit', async () => {
    const caller = await signedIn()
    for (let i = 1; i <= LIMIT; i++) {
      const response = await caller.get(ctx.app)
      expect(response.statusCode).toBe(200)
      expect(headers(response)).toEqual({ limit: String(LIMIT), remaining: String(LIMIT - i) })
      expect(resetSeconds(response)).toBeGreaterThan(0)
      expect(resetSeconds(response)).toBeLessThanOrEqual(60)
    }
    const blocked = await caller.get(ctx.app)
    expectTooMany(blocked)
    expect(blocked.headers['ratelimit-limit']).toBe(String(LIMIT))

    // Counted per account: another account from the same address is not affected.
    const other = await signedIn()
    const allowed = await other.get(ctx.app)
    expect(allowed.statusCode).toBe(200)
    expect(headers(allowed).remaining).toBe(String(LIMIT - 1))
  })

  it('counts a caller who is not signed in by address', async () => {
    const [first, second] = [newAddress(), newAddress()]
    const read = (remoteAddress: string) => ctx.app.inject({ url: '/api/openapi.json', remoteAddress })
    for (let i = 0; i < LIMIT; i++) expect((await read(first)).statusCode).toBe(200)
    expectTooMany(await read(first))
    expect((await read(second)).statusCode).toBe(200)
  })

  it('leaves the health probes alone', async () => {
    for (let i = 0; i < LIMIT + 2; i++) {
      const response = await ctx.app.inject({ url: '/health' })
      expect(response.statusCode).toBe(200)
      expect(response.headers['ratelimit-limit']).toBeUndefined()
    }
  })

  it('documents the 429 on every limited route', () => {
    const document = ctx.app.swagger() as unknown as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> }
    expect(document.paths['/api/v1/me']?.get?.responses['429']).toBeDefined()
    expect(document.paths['/api/v1/auth/login']?.post?.responses['429']).toBeDefined()
  })
})

describe('two API instances on one database', () => {
  it('share a caller’s counter: alternating requests spend one budget', async () => {
    const caller = await signedIn()
    const apps = [ctx.app, peer.app]
    for (let i = 1; i <= LIMIT; i++) {
      const response = await caller.get(apps[i % 2]!)
      expect(response.statusCode).toBe(200)
      expect(headers(response).remaining).toBe(String(LIMIT - i))
    }
    expectTooMany(await caller.get(ctx.app))
    expectTooMany(await caller.get(peer.app))
  })

  it('count concurrent requests on both exactly (one atomic statement per request)', async () => {
    const caller = await signedIn()
    const responses = await Promise.all(Array.from({ length: 12 }, (_, i) => caller.get(i % 2 ? peer.app : ctx.app)))
    const statuses = responses.map((response) => response.statusCode)
    expect(statuses.filter((status) => status === 200)).toHaveLength(LIMIT)
    expect(statuses.filter((status) => status === 429)).toHaveLength(12 - LIMIT)
  })

  it('share the sign-in limit per address', async () => {
    const remoteAddress = newAddress()
    const attempt = (app: FastifyInstance) =>
      app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'nobody@test.liendoan.vn', password: 'wrong-password' }, remoteAddress })
    for (let i = 0; i < LOGIN_LIMIT; i++) {
      const response = await attempt(i % 2 ? peer.app : ctx.app)
      expect(response.statusCode).toBe(401)
      expect(headers(response)).toEqual({ limit: String(LOGIN_LIMIT), remaining: String(LOGIN_LIMIT - 1 - i) })
    }
    expectTooMany(await attempt(peer.app))
    expectTooMany(await attempt(ctx.app))
  })
})

describe('windows', () => {
  it('start again once the window is over', async () => {
    const caller = await signedIn()
    for (let i = 0; i < LIMIT; i++) expect((await caller.get(peer.app)).statusCode).toBe(200)
    expectTooMany(await caller.get(ctx.app))
    // The minute passes (on the database's clock, which every instance reads).
    await ctx.db.execute(sql`UPDATE rate_limit_counters SET reset_at = now() - interval '1 second' WHERE key = ${`*|user:${caller.user.id}`}`)
    const again = await caller.get(ctx.app)
    expect(again.statusCode).toBe(200)
    expect(headers(again).remaining).toBe(String(LIMIT - 1))
    expect(resetSeconds(again)).toBeGreaterThan(55)
  })

  it('end on time in the store itself (a short window, real waiting)', async () => {
    const Store = databaseRateLimitStore(ctx.db)
    const store = new Store({})
    const key = `test-${randomInt(1e9)}`
    const incr = () =>
      new Promise<{ current: number; ttl: number }>((resolve, reject) => {
        ;(store.incr as (k: string, cb: (e: Error | null, r?: { current: number; ttl: number }) => void, window: number) => void)(
          key,
          (error, result) => (error ? reject(error) : resolve(result!)),
          400,
        )
      })
    expect((await incr()).current).toBe(1)
    const second = await incr()
    expect(second.current).toBe(2)
    expect(second.ttl).toBeGreaterThan(0)
    expect(second.ttl).toBeLessThanOrEqual(400)
    await new Promise((resolve) => setTimeout(resolve, 450))
    expect(await incr()).toMatchObject({ current: 1 })
  })

  it('are deleted once expired, by the next process that counts', async () => {
    const key = `test-expired-${randomInt(1e9)}`
    await ctx.db.execute(sql`INSERT INTO rate_limit_counters (key, hits, reset_at) VALUES (${key}, 7, now() - interval '1 hour')`)
    // A new instance cleans up on its first count, then at most once a minute.
    const fresh = await createPeerApp(ctx, { API_RATE_LIMIT_PER_MINUTE: String(LIMIT) })
    try {
      const caller = await signedIn()
      expect((await caller.get(fresh.app)).statusCode).toBe(200)
      expect(await queryRows(ctx, sql`SELECT 1 FROM rate_limit_counters WHERE key = ${key}`)).toEqual([])
    } finally {
      await fresh.close()
    }
  })
})
