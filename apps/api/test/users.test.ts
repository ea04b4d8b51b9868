import type { CreateUserBody, PageOf, Problem, Role, TokenPair, User } from '@liendoan/contracts'
import { sql } from 'drizzle-orm'
import type { LightMyRequestResponse } from 'fastify'
import { v7 as uuidv7 } from 'uuid'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type Client,
  type TestContext,
  createTestApp,
  createTree,
  createUser,
  login,
  loginAs,
  subtreeSnapshot,
} from './helpers/app.js'

let ctx: TestContext
let tree: Awaited<ReturnType<typeof createTree>>
let admin: Client

beforeAll(async () => {
  ctx = await createTestApp()
  tree = await createTree(ctx)
  admin = await loginAs(ctx, 'admin', tree.root)
})
afterAll(async () => {
  await ctx.close()
})

let sequence = 0
const newEmail = (name = 'can.bo') => `${name}.${Date.now().toString(36)}${++sequence}@test.liendoan.vn`
const NEW_PASSWORD = 'Mat-khau-moi-2026'

function newUserBody(overrides: Partial<CreateUserBody> = {}): CreateUserBody {
  return {
    email: newEmail(),
    fullName: 'Nguyễn Thị Lan',
    password: 'Mat-khau-ban-dau-1',
    role: 'union_officer',
    unionId: tree.districtA.id,
    ...overrides,
  }
}

async function createViaApi(c: Client, body: CreateUserBody): Promise<{ user: User; etag: string }> {
  const response = await c.post('/api/v1/users', body)
  expect(response.statusCode, response.body).toBe(201)
  return { user: response.json<User>(), etag: String(response.headers.etag) }
}

async function etagOf(c: Client, id: string): Promise<string> {
  const response = await c.get(`/api/v1/users/${id}`)
  expect(response.statusCode, response.body).toBe(200)
  return String(response.headers.etag)
}

function expectProblem(response: LightMyRequestResponse, status: number, code: Problem['code']): Problem {
  expect(response.statusCode, response.body).toBe(status)
  expect(response.headers['content-type']).toContain('application/problem+json')
  const problem = response.json<Problem>()
  expect(problem).toMatchObject({ status, code })
  return problem
}

/** No password, hash or argon2 string in what the API sends back. */
function expectNoSecrets(response: LightMyRequestResponse) {
  expect(response.body).not.toMatch(/password/i)
  expect(response.body).not.toContain('$argon2')
}

const refresh = (refreshToken: string) => ctx.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refreshToken } })

async function auditAfterOf(entityId: string): Promise<unknown[]> {
  const result = (await ctx.db.execute(sql`SELECT after FROM audit_events WHERE entity_id = ${entityId} ORDER BY occurred_at, id`)) as unknown as {
    rows: { after: unknown }[]
  }
  return result.rows.map((row) => row.after)
}

/* ---------- list ---------- */

describe('GET /api/v1/users', () => {
  let inScope: { id: string; email: string }[]
  let outsider: { id: string; email: string }

  beforeAll(async () => {
    inScope = [
      await createUser(ctx, 'federation_officer', tree.districtA),
      await createUser(ctx, 'viewer', tree.grassrootsB1),
      await createUser(ctx, 'union_officer', tree.grassrootsA1),
    ]
    const other = await createTree(ctx)
    outsider = await createUser(ctx, 'viewer', other.root)
  })

  it('lists the accounts of the admin scope, never with a password', async () => {
    const response = await admin.get('/api/v1/users?limit=500')
    expect(response.statusCode).toBe(200)
    expectNoSecrets(response)
    const ids = response.json<PageOf<User>>().items.map((user) => user.id)
    expect(ids).toEqual(expect.arrayContaining([admin.user.id, ...inScope.map((user) => user.id)]))
    expect(ids).not.toContain(outsider.id)
  })

  it('filters by role and by union subtree', async () => {
    const viewers = (await admin.get('/api/v1/users?role=viewer')).json<PageOf<User>>().items
    expect(viewers.length).toBeGreaterThan(0)
    expect(viewers.every((user) => user.role === 'viewer')).toBe(true)
    expect(viewers.map((user) => user.id)).not.toContain(outsider.id)

    const underA = (await admin.get(`/api/v1/users?under=${tree.districtA.id}`)).json<PageOf<User>>().items
    expect(underA.map((user) => user.id)).toEqual(expect.arrayContaining([inScope[0]!.id, inScope[2]!.id]))
    expect(underA.map((user) => user.id)).not.toContain(inScope[1]!.id)
    expect(underA.map((user) => user.id)).not.toContain(admin.user.id)
  })

  it('searches names without diacritics and emails', async () => {
    const { user } = await createViaApi(admin, newUserBody({ fullName: 'Trần Đức Thắng', email: newEmail('tran.duc.thang') }))
    const byName = (await admin.get(`/api/v1/users?q=${encodeURIComponent('duc thang')}`)).json<PageOf<User>>().items
    expect(byName.map((found) => found.id)).toEqual([user.id])
    const byEmail = (await admin.get(`/api/v1/users?q=${encodeURIComponent('TRAN.DUC.THANG')}`)).json<PageOf<User>>().items
    expect(byEmail.map((found) => found.id)).toEqual([user.id])
  })

  it('pages with a cursor, each account once', async () => {
    const all = (await admin.get('/api/v1/users?limit=500')).json<PageOf<User>>().items
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const current: PageOf<User> = (
        await admin.get(`/api/v1/users?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
      ).json<PageOf<User>>()
      seen.push(...current.items.map((user) => user.id))
      cursor = current.nextCursor
    } while (cursor)
    expect(seen).toEqual(all.map((user) => user.id))
  })

  it('shows a district admin only the accounts of their district', async () => {
    const districtAdmin = await loginAs(ctx, 'admin', tree.districtA)
    const ids = (await districtAdmin.get('/api/v1/users?limit=500')).json<PageOf<User>>().items.map((user) => user.id)
    expect(ids).toEqual(expect.arrayContaining([districtAdmin.user.id, inScope[0]!.id, inScope[2]!.id]))
    expect(ids).not.toContain(admin.user.id)
    expect(ids).not.toContain(inScope[1]!.id)
  })
})

/* ---------- create ---------- */

describe('POST /api/v1/users', () => {
  it('creates an account: 201, Location, ETag, no password in the answer or the audit log, and it can sign in', async () => {
    const body = newUserBody({ fullName: '  Lê Văn Hùng  ', role: 'federation_officer' })
    const response = await admin.post('/api/v1/users', body)
    expect(response.statusCode, response.body).toBe(201)
    expectNoSecrets(response)
    const user = response.json<User>()
    expect(response.headers.location).toBe(`/api/v1/users/${user.id}`)
    expect(response.headers.etag).toBe('"1"')
    expect(user).toMatchObject({
      email: body.email,
      fullName: 'Lê Văn Hùng',
      role: 'federation_officer',
      unionId: tree.districtA.id,
      unionName: tree.districtA.name,
      status: 'active',
      lastLoginAt: null,
    })
    expect(Object.keys(user)).not.toContain('version')

    const audit = await auditAfterOf(user.id)
    expect(audit).toHaveLength(1)
    expect(JSON.stringify(audit)).not.toMatch(/password|argon2/i)

    const tokens = await login(ctx, body.email.toUpperCase(), body.password)
    expect(tokens.user.id).toBe(user.id)
  })

  it('refuses a duplicate email in another letter case with 409 on /email, writing nothing', async () => {
    const body = newUserBody({ email: newEmail('Pham.Minh') })
    await createViaApi(admin, body)
    const before = await subtreeSnapshot(ctx, tree.root)
    const response = await admin.post('/api/v1/users', newUserBody({ email: body.email.toLowerCase(), unionId: tree.districtB.id }))
    const problem = expectProblem(response, 409, 'duplicate')
    expect(problem.errors?.[0]).toMatchObject({ field: '/email', code: 'unique', message: 'Giá trị này đã được sử dụng' })
    expectNoSecrets(response)
    expect(await subtreeSnapshot(ctx, tree.root)).toEqual(before)
  })

  it('refuses a union outside the admin scope with 422 on /unionId, like a missing one', async () => {
    const districtAdmin = await loginAs(ctx, 'admin', tree.districtA)
    const before = await subtreeSnapshot(ctx, tree.root)
    for (const unionId of [tree.districtB.id, tree.root.id, uuidv7()]) {
      const response = await districtAdmin.post('/api/v1/users', newUserBody({ unionId }))
      const problem = expectProblem(response, 422, 'validation_failed')
      expect(problem.errors).toEqual([expect.objectContaining({ field: '/unionId', code: 'not_found' })])
    }
    expect(await subtreeSnapshot(ctx, tree.root)).toEqual(before)
  })

  it('refuses bad input with 400 and per-field errors, writing nothing', async () => {
    const before = await subtreeSnapshot(ctx, tree.root)
    const cases: [Record<string, unknown>, string, string][] = [
      [{ email: 'not-an-email' }, '/email', 'format'],
      [{ password: 'short' }, '/password', 'minLength'],
      [{ password: 'x'.repeat(257) }, '/password', 'maxLength'],
      [{ role: 'superuser' }, '/role', 'enum'],
      [{ unionId: 'district-a' }, '/unionId', 'format'],
      [{ fullName: '' }, '/fullName', 'minLength'],
      [{ fullName: 'x'.repeat(201) }, '/fullName', 'maxLength'],
      [{ status: 'disabled' }, '/status', 'additionalProperties'],
      [{ passwordHash: '$argon2id$v=19$...' }, '/passwordHash', 'additionalProperties'],
    ]
    for (const [overrides, field, code] of cases) {
      const response = await admin.post('/api/v1/users', { ...newUserBody(), ...overrides })
      const problem = expectProblem(response, 400, 'validation_failed')
      expect(problem.errors, JSON.stringify(overrides)).toEqual(expect.arrayContaining([expect.objectContaining({ field, code })]))
    }
    expect(await subtreeSnapshot(ctx, tree.root)).toEqual(before)
  })

  it('refuses a name with a NUL character with 400, not a server error', async () => {
    const before = await subtreeSnapshot(ctx, tree.root)
    const response = await admin.post('/api/v1/users', newUserBody({ fullName: 'Nguyễn\u0000Văn A' }))
    expectProblem(response, 400, 'validation_failed')
    expect(await subtreeSnapshot(ctx, tree.root)).toEqual(before)
  })
})

/* ---------- read and update ---------- */

describe('GET and PATCH /api/v1/users/:id', () => {
  it('reads one account with its ETag; another scope answers 404; a bad id 400', async () => {
    const { user } = await createViaApi(admin, newUserBody({ unionId: tree.districtB.id }))
    const response = await admin.get(`/api/v1/users/${user.id}`)
    expect(response.statusCode).toBe(200)
    expect(response.headers.etag).toBe('"1"')
    expect(response.json<User>()).toEqual(user)
    expectNoSecrets(response)

    const districtAdmin = await loginAs(ctx, 'admin', tree.districtA)
    expectProblem(await districtAdmin.get(`/api/v1/users/${user.id}`), 404, 'not_found')
    expectProblem(await districtAdmin.get(`/api/v1/users/${uuidv7()}`), 404, 'not_found')
    expectProblem(await admin.get('/api/v1/users/not-a-uuid'), 400, 'validation_failed')
  })

  it('updates with If-Match: 200, a new ETag, no password in the answer', async () => {
    const { user, etag } = await createViaApi(admin, newUserBody())
    const response = await admin.patch(`/api/v1/users/${user.id}`, { fullName: 'Nguyễn Thị Lan Anh', role: 'viewer', unionId: tree.grassrootsA2.id }, { 'if-match': etag })
    expect(response.statusCode, response.body).toBe(200)
    expect(response.headers.etag).toBe('"2"')
    expectNoSecrets(response)
    expect(response.json<User>()).toMatchObject({ fullName: 'Nguyễn Thị Lan Anh', role: 'viewer', unionId: tree.grassrootsA2.id, unionName: tree.grassrootsA2.name })
    expect(await etagOf(admin, user.id)).toBe('"2"')
  })

  it('refuses a stale If-Match with 412 and a missing one with 428, changing nothing', async () => {
    const { user } = await createViaApi(admin, newUserBody())
    const renamed = await admin.patch(`/api/v1/users/${user.id}`, { fullName: 'Tên thứ hai' }, { 'if-match': '"1"' })
    expect(renamed.statusCode).toBe(200)
    expectProblem(await admin.patch(`/api/v1/users/${user.id}`, { fullName: 'Tên cũ ghi đè' }, { 'if-match': '"1"' }), 412, 'precondition_failed')
    expectProblem(await admin.patch(`/api/v1/users/${user.id}`, { fullName: 'Tên cũ ghi đè' }), 428, 'precondition_required')
    const current = await admin.get(`/api/v1/users/${user.id}`)
    expect(current.json<User>().fullName).toBe('Tên thứ hai')
    expect(current.headers.etag).toBe('"2"')
  })

  it('refuses to move an account to a union outside the scope with 422 on /unionId', async () => {
    const districtAdmin = await loginAs(ctx, 'admin', tree.districtA)
    const { user, etag } = await createViaApi(districtAdmin, newUserBody({ unionId: tree.grassrootsA1.id }))
    const response = await districtAdmin.patch(`/api/v1/users/${user.id}`, { unionId: tree.districtB.id }, { 'if-match': etag })
    const problem = expectProblem(response, 422, 'validation_failed')
    expect(problem.errors?.[0]?.field).toBe('/unionId')
    expect(await etagOf(districtAdmin, user.id)).toBe(etag)
  })

  it('refuses an admin of a district to change an account above it (404)', async () => {
    const districtAdmin = await loginAs(ctx, 'admin', tree.districtA)
    expectProblem(await districtAdmin.patch(`/api/v1/users/${admin.user.id}`, { status: 'disabled' }, { 'if-match': '"1"' }), 404, 'not_found')
    expect((await admin.get('/api/v1/me')).statusCode).toBe(200)
  })

  it('refuses a PATCH with no fields or unknown ones', async () => {
    const { user, etag } = await createViaApi(admin, newUserBody())
    expectProblem(await admin.patch(`/api/v1/users/${user.id}`, {}, { 'if-match': etag }), 400, 'validation_failed')
    expectProblem(await admin.patch(`/api/v1/users/${user.id}`, { email: 'new@test.liendoan.vn' }, { 'if-match': etag }), 400, 'validation_failed')
    expectProblem(await admin.patch(`/api/v1/users/${user.id}`, { status: 'locked' }, { 'if-match': etag }), 400, 'validation_failed')
    expect(await etagOf(admin, user.id)).toBe(etag)
  })
})

/* ---------- the admin's own account ---------- */

describe('an admin and their own account', () => {
  it('cannot disable themself, nor change their own role or union', async () => {
    const self = await loginAs(ctx, 'admin', tree.districtB)
    for (const change of [{ status: 'disabled' }, { role: 'viewer' }, { unionId: tree.grassrootsB1.id }]) {
      const etag = await etagOf(self, self.user.id)
      const problem = expectProblem(await self.patch(`/api/v1/users/${self.user.id}`, change, { 'if-match': etag }), 422, 'invalid_state')
      expect(problem.title).toBe('Thao tác không hợp lệ ở trạng thái hiện tại')
    }
    const me = (await self.get('/api/v1/me')).json<User>()
    expect(me).toMatchObject({ status: 'active', role: 'admin', unionId: tree.districtB.id })
  })

  it('can still rename themself', async () => {
    const self = await loginAs(ctx, 'admin', tree.districtB)
    const etag = await etagOf(self, self.user.id)
    const response = await self.patch(`/api/v1/users/${self.user.id}`, { fullName: 'Quản trị Thanh Trì' }, { 'if-match': etag })
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json<User>().fullName).toBe('Quản trị Thanh Trì')
  })
})

/* ---------- sessions ---------- */

describe('ending sessions', () => {
  it('disabling an account revokes its refresh tokens and stops sign-in', async () => {
    const body = newUserBody()
    const { user, etag } = await createViaApi(admin, body)
    const first: TokenPair = await login(ctx, body.email, body.password)
    const second: TokenPair = await login(ctx, body.email, body.password)

    const disabled = await admin.patch(`/api/v1/users/${user.id}`, { status: 'disabled' }, { 'if-match': etag })
    expect(disabled.statusCode, disabled.body).toBe(200)
    expect(disabled.json<User>().status).toBe('disabled')

    for (const tokens of [first, second]) expectProblem(await refresh(tokens.refreshToken), 401, 'token_invalid')
    expectProblem(
      await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: body.email, password: body.password } }),
      401,
      'invalid_credentials',
    )

    const enabled = await admin.patch(`/api/v1/users/${user.id}`, { status: 'active' }, { 'if-match': String(disabled.headers.etag) })
    expect(enabled.statusCode, enabled.body).toBe(200)
    expect((await login(ctx, body.email, body.password)).user.id).toBe(user.id)
    // The sessions revoked while disabled stay revoked.
    expectProblem(await refresh(first.refreshToken), 401, 'token_invalid')
  })

  it('changing a password revokes the sessions; only the new password signs in', async () => {
    const body = newUserBody()
    const { user, etag } = await createViaApi(admin, body)
    const tokens = await login(ctx, body.email, body.password)
    const response = await admin.patch(`/api/v1/users/${user.id}`, { password: NEW_PASSWORD }, { 'if-match': etag })
    expect(response.statusCode, response.body).toBe(200)
    expectNoSecrets(response)
    expectProblem(await refresh(tokens.refreshToken), 401, 'token_invalid')
    expectProblem(
      await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: body.email, password: body.password } }),
      401,
      'invalid_credentials',
    )
    expect((await login(ctx, body.email, NEW_PASSWORD)).user.id).toBe(user.id)
    expect(JSON.stringify(await auditAfterOf(user.id))).not.toMatch(/argon2|Mat-khau/)
  })

  it('a rename keeps the sessions', async () => {
    const body = newUserBody()
    const { user, etag } = await createViaApi(admin, body)
    const tokens = await login(ctx, body.email, body.password)
    expect((await admin.patch(`/api/v1/users/${user.id}`, { fullName: 'Chỉ đổi tên' }, { 'if-match': etag })).statusCode).toBe(200)
    expect((await refresh(tokens.refreshToken)).statusCode).toBe(200)
  })
})

/* ---------- roles ---------- */

describe.each<Role>(['federation_officer', 'union_officer', 'viewer'])('a %s', (role) => {
  it('gets 403 on every /users route and writes nothing', async () => {
    const caller = await loginAs(ctx, role, tree.root)
    const target = await createUser(ctx, 'viewer', tree.grassrootsA1)
    const before = await subtreeSnapshot(ctx, tree.root)
    const responses = [
      await caller.get('/api/v1/users'),
      await caller.get(`/api/v1/users/${target.id}`),
      await caller.post('/api/v1/users', newUserBody()),
      await caller.patch(`/api/v1/users/${target.id}`, { role: 'admin' }, { 'if-match': '"1"' }),
      await caller.patch(`/api/v1/users/${caller.user.id}`, { role: 'admin' }, { 'if-match': '"1"' }),
    ]
    for (const response of responses) expectProblem(response, 403, 'forbidden')
    expect(await subtreeSnapshot(ctx, tree.root)).toEqual(before)
    // Their own account is still readable through /me.
    expect((await caller.get('/api/v1/me')).json<User>()).toMatchObject({ id: caller.user.id, role })
  })
})
