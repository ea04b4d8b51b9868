import type { Agreement, AgreementDocument, AgreementStatus, PageOf, Role } from '@liendoan/contracts'
import type { LightMyRequestResponse } from 'fastify'
import { v7 as uuidv7 } from 'uuid'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Client, type CreatedUnion, type TestContext, loginAs } from './helpers/app.js'
import {
  type AgreementTree,
  PDF_BYTES,
  agreementBody,
  agreementFootprint,
  agreementIn,
  createAgreementTree,
  createAgreementsTestApp,
  currentDates,
  readAgreement,
  today,
  uploadDocument,
} from './helpers/agreements.js'

/**
 * Authorization matrix for every agreement route (the reports have their own tests): each role,
 * signed in at the agreement's own grassroots union, its district, the city above, a sibling
 * grassroots union and the other district. The union's ancestors see the agreement; the others get
 * 404 exactly like a missing id; in scope without the permission 403; a refused request changes
 * nothing. Union officers write but do not register or grade: the federation does.
 */

type Relation = 'own' | 'district' | 'city' | 'sibling' | 'otherDistrict'
type Need = 'read' | 'write' | 'assess'

const ROLES: Role[] = ['admin', 'federation_officer', 'union_officer', 'viewer']
const RELATIONS: Relation[] = ['own', 'district', 'city', 'sibling', 'otherDistrict']
const IN_SCOPE: ReadonlySet<Relation> = new Set(['own', 'district', 'city'])
/** What each role may do (mirrors lib/actor.ts on purpose: the test must not read the table it checks). */
const MAY: Record<Role, Record<Need, boolean>> = {
  admin: { read: true, write: true, assess: true },
  federation_officer: { read: true, write: true, assess: true },
  union_officer: { read: true, write: true, assess: false },
  viewer: { read: true, write: false, assess: false },
}

interface Prepared {
  agreement: Agreement
  document: AgreementDocument | undefined
}

interface RouteCase {
  name: string
  need: Need
  setup: AgreementStatus
  withDocument?: boolean
  success: number
  send(c: Client, prepared: Prepared): Promise<LightMyRequestResponse>
}

const ROUTES: RouteCase[] = [
  { name: 'read an agreement', need: 'read', setup: 'negotiating', success: 200, send: (c, p) => c.get(`/api/v1/agreements/${p.agreement.id}`) },
  { name: 'read the timeline', need: 'read', setup: 'signed', success: 200, send: (c, p) => c.get(`/api/v1/agreements/${p.agreement.id}/timeline`) },
  { name: 'list documents', need: 'read', setup: 'negotiating', withDocument: true, success: 200, send: (c, p) => c.get(`/api/v1/agreements/${p.agreement.id}/documents`) },
  {
    name: 'download a document',
    need: 'read',
    setup: 'negotiating',
    withDocument: true,
    success: 200,
    send: (c, p) => c.get(`/api/v1/agreements/${p.agreement.id}/documents/${p.document!.id}`),
  },
  {
    name: 'edit',
    need: 'write',
    setup: 'negotiating',
    success: 200,
    send: (c, p) => c.patch(`/api/v1/agreements/${p.agreement.id}`, { workersCovered: 77 }, { 'if-match': `"${p.agreement.version}"` }),
  },
  { name: 'sign', need: 'write', setup: 'negotiating', success: 200, send: (c, p) => c.post(`/api/v1/agreements/${p.agreement.id}/signing`, currentDates()) },
  { name: 'register', need: 'assess', setup: 'signed', success: 200, send: (c, p) => c.post(`/api/v1/agreements/${p.agreement.id}/registration`, { registeredOn: today() }) },
  { name: 'bring into force', need: 'write', setup: 'registered', success: 200, send: (c, p) => c.post(`/api/v1/agreements/${p.agreement.id}/entry-into-force`, {}) },
  {
    name: 'terminate',
    need: 'write',
    setup: 'in_force',
    success: 200,
    send: (c, p) => c.post(`/api/v1/agreements/${p.agreement.id}/termination`, { terminatedOn: today(), reason: 'Doanh nghiệp ngừng hoạt động' }),
  },
  { name: 'grade', need: 'assess', setup: 'in_force', success: 200, send: (c, p) => c.request({ method: 'PUT', url: `/api/v1/agreements/${p.agreement.id}/grade`, payload: { grade: 'A' } }) },
  { name: 'renew', need: 'write', setup: 'in_force', success: 201, send: (c, p) => c.post(`/api/v1/agreements/${p.agreement.id}/renewal`, { title: 'Thỏa ước gia hạn' }) },
  {
    name: 'upload a document',
    need: 'write',
    setup: 'negotiating',
    success: 201,
    send: (c, p) => uploadDocument(c, p.agreement.id, { name: 'thoa-uoc.pdf', type: 'application/pdf', content: PDF_BYTES }),
  },
  {
    name: 'delete a document',
    need: 'write',
    setup: 'negotiating',
    withDocument: true,
    success: 204,
    send: (c, p) => c.request({ method: 'DELETE', url: `/api/v1/agreements/${p.agreement.id}/documents/${p.document!.id}` }),
  },
]

function expected(role: Role, relation: Relation, route: { need: Need; success: number }): number {
  if (!IN_SCOPE.has(relation)) return 404
  return MAY[role][route.need] ? route.success : 403
}

let ctx: TestContext

beforeAll(async () => {
  ctx = await createAgreementsTestApp()
})
afterAll(async () => {
  await ctx.close()
})

describe.each(ROLES)('%s', (role) => {
  let tree: AgreementTree
  let manager: Client
  let actors: Record<Relation, Client>

  beforeAll(async () => {
    tree = await createAgreementTree(ctx)
    manager = await loginAs(ctx, 'admin', tree.root)
    const at: Record<Relation, CreatedUnion> = {
      own: tree.grassrootsA1,
      district: tree.districtA,
      city: tree.root,
      sibling: tree.grassrootsA2,
      otherDistrict: tree.districtB,
    }
    actors = {
      own: await loginAs(ctx, role, at.own),
      district: await loginAs(ctx, role, at.district),
      city: await loginAs(ctx, role, at.city),
      sibling: await loginAs(ctx, role, at.sibling),
      otherDistrict: await loginAs(ctx, role, at.otherDistrict),
    }
  })

  async function prepare(route: RouteCase): Promise<Prepared> {
    const agreement = await agreementIn(ctx, route.setup, tree.grassrootsA1, manager, manager)
    if (!route.withDocument) return { agreement, document: undefined }
    const upload = await uploadDocument(manager, agreement.id, { name: 'bien-ban.pdf', type: 'application/pdf', content: PDF_BYTES })
    expect(upload.statusCode, upload.body).toBe(201)
    // The upload bumped the version: read it again for If-Match.
    return { agreement: await readAgreement(manager, agreement.id), document: upload.json<AgreementDocument>() }
  }

  it.each(ROUTES.map((route) => [route.name, route] as const))('%s', async (_name, route) => {
    for (const relation of RELATIONS) {
      const prepared = await prepare(route)
      const before = await agreementFootprint(ctx, prepared.agreement.id)
      const response = await route.send(actors[relation], prepared)
      const status = expected(role, relation, route)
      expect({ relation, status: response.statusCode, body: status === response.statusCode ? '' : response.body }).toEqual({ relation, status, body: '' })
      if (status >= 400) {
        expect(response.headers['content-type']).toContain('application/problem+json')
        expect(response.json().code).toBe(status === 404 ? 'not_found' : 'forbidden')
        expect(await agreementFootprint(ctx, prepared.agreement.id)).toEqual(before)
      }
    }
  })

  it('create an agreement of grassroots union A1', async () => {
    for (const relation of RELATIONS) {
      const response = await actors[relation].post('/api/v1/agreements', agreementBody(tree.grassrootsA1, { employerName: `Công ty Phạm Vi ${uuidv7().slice(-8)}` }))
      const status = expected(role, relation, { need: 'write', success: 201 })
      expect({ relation, status: response.statusCode }).toEqual({ relation, status })
    }
  })

  it('lists show an agreement only inside the scope', async () => {
    const agreement = await agreementIn(ctx, 'signed', tree.grassrootsA1, manager, manager)
    for (const relation of RELATIONS) {
      const list = await actors[relation].get('/api/v1/agreements?limit=500')
      expect(list.statusCode).toBe(200)
      const ids = list.json<PageOf<Agreement>>().items.map((item) => item.id)
      expect({ relation, visible: ids.includes(agreement.id) }).toEqual({ relation, visible: IN_SCOPE.has(relation) })
      expect((await actors[relation].get('/api/v1/agreement-grades')).statusCode).toBe(200)
    }
  })

  it('only administrators run the expiry job', async () => {
    const response = await actors.city.post('/api/v1/agreements/expiry-runs', { asOf: '2001-01-01' })
    if (role === 'admin') {
      expect(response.statusCode, response.body).toBe(200)
      expect(response.json()).toEqual({ asOf: '2001-01-01', broughtIntoForce: 0, expired: 0 })
    } else {
      expect(response.statusCode).toBe(403)
    }
  })
})

it('answers a missing agreement exactly like one out of scope', async () => {
  const tree = await createAgreementTree(ctx)
  const manager = await loginAs(ctx, 'admin', tree.root)
  const agreement = await agreementIn(ctx, 'negotiating', tree.grassrootsB1, manager, manager)
  const officer = await loginAs(ctx, 'admin', tree.districtA)
  const strip = (response: LightMyRequestResponse) => ({ ...response.json(), requestId: undefined, instance: undefined })
  for (const suffix of ['', '/timeline', '/documents', `/documents/${uuidv7()}`]) {
    const missing = await officer.get(`/api/v1/agreements/${uuidv7()}${suffix}`)
    const outside = await officer.get(`/api/v1/agreements/${agreement.id}${suffix}`)
    expect(missing.statusCode).toBe(404)
    expect(strip(outside)).toEqual(strip(missing))
  }
  expect((await ctx.app.inject({ method: 'GET', url: `/api/v1/agreements/${agreement.id}` })).statusCode).toBe(401)
  expect((await ctx.app.inject({ method: 'POST', url: '/api/v1/agreements/expiry-runs', payload: {} })).statusCode).toBe(401)
})
