import type { OfficerPosition, OfficerTerm, PageOf, Problem, Role } from '@liendoan/contracts'
import { type SQL, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { todayInVietnam } from '../src/lib/dates.js'
import { endTermsOfMember } from '../src/modules/officers/officers.service.js'
import { type Client, type CreatedUnion, type TestContext, createTestApp, queryRows, createTree, createUnion, loginAs, subtreeSnapshot } from './helpers/app.js'
import { type CreatedMember, createMember } from './helpers/members.js'

/** Union officers: positions as data, terms, one chairperson at a time, officer lists across a subtree. */

let ctx: TestContext
let positions: Record<string, OfficerPosition>

beforeAll(async () => {
  ctx = await createTestApp()
  const tree = await createTree(ctx)
  const reader = await loginAs(ctx, 'viewer', tree.root)
  const response = await reader.get('/api/v1/officer-positions')
  positions = Object.fromEntries(response.json<{ items: OfficerPosition[] }>().items.map((position) => [position.code, position]))
})
afterAll(async () => {
  await ctx.close()
})

const rows = <T>(query: SQL) => queryRows<T>(ctx, query)

type Tree = Awaited<ReturnType<typeof createTree>>

const positionId = (code: string) => {
  const position = positions[code]
  if (!position) throw new Error(`no position ${code}`)
  return position.id
}

function appointBody(member: { id: string }, code: string, overrides: Record<string, unknown> = {}) {
  return { memberId: member.id, positionId: positionId(code), startedOn: '2023-05-10', termLabel: '2023–2028', employment: 'part_time', ...overrides }
}

async function appoint(c: Client, union: { id: string }, member: { id: string }, code: string, overrides: Record<string, unknown> = {}): Promise<OfficerTerm> {
  const response = await c.post(`/api/v1/unions/${union.id}/officers`, appointBody(member, code, overrides))
  if (response.statusCode !== 201) throw new Error(`appointment failed: ${response.statusCode} ${response.body}`)
  return response.json<OfficerTerm>()
}

async function readTerm(c: Client, id: string): Promise<{ term: OfficerTerm; etag: string }> {
  const response = await c.get(`/api/v1/officers/${id}`)
  expect(response.statusCode).toBe(200)
  return { term: response.json<OfficerTerm>(), etag: String(response.headers.etag) }
}

/** Terms, member events and audit events of one union, to prove a refused request changed nothing. */
async function unionOfficerState(union: { id: string }) {
  const [state] = await rows<Record<string, unknown>>(sql`
    SELECT
      (SELECT coalesce(json_agg(t ORDER BY t.id), '[]'::json)
         FROM (SELECT id, member_id, position_id, ended_on, end_reason, term_label, employment, version FROM officer_terms WHERE union_id = ${union.id}) t) AS terms,
      (SELECT count(*)::int FROM member_events WHERE union_id = ${union.id}) AS events,
      (SELECT count(*)::int FROM audit_events WHERE union_id = ${union.id}) AS audits
  `)
  return state
}

describe('positions', () => {
  it('are data, in rank order, the chairperson held by one person at a time', async () => {
    const tree = await createTree(ctx)
    const response = await (await loginAs(ctx, 'viewer', tree.grassrootsA1)).get('/api/v1/officer-positions')
    expect(response.statusCode).toBe(200)
    const items = response.json<{ items: OfficerPosition[] }>().items
    expect(items.map((item) => item.code)).toEqual([
      'chairperson',
      'vice_chair',
      'executive_member',
      'standing_member',
      'inspection_chair',
      'inspection_member',
      'department_head',
      'women_group_leader',
      'group_leader',
    ])
    expect(items[0]).toMatchObject({ name: 'Chủ tịch', nameEn: 'Chairperson', singleHolder: true })
    expect(items.filter((item) => item.singleHolder).map((item) => item.code)).toEqual(['chairperson', 'inspection_chair'])
    expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/officer-positions' })).statusCode).toBe(401)
  })
})

/* ---------- authorization matrix ---------- */

type Relation = 'own' | 'ancestor' | 'sibling' | 'root'
const ROLES: Role[] = ['admin', 'federation_officer', 'union_officer', 'viewer']
const RELATIONS: Relation[] = ['own', 'ancestor', 'sibling', 'root']
const inScope = (relation: Relation) => relation !== 'sibling'

describe.each(ROLES)('%s acting on the officers of grassroots union A1', (role) => {
  let tree: Tree
  let manager: Client
  let actors: Record<Relation, Client>

  beforeAll(async () => {
    tree = await createTree(ctx)
    manager = await loginAs(ctx, 'union_officer', tree.grassrootsA1)
    const at: Record<Relation, CreatedUnion> = { own: tree.grassrootsA1, ancestor: tree.districtA, sibling: tree.districtB, root: tree.root }
    actors = {
      own: await loginAs(ctx, role, at.own),
      ancestor: await loginAs(ctx, role, at.ancestor),
      sibling: await loginAs(ctx, role, at.sibling),
      root: await loginAs(ctx, role, at.root),
    }
  })

  const writeStatus = (relation: Relation, success: number) => (!inScope(relation) ? 404 : role === 'viewer' ? 403 : success)

  it.each(RELATIONS)('at %s: appoint', async (relation) => {
    const member = await createMember(ctx, tree.grassrootsA1)
    const before = await unionOfficerState(tree.grassrootsA1)
    const treeBefore = await subtreeSnapshot(ctx, tree.root)
    const response = await actors[relation].post(`/api/v1/unions/${tree.grassrootsA1.id}/officers`, appointBody(member, 'executive_member'))
    const status = writeStatus(relation, 201)
    expect(response.statusCode).toBe(status)
    if (status === 201) {
      expect(response.headers.etag).toBe('"1"')
      expect(response.headers.location).toBe(`/api/v1/officers/${response.json<OfficerTerm>().id}`)
    } else {
      expect(response.json<Problem>().code).toBe(status === 404 ? 'not_found' : 'forbidden')
      expect(await unionOfficerState(tree.grassrootsA1)).toEqual(before)
      expect(await subtreeSnapshot(ctx, tree.root)).toEqual(treeBefore)
    }
  })

  it.each(RELATIONS)('at %s: update', async (relation) => {
    const term = await appoint(manager, tree.grassrootsA1, await createMember(ctx, tree.grassrootsA1), 'vice_chair')
    const before = await unionOfficerState(tree.grassrootsA1)
    const response = await actors[relation].patch(`/api/v1/officers/${term.id}`, { endedOn: '2025-01-31', endReason: 'Nghỉ hưu' }, { 'if-match': '"1"' })
    const status = writeStatus(relation, 200)
    expect(response.statusCode).toBe(status)
    if (status === 200) expect(response.json<OfficerTerm>()).toMatchObject({ endedOn: '2025-01-31', current: false, version: 2 })
    else expect(await unionOfficerState(tree.grassrootsA1)).toEqual(before)
  })

  it.each(RELATIONS)('at %s: read a union’s officers and one term', async (relation) => {
    const term = await appoint(manager, tree.grassrootsA1, await createMember(ctx, tree.grassrootsA1), 'department_head')
    const expected = inScope(relation) ? 200 : 404
    const list = await actors[relation].get(`/api/v1/unions/${tree.grassrootsA1.id}/officers`)
    expect(list.statusCode).toBe(expected)
    if (expected === 200) expect(list.json<PageOf<OfficerTerm>>().items.map((item) => item.id)).toContain(term.id)
    const one = await actors[relation].get(`/api/v1/officers/${term.id}`)
    expect(one.statusCode).toBe(expected)
    if (expected === 200) expect(one.headers.etag).toBe(`"${term.version}"`)
  })

  it.each(RELATIONS)('at %s: officers across the scope never show one outside it', async (relation) => {
    const term = await appoint(manager, tree.grassrootsA1, await createMember(ctx, tree.grassrootsA1), 'group_leader')
    for (const under of ['', `&under=${tree.districtA.id}`, `&under=${tree.root.id}`]) {
      const response = await actors[relation].get(`/api/v1/officers?limit=500${under}`)
      expect(response.statusCode).toBe(200)
      const ids = response.json<PageOf<OfficerTerm>>().items.map((item) => item.id)
      expect(ids.includes(term.id)).toBe(inScope(relation))
    }
  })
})

/* ---------- appointments ---------- */

describe('appointing', () => {
  let tree: Tree
  let officer: Client

  beforeAll(async () => {
    tree = await createTree(ctx)
    officer = await loginAs(ctx, 'union_officer', tree.grassrootsA1)
  })

  it('records the term, the member timeline and the audit, with nothing personal', async () => {
    const member = await createMember(ctx, tree.grassrootsA1, { fullName: 'Phạm Thị Chủ Tịch' })
    const response = await officer.post(`/api/v1/unions/${tree.grassrootsA1.id}/officers`, appointBody(member, 'chairperson', { termLabel: '2023-2028', employment: 'full_time' }))
    expect(response.statusCode).toBe(201)
    const term = response.json<OfficerTerm>()
    expect(term).toMatchObject({
      union: { id: tree.grassrootsA1.id, code: tree.grassrootsA1.code, name: tree.grassrootsA1.name },
      memberId: member.id,
      memberName: 'Phạm Thị Chủ Tịch',
      position: { id: positionId('chairperson'), code: 'chairperson', name: 'Chủ tịch' },
      startedOn: '2023-05-10',
      endedOn: null,
      // The federation writes terms with an en dash.
      termLabel: '2023–2028',
      employment: 'full_time',
      endReason: null,
      current: true,
      version: 1,
    })
    expect(response.body).not.toContain(member.citizenId)
    const [row] = await rows<{ single_holder: boolean }>(sql`SELECT single_holder FROM officer_terms WHERE id = ${term.id}`)
    expect(row?.single_holder).toBe(true)
    const events = await rows<{ kind: string; union_id: string; details: Record<string, unknown> }>(
      sql`SELECT kind, union_id, details FROM member_events WHERE member_id = ${member.id}`,
    )
    expect(events).toEqual([
      {
        kind: 'position_started',
        union_id: tree.grassrootsA1.id,
        details: expect.objectContaining({ position: { code: 'chairperson', name: 'Chủ tịch' }, union: { id: tree.grassrootsA1.id, name: tree.grassrootsA1.name } }),
      },
    ])
    const audits = await rows<{ action: string; after: unknown }>(sql`SELECT action, after FROM audit_events WHERE entity_id = ${term.id}`)
    expect(audits.map((audit) => audit.action)).toEqual(['officer.appoint'])
    expect(JSON.stringify(audits)).not.toContain(member.citizenId)
    expect(JSON.stringify(audits)).not.toContain(String(member.phone))
  })

  it('keeps one chairperson at a time, and the same member once in a position', async () => {
    const union = await createUnion(ctx, { parent: tree.districtA })
    const manager = await loginAs(ctx, 'federation_officer', tree.districtA)
    const first = await createMember(ctx, union)
    const second = await createMember(ctx, union)
    const chair = await appoint(manager, union, first, 'chairperson')
    const before = await unionOfficerState(union)

    const rival = await manager.post(`/api/v1/unions/${union.id}/officers`, appointBody(second, 'chairperson'))
    expect(rival.statusCode).toBe(409)
    expect(rival.json<Problem>()).toMatchObject({ code: 'conflict', detail: expect.stringContaining('one holder at a time') })
    const twice = await manager.post(`/api/v1/unions/${union.id}/officers`, appointBody(first, 'chairperson'))
    expect(twice.statusCode).toBe(409)
    expect(twice.json<Problem>().detail).toContain('already holds')
    expect(await unionOfficerState(union)).toEqual(before)

    // Vice-chairs are many; the same member twice is still refused.
    await appoint(manager, union, second, 'vice_chair')
    await appoint(manager, union, await createMember(ctx, union), 'vice_chair')
    expect((await manager.post(`/api/v1/unions/${union.id}/officers`, appointBody(second, 'vice_chair'))).statusCode).toBe(409)

    // Once the chair's term ends, a successor can start the day it ends; not before.
    const ended = await manager.patch(`/api/v1/officers/${chair.id}`, { endedOn: '2025-09-30', endReason: 'Chuyển công tác' }, { 'if-match': '"1"' })
    expect(ended.statusCode).toBe(200)
    expect((await manager.post(`/api/v1/unions/${union.id}/officers`, appointBody(second, 'chairperson', { startedOn: '2025-09-01' }))).statusCode).toBe(409)
    const successor = await manager.post(`/api/v1/unions/${union.id}/officers`, appointBody(second, 'chairperson', { startedOn: '2025-09-30' }))
    expect(successor.statusCode).toBe(201)
    // Another union has its own chairperson.
    await appoint(manager, tree.grassrootsA2, await createMember(ctx, tree.grassrootsA2), 'chairperson')
  })

  it('of two chairpersons appointed at the same moment, exactly one is', async () => {
    const union = await createUnion(ctx, { parent: tree.districtA })
    const managers = [await loginAs(ctx, 'union_officer', union), await loginAs(ctx, 'federation_officer', tree.districtA)] as const
    const members = [await createMember(ctx, union), await createMember(ctx, union)] as const
    const responses = await Promise.all([
      managers[0].post(`/api/v1/unions/${union.id}/officers`, appointBody(members[0], 'chairperson')),
      managers[1].post(`/api/v1/unions/${union.id}/officers`, appointBody(members[1], 'chairperson')),
    ])
    expect(responses.map((response) => response.statusCode).sort()).toEqual([201, 409])
    const refused = responses.find((response) => response.statusCode === 409)
    expect(refused?.json<Problem>()).toMatchObject({ code: 'conflict', detail: expect.stringContaining('one holder at a time') })
    const [count] = await rows<{ open: number }>(sql`SELECT count(*)::int AS open FROM officer_terms WHERE union_id = ${union.id} AND ended_on IS NULL`)
    expect(count?.open).toBe(1)
  })

  it('takes only current members of the union (of its subtree for a federation)', async () => {
    const manager = await loginAs(ctx, 'federation_officer', tree.root)
    const elsewhere = await createMember(ctx, tree.grassrootsA2)
    const left = await createMember(ctx, tree.grassrootsA1)
    await ctx.db.execute(sql`UPDATE members SET status = 'left', status_date = '2024-01-01' WHERE id = ${left.id}`)
    const before = await unionOfficerState(tree.grassrootsA1)
    for (const member of [elsewhere, left, { id: '01900000-0000-7000-8000-000000000000' }]) {
      const response = await manager.post(`/api/v1/unions/${tree.grassrootsA1.id}/officers`, appointBody(member, 'executive_member'))
      expect(response.statusCode).toBe(422)
      expect(response.json<Problem>().errors).toEqual([expect.objectContaining({ field: '/memberId', code: 'not_member_of_union' })])
    }
    expect(await unionOfficerState(tree.grassrootsA1)).toEqual(before)

    // A district federation's bodies are drawn from the members of its grassroots unions.
    const fromA2 = await manager.post(`/api/v1/unions/${tree.districtA.id}/officers`, appointBody(elsewhere, 'standing_member'))
    expect(fromA2.statusCode).toBe(201)
    const fromB1 = await manager.post(`/api/v1/unions/${tree.districtA.id}/officers`, appointBody(await createMember(ctx, tree.grassrootsB1), 'standing_member'))
    expect(fromB1.statusCode).toBe(422)

    // A union group's leader is a member of the grassroots union the group belongs to.
    const group = await createUnion(ctx, { parent: tree.grassrootsA1, type: 'branch', name: 'Tổ công đoàn Phân xưởng 1' })
    const leader = await manager.post(`/api/v1/unions/${group.id}/officers`, appointBody(await createMember(ctx, tree.grassrootsA1), 'group_leader'))
    expect(leader.statusCode).toBe(201)
    expect((await manager.post(`/api/v1/unions/${group.id}/officers`, appointBody(elsewhere, 'group_leader'))).statusCode).toBe(422)
  })

  it('checks the dates, the term label, the position and the union', async () => {
    const member = await createMember(ctx, tree.grassrootsA1, { admittedOn: '2022-01-15' })
    const before = await unionOfficerState(tree.grassrootsA1)
    const cases: [Record<string, unknown>, { field: string; code: string }][] = [
      [{ termLabel: '2028–2023' }, { field: '/termLabel', code: 'term_years_order' }],
      [{ termLabel: '2023-2023' }, { field: '/termLabel', code: 'term_years_order' }],
      [{ startedOn: '2999-01-01' }, { field: '/startedOn', code: 'future_date' }],
      [{ startedOn: '2022-01-14' }, { field: '/startedOn', code: 'date_order' }],
      [{ positionId: '01900000-0000-7000-8000-000000000000' }, { field: '/positionId', code: 'not_found' }],
    ]
    for (const [overrides, error] of cases) {
      const response = await officer.post(`/api/v1/unions/${tree.grassrootsA1.id}/officers`, appointBody(member, 'vice_chair', overrides))
      expect(response.statusCode, JSON.stringify(overrides)).toBe(422)
      expect(response.json<Problem>().errors?.map((item) => ({ field: item.field, code: item.code }))).toEqual([error])
      expect(response.json<Problem>().errors?.[0]?.message).toBeTruthy()
    }
    for (const overrides of [{ termLabel: '23–28' }, { employment: 'volunteer' }, { startedOn: '2023-02-30' }, { extra: true }]) {
      const response = await officer.post(`/api/v1/unions/${tree.grassrootsA1.id}/officers`, appointBody(member, 'vice_chair', overrides))
      expect(response.statusCode, JSON.stringify(overrides)).toBe(400)
    }
    expect((await officer.post('/api/v1/unions/01900000-0000-7000-8000-000000000000/officers', appointBody(member, 'vice_chair'))).statusCode).toBe(404)
    expect(await unionOfficerState(tree.grassrootsA1)).toEqual(before)
    // The day of admission and today are fine; no term label is fine.
    await appoint(officer, tree.grassrootsA1, member, 'vice_chair', { startedOn: '2022-01-15', termLabel: undefined })
    await appoint(officer, tree.grassrootsA1, member, 'inspection_member', { startedOn: todayInVietnam() })
  })
})

/* ---------- updating a term ---------- */

describe('updating a term', () => {
  it('needs the current ETag, ends a term once, and never reopens it', async () => {
    const tree = await createTree(ctx)
    const officer = await loginAs(ctx, 'union_officer', tree.grassrootsA1)
    const member = await createMember(ctx, tree.grassrootsA1)
    const term = await appoint(officer, tree.grassrootsA1, member, 'women_group_leader', { startedOn: '2024-03-08' })
    const url = `/api/v1/officers/${term.id}`

    const missing = await officer.patch(url, { employment: 'full_time' })
    expect(missing.statusCode).toBe(428)
    expect(missing.json<Problem>().code).toBe('precondition_required')
    const stale = await officer.patch(url, { employment: 'full_time' }, { 'if-match': '"7"' })
    expect(stale.statusCode).toBe(412)

    const corrected = await officer.patch(url, { employment: 'full_time', termLabel: '2023-2028' }, { 'if-match': '"1"' })
    expect(corrected.statusCode).toBe(200)
    expect(corrected.headers.etag).toBe('"2"')
    expect(corrected.json<OfficerTerm>()).toMatchObject({ employment: 'full_time', termLabel: '2023–2028', endedOn: null, current: true })
    // The old ETag is stale now.
    expect((await officer.patch(url, { employment: 'part_time' }, { 'if-match': '"1"' })).statusCode).toBe(412)

    const { etag } = await readTerm(officer, term.id)
    const badEnd = await officer.patch(url, { endedOn: '2024-03-07' }, { 'if-match': etag })
    expect(badEnd.statusCode).toBe(422)
    expect(badEnd.json<Problem>().errors).toEqual([expect.objectContaining({ field: '/endedOn', code: 'date_order' })])
    const reasonAlone = await officer.patch(url, { endReason: 'Thôi việc' }, { 'if-match': etag })
    expect(reasonAlone.statusCode).toBe(422)
    expect(reasonAlone.json<Problem>().errors).toEqual([expect.objectContaining({ field: '/endReason', code: 'end_date_required' })])
    expect((await officer.patch(url, {}, { 'if-match': etag })).statusCode).toBe(400)

    const ended = await officer.patch(url, { endedOn: '2025-08-31', endReason: 'Hết nhiệm kỳ' }, { 'if-match': etag })
    expect(ended.statusCode).toBe(200)
    expect(ended.json<OfficerTerm>()).toMatchObject({ endedOn: '2025-08-31', endReason: 'Hết nhiệm kỳ', current: false, version: 3 })
    const kinds = (await rows<{ kind: string }>(sql`SELECT kind FROM member_events WHERE member_id = ${member.id} ORDER BY recorded_at, id`)).map((row) => row.kind)
    expect(kinds).toEqual(['position_started', 'position_ended'])

    const before = await unionOfficerState(tree.grassrootsA1)
    const moved = await officer.patch(url, { endedOn: '2025-12-31' }, { 'if-match': '"3"' })
    expect(moved.statusCode).toBe(409)
    expect(moved.json<Problem>().code).toBe('invalid_state')
    expect((await officer.patch(url, { endedOn: null }, { 'if-match': '"3"' })).statusCode).toBe(400)
    expect(await unionOfficerState(tree.grassrootsA1)).toEqual(before)
    // The reason of an ended term can still be corrected.
    const reason = await officer.patch(url, { endReason: 'Hết nhiệm kỳ 2023–2028' }, { 'if-match': '"3"' })
    expect(reason.statusCode).toBe(200)
    expect(reason.json<OfficerTerm>().endedOn).toBe('2025-08-31')
  })

  it('ended in the future is still current until that day', async () => {
    const tree = await createTree(ctx)
    const officer = await loginAs(ctx, 'union_officer', tree.grassrootsA1)
    const term = await appoint(officer, tree.grassrootsA1, await createMember(ctx, tree.grassrootsA1), 'executive_member')
    const response = await officer.patch(`/api/v1/officers/${term.id}`, { endedOn: '2999-12-31' }, { 'if-match': '"1"' })
    expect(response.json<OfficerTerm>()).toMatchObject({ endedOn: '2999-12-31', current: true })
    const current = (await officer.get(`/api/v1/unions/${tree.grassrootsA1.id}/officers?current=true`)).json<PageOf<OfficerTerm>>()
    expect(current.items.map((item) => item.id)).toEqual([term.id])
  })
})

/* ---------- lists ---------- */

describe("a union's officers", () => {
  it('lists current and past terms by rank, then name, a page at a time', async () => {
    const tree = await createTree(ctx)
    const officer = await loginAs(ctx, 'union_officer', tree.grassrootsA1)
    const member = (name: string) => createMember(ctx, tree.grassrootsA1, { fullName: name })
    const vice1 = await appoint(officer, tree.grassrootsA1, await member('Vũ Thị Bình'), 'vice_chair')
    const chair = await appoint(officer, tree.grassrootsA1, await member('Đỗ Văn An'), 'chairperson')
    const vice2 = await appoint(officer, tree.grassrootsA1, await member('Bùi Văn Cường'), 'vice_chair')
    const executive = await appoint(officer, tree.grassrootsA1, await member('Âu Thị Dung'), 'executive_member')
    const past = await appoint(officer, tree.grassrootsA1, await member('Hoàng Văn Em'), 'inspection_chair', { startedOn: '2020-06-01', termLabel: '2018–2023' })
    expect((await officer.patch(`/api/v1/officers/${past.id}`, { endedOn: '2023-06-01' }, { 'if-match': '"1"' })).statusCode).toBe(200)

    const ids = async (query: string) => {
      const seen: string[] = []
      let cursor: string | null = null
      do {
        const response = await officer.get(`/api/v1/unions/${tree.grassrootsA1.id}/officers?limit=2${query}${cursor ? `&cursor=${cursor}` : ''}`)
        expect(response.statusCode).toBe(200)
        const page = response.json<PageOf<OfficerTerm>>()
        seen.push(...page.items.map((item) => item.id))
        cursor = page.nextCursor
      } while (cursor)
      return seen
    }
    // "Bùi" sorts before "Vũ" whatever the accents.
    expect(await ids('&current=true')).toEqual([chair.id, vice2.id, vice1.id, executive.id])
    expect(await ids('&current=false')).toEqual([past.id])
    expect(await ids('')).toEqual([chair.id, vice2.id, vice1.id, executive.id, past.id])
    expect((await officer.get(`/api/v1/unions/${tree.grassrootsA1.id}/officers?cursor=bad`)).statusCode).toBe(400)
    expect((await officer.get(`/api/v1/unions/${tree.grassrootsA1.id}/officers?current=maybe`)).statusCode).toBe(400)
  })
})

describe('officers across a subtree', () => {
  it('answers "current chairpersons of non-state grassroots unions under X"', async () => {
    const tree = await createTree(ctx)
    const city = await loginAs(ctx, 'federation_officer', tree.root)
    const x = tree.districtA
    const chairOf = async (union: { id: string }, name: string, options: { endedOn?: string; code?: string; memberOf?: { id: string } } = {}) => {
      const member = await createMember(ctx, options.memberOf ?? union, { fullName: name })
      const term = await appoint(city, union, member, options.code ?? 'chairperson')
      if (options.endedOn) expect((await city.patch(`/api/v1/officers/${term.id}`, { endedOn: options.endedOn }, { 'if-match': '"1"' })).statusCode).toBe(200)
      return term
    }
    // Under X: A1 is non-state, A2 state-sector; X3 non-state with a past chair; X4 non-state with only a vice-chair.
    const x3 = await createUnion(ctx, { parent: x, name: 'Công ty TNHH Nhựa Phúc Thọ' })
    const x4 = await createUnion(ctx, { parent: x, name: 'Hợp tác xã Nông nghiệp Phúc Thọ' })
    const wanted = await chairOf(tree.grassrootsA1, 'Nguyễn Văn Đúng')
    await chairOf(tree.grassrootsA2, 'Trần Thị Nhà Nước')
    await chairOf(x3, 'Lê Văn Đã Nghỉ', { endedOn: '2025-01-01' })
    await chairOf(x4, 'Phạm Văn Phó', { code: 'vice_chair' })
    // X's own chair: not a grassroots union. B1: non-state but outside X.
    await chairOf(x, 'Đinh Văn Huyện', { memberOf: tree.grassrootsA1 })
    await chairOf(tree.grassrootsB1, 'Ngô Thị Ngoài')

    const query = `under=${x.id}&position=chairperson&sector=non_state&grassroots=true&current=true`
    const response = await city.get(`/api/v1/officers?${query}`)
    expect(response.statusCode).toBe(200)
    const items = response.json<PageOf<OfficerTerm>>().items
    expect(items.map((item) => item.id)).toEqual([wanted.id])
    expect(items[0]).toMatchObject({ memberName: 'Nguyễn Văn Đúng', union: { id: tree.grassrootsA1.id }, current: true })
    expect(JSON.stringify(items)).not.toMatch(/citizenId|phone|dateOfBirth/)

    // The same question from district B sees nothing under X; from X's own federation, the same answer.
    expect((await (await loginAs(ctx, 'viewer', tree.districtB)).get(`/api/v1/officers?${query}`)).json<PageOf<OfficerTerm>>().items).toEqual([])
    const district = await loginAs(ctx, 'viewer', x)
    expect((await district.get(`/api/v1/officers?${query}`)).json<PageOf<OfficerTerm>>().items.map((item) => item.id)).toEqual([wanted.id])
    // Past chairs, state-sector chairs and a name search without diacritics.
    const pastChairs = (await city.get(`/api/v1/officers?under=${x.id}&position=chairperson&current=false`)).json<PageOf<OfficerTerm>>()
    expect(pastChairs.items.map((item) => item.memberName)).toEqual(['Lê Văn Đã Nghỉ'])
    const stateChairs = (await city.get(`/api/v1/officers?under=${x.id}&position=chairperson&sector=state`)).json<PageOf<OfficerTerm>>()
    expect(stateChairs.items.map((item) => item.memberName)).toEqual(['Trần Thị Nhà Nước'])
    const federationChairs = (await city.get(`/api/v1/officers?under=${tree.root.id}&position=chairperson&grassroots=false`)).json<PageOf<OfficerTerm>>()
    expect(federationChairs.items.map((item) => item.memberName)).toEqual(['Đinh Văn Huyện'])
    const byName = (await city.get(`/api/v1/officers?under=${tree.root.id}&q=${encodeURIComponent('ngo thi ngoai')}`)).json<PageOf<OfficerTerm>>()
    expect(byName.items.map((item) => item.memberName)).toEqual(['Ngô Thị Ngoài'])
  })
})

/* ---------- the member's side ---------- */

describe('ending the terms of a member', () => {
  it('ends every open term of a member who leaves, on the day they leave', async () => {
    const tree = await createTree(ctx)
    const officer = await loginAs(ctx, 'federation_officer', tree.districtA)
    const member: CreatedMember = await createMember(ctx, tree.grassrootsA1)
    const chair = await appoint(officer, tree.grassrootsA1, member, 'chairperson', { startedOn: '2024-01-01' })
    const seat = await appoint(officer, tree.districtA, member, 'executive_member', { startedOn: '2024-02-01' })
    const context = { actor: { userId: officer.user.id, role: 'federation_officer' as const, unionId: tree.districtA.id }, requestId: 'test-end-terms' }
    const ended = await ctx.db.transaction((tx) => endTermsOfMember(tx, context, member.id, '2025-10-01', 'left'))
    expect(ended.sort()).toEqual([chair.id, seat.id].sort())
    for (const id of [chair.id, seat.id]) {
      expect((await readTerm(officer, id)).term).toMatchObject({ endedOn: '2025-10-01', endReason: 'left', current: false, version: 2 })
    }
    const kinds = (await rows<{ kind: string }>(sql`SELECT kind FROM member_events WHERE member_id = ${member.id} ORDER BY recorded_at, id`)).map((row) => row.kind)
    expect(kinds).toEqual(['position_started', 'position_started', 'position_ended', 'position_ended'])
    // Nothing left to end.
    expect(await ctx.db.transaction((tx) => endTermsOfMember(tx, context, member.id, '2025-10-02', 'left'))).toEqual([])
  })
})
