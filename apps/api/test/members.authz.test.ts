import type { Member, PageOf, Role } from '@liendoan/contracts'
import { sql } from 'drizzle-orm'
import type { LightMyRequestResponse } from 'fastify'
import { v7 as uuidv7 } from 'uuid'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Client, type CreatedUnion, type TestContext, createTestApp, createTree, createUnion, loginAs } from './helpers/app.js'
import { admissionBody, markLeft, memberFootprint } from './helpers/member-records.js'
import { type CreatedMember, createMember } from './helpers/members.js'

/**
 * Authorization matrix for every member and card route: each role, signed in at the member's
 * own grassroots union, its district (an ancestor), the city root, a sibling district and a
 * unit below the member's union. Out of scope answers 404 like a missing id; in scope without
 * the permission 403; allowed 2xx. A refused request changes nothing.
 */

type Relation = 'own' | 'district' | 'root' | 'sibling' | 'descendant'
type Permission = 'read' | 'write' | 'reveal' | 'erase'

const ROLES: Role[] = ['admin', 'federation_officer', 'union_officer', 'viewer']
const RELATIONS: Relation[] = ['own', 'district', 'root', 'sibling', 'descendant']
const IN_SCOPE: ReadonlySet<Relation> = new Set(['own', 'district', 'root'])

/** What each role may do, as the issue states it (mirrors lib/actor.ts on purpose: a test must not read the table it checks). */
const ALLOWED: Record<Role, ReadonlySet<Permission>> = {
  admin: new Set(['read', 'write', 'reveal', 'erase']),
  federation_officer: new Set(['read', 'write', 'reveal', 'erase']),
  union_officer: new Set(['read', 'write', 'reveal']),
  viewer: new Set(['read']),
}

/** The member a route acts on, prepared so the route can succeed when allowed. */
type Setup = 'active' | 'left' | 'carded'

interface RouteCase {
  name: string
  permission: Permission
  setup: Setup
  success: number
  send(c: Client, member: CreatedMember, union: CreatedUnion): Promise<LightMyRequestResponse>
}

const ROUTES: RouteCase[] = [
  { name: 'get', permission: 'read', setup: 'active', success: 200, send: (c, m) => c.get(`/api/v1/members/${m.id}`) },
  { name: 'get with reveal', permission: 'reveal', setup: 'active', success: 200, send: (c, m) => c.get(`/api/v1/members/${m.id}?reveal=citizenId,phone`) },
  { name: 'timeline', permission: 'read', setup: 'active', success: 200, send: (c, m) => c.get(`/api/v1/members/${m.id}/timeline`) },
  { name: 'cards', permission: 'read', setup: 'carded', success: 200, send: (c, m) => c.get(`/api/v1/members/${m.id}/cards`) },
  { name: 'personal data', permission: 'reveal', setup: 'active', success: 200, send: (c, m) => c.get(`/api/v1/members/${m.id}/personal-data`) },
  {
    name: 'update',
    permission: 'write',
    setup: 'active',
    success: 200,
    send: (c, m) => c.patch(`/api/v1/members/${m.id}`, { occupation: 'Kỹ thuật viên' }, { 'if-match': '"1"' }),
  },
  {
    name: 'status',
    permission: 'write',
    setup: 'active',
    success: 200,
    send: (c, m) => c.post(`/api/v1/members/${m.id}/status`, { status: 'left', effectiveDate: '2024-01-01', reason: 'Nghỉ việc' }),
  },
  {
    name: 'readmission',
    permission: 'write',
    setup: 'left',
    success: 200,
    send: (c, m, union) => c.post(`/api/v1/members/${m.id}/readmission`, { unionId: union.id, admittedOn: '2024-01-01' }),
  },
  {
    name: 'erasure',
    permission: 'erase',
    setup: 'left',
    success: 200,
    send: (c, m) => c.post(`/api/v1/members/${m.id}/erasure`, { requestedOn: '2024-02-01', reason: 'Đoàn viên yêu cầu xóa dữ liệu' }),
  },
  {
    name: 'issue a card',
    permission: 'write',
    setup: 'active',
    success: 201,
    send: (c, m) => c.post(`/api/v1/members/${m.id}/cards`, { kind: 'issue', issuedOn: '2024-01-01' }),
  },
  {
    name: 'renew a card',
    permission: 'write',
    setup: 'carded',
    success: 201,
    send: (c, m) => c.post(`/api/v1/members/${m.id}/cards`, { kind: 'renewal', issuedOn: '2024-01-01' }),
  },
  {
    name: 'report a card lost',
    permission: 'write',
    setup: 'carded',
    success: 200,
    send: (c, m) => c.post(`/api/v1/members/${m.id}/cards/report-lost`, { reportedOn: '2024-01-01' }),
  },
]

function expected(role: Role, relation: Relation, route: { permission: Permission; success: number }): number {
  if (!IN_SCOPE.has(relation)) return 404
  return ALLOWED[role].has(route.permission) ? route.success : 403
}

let ctx: TestContext

beforeAll(async () => {
  ctx = await createTestApp()
})
afterAll(async () => {
  await ctx.close()
})

let cardSeq = 0

async function prepare(union: CreatedUnion, setup: Setup): Promise<CreatedMember> {
  const cardNumber = setup === 'carded' ? `AZ${uuidv7().slice(-10).toUpperCase()}${cardSeq++}` : null
  const member = await createMember(ctx, union, { admittedOn: '2020-03-01', cardNumber })
  if (setup === 'left') await markLeft(ctx, member.id, '2023-01-10')
  return member
}

async function membersOf(union: CreatedUnion): Promise<number> {
  const result = (await ctx.db.execute(sql`SELECT count(*)::int AS n FROM members WHERE union_id = ${union.id}`)) as unknown as { rows: { n: number }[] }
  return result.rows[0]?.n ?? 0
}

describe.each(ROLES)('%s', (role) => {
  let tree: Awaited<ReturnType<typeof createTree>>
  let actors: Record<Relation, Client>

  beforeAll(async () => {
    tree = await createTree(ctx)
    const branch = await createUnion(ctx, { parent: tree.grassrootsA1, type: 'branch' })
    actors = {
      own: await loginAs(ctx, role, tree.grassrootsA1),
      district: await loginAs(ctx, role, tree.districtA),
      root: await loginAs(ctx, role, tree.root),
      sibling: await loginAs(ctx, role, tree.districtB),
      descendant: await loginAs(ctx, role, branch),
    }
  })

  it.each(ROUTES.map((route) => [route.name, route] as const))('%s', async (_name, route) => {
    for (const relation of RELATIONS) {
      const member = await prepare(tree.grassrootsA1, route.setup)
      const before = await memberFootprint(ctx, member.id)
      const response = await route.send(actors[relation], member, tree.grassrootsA1)
      const status = expected(role, relation, route)
      expect({ relation, status: response.statusCode }).toEqual({ relation, status })
      if (status >= 400) {
        expect(response.json().code).toBe(status === 404 ? 'not_found' : 'forbidden')
        expect(await memberFootprint(ctx, member.id)).toEqual(before)
      }
    }
  })

  it('admission', async () => {
    for (const relation of RELATIONS) {
      const before = await membersOf(tree.grassrootsA1)
      const response = await actors[relation].post('/api/v1/members', admissionBody(tree.grassrootsA1))
      const status = expected(role, relation, { permission: 'write', success: 201 })
      expect({ relation, status: response.statusCode }).toEqual({ relation, status })
      expect(await membersOf(tree.grassrootsA1)).toBe(before + (status === 201 ? 1 : 0))
    }
  })

  it('lists only members of the scope; reveal and CCCD lookup need the permission', async () => {
    const member = await prepare(tree.grassrootsA1, 'active')
    for (const relation of RELATIONS) {
      const actor = actors[relation]
      const list = await actor.get(`/api/v1/members?limit=500&unionId=${tree.grassrootsA1.id}`)
      expect(list.statusCode).toBe(200)
      const ids = list.json<PageOf<Member>>().items.map((item) => item.id)
      expect({ relation, visible: ids.includes(member.id) }).toEqual({ relation, visible: IN_SCOPE.has(relation) })

      const canReveal = ALLOWED[role].has('reveal')
      const auditBefore = await memberFootprint(ctx, member.id)
      const revealed = await actor.get(`/api/v1/members?limit=500&reveal=citizenId&unionId=${tree.grassrootsA1.id}`)
      expect({ relation, status: revealed.statusCode }).toEqual({ relation, status: canReveal ? 200 : 403 })
      const lookup = await actor.get(`/api/v1/members?citizenId=${member.citizenId}`)
      expect({ relation, status: lookup.statusCode }).toEqual({ relation, status: canReveal ? 200 : 403 })
      if (canReveal) {
        const found = lookup.json<PageOf<Member>>().items.map((item) => item.id)
        expect({ relation, found }).toEqual({ relation, found: IN_SCOPE.has(relation) ? [member.id] : [] })
      } else {
        expect(revealed.body).not.toContain(member.citizenId)
        expect(lookup.body).not.toContain(member.citizenId)
        expect(await memberFootprint(ctx, member.id)).toEqual(auditBefore)
      }
    }
  })
})

it('answers a missing member exactly like one out of scope', async () => {
  const tree = await createTree(ctx)
  const member = await createMember(ctx, tree.grassrootsB1)
  const officer = await loginAs(ctx, 'admin', tree.districtA)
  const strip = (response: LightMyRequestResponse) => ({ ...response.json(), requestId: undefined, instance: undefined })
  for (const suffix of ['', '/timeline', '/cards', '/personal-data']) {
    const missing = await officer.get(`/api/v1/members/${uuidv7()}${suffix}`)
    const outside = await officer.get(`/api/v1/members/${member.id}${suffix}`)
    expect(missing.statusCode).toBe(404)
    expect(strip(outside)).toEqual(strip(missing))
  }
})
