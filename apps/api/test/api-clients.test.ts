import type { ApiClient, ApiClientWithSecret, Member, PageOf, Problem, TokenResponse } from '@liendoan/contracts'
import { sql } from 'drizzle-orm'
import type { LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Client, type TestContext, client, createTestApp, createTree, loginAs, queryRows } from './helpers/app.js'
import { asApiClient, clientToken, createApiClient, requestToken, secretOf } from './helpers/api-clients.js'
import { createMember } from './helpers/members.js'

let ctx: TestContext
let tree: Awaited<ReturnType<typeof createTree>>
let admin: Client

beforeAll(async () => {
  ctx = await createTestApp()
  tree = await createTree(ctx)
  admin = await loginAs(ctx, 'admin', tree.root)
})
afterAll(async () => {
  await ctx?.close()
})

function expectProblem(response: LightMyRequestResponse, status: number, code: string) {
  expect(response.statusCode, response.body).toBe(status)
  expect(response.headers['content-type']).toContain('application/problem+json')
  expect(response.json<Problem>().code).toBe(code)
}

const bearer = (token: string) => client(ctx.app, token, { id: 'client', email: '' })

describe('the token flow', () => {
  it('creates a client, shows its secret once, and exchanges it for a token that reads within its scopes', async () => {
    const created = await createApiClient(admin, { unionId: tree.districtA.id, scopes: ['unions:read', 'members:read'] })
    expect(created.clientSecret).toMatch(/^ldc_[A-Za-z0-9_-]{43}$/)
    expect(created).toMatchObject({ unionId: tree.districtA.id, scopes: ['unions:read', 'members:read'], status: 'active', rateLimitPerMinute: 600 })
    expect(created.secretHint).toBe(`ldc_…${secretOf(created).slice(-4)}`)

    // Shown once: reads never carry it.
    const read = await admin.get(`/api/v1/api-clients/${created.id}`)
    expect(read.statusCode).toBe(200)
    expect(read.json<ApiClient>()).not.toHaveProperty('clientSecret')
    expect(read.headers.etag).toBe('"1"')

    // Stored hashed: neither the secret nor its hash appears in the audit.
    const [stored] = await queryRows<{ secret_hash: string }>(ctx, sql`SELECT secret_hash FROM api_clients WHERE id = ${created.id}`)
    expect(stored?.secret_hash).toMatch(/^[0-9a-f]{64}$/)
    expect(stored?.secret_hash).not.toContain(secretOf(created))
    const audit = await queryRows<{ action: string; text: string }>(ctx, sql`SELECT action, coalesce(after::text, '') AS text FROM audit_events WHERE entity_id = ${created.id}`)
    expect(audit.map((row) => row.action)).toEqual(['api_client.create'])
    expect(audit[0]?.text).not.toContain(secretOf(created))
    expect(audit[0]?.text).not.toContain(stored?.secret_hash ?? '-')

    const response = await requestToken(ctx.app, { grant_type: 'client_credentials', client_id: created.id, client_secret: secretOf(created) })
    expect(response.statusCode).toBe(200)
    expect(response.headers['cache-control']).toBe('no-store')
    const token = response.json<TokenResponse>()
    expect(token).toMatchObject({ token_type: 'Bearer', expires_in: ctx.config.ACCESS_TOKEN_TTL_SECONDS, scope: 'unions:read members:read' })

    const caller = bearer(token.access_token)
    expect((await caller.get(`/api/v1/unions/${tree.grassrootsA1.id}`)).statusCode).toBe(200)
    expect((await caller.get(`/api/v1/members?under=${tree.districtA.id}`)).statusCode).toBe(200)
    // Outside its subtree: like a missing record.
    expectProblem(await caller.get(`/api/v1/unions/${tree.districtB.id}`), 404, 'not_found')
    // Not in its scopes.
    expectProblem(await caller.get('/api/v1/trainings'), 403, 'forbidden')
  })

  it('accepts a form body and HTTP Basic credentials (RFC 6749)', async () => {
    const created = await createApiClient(admin, { unionId: tree.districtA.id, scopes: ['unions:read'] })
    const form = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ grant_type: 'client_credentials', client_id: created.id, client_secret: secretOf(created) }).toString(),
    })
    expect(form.statusCode, form.body).toBe(200)
    const basic = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/token',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${created.id}:${secretOf(created)}`).toString('base64')}`,
      },
      payload: 'grant_type=client_credentials',
    })
    expect(basic.statusCode, basic.body).toBe(200)
    expect((await bearer(basic.json<TokenResponse>().access_token).get(`/api/v1/unions/${tree.districtA.id}`)).statusCode).toBe(200)
  })

  it('narrows the token to the scopes asked for, and refuses scopes not granted', async () => {
    const created = await createApiClient(admin, { unionId: tree.districtA.id, scopes: ['unions:read', 'members:read'] })
    const narrow = await clientToken(ctx.app, created.id, secretOf(created), 'members:read')
    expect(narrow.scope).toBe('members:read')
    expectProblem(await bearer(narrow.access_token).get(`/api/v1/unions/${tree.districtA.id}`), 403, 'forbidden')
    const refused = await requestToken(ctx.app, { grant_type: 'client_credentials', client_id: created.id, client_secret: secretOf(created), scope: 'members:read members:write' })
    expectProblem(refused, 400, 'invalid_scope')
  })

  it('answers wrong credentials and bad requests with OAuth problem codes', async () => {
    const created = await createApiClient(admin, { unionId: tree.districtA.id, scopes: ['unions:read'] })
    const wrongSecret = `${secretOf(created).slice(0, -1)}${secretOf(created).endsWith('A') ? 'B' : 'A'}`
    expectProblem(await requestToken(ctx.app, { grant_type: 'client_credentials', client_id: created.id, client_secret: wrongSecret }), 401, 'invalid_client')
    expectProblem(await requestToken(ctx.app, { grant_type: 'client_credentials', client_id: '0190a0a0-0000-7000-8000-000000000000', client_secret: secretOf(created) }), 401, 'invalid_client')
    expectProblem(await requestToken(ctx.app, { grant_type: 'client_credentials', client_id: 'not-a-uuid', client_secret: 'x' }), 401, 'invalid_client')
    expectProblem(await requestToken(ctx.app, { grant_type: 'password', client_id: created.id, client_secret: secretOf(created) }), 400, 'unsupported_grant_type')
    expectProblem(await requestToken(ctx.app, { grant_type: 'client_credentials', client_id: created.id }), 400, 'invalid_request')
    expectProblem(await requestToken(ctx.app, {}), 400, 'validation_failed')
    // A user's access token is not a client's secret, and a client token is no account for /me.
    const token = await clientToken(ctx.app, created.id, secretOf(created))
    expectProblem(await bearer(token.access_token).get('/api/v1/me'), 403, 'user_required')
    expectProblem(await bearer(`${token.access_token.slice(0, -2)}xx`).get('/api/v1/unions'), 401, 'token_invalid')
  })
})

describe('rotated and revoked secrets', () => {
  it('rotation: the old secret and the tokens issued with it stop working; the new secret works', async () => {
    const created = await createApiClient(admin, { unionId: tree.districtA.id, scopes: ['unions:read'] })
    const oldToken = await clientToken(ctx.app, created.id, secretOf(created))
    const url = `/api/v1/unions/${tree.districtA.id}`
    expect((await bearer(oldToken.access_token).get(url)).statusCode).toBe(200)

    const rotated = await admin.post(`/api/v1/api-clients/${created.id}/rotate`)
    expect(rotated.statusCode).toBe(200)
    const fresh = rotated.json<ApiClientWithSecret>()
    expect(fresh.clientSecret).toMatch(/^ldc_/)
    expect(fresh.clientSecret).not.toBe(created.clientSecret)
    expect(fresh.rotatedAt).not.toBeNull()
    expect(fresh.secretHint).toBe(`ldc_…${secretOf(fresh).slice(-4)}`)

    expectProblem(await requestToken(ctx.app, { grant_type: 'client_credentials', client_id: created.id, client_secret: secretOf(created) }), 401, 'invalid_client')
    expectProblem(await bearer(oldToken.access_token).get(url), 401, 'token_invalid')
    const newToken = await clientToken(ctx.app, created.id, secretOf(fresh))
    expect((await bearer(newToken.access_token).get(url)).statusCode).toBe(200)

    const audit = await queryRows<{ action: string; text: string }>(ctx, sql`SELECT action, concat(before::text, after::text) AS text FROM audit_events WHERE entity_id = ${created.id} ORDER BY occurred_at, id`)
    expect(audit.map((row) => row.action)).toEqual(['api_client.create', 'api_client.rotate'])
    expect(audit[1]?.text).not.toContain(secretOf(fresh))
  })

  it('revocation: the token endpoint refuses the client and its tokens stop working at once', async () => {
    const created = await createApiClient(admin, { unionId: tree.districtA.id, scopes: ['unions:read'] })
    const token = await clientToken(ctx.app, created.id, secretOf(created))
    const url = `/api/v1/unions/${tree.districtA.id}`
    expect((await bearer(token.access_token).get(url)).statusCode).toBe(200)

    const revoked = await admin.post(`/api/v1/api-clients/${created.id}/revoke`)
    expect(revoked.statusCode).toBe(200)
    expect(revoked.json<ApiClient>()).toMatchObject({ status: 'revoked' })
    expect(revoked.json<ApiClient>().revokedAt).not.toBeNull()

    expectProblem(await bearer(token.access_token).get(url), 401, 'token_invalid')
    expectProblem(await requestToken(ctx.app, { grant_type: 'client_credentials', client_id: created.id, client_secret: secretOf(created) }), 401, 'invalid_client')
    // A revoked client stays revoked: no rotation, no change; revoking again changes nothing.
    expectProblem(await admin.post(`/api/v1/api-clients/${created.id}/rotate`), 409, 'invalid_state')
    expectProblem(await admin.patch(`/api/v1/api-clients/${created.id}`, { name: 'Khác' }, { 'if-match': String(revoked.headers.etag) }), 409, 'invalid_state')
    const again = await admin.post(`/api/v1/api-clients/${created.id}/revoke`)
    expect(again.statusCode).toBe(200)
    expect(again.json<ApiClient>().revokedAt).toBe(revoked.json<ApiClient>().revokedAt)
    const actions = await queryRows<{ action: string }>(ctx, sql`SELECT action FROM audit_events WHERE entity_id = ${created.id} ORDER BY occurred_at, id`)
    expect(actions.map((row) => row.action)).toEqual(['api_client.create', 'api_client.revoke'])
  })
})

describe('managing clients', () => {
  it('updates name, scopes and limit with If-Match; a narrowed scope applies to tokens already issued', async () => {
    const created = await createApiClient(admin, { unionId: tree.districtA.id, scopes: ['unions:read', 'members:read'] })
    const token = await clientToken(ctx.app, created.id, secretOf(created))
    const caller = bearer(token.access_token)
    expect((await caller.get(`/api/v1/members?under=${tree.districtA.id}`)).statusCode).toBe(200)

    const url = `/api/v1/api-clients/${created.id}`
    expectProblem(await admin.patch(url, { name: 'Cổng dịch vụ công' }), 428, 'precondition_required')
    expectProblem(await admin.patch(url, { name: 'Cổng dịch vụ công' }, { 'if-match': '"7"' }), 412, 'precondition_failed')
    expectProblem(await admin.patch(url, { scopes: ['users:manage'] }, { 'if-match': '"1"' }), 400, 'validation_failed')
    const updated = await admin.patch(url, { name: 'Cổng dịch vụ công', scopes: ['unions:read'], rateLimitPerMinute: 120 }, { 'if-match': '"1"' })
    expect(updated.statusCode, updated.body).toBe(200)
    expect(updated.headers.etag).toBe('"2"')
    expect(updated.json<ApiClient>()).toMatchObject({ name: 'Cổng dịch vụ công', scopes: ['unions:read'], rateLimitPerMinute: 120 })

    expectProblem(await caller.get(`/api/v1/members?under=${tree.districtA.id}`), 403, 'forbidden')
    expect((await caller.get(`/api/v1/unions/${tree.districtA.id}`)).statusCode).toBe(200)
    const [audit] = await queryRows<{ before: unknown; after: unknown }>(ctx, sql`SELECT before, after FROM audit_events WHERE entity_id = ${created.id} AND action = 'api_client.update'`)
    expect(audit).toMatchObject({ before: { scopes: ['unions:read', 'members:read'], rateLimitPerMinute: 600 }, after: { scopes: ['unions:read'], rateLimitPerMinute: 120 } })
  })

  it('lists clients in the admin’s subtree with cursor pagination and filters', async () => {
    const { districtB } = tree
    const names = ['Alpha', 'Bravo', 'Charlie']
    for (const name of names) await createApiClient(admin, { name: `Danh sách ${name}`, unionId: districtB.id, scopes: ['unions:read'] })
    const first = await admin.get(`/api/v1/api-clients?under=${districtB.id}&limit=2`)
    expect(first.statusCode).toBe(200)
    const page1 = first.json<PageOf<ApiClient>>()
    expect(page1.items.map((item) => item.name)).toEqual(['Danh sách Alpha', 'Danh sách Bravo'])
    const second = await admin.get(`/api/v1/api-clients?under=${districtB.id}&limit=2&cursor=${page1.nextCursor}`)
    expect(second.json<PageOf<ApiClient>>()).toMatchObject({ items: [{ name: 'Danh sách Charlie' }], nextCursor: null })
    expect(second.json<PageOf<ApiClient>>().items[0]).not.toHaveProperty('clientSecret')
    const revokedOnly = await admin.get(`/api/v1/api-clients?under=${districtB.id}&status=revoked`)
    expect(revokedOnly.json<PageOf<ApiClient>>().items).toEqual([])
  })

  it('is for admins only, within their subtree: other ids answer 404', async () => {
    const officer = await loginAs(ctx, 'federation_officer', tree.root)
    expectProblem(await officer.get('/api/v1/api-clients'), 403, 'forbidden')
    expectProblem(await officer.post('/api/v1/api-clients', { name: 'X', unionId: tree.districtA.id, scopes: ['unions:read'] }), 403, 'forbidden')

    const inB = await createApiClient(admin, { unionId: tree.districtB.id, scopes: ['unions:read'] })
    const adminA = await loginAs(ctx, 'admin', tree.districtA)
    expectProblem(await adminA.get(`/api/v1/api-clients/${inB.id}`), 404, 'not_found')
    expectProblem(await adminA.post(`/api/v1/api-clients/${inB.id}/rotate`), 404, 'not_found')
    expectProblem(await adminA.post(`/api/v1/api-clients/${inB.id}/revoke`), 404, 'not_found')
    expectProblem(await adminA.patch(`/api/v1/api-clients/${inB.id}`, { name: 'X' }, { 'if-match': '"1"' }), 404, 'not_found')
    const outside = await adminA.post('/api/v1/api-clients', { name: 'X', unionId: tree.districtB.id, scopes: ['unions:read'] })
    expectProblem(outside, 422, 'validation_failed')
    const listed = await adminA.get('/api/v1/api-clients')
    expect(listed.json<PageOf<ApiClient>>().items.map((item) => item.id)).not.toContain(inB.id)

    // A client cannot manage clients, whatever its scopes.
    const { caller } = await asApiClient(ctx.app, admin, { unionId: tree.root.id, scopes: ['unions:read', 'members:write'] })
    expectProblem(await caller.get('/api/v1/api-clients'), 403, 'forbidden')
    expectProblem(await caller.post('/api/v1/api-clients', { name: 'X', unionId: tree.root.id, scopes: ['unions:read'] }), 403, 'forbidden')
    expectProblem(await caller.get('/api/v1/users'), 403, 'forbidden')
  })

  it('replays a create with the same Idempotency-Key, without the secret', async () => {
    const key = `create-client-${Date.now()}`
    const body = { name: 'Idempotent', unionId: tree.districtA.id, scopes: ['unions:read'] }
    const first = await admin.post('/api/v1/api-clients', body, { 'idempotency-key': key })
    expect(first.statusCode).toBe(201)
    const replay = await admin.post('/api/v1/api-clients', body, { 'idempotency-key': key })
    expect(replay.statusCode).toBe(201)
    expect(replay.headers['idempotent-replayed']).toBe('true')
    expect(replay.json<ApiClient>().id).toBe(first.json<ApiClient>().id)
    expect(replay.json<ApiClientWithSecret>().clientSecret).toBeUndefined()
    const [stored] = await queryRows<{ body: string }>(ctx, sql`SELECT response_body::text AS body FROM idempotency_keys WHERE key = ${key}`)
    expect(stored?.body).not.toContain(String(first.json<ApiClientWithSecret>().clientSecret))
  })
})

describe('a client acting', () => {
  it('writes within its subtree, audited under the client, and reads no sibling records', async () => {
    const { created, caller } = await asApiClient(ctx.app, admin, { unionId: tree.districtA.id, scopes: ['members:read', 'members:write'] })
    const sibling = await createMember(ctx, tree.grassrootsB1)
    const own = await createMember(ctx, tree.grassrootsA1)
    expectProblem(await caller.get(`/api/v1/members/${sibling.id}`), 404, 'not_found')
    expect((await caller.get(`/api/v1/members/${own.id}`)).statusCode).toBe(200)
    const listed = await caller.get(`/api/v1/members?under=${tree.root.id}`)
    expect(listed.statusCode).toBe(200)
    expect(listed.json<{ items: Member[] }>().items.map((item) => item.id)).not.toContain(sibling.id)

    const read = await caller.get(`/api/v1/members/${own.id}`)
    const changed = await caller.patch(`/api/v1/members/${own.id}`, { fullName: 'Trần Văn Tích Hợp' }, { 'if-match': String(read.headers.etag) })
    expect(changed.statusCode, changed.body).toBe(200)
    const audit = await queryRows<{ actor_user_id: string | null; actor_client_id: string | null }>(
      ctx,
      sql`SELECT actor_user_id, actor_client_id FROM audit_events WHERE entity_id = ${own.id} ORDER BY occurred_at DESC LIMIT 1`,
    )
    expect(audit).toEqual([{ actor_user_id: null, actor_client_id: created.id }])
  })
})
