import type { PageOf, Role, SupportPayment, SupportProgram } from '@liendoan/contracts'
import type { LightMyRequestResponse } from 'fastify'
import { sql } from 'drizzle-orm'
import { v7 as uuidv7 } from 'uuid'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { todayInVietnam } from '../src/lib/dates.js'
import { type Client, type CreatedUnion, type TestContext, createTestApp, loginAs, queryRows } from './helpers/app.js'
import { type SupportTree, approve, createAgreementRow, createProgram, createSupportTree, paymentFootprint, programBody, proposeAgreement } from './helpers/support.js'

/**
 * Authorization matrix for every support route: each role, signed in at the union running the
 * programme (district A), its ancestor (the city), a unit below it (grassroots A1, where the
 * records are) and a sibling (district B). The programme is seen from its union, above it and
 * below it; the sibling gets 404 like a missing id. Deciding on money (approve, reject, cancel,
 * disburse) and editing the programme are for the running union and above: 403 below it, as for
 * a role without the permission. A refused request changes nothing.
 */

type Relation = 'own' | 'ancestor' | 'descendant' | 'sibling'
type Need = 'read' | 'propose' | 'decide' | 'manage'
type Setup = 'none' | 'proposed' | 'approved'

const ROLES: Role[] = ['admin', 'federation_officer', 'union_officer', 'viewer']
const RELATIONS: Relation[] = ['own', 'ancestor', 'descendant', 'sibling']
/** What each role may do with support (mirrors lib/actor.ts on purpose: the test must not read the table it checks). */
const MAY: Record<Need, ReadonlySet<Role>> = {
  read: new Set(ROLES),
  propose: new Set<Role>(['admin', 'federation_officer', 'union_officer']),
  decide: new Set<Role>(['admin', 'federation_officer']),
  manage: new Set<Role>(['admin', 'federation_officer']),
}

interface Prepared {
  program: SupportProgram
  payment: SupportPayment | undefined
}

interface RouteCase {
  name: string
  need: Need
  setup: Setup
  success: number
  send(c: Client, prepared: Prepared): Promise<LightMyRequestResponse>
}

/** The status a caller gets: 404 out of sight, 403 in sight without the permission or (deciding, managing) below the programme's union. */
function expected(role: Role, relation: Relation, route: { need: Need; success: number }): number {
  if (relation === 'sibling') return 404
  if (!MAY[route.need].has(role)) return 403
  if ((route.need === 'decide' || route.need === 'manage') && relation === 'descendant') return 403
  return route.success
}

let ctx: TestContext
let tree: SupportTree
let manager: Client
let approver: Client
let program: SupportProgram

beforeAll(async () => {
  ctx = await createTestApp()
  tree = await createSupportTree(ctx)
  manager = await loginAs(ctx, 'admin', tree.root)
  approver = await loginAs(ctx, 'federation_officer', tree.root)
  program = await createProgram(manager, tree.districtA, { budgetVnd: 10_000_000_000 })
})
afterAll(async () => {
  await ctx.close()
})

async function prepare(setup: Setup): Promise<Prepared> {
  if (setup === 'none') return { program, payment: undefined }
  const agreement = await createAgreementRow(ctx, tree.grassrootsA1)
  const payment = await proposeAgreement(manager, program.id, agreement.id)
  if (setup === 'proposed') return { program, payment }
  return { program, payment: await approve(approver, payment.id) }
}

const ROUTES: RouteCase[] = [
  { name: 'read a programme', need: 'read', setup: 'none', success: 200, send: (c, p) => c.get(`/api/v1/support-programs/${p.program.id}`) },
  { name: 'list candidates', need: 'read', setup: 'none', success: 200, send: (c, p) => c.get(`/api/v1/support-programs/${p.program.id}/candidates`) },
  { name: 'read the ledger', need: 'read', setup: 'proposed', success: 200, send: (c, p) => c.get(`/api/v1/support-programs/${p.program.id}/ledger`) },
  { name: 'read the report', need: 'read', setup: 'none', success: 200, send: (c, p) => c.get(`/api/v1/support-programs/${p.program.id}/report`) },
  { name: 'export the payments', need: 'read', setup: 'proposed', success: 200, send: (c, p) => c.get(`/api/v1/support-programs/${p.program.id}/payments.xlsx`) },
  { name: 'read a payment', need: 'read', setup: 'proposed', success: 200, send: (c, p) => c.get(`/api/v1/support-payments/${p.payment!.id}`) },
  {
    name: 'edit a programme',
    need: 'manage',
    setup: 'none',
    success: 200,
    send: async (c, p) => {
      const [row] = await queryRows<{ version: number }>(ctx, sql`SELECT version FROM support_programs WHERE id = ${p.program.id}`)
      return c.patch(`/api/v1/support-programs/${p.program.id}`, { description: `Sửa ${uuidv7()}` }, { 'if-match': `"${row?.version ?? 1}"` })
    },
  },
  {
    name: 'propose a payment',
    need: 'propose',
    setup: 'none',
    success: 201,
    send: async (c, p) => c.post('/api/v1/support-payments', { programId: p.program.id, kind: 'agreement', agreementId: (await createAgreementRow(ctx, tree.grassrootsA1)).id }),
  },
  {
    name: 'propose in bulk',
    need: 'propose',
    setup: 'none',
    success: 201,
    send: async (c, p) =>
      c.post('/api/v1/support-payments/bulk', {
        programId: p.program.id,
        items: [{ kind: 'agreement', reasonId: (await createAgreementRow(ctx, tree.grassrootsA1)).id, role: 'union' }],
      }),
  },
  { name: 'approve', need: 'decide', setup: 'proposed', success: 200, send: (c, p) => c.post(`/api/v1/support-payments/${p.payment!.id}/approve`, {}) },
  { name: 'reject', need: 'decide', setup: 'proposed', success: 200, send: (c, p) => c.post(`/api/v1/support-payments/${p.payment!.id}/reject`, { reason: 'Không đủ hồ sơ' }) },
  // Proposed by someone else: the caller may cancel only as an approver of the programme.
  { name: 'cancel', need: 'decide', setup: 'proposed', success: 200, send: (c, p) => c.post(`/api/v1/support-payments/${p.payment!.id}/cancel`, { reason: 'Đề xuất nhầm' }) },
  {
    name: 'disburse',
    need: 'decide',
    setup: 'approved',
    success: 200,
    send: (c, p) => c.post(`/api/v1/support-payments/${p.payment!.id}/disburse`, { disbursedOn: todayInVietnam(), method: 'cash', reference: 'PC 01' }),
  },
]

describe.each(ROLES)('%s', (role) => {
  let actors: Record<Relation, Client>

  beforeAll(async () => {
    const at: Record<Relation, CreatedUnion> = { own: tree.districtA, ancestor: tree.root, descendant: tree.grassrootsA1, sibling: tree.districtB }
    actors = {
      own: await loginAs(ctx, role, at.own),
      ancestor: await loginAs(ctx, role, at.ancestor),
      descendant: await loginAs(ctx, role, at.descendant),
      sibling: await loginAs(ctx, role, at.sibling),
    }
  })

  it.each(ROUTES.map((route) => [route.name, route] as const))('%s', async (_name, route) => {
    for (const relation of RELATIONS) {
      const prepared = await prepare(route.setup)
      const before = prepared.payment ? await paymentFootprint(ctx, prepared.payment.id) : await programFootprint()
      const response = await route.send(actors[relation], prepared)
      const status = expected(role, relation, route)
      expect({ relation, status: response.statusCode, body: status === response.statusCode ? '' : response.body }).toEqual({ relation, status, body: '' })
      if (status >= 400) {
        expect(response.json().code).toBe(status === 404 ? 'not_found' : 'forbidden')
        expect(prepared.payment ? await paymentFootprint(ctx, prepared.payment.id) : await programFootprint()).toEqual(before)
      }
    }
  })

  it('create a programme run by district A', async () => {
    for (const relation of RELATIONS) {
      const response = await actors[relation].post('/api/v1/support-programs', programBody(tree.districtA))
      // Creating is done in your own subtree: from below or beside district A it is not found.
      const status = relation === 'own' || relation === 'ancestor' ? (MAY.manage.has(role) ? 201 : 403) : 404
      expect({ relation, status: response.statusCode }).toEqual({ relation, status })
    }
  })

  it('lists show the programme and its payments only where they are seen', async () => {
    const { payment } = await prepare('proposed')
    for (const relation of RELATIONS) {
      const programs = await actors[relation].get('/api/v1/support-programs?limit=500')
      expect(programs.statusCode).toBe(200)
      const programIds = programs.json<PageOf<SupportProgram>>().items.map((item) => item.id)
      expect({ relation, visible: programIds.includes(program.id) }).toEqual({ relation, visible: relation !== 'sibling' })
      const payments = await actors[relation].get(`/api/v1/support-payments?programId=${program.id}&limit=500`)
      expect(payments.statusCode).toBe(200)
      const paymentIds = payments.json<PageOf<SupportPayment>>().items.map((item) => item.id)
      expect({ relation, visible: paymentIds.includes(payment!.id) }).toEqual({ relation, visible: relation !== 'sibling' })
    }
  })
})

/** What a refused programme-level request could have written. */
async function programFootprint() {
  const [row] = await queryRows<Record<string, unknown>>(
    ctx,
    sql`SELECT (SELECT row_to_json(p)::text FROM support_programs p WHERE p.id = ${program.id}) AS program,
               (SELECT count(*)::int FROM support_payments WHERE program_id = ${program.id}) AS payments,
               (SELECT count(*)::int FROM support_ledger WHERE program_id = ${program.id}) AS ledger,
               (SELECT count(*)::int FROM audit_events WHERE entity_id = ${program.id}) AS audit`,
  )
  return row
}

it('a payment of district B is seen by its own union and the programme’s, not by district A', async () => {
  const cityProgram = await createProgram(manager, tree.root)
  const payment = await proposeAgreement(manager, cityProgram.id, (await createAgreementRow(ctx, tree.grassrootsB1)).id)
  const expectations: [CreatedUnion, number][] = [
    [tree.root, 200],
    [tree.districtB, 200],
    [tree.grassrootsB1, 200],
    [tree.districtA, 404],
    [tree.grassrootsA1, 404],
  ]
  for (const [union, status] of expectations) {
    const viewer = await loginAs(ctx, 'viewer', union)
    expect({ union: union.name, status: (await viewer.get(`/api/v1/support-payments/${payment.id}`)).statusCode }).toEqual({ union: union.name, status })
  }
  // A district officer below the city's programme proposes for its own records only.
  const districtA = await loginAs(ctx, 'federation_officer', tree.districtA)
  const foreign = await districtA.post('/api/v1/support-payments', { programId: cityProgram.id, kind: 'agreement', agreementId: (await createAgreementRow(ctx, tree.grassrootsB1)).id })
  expect(foreign.statusCode).toBe(404)
  // ...and a programme of district A does not pay for district B's records, even to the city.
  const districtProgram = await createProgram(manager, tree.districtA)
  const outside = await manager.post('/api/v1/support-payments', { programId: districtProgram.id, kind: 'agreement', agreementId: (await createAgreementRow(ctx, tree.grassrootsB1)).id })
  expect(outside.statusCode).toBe(422)
  expect(outside.json().errors[0]).toMatchObject({ field: '/agreementId', code: 'not_in_program_scope' })
})

it('answers a missing programme or payment exactly like one out of scope, and every route asks for a token', async () => {
  const outsider = await loginAs(ctx, 'admin', tree.districtB)
  const payment = (await prepare('proposed')).payment!
  const strip = (response: LightMyRequestResponse) => ({ ...response.json(), requestId: undefined, instance: undefined })
  for (const [real, missing] of [
    [`/api/v1/support-programs/${program.id}`, `/api/v1/support-programs/${uuidv7()}`],
    [`/api/v1/support-programs/${program.id}/ledger`, `/api/v1/support-programs/${uuidv7()}/ledger`],
    [`/api/v1/support-payments/${payment.id}`, `/api/v1/support-payments/${uuidv7()}`],
  ] as const) {
    const outside = await outsider.get(real)
    const absent = await outsider.get(missing)
    expect(outside.statusCode).toBe(404)
    expect(strip(outside)).toEqual(strip(absent))
  }
  const anonymous = [
    ['GET', '/api/v1/support-programs'],
    ['POST', '/api/v1/support-programs'],
    ['GET', `/api/v1/support-programs/${program.id}`],
    ['PATCH', `/api/v1/support-programs/${program.id}`],
    ['GET', `/api/v1/support-programs/${program.id}/candidates`],
    ['GET', `/api/v1/support-programs/${program.id}/ledger`],
    ['GET', `/api/v1/support-programs/${program.id}/report`],
    ['GET', `/api/v1/support-programs/${program.id}/payments.xlsx`],
    ['GET', '/api/v1/support-payments'],
    ['POST', '/api/v1/support-payments'],
    ['POST', '/api/v1/support-payments/bulk'],
    ['GET', `/api/v1/support-payments/${payment.id}`],
    ['POST', `/api/v1/support-payments/${payment.id}/approve`],
    ['POST', `/api/v1/support-payments/${payment.id}/reject`],
    ['POST', `/api/v1/support-payments/${payment.id}/cancel`],
    ['POST', `/api/v1/support-payments/${payment.id}/disburse`],
  ] as const
  for (const [method, url] of anonymous) {
    const response = await ctx.app.inject({ method, url, payload: method === 'GET' ? undefined : {} })
    expect({ url, status: response.statusCode }).toEqual({ url, status: 401 })
  }
})
