import { randomBytes } from 'node:crypto'
import type { Role, Union, PageOf } from '@liendoan/contracts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Client, type CreatedUnion, type TestContext, createTestApp, createTree, createUnion, loginAs } from './helpers/app.js'

/**
 * Authorization matrix: every role, signed in at a district federation, against its own
 * union, a descendant, a sibling and an ancestor, for each kind of action.
 * Out of scope answers 404 exactly like a missing id; in scope but not allowed answers 403.
 */

type Relation = 'own' | 'descendant' | 'sibling' | 'ancestor'
type Action = 'read' | 'list' | 'create' | 'update' | 'restructure'

const ROLES: Role[] = ['admin', 'federation_officer', 'union_officer', 'viewer']
const RELATIONS: Relation[] = ['own', 'descendant', 'sibling', 'ancestor']

const canWrite = (role: Role) => role === 'admin' || role === 'federation_officer'
const canUpdate = (role: Role) => role !== 'viewer'

function expected(role: Role, relation: Relation, action: Action): number {
  const inScope = relation === 'own' || relation === 'descendant'
  switch (action) {
    case 'read':
      return inScope ? 200 : 404
    case 'list':
      return 200
    case 'create':
      return !inScope ? 404 : canWrite(role) ? 201 : 403
    case 'update':
      return !inScope ? 404 : canUpdate(role) ? 200 : 403
    case 'restructure':
      // Nobody restructures the union their account belongs to.
      return !inScope ? 404 : relation === 'own' ? 403 : canWrite(role) ? 200 : 403
  }
}

let ctx: TestContext

beforeAll(async () => {
  ctx = await createTestApp()
})
afterAll(async () => {
  await ctx.close()
})

describe.each(ROLES)('%s at a district federation', (role) => {
  let tree: Awaited<ReturnType<typeof createTree>>
  let officer: Client
  let targets: Record<Relation, CreatedUnion>

  beforeAll(async () => {
    tree = await createTree(ctx)
    officer = await loginAs(ctx, role, tree.districtA)
    targets = { own: tree.districtA, descendant: tree.grassrootsA1, sibling: tree.districtB, ancestor: tree.root }
  })

  it.each(RELATIONS)('read %s', async (relation) => {
    const response = await officer.get(`/api/v1/unions/${targets[relation].id}`)
    expect(response.statusCode).toBe(expected(role, relation, 'read'))
    if (response.statusCode === 404) expect(response.json().code).toBe('not_found')
    for (const sub of ['children', 'history', 'ratings']) {
      const subResponse = await officer.get(`/api/v1/unions/${targets[relation].id}/${sub}`)
      expect(subResponse.statusCode).toBe(expected(role, relation, 'read'))
    }
  })

  it.each(RELATIONS)('list under %s never shows a unit outside the scope', async (relation) => {
    const response = await officer.get(`/api/v1/unions?under=${targets[relation].id}&limit=500`)
    expect(response.statusCode).toBe(expected(role, relation, 'list'))
    const ids = response.json<PageOf<Union>>().items.map((item) => item.id)
    expect(ids).not.toContain(tree.districtB.id)
    expect(ids).not.toContain(tree.grassrootsB1.id)
    expect(ids).not.toContain(tree.root.id)
    if (relation === 'own') expect(ids).toEqual(expect.arrayContaining([tree.grassrootsA1.id, tree.grassrootsA2.id]))
    if (relation === 'sibling') expect(ids).toEqual([])
  })

  it.each(RELATIONS)('create under %s', async (relation) => {
    const parent = targets[relation]
    const type = relation === 'descendant' ? ctx.types.branch : relation === 'ancestor' ? ctx.types.district_federation : ctx.types.grassroots
    const response = await officer.post('/api/v1/unions', {
      code: `AZ-${randomBytes(6).toString('hex')}`,
      name: 'Công đoàn mới',
      unitTypeId: type,
      parentId: parent.id,
    })
    expect(response.statusCode).toBe(expected(role, relation, 'create'))
  })

  it.each(RELATIONS)('update %s', async (relation) => {
    const target = targets[relation]
    // Every tree starts at version 1, so "1" is the current ETag whether or not the actor can read it.
    const response = await officer.patch(`/api/v1/unions/${target.id}`, { address: `Địa chỉ mới ${role}` }, { 'if-match': '"1"' })
    const status = expected(role, relation, 'update')
    expect(response.statusCode).toBe(status)
    if (status === 200) expect(response.json<Union>().address).toBe(`Địa chỉ mới ${role}`)
  })

  it.each(RELATIONS)('restructure %s', async (relation) => {
    // A fresh leaf for the descendant case, so one role's dissolve doesn't affect the next.
    const target = relation === 'descendant' ? await createUnion(ctx, { parent: tree.districtA }) : targets[relation]
    const preview = await officer.post(`/api/v1/unions/${target.id}/dissolve/preview`, { effectiveDate: '2025-01-01' })
    const status = expected(role, relation, 'restructure')
    expect(preview.statusCode).toBe(status)
    const response = await officer.post(`/api/v1/unions/${target.id}/dissolve`, { effectiveDate: '2025-01-01' })
    expect(response.statusCode).toBe(status)
    const move = await officer.post(`/api/v1/unions/${target.id}/move`, { newParentId: tree.districtA.id, effectiveDate: '2025-01-01' })
    // A move to where it already is is refused by a rule (422) once scope and role allow it.
    expect(move.statusCode).toBe(status === 200 ? 422 : status)
    const merge = await officer.post(`/api/v1/unions/${target.id}/merge`, { targetId: tree.grassrootsA2.id, effectiveDate: '2025-01-01' })
    expect(merge.statusCode).toBe(status === 200 ? 422 : status)
  })
})

describe('a union officer at a grassroots union', () => {
  it('sees its own union and nothing above or beside it', async () => {
    const tree = await createTree(ctx)
    const officer = await loginAs(ctx, 'union_officer', tree.grassrootsA1)
    expect((await officer.get(`/api/v1/unions/${tree.grassrootsA1.id}`)).statusCode).toBe(200)
    expect((await officer.get(`/api/v1/unions/${tree.grassrootsA2.id}`)).statusCode).toBe(404)
    expect((await officer.get(`/api/v1/unions/${tree.districtA.id}`)).statusCode).toBe(404)
    const list = await officer.get('/api/v1/unions?limit=500')
    expect(list.json<PageOf<Union>>().items.map((item) => item.id)).toEqual([tree.grassrootsA1.id])
  })

  it('cannot move a unit of its scope to a parent outside it', async () => {
    const tree = await createTree(ctx)
    const officer = await loginAs(ctx, 'federation_officer', tree.districtA)
    const response = await officer.post(`/api/v1/unions/${tree.grassrootsA1.id}/move`, { newParentId: tree.districtB.id, effectiveDate: '2025-01-01' })
    expect(response.statusCode).toBe(404)
  })

  it('answers a missing id exactly like an out-of-scope one', async () => {
    const tree = await createTree(ctx)
    const officer = await loginAs(ctx, 'federation_officer', tree.districtA)
    const missing = await officer.get('/api/v1/unions/01900000-0000-7000-8000-000000000000')
    const outOfScope = await officer.get(`/api/v1/unions/${tree.districtB.id}`)
    expect(missing.statusCode).toBe(404)
    expect(outOfScope.statusCode).toBe(404)
    const strip = (body: Record<string, unknown>) => ({ ...body, requestId: undefined, instance: undefined })
    expect(strip(missing.json())).toEqual(strip(outOfScope.json()))
  })
})
