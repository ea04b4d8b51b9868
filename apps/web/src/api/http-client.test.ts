import { describe, expect, it, vi } from 'vitest'
import { unionRoutes, type TokenPair, type User } from '@liendoan/contracts'
import { HttpClient } from './http-client'
import { createTokenStore } from './token-store'
import { ApiError } from './api-error'

const user: User = {
  id: '0190a000-0000-7000-8000-000000000001',
  email: 'phuctho@liendoan.vn',
  fullName: 'Nguyễn Văn A',
  role: 'federation_officer',
  unionId: '0190a000-0000-7000-8000-000000000002',
  unionName: 'LĐLĐ huyện Phúc Thọ',
  status: 'active',
  lastLoginAt: null,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
}
const unionId = '0190a000-0000-7000-8000-000000000003'

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } })
}
function problem(status: number, code: string): Response {
  return json(status, { type: 'about:blank', title: code, status, code, requestId: 'r1' })
}
function pair(n: number): TokenPair {
  return { accessToken: `access-${n}`, refreshToken: `refresh-${n}`, expiresIn: 900, user }
}
function memoryStorage() {
  const map = new Map<string, string>()
  return {
    getItem: (key: string) => map.get(key) ?? null,
    setItem: (key: string, value: string) => void map.set(key, value),
    removeItem: (key: string) => void map.delete(key),
  }
}

/** A fake API: access tokens listed in `valid` are accepted; refresh rotates tokens once each. */
function fakeApi() {
  const valid = new Set<string>()
  let generation = 1
  const usedRefresh = new Set<string>()
  const calls: string[] = []
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input)
    const headers = new Headers(init?.headers)
    calls.push(`${init?.method ?? 'GET'} ${url}`)
    if (url.endsWith('/auth/refresh')) {
      const { refreshToken } = JSON.parse(String(init?.body)) as { refreshToken: string }
      if (refreshToken !== `refresh-${generation}` || usedRefresh.has(refreshToken)) return problem(401, 'refresh_token_reused')
      usedRefresh.add(refreshToken)
      generation += 1
      valid.clear()
      valid.add(`access-${generation}`)
      await new Promise((resolve) => setTimeout(resolve, 5))
      return json(200, pair(generation))
    }
    const token = headers.get('authorization')?.replace('Bearer ', '')
    if (!token || !valid.has(token)) return problem(401, token ? 'token_expired' : 'unauthorized')
    return json(200, { id: unionId, name: 'CĐCS Công ty Thái Sơn' }, { etag: 'W/"3"' })
  })
  return { fetch, valid, calls, expireAll: () => valid.clear() }
}

function setup() {
  const server = fakeApi()
  const tokens = createTokenStore(memoryStorage())
  const onSessionExpired = vi.fn()
  const client = new HttpClient({ tokens, fetch: server.fetch as typeof fetch, onSessionExpired })
  tokens.set(pair(1))
  server.valid.add('access-1')
  return { server, tokens, client, onSessionExpired }
}

describe('HttpClient', () => {
  it('sends the bearer token and returns the ETag with the data', async () => {
    const { client } = setup()
    const result = await client.request(unionRoutes.get, { params: { id: unionId } })
    expect(result.etag).toBe('W/"3"')
    expect(result.data.name).toBe('CĐCS Công ty Thái Sơn')
  })

  it('refreshes once on an expired token and retries the call', async () => {
    const { client, server, tokens } = setup()
    server.expireAll()
    const result = await client.call(unionRoutes.get, { params: { id: unionId } })
    expect(result.id).toBe(unionId)
    expect(tokens.getAccessToken()).toBe('access-2')
    expect(tokens.getRefreshToken()).toBe('refresh-2')
    expect(server.calls.filter((call) => call.endsWith('/auth/refresh'))).toHaveLength(1)
  })

  it('shares one refresh between concurrent calls (rotation would revoke a second use)', async () => {
    const { client, server, onSessionExpired } = setup()
    server.expireAll()
    const results = await Promise.all(
      Array.from({ length: 5 }, () => client.call(unionRoutes.get, { params: { id: unionId } })),
    )
    expect(results).toHaveLength(5)
    expect(server.calls.filter((call) => call.endsWith('/auth/refresh'))).toHaveLength(1)
    expect(onSessionExpired).not.toHaveBeenCalled()
  })

  it('resumes after a reload with only the refresh token', async () => {
    const { server, tokens } = setup()
    const storage = memoryStorage()
    storage.setItem('liendoan.refreshToken', tokens.getRefreshToken()!)
    const reloaded = createTokenStore(storage)
    const client = new HttpClient({ tokens: reloaded, fetch: server.fetch as typeof fetch })
    await client.call(unionRoutes.get, { params: { id: unionId } })
    expect(reloaded.getAccessToken()).toBe('access-2')
  })

  it('ends the session when the refresh is refused, and does not loop', async () => {
    const { client, server, tokens, onSessionExpired } = setup()
    server.expireAll()
    tokens.set({ accessToken: 'access-1', refreshToken: 'stolen-or-old' })
    await expect(client.call(unionRoutes.get, { params: { id: unionId } })).rejects.toMatchObject({ status: 401 })
    expect(onSessionExpired).toHaveBeenCalledTimes(1)
    expect(tokens.getRefreshToken()).toBeNull()
    expect(server.calls.filter((call) => call.endsWith('/auth/refresh'))).toHaveLength(1)
  })

  it('turns problem+json into ApiError with code and field errors', async () => {
    const tokens = createTokenStore(memoryStorage())
    const fetch = vi.fn(async () =>
      json(400, {
        type: 'about:blank',
        title: 'Dữ liệu không hợp lệ',
        status: 400,
        code: 'validation_failed',
        errors: [{ field: '/name', code: 'minLength', message: 'Không được để trống' }],
        requestId: 'r2',
      }),
    )
    const client = new HttpClient({ tokens, fetch: fetch as typeof globalThis.fetch })
    const error = await client.call(unionRoutes.update, { params: { id: unionId }, body: { name: '' } }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).code).toBe('validation_failed')
    expect((error as ApiError).fieldErrors[0]?.field).toBe('/name')
  })

  it('builds paths and query strings from the route table', async () => {
    const tokens = createTokenStore(memoryStorage())
    const fetch = vi.fn(async () => json(200, { items: [], nextCursor: null }))
    const client = new HttpClient({ tokens, fetch: fetch as typeof globalThis.fetch })
    await client.call(unionRoutes.list, { query: { q: 'phuc tho', grassroots: true, sector: undefined, limit: 20 } })
    expect(fetch).toHaveBeenCalledWith('/api/v1/unions?q=phuc+tho&grassroots=true&limit=20', expect.anything())
  })
})
