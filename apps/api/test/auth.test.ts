import type { Problem, TokenPair, User } from '@liendoan/contracts'
import { eq } from 'drizzle-orm'
import { createSigner } from 'fast-jwt'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { users } from '../src/db/schema/index.js'
import { TEST_PASSWORD, type TestContext, createTestApp, createTree, createUser, login } from './helpers/app.js'

let ctx: TestContext
let tree: Awaited<ReturnType<typeof createTree>>
const JWT_SECRET = 'a-test-secret-that-is-long-enough-1234567890'

beforeAll(async () => {
  ctx = await createTestApp({ JWT_SECRET })
  tree = await createTree(ctx)
})
afterAll(async () => {
  await ctx.close()
})

const me = (accessToken: string) => ctx.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${accessToken}` } })
const refresh = (refreshToken: string) => ctx.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refreshToken } })

describe('sign-in', () => {
  it('returns an access token, a refresh token and the account, never the hash', async () => {
    const user = await createUser(ctx, 'federation_officer', tree.districtA)
    const response = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: user.email.toUpperCase(), password: TEST_PASSWORD } })
    expect(response.statusCode).toBe(200)
    const body = response.json<TokenPair>()
    expect(body.expiresIn).toBe(900)
    expect(body.user).toMatchObject({ id: user.id, role: 'federation_officer', unionId: tree.districtA.id })
    expect(response.body).not.toContain('argon2')
    expect(response.body).not.toContain('passwordHash')
    const meResponse = await me(body.accessToken)
    expect(meResponse.statusCode).toBe(200)
    expect(meResponse.json<User>().unionName).toBe('LĐLĐ huyện Phúc Thọ thử')
  })

  it('refuses a wrong password and an unknown email alike', async () => {
    const user = await createUser(ctx, 'viewer', tree.districtA)
    const wrong = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: user.email, password: 'not-the-password' } })
    const unknown = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'nobody@test.liendoan.vn', password: 'whatever-1234' } })
    for (const response of [wrong, unknown]) {
      expect(response.statusCode).toBe(401)
      expect(response.headers['content-type']).toContain('application/problem+json')
      expect(response.json<Problem>().code).toBe('invalid_credentials')
    }
    expect(wrong.json<Problem>().detail).toBe(unknown.json<Problem>().detail)
  })

  it('refuses a disabled account', async () => {
    const user = await createUser(ctx, 'viewer', tree.districtA)
    await ctx.db.update(users).set({ status: 'disabled' }).where(eq(users.id, user.id))
    const response = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: user.email, password: TEST_PASSWORD } })
    expect(response.statusCode).toBe(401)
  })
})

describe('access tokens', () => {
  it('answers 401 to a tampered token', async () => {
    const user = await createUser(ctx, 'viewer', tree.districtA)
    const { accessToken } = await login(ctx, user.email)
    const [header, payload, signature] = accessToken.split('.')
    const forgedPayload = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), role: 'admin' }),
    ).toString('base64url')
    for (const token of [`${header}.${forgedPayload}.${signature}`, `${header}.${payload}.${signature!.slice(0, -4)}AAAA`, 'not-a-jwt']) {
      const response = await me(token)
      expect(response.statusCode).toBe(401)
      expect(response.json<Problem>().code).toMatch(/token_invalid|unauthorized/)
    }
  })

  it('answers 401 token_expired to an expired token', async () => {
    const user = await createUser(ctx, 'viewer', tree.districtA)
    const sign = createSigner({ key: JWT_SECRET, expiresIn: 60_000, clockTimestamp: Date.now() - 3_600_000 })
    const token = sign({ sub: user.id, role: 'viewer', unionId: tree.districtA.id, typ: 'access' })
    const response = await me(token)
    expect(response.statusCode).toBe(401)
    expect(response.json<Problem>().code).toBe('token_expired')
  })

  it('refuses a token signed with another secret or of another kind', async () => {
    const user = await createUser(ctx, 'viewer', tree.districtA)
    const otherSecret = createSigner({ key: 'another-secret-that-is-long-enough-0987654321', expiresIn: 60_000 })
    expect((await me(otherSecret({ sub: user.id, role: 'admin', unionId: tree.root.id, typ: 'access' }))).statusCode).toBe(401)
    const wrongKind = createSigner({ key: JWT_SECRET, expiresIn: 60_000 })
    expect((await me(wrongKind({ sub: user.id, role: 'admin', unionId: tree.root.id, typ: 'refresh' }))).statusCode).toBe(401)
  })

  it('answers 401 without a token', async () => {
    const response = await ctx.app.inject({ url: '/api/v1/me' })
    expect(response.statusCode).toBe(401)
    expect(response.json<Problem>().code).toBe('unauthorized')
  })
})

describe('refresh tokens', () => {
  it('rotates on use: the new pair works, the old refresh token is spent', async () => {
    const user = await createUser(ctx, 'union_officer', tree.grassrootsA1)
    const first = await login(ctx, user.email)
    const rotated = await refresh(first.refreshToken)
    expect(rotated.statusCode).toBe(200)
    const second = rotated.json<TokenPair>()
    expect(second.refreshToken).not.toBe(first.refreshToken)
    expect((await me(second.accessToken)).statusCode).toBe(200)
    const third = await refresh(second.refreshToken)
    expect(third.statusCode).toBe(200)
  })

  it('revokes the whole family when a rotated token is reused', async () => {
    const user = await createUser(ctx, 'union_officer', tree.grassrootsA1)
    const first = await login(ctx, user.email)
    const second = (await refresh(first.refreshToken)).json<TokenPair>()
    const reuse = await refresh(first.refreshToken)
    expect(reuse.statusCode).toBe(401)
    expect(reuse.json<Problem>().code).toBe('refresh_token_reused')
    // The legitimate holder's newer token dies with the family.
    const afterReuse = await refresh(second.refreshToken)
    expect(afterReuse.statusCode).toBe(401)
    // Another session of the same account is untouched.
    const other = await login(ctx, user.email)
    expect((await refresh(other.refreshToken)).statusCode).toBe(200)
  })

  it('signs out by revoking the session', async () => {
    const user = await createUser(ctx, 'viewer', tree.districtA)
    const pair = await login(ctx, user.email)
    const logout = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/logout', payload: { refreshToken: pair.refreshToken } })
    expect(logout.statusCode).toBe(204)
    expect((await refresh(pair.refreshToken)).statusCode).toBe(401)
  })

  it('refuses an unknown refresh token', async () => {
    const response = await refresh('made-up-token')
    expect(response.statusCode).toBe(401)
    expect(response.json<Problem>().code).toBe('token_invalid')
  })
})

describe('sign-in rate limit', () => {
  it('answers 429 problem+json with Retry-After past the limit', async () => {
    const limited = await createTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '3' })
    // An address of its own: the counters are in the database, shared with the other test files.
    const remoteAddress = `10.0.${Math.floor(Math.random() * 256)}.${1 + Math.floor(Math.random() * 254)}`
    try {
      const attempt = () =>
        limited.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email: 'x@test.liendoan.vn', password: 'wrong-password' },
          remoteAddress,
        })
      for (let i = 0; i < 3; i++) expect((await attempt()).statusCode).toBe(401)
      const blocked = await attempt()
      expect(blocked.statusCode).toBe(429)
      expect(blocked.headers['content-type']).toContain('application/problem+json')
      expect(blocked.headers['retry-after']).toBeDefined()
      expect(blocked.json<Problem>().code).toBe('rate_limited')
    } finally {
      await limited.close()
    }
  })
})
