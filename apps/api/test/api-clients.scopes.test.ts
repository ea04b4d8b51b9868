import { type ApiClientScope, ApiClientScopes, type OfficerPosition } from '@liendoan/contracts'
import type { LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { agreementBody } from './helpers/agreements.js'
import { type Client, type TestContext, createTestApp, createTree, loginAs } from './helpers/app.js'
import { asApiClient } from './helpers/api-clients.js'
import { createMember } from './helpers/members.js'
import { classBody, topicIds } from './helpers/trainings.js'

/**
 * The scope matrix: for each scope a client may hold, a representative route that needs it. A
 * client holding only that scope gets past the permission check (any answer but 403); a client
 * holding any other single scope gets 403. Requests are valid, so a 403 can only come from the
 * scope. Then the routes no client scope opens, for a client holding every scope.
 */

let ctx: TestContext
let tree: Awaited<ReturnType<typeof createTree>>
let admin: Client
let memberId: string
let officerPositionId: string
let topicId: string
let sequence = 0
const callers = new Map<ApiClientScope, Client>()

beforeAll(async () => {
  ctx = await createTestApp()
  tree = await createTree(ctx)
  admin = await loginAs(ctx, 'admin', tree.root)
  memberId = (await createMember(ctx, tree.grassrootsA1)).id
  const positions = (await admin.get('/api/v1/officer-positions')).json<{ items: OfficerPosition[] }>().items
  officerPositionId = positions.find((position) => !position.singleHolder)!.id
  topicId = Object.values(await topicIds(ctx))[0]!
  for (const scope of ApiClientScopes) {
    callers.set(scope, (await asApiClient(ctx.app, admin, { name: `Ma trận ${scope}`, unionId: tree.districtA.id, scopes: [scope] })).caller)
  }
})
afterAll(async () => {
  await ctx?.close()
})

/** The current ETag of a record, read by the admin (writes need If-Match). */
async function etag(url: string): Promise<string> {
  const response = await admin.get(url)
  expect(response.statusCode, response.body).toBe(200)
  return String(response.headers.etag)
}

type Call = (caller: Client) => Promise<LightMyRequestResponse>

/** scope → a route that needs it, called validly. */
const ROUTES: Record<ApiClientScope, { route: string; call: Call }> = {
  'unions:read': { route: 'GET /unions/{id}', call: (c) => c.get(`/api/v1/unions/${tree.districtA.id}`) },
  'unions:create': {
    route: 'POST /unions',
    call: (c) => c.post('/api/v1/unions', { code: `SCOPE-${Date.now().toString(36).toUpperCase()}-${++sequence}`, unitTypeId: ctx.types.branch, parentId: tree.grassrootsA1.id, name: 'Tổ công đoàn thử phạm vi' }),
  },
  'unions:update': {
    route: 'PATCH /unions/{id}',
    call: async (c) => c.patch(`/api/v1/unions/${tree.grassrootsA2.id}`, { address: `Số ${++sequence} đường Thử` }, { 'if-match': await etag(`/api/v1/unions/${tree.grassrootsA2.id}`) }),
  },
  'unions:rate': { route: 'POST /unions/{id}/ratings', call: (c) => c.post(`/api/v1/unions/${tree.grassrootsA1.id}/ratings`, { year: 2024, gradeCode: 'completed' }) },
  'members:read': { route: 'GET /members', call: (c) => c.get(`/api/v1/members?under=${tree.districtA.id}`) },
  'members:write': {
    route: 'PATCH /members/{id}',
    call: async (c) => c.patch(`/api/v1/members/${memberId}`, { fullName: `Nguyễn Văn Thử ${++sequence}` }, { 'if-match': await etag(`/api/v1/members/${memberId}`) }),
  },
  'members:reveal': { route: 'GET /members/{id}/personal-data', call: (c) => c.get(`/api/v1/members/${memberId}/personal-data`) },
  'officers:manage': {
    route: 'POST /unions/{id}/officers',
    // A new member each time: one person holds a position once.
    call: async (c) => c.post(`/api/v1/unions/${tree.grassrootsA1.id}/officers`, { memberId: (await createMember(ctx, tree.grassrootsA1)).id, positionId: officerPositionId, startedOn: '2023-05-10', employment: 'part_time' }),
  },
  'trainings:read': { route: 'GET /trainings', call: (c) => c.get('/api/v1/trainings') },
  'trainings:manage': { route: 'POST /trainings', call: (c) => c.post('/api/v1/trainings', classBody(tree.districtA, topicId)) },
  'agreements:read': { route: 'GET /agreements', call: (c) => c.get('/api/v1/agreements') },
  'agreements:write': { route: 'POST /agreements', call: (c) => c.post('/api/v1/agreements', agreementBody(tree.grassrootsA1, { employerName: `Công ty Thử Phạm Vi ${++sequence}` })) },
  'support:read': { route: 'GET /support-programs', call: (c) => c.get('/api/v1/support-programs') },
  'targets:read': { route: 'GET /targets', call: (c) => c.get('/api/v1/targets') },
}

describe('the scope matrix: each scope against each route', () => {
  for (const routeScope of ApiClientScopes) {
    const { route, call } = ROUTES[routeScope]
    it(`${route} needs ${routeScope}`, async () => {
      for (const held of ApiClientScopes) {
        const response = await call(callers.get(held)!)
        if (held === routeScope) {
          expect(response.statusCode, `${held} → ${route}: ${response.body}`).not.toBe(403)
          expect(response.statusCode, `${held} → ${route}: ${response.body}`).toBeLessThan(500)
        } else {
          expect(response.statusCode, `${held} → ${route}: ${response.body}`).toBe(403)
          expect(response.json<{ code: string }>().code).toBe('forbidden')
        }
      }
    })
  }

  it('each representative route succeeds for a holder (not just past the check)', async () => {
    const ok = [200, 201]
    for (const scope of ApiClientScopes) {
      const response = await ROUTES[scope].call(callers.get(scope)!)
      expect(ok, `${scope} → ${ROUTES[scope].route}: ${response.statusCode} ${response.body}`).toContain(response.statusCode)
    }
  })
})

describe('routes no client scope opens', () => {
  it('answer 403 to a client holding every scope', async () => {
    const { caller } = await asApiClient(ctx.app, admin, { unionId: tree.districtA.id, scopes: [...ApiClientScopes] })
    const closed: [string, Call][] = [
      ['GET /me (an account)', (c) => c.get('/api/v1/me')],
      ['GET /users (users:manage)', (c) => c.get('/api/v1/users')],
      ['GET /api-clients (api-clients:manage)', (c) => c.get('/api/v1/api-clients')],
      ['POST /agreements/expiry-runs (agreements:run-expiry)', (c) => c.post('/api/v1/agreements/expiry-runs', { asOf: '2001-01-01' })],
      ['POST /members/{id}/erasure (members:erase)', (c) => c.post(`/api/v1/members/${memberId}/erasure`, { reason: 'Yêu cầu xóa dữ liệu của đoàn viên', requestedOn: '2024-01-01' })],
      ['POST /unit-types (reference:manage)', (c) => c.post('/api/v1/unit-types', { code: `scope_test_${++sequence}`, name: 'Loại thử', nameEn: 'Test type', level: 9, isGrassroots: false })],
    ]
    for (const [route, call] of closed) {
      const response = await call(caller)
      expect(response.statusCode, `${route}: ${response.body}`).toBe(403)
    }
  })
})
