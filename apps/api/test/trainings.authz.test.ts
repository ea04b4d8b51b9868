import type { PageOf, Role, TrainingClass, TrainingParticipant } from '@liendoan/contracts'
import type { LightMyRequestResponse } from 'fastify'
import { v7 as uuidv7 } from 'uuid'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Client, type CreatedUnion, type TestContext, createTestApp, loginAs } from './helpers/app.js'
import { type CreatedMember, createMember } from './helpers/members.js'
import { advance, classBody, classFootprint, createClass, enrol, markAttendance, recordScores, topicIds, createTrainingTree } from './helpers/trainings.js'

/**
 * Authorization matrix for classes, enrolment, attendance, results and certificates: each role,
 * signed in at the organiser itself (district A), its ancestor (the city), a unit below it (a
 * grassroots union of district A) and a sibling (district B). The organiser's subtree is the
 * class's scope: the ancestor sees it, the unit below and the sibling get 404 like a missing id;
 * in scope without the permission 403; a refused request changes nothing.
 */

type Relation = 'own' | 'ancestor' | 'descendant' | 'sibling'
type Need = 'read' | 'manage'
type Setup = 'planned' | 'open' | 'running' | 'completed'

const ROLES: Role[] = ['admin', 'federation_officer', 'union_officer', 'viewer']
const RELATIONS: Relation[] = ['own', 'ancestor', 'descendant', 'sibling']
const IN_SCOPE: ReadonlySet<Relation> = new Set(['own', 'ancestor'])
/** What each role may do with trainings (mirrors lib/actor.ts on purpose: the test must not read the table it checks). */
const MANAGES: Record<Role, boolean> = { admin: true, federation_officer: true, union_officer: true, viewer: false }

interface Prepared {
  training: TrainingClass
  member: CreatedMember
  participant: TrainingParticipant | undefined
  certificateId: string | undefined
}

interface RouteCase {
  name: string
  need: Need
  setup: Setup
  success: number
  /** Certificates are visible from the holder's side too (the unit below the organiser), which may read but not revoke. */
  holderSide?: 'read' | 'refused'
  send(c: Client, prepared: Prepared): Promise<LightMyRequestResponse>
}

const ROUTES: RouteCase[] = [
  { name: 'read a class', need: 'read', setup: 'planned', success: 200, send: (c, p) => c.get(`/api/v1/trainings/${p.training.id}`) },
  { name: 'list participants', need: 'read', setup: 'running', success: 200, send: (c, p) => c.get(`/api/v1/trainings/${p.training.id}/participants`) },
  { name: 'preview candidates', need: 'read', setup: 'open', success: 200, send: (c, p) => c.get(`/api/v1/trainings/${p.training.id}/candidates?position=chairperson`) },
  { name: 'list certificates', need: 'read', setup: 'completed', success: 200, send: (c, p) => c.get(`/api/v1/trainings/${p.training.id}/certificates`) },
  {
    name: 'edit a class',
    need: 'manage',
    setup: 'planned',
    success: 200,
    send: (c, p) => c.patch(`/api/v1/trainings/${p.training.id}`, { capacity: 30 }, { 'if-match': `"${p.training.version}"` }),
  },
  { name: 'open a class', need: 'manage', setup: 'planned', success: 200, send: (c, p) => c.post(`/api/v1/trainings/${p.training.id}/status`, { status: 'open' }) },
  { name: 'enrol a member', need: 'manage', setup: 'open', success: 201, send: (c, p) => c.post(`/api/v1/trainings/${p.training.id}/participants`, { memberId: p.member.id }) },
  {
    name: 'bulk-enrol members',
    need: 'manage',
    setup: 'open',
    success: 200,
    send: (c, p) => c.post(`/api/v1/trainings/${p.training.id}/participants/bulk`, { memberIds: [p.member.id] }),
  },
  {
    name: 'withdraw a participant',
    need: 'manage',
    setup: 'running',
    success: 200,
    send: (c, p) => c.post(`/api/v1/trainings/${p.training.id}/participants/${p.participant!.id}/withdrawal`),
  },
  {
    name: 'mark attendance',
    need: 'manage',
    setup: 'running',
    success: 200,
    send: (c, p) =>
      c.request({
        method: 'PUT',
        url: `/api/v1/trainings/${p.training.id}/sessions/${p.training.sessions[0]!.id}/attendance`,
        payload: { entries: [{ participantId: p.participant!.id, present: true }] },
      }),
  },
  {
    name: 'record results',
    need: 'manage',
    setup: 'running',
    success: 200,
    send: (c, p) =>
      c.request({ method: 'PUT', url: `/api/v1/trainings/${p.training.id}/results`, payload: { entries: [{ participantId: p.participant!.id, score: 77 }] } }),
  },
  { name: 'complete a class', need: 'manage', setup: 'running', success: 200, send: (c, p) => c.post(`/api/v1/trainings/${p.training.id}/status`, { status: 'completed' }) },
  { name: 'read a certificate', need: 'read', setup: 'completed', success: 200, holderSide: 'read', send: (c, p) => c.get(`/api/v1/certificates/${p.certificateId!}`) },
  { name: 'print a certificate', need: 'read', setup: 'completed', success: 200, holderSide: 'read', send: (c, p) => c.get(`/api/v1/certificates/${p.certificateId!}/pdf`) },
  {
    name: 'revoke a certificate',
    need: 'manage',
    setup: 'completed',
    success: 200,
    holderSide: 'refused',
    send: (c, p) => c.post(`/api/v1/certificates/${p.certificateId!}/revocation`, { reason: 'Nhập sai điểm' }),
  },
]

function expected(role: Role, relation: Relation, route: { need: Need; success: number; holderSide?: 'read' | 'refused' }): number {
  if (relation === 'descendant' && route.holderSide) return route.holderSide === 'read' ? route.success : 403
  if (!IN_SCOPE.has(relation)) return 404
  return route.need === 'read' || MANAGES[role] ? route.success : 403
}

let ctx: TestContext
let topic: string

beforeAll(async () => {
  ctx = await createTestApp()
  topic = (await topicIds(ctx)).labour_code_2019!
})
afterAll(async () => {
  await ctx.close()
})

describe.each(ROLES)('%s', (role) => {
  let tree: Awaited<ReturnType<typeof createTrainingTree>>
  let manager: Client
  let actors: Record<Relation, Client>

  beforeAll(async () => {
    tree = await createTrainingTree(ctx)
    manager = await loginAs(ctx, 'admin', tree.root)
    const at: Record<Relation, CreatedUnion> = { own: tree.districtA, ancestor: tree.root, descendant: tree.grassrootsA1, sibling: tree.districtB }
    actors = {
      own: await loginAs(ctx, role, at.own),
      ancestor: await loginAs(ctx, role, at.ancestor),
      descendant: await loginAs(ctx, role, at.descendant),
      sibling: await loginAs(ctx, role, at.sibling),
    }
  })

  /** A class of district A in the state the route needs, with one member ready (enrolled from `open` on, certified when completed). */
  async function prepare(setup: Setup): Promise<Prepared> {
    const member = await createMember(ctx, tree.grassrootsA1)
    const training = await createClass(manager, tree.districtA, topic)
    if (setup === 'planned') return { training, member, participant: undefined, certificateId: undefined }
    await advance(manager, training.id, 'open')
    if (setup === 'open') return { training, member, participant: undefined, certificateId: undefined }
    const participant = await enrol(manager, training.id, member.id)
    const running = await advance2(training.id)
    if (setup === 'running') return { training: running, member, participant, certificateId: undefined }
    for (const session of training.sessions) await markAttendance(manager, training.id, session.id, [{ participantId: participant.id, present: true }])
    await recordScores(manager, training.id, [{ participantId: participant.id, score: 90 }])
    const completed = await manager.post(`/api/v1/trainings/${training.id}/status`, { status: 'completed' })
    const certificates = await manager.get(`/api/v1/trainings/${training.id}/certificates`)
    const certificateId = certificates.json<{ items: { id: string }[] }>().items[0]?.id
    return { training: completed.json<TrainingClass>(), member, participant, certificateId }
  }

  async function advance2(classId: string): Promise<TrainingClass> {
    const response = await manager.post(`/api/v1/trainings/${classId}/status`, { status: 'running' })
    return response.json<TrainingClass>()
  }

  it.each(ROUTES.map((route) => [route.name, route] as const))('%s', async (_name, route) => {
    for (const relation of RELATIONS) {
      const prepared = await prepare(route.setup)
      const before = await classFootprint(ctx, prepared.training.id)
      const response = await route.send(actors[relation], prepared)
      const status = expected(role, relation, route)
      expect({ relation, status: response.statusCode, body: status === response.statusCode ? '' : response.body }).toEqual({ relation, status, body: '' })
      if (status >= 400) {
        expect(response.json().code).toBe(status === 404 ? 'not_found' : 'forbidden')
        expect(await classFootprint(ctx, prepared.training.id)).toEqual(before)
      }
    }
  })

  it('create a class organised by district A', async () => {
    for (const relation of RELATIONS) {
      const response = await actors[relation].post('/api/v1/trainings', classBody(tree.districtA, topic))
      const status = expected(role, relation, { need: 'manage', success: 201 })
      expect({ relation, status: response.statusCode }).toEqual({ relation, status })
    }
  })

  it('lists show a class only inside the scope', async () => {
    const { training } = await prepare('planned')
    for (const relation of RELATIONS) {
      const list = await actors[relation].get('/api/v1/trainings?limit=500')
      expect(list.statusCode).toBe(200)
      const ids = list.json<PageOf<TrainingClass>>().items.map((item) => item.id)
      expect({ relation, visible: ids.includes(training.id) }).toEqual({ relation, visible: IN_SCOPE.has(relation) })
    }
  })

  it("a member's training history follows the member's scope (their own union sees it)", async () => {
    const { member } = await prepare('running')
    for (const relation of RELATIONS) {
      const response = await actors[relation].get(`/api/v1/members/${member.id}/trainings`)
      // The member belongs to grassroots union A1: district A, the city and A1 itself see them.
      const status = relation === 'sibling' ? 404 : 200
      expect({ relation, status: response.statusCode }).toEqual({ relation, status })
      if (status === 200) expect(response.json<{ items: unknown[] }>().items).toHaveLength(1)
    }
  })
})

it('answers a missing class exactly like one out of scope', async () => {
  const tree = await createTrainingTree(ctx)
  const manager = await loginAs(ctx, 'admin', tree.root)
  const training = await createClass(manager, tree.districtB, topic)
  const officer = await loginAs(ctx, 'admin', tree.districtA)
  const strip = (response: LightMyRequestResponse) => ({ ...response.json(), requestId: undefined, instance: undefined })
  for (const suffix of ['', '/participants', '/certificates']) {
    const missing = await officer.get(`/api/v1/trainings/${uuidv7()}${suffix}`)
    const outside = await officer.get(`/api/v1/trainings/${training.id}${suffix}`)
    expect(missing.statusCode).toBe(404)
    expect(strip(outside)).toEqual(strip(missing))
  }
  expect((await ctx.app.inject({ method: 'GET', url: `/api/v1/trainings/${training.id}` })).statusCode).toBe(401)
})
