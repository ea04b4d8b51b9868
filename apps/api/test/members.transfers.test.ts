import type { Member, OfficerPosition, OfficerTerm, PageOf, Problem, Role, Transfer, TransferDestination } from '@liendoan/contracts'
import { type SQL, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { todayInVietnam } from '../src/lib/dates.js'
import { findMemberInScope } from '../src/modules/members/members.repository.js'
import { type Client, type CreatedUnion, type TestContext, createTestApp, queryRows, createTree, createUnion, loginAs, subtreeSnapshot } from './helpers/app.js'
import { type CreatedMember, createMember } from './helpers/members.js'

/**
 * Transfers (chuyển sinh hoạt công đoàn). The member starts in grassroots union A1 (under district
 * A); the receiving union B1 sits under district B. Inside one officer's scope a transfer is a
 * direct move; across scopes it is a request the receiving union accepts or rejects.
 */

let ctx: TestContext

beforeAll(async () => {
  ctx = await createTestApp()
})
afterAll(async () => {
  await ctx.close()
})

const rows = <T>(query: SQL) => queryRows<T>(ctx, query)

const EFFECTIVE_DATE = '2025-06-01'

type Tree = Awaited<ReturnType<typeof createTree>>

interface MemberState {
  member: { union_id: string; union_path: string; status: string; version: number }
  memberships: { id: string; union_id: string; started_on: string; ended_on: string | null; end_reason: string | null; transfer_id: string | null }[]
  transfers: { id: string; kind: string; status: string }[]
  events: string[]
  terms: { id: string; ended_on: string | null; end_reason: string | null }[]
  audits: number
}

/** Everything a transfer could write about one member, to prove a refused request changed nothing. */
async function memberState(memberId: string) {
  const [state] = await rows<MemberState>(sql`
    SELECT
      (SELECT row_to_json(m) FROM (SELECT union_id, union_path, status, version FROM members WHERE id = ${memberId}) m) AS member,
      (SELECT coalesce(json_agg(ms ORDER BY ms.started_on, ms.id), '[]'::json)
         FROM (SELECT id, union_id, started_on, ended_on, end_reason, transfer_id FROM memberships WHERE member_id = ${memberId}) ms) AS memberships,
      (SELECT coalesce(json_agg(t ORDER BY t.id), '[]'::json)
         FROM (SELECT id, kind, status, decision_note, decided_by_user_id, decided_at FROM member_transfers WHERE member_id = ${memberId}) t) AS transfers,
      (SELECT coalesce(json_agg(e.kind ORDER BY e.recorded_at, e.id), '[]'::json) FROM member_events e WHERE e.member_id = ${memberId}) AS events,
      (SELECT coalesce(json_agg(ot ORDER BY ot.id), '[]'::json)
         FROM (SELECT id, ended_on, end_reason, version FROM officer_terms WHERE member_id = ${memberId}) ot) AS terms,
      (SELECT count(*)::int FROM audit_events a
         WHERE a.entity_id = ${memberId} OR a.entity_id IN (SELECT id FROM member_transfers WHERE member_id = ${memberId})) AS audits
  `)
  if (!state) throw new Error('no state')
  return state
}

async function requestTransfer(sender: Client, member: CreatedMember, to: { id: string }, effectiveDate = EFFECTIVE_DATE): Promise<Transfer> {
  const response = await sender.post(`/api/v1/members/${member.id}/transfers`, { toUnionId: to.id, effectiveDate, reason: 'Chuyển công tác' })
  if (response.statusCode !== 201) throw new Error(`transfer failed: ${response.statusCode} ${response.body}`)
  return response.json<Transfer>()
}

const listIds = async (c: Client, direction: 'incoming' | 'outgoing', extra = '') => {
  const response = await c.get(`/api/v1/members/transfers?direction=${direction}&limit=500${extra}`)
  expect(response.statusCode).toBe(200)
  return response.json<PageOf<Transfer>>().items.map((item) => item.id)
}

/* ---------- authorization matrix ---------- */

type Relation = 'own' | 'ancestor' | 'sibling' | 'root'
const ROLES: Role[] = ['admin', 'federation_officer', 'union_officer', 'viewer']
const RELATIONS: Relation[] = ['own', 'ancestor', 'sibling', 'root']

/** The sending side is A1 and what holds it; the receiving side is B1 and what holds it. */
const sendingSide = (relation: Relation) => relation !== 'sibling'
const receivingSide = (relation: Relation) => relation === 'sibling' || relation === 'root'
const writes = (role: Role) => role !== 'viewer'

function expectedStatus(role: Role, inScope: boolean, success: number): number {
  if (!inScope) return 404
  return writes(role) ? success : 403
}

describe.each(ROLES)('%s', (role) => {
  let tree: Tree
  let sender: Client
  let actors: Record<Relation, Client>

  beforeAll(async () => {
    tree = await createTree(ctx)
    sender = await loginAs(ctx, 'union_officer', tree.grassrootsA1)
    const at: Record<Relation, CreatedUnion> = { own: tree.grassrootsA1, ancestor: tree.districtA, sibling: tree.districtB, root: tree.root }
    actors = {
      own: await loginAs(ctx, role, at.own),
      ancestor: await loginAs(ctx, role, at.ancestor),
      sibling: await loginAs(ctx, role, at.sibling),
      root: await loginAs(ctx, role, at.root),
    }
  })

  it.each(RELATIONS)('at %s: create a transfer of a member of A1 to B1', async (relation) => {
    const member = await createMember(ctx, tree.grassrootsA1)
    const before = await memberState(member.id)
    const treeBefore = await subtreeSnapshot(ctx, tree.root)
    const response = await actors[relation].post(`/api/v1/members/${member.id}/transfers`, { toUnionId: tree.grassrootsB1.id, effectiveDate: EFFECTIVE_DATE })
    const status = expectedStatus(role, sendingSide(relation), 201)
    expect(response.statusCode).toBe(status)
    if (status === 201) {
      // B1 is inside the city root's scope: a direct move there; a request from anywhere narrower.
      const transfer = response.json<Transfer>()
      expect(transfer).toMatchObject(relation === 'root' ? { kind: 'direct', status: 'completed' } : { kind: 'request', status: 'pending' })
      expect((await memberState(member.id)).member.union_id).toBe(relation === 'root' ? tree.grassrootsB1.id : tree.grassrootsA1.id)
    } else {
      expect(response.json<Problem>().code).toBe(status === 404 ? 'not_found' : 'forbidden')
      expect(await memberState(member.id)).toEqual(before)
      expect(await subtreeSnapshot(ctx, tree.root)).toEqual(treeBefore)
    }
  })

  const decisions = [
    ['accept', receivingSide, {}],
    ['reject', receivingSide, { note: 'Không đủ điều kiện tiếp nhận' }],
    ['cancel', sendingSide, { note: 'Gửi nhầm' }],
  ] as const
  for (const [action, side, body] of decisions) {
    it.each(RELATIONS)(`at %s: ${action} a pending request from A1 to B1`, async (relation) => {
      const member = await createMember(ctx, tree.grassrootsA1)
      const transfer = await requestTransfer(sender, member, tree.grassrootsB1)
      const before = await memberState(member.id)
      const treeBefore = await subtreeSnapshot(ctx, tree.root)
      const response = await actors[relation].post(`/api/v1/members/transfers/${transfer.id}/${action}`, body)
      const status = expectedStatus(role, side(relation), 200)
      expect(response.statusCode).toBe(status)
      if (status === 200) {
        expect(response.json<Transfer>().status).toBe({ accept: 'accepted', reject: 'rejected', cancel: 'cancelled' }[action])
      } else {
        expect(await memberState(member.id)).toEqual(before)
        expect(await subtreeSnapshot(ctx, tree.root)).toEqual(treeBefore)
      }
    })
  }

  it.each(RELATIONS)('at %s: incoming and outgoing lists show only its own side', async (relation) => {
    const member = await createMember(ctx, tree.grassrootsA1)
    const transfer = await requestTransfer(sender, member, tree.grassrootsB1)
    const incoming = await listIds(actors[relation], 'incoming')
    const outgoing = await listIds(actors[relation], 'outgoing')
    expect(incoming.includes(transfer.id)).toBe(receivingSide(relation))
    expect(outgoing.includes(transfer.id)).toBe(sendingSide(relation))
  })

  let destination: CreatedUnion | undefined
  it.each(RELATIONS)('at %s: destinations are found anywhere in the system', async (relation) => {
    // A name only this file uses: the search is system-wide and answers one page, and on a shared
    // PostgreSQL every other file's tree has its own "Công ty Cổ phần Thái Sơn".
    destination ??= await createUnion(ctx, { parent: tree.districtB, name: 'Công ty Cổ phần Thái Sơn Điểm Đến' })
    // Typed without diacritics, whoever asks.
    const response = await actors[relation].get(`/api/v1/members/transfer-destinations?q=${encodeURIComponent('co phan thai son diem den')}`)
    expect(response.statusCode).toBe(200)
    const items = response.json<{ items: TransferDestination[] }>().items
    expect(items).toContainEqual({ id: destination.id, code: destination.code, name: destination.name, parentName: 'LĐLĐ huyện Thanh Trì thử' })
  })
})

/* ---------- a request across scopes ---------- */

describe('a transfer request across scopes', () => {
  let tree: Tree
  let sender: Client
  let receiver: Client
  let member: CreatedMember

  beforeAll(async () => {
    tree = await createTree(ctx)
    sender = await loginAs(ctx, 'union_officer', tree.grassrootsA1)
    receiver = await loginAs(ctx, 'union_officer', tree.grassrootsB1)
    member = await createMember(ctx, tree.grassrootsA1, { fullName: 'Trần Văn Chuyển' })
  })

  it('is pending in the receiving inbox, not in the sending one, and the member stays until it is accepted', async () => {
    const transfer = await requestTransfer(sender, member, tree.grassrootsB1)
    expect(transfer).toMatchObject({
      memberId: member.id,
      memberName: 'Trần Văn Chuyển',
      fromUnion: { id: tree.grassrootsA1.id, code: tree.grassrootsA1.code, name: tree.grassrootsA1.name },
      toUnion: { id: tree.grassrootsB1.id, code: tree.grassrootsB1.code, name: tree.grassrootsB1.name },
      kind: 'request',
      status: 'pending',
      effectiveDate: EFFECTIVE_DATE,
      reason: 'Chuyển công tác',
      requestedByName: 'Người dùng union_officer',
      decidedByName: null,
      decidedAt: null,
    })
    // Nothing personal travels with the request.
    expect(JSON.stringify(transfer)).not.toContain(member.citizenId)

    expect(await listIds(receiver, 'incoming')).toContain(transfer.id)
    expect(await listIds(sender, 'incoming')).not.toContain(transfer.id)
    expect(await listIds(sender, 'outgoing')).toContain(transfer.id)
    expect(await listIds(receiver, 'outgoing')).not.toContain(transfer.id)
    expect(await listIds(receiver, 'incoming', '&status=pending')).toContain(transfer.id)
    expect(await listIds(receiver, 'incoming', '&status=accepted')).not.toContain(transfer.id)

    const state = await memberState(member.id)
    expect(state.member.union_id).toBe(tree.grassrootsA1.id)
    expect(state.events).toEqual(['transfer_requested'])
    expect((await receiver.get(`/api/v1/members/${member.id}`)).statusCode).toBe(404)

    // One pending request per member.
    const second = await sender.post(`/api/v1/members/${member.id}/transfers`, { toUnionId: tree.grassrootsA2.id, effectiveDate: EFFECTIVE_DATE })
    expect(second.statusCode).toBe(409)
    expect(second.json<Problem>().code).toBe('conflict')
  })

  it('accepted, moves the member with the history kept; a second accept changes nothing', async () => {
    const [pending] = (await receiver.get('/api/v1/members/transfers?direction=incoming&status=pending')).json<PageOf<Transfer>>().items
    expect(pending?.memberId).toBe(member.id)
    const transferId = pending?.id ?? ''

    // The sending side cannot accept its own request: it can't see the receiving union.
    expect((await sender.post(`/api/v1/members/transfers/${transferId}/accept`, {})).statusCode).toBe(404)

    const accepted = await receiver.post(`/api/v1/members/transfers/${transferId}/accept`, { note: 'Đồng ý tiếp nhận' })
    expect(accepted.statusCode).toBe(200)
    expect(accepted.json<Transfer>()).toMatchObject({ status: 'accepted', decisionNote: 'Đồng ý tiếp nhận', decidedByName: 'Người dùng union_officer' })
    expect(accepted.json<Transfer>().decidedAt).not.toBeNull()

    const state = await memberState(member.id)
    expect(state.member.union_id).toBe(tree.grassrootsB1.id)
    expect(state.member.union_path).toBe(tree.grassrootsB1.path)
    expect(state.member.version).toBe(2)
    expect(state.memberships).toEqual([
      expect.objectContaining({ union_id: tree.grassrootsA1.id, started_on: '2020-03-01', ended_on: EFFECTIVE_DATE, end_reason: 'transferred', transfer_id: transferId }),
      expect.objectContaining({ union_id: tree.grassrootsB1.id, started_on: EFFECTIVE_DATE, ended_on: null, transfer_id: transferId }),
    ])
    expect(state.events).toEqual(['transfer_requested', 'transferred'])
    const [event] = await rows<{ union_id: string; occurred_on: string; details: Record<string, unknown> }>(
      sql`SELECT union_id, occurred_on::text AS occurred_on, details FROM member_events WHERE member_id = ${member.id} AND kind = 'transferred'`,
    )
    expect(event).toMatchObject({
      union_id: tree.grassrootsB1.id,
      occurred_on: EFFECTIVE_DATE,
      details: { fromUnion: { id: tree.grassrootsA1.id, name: tree.grassrootsA1.name }, toUnion: { id: tree.grassrootsB1.id, name: tree.grassrootsB1.name } },
    })

    // The receiver sees the member now; the sender no longer does.
    const seen = await receiver.get(`/api/v1/members/${member.id}`)
    expect(seen.statusCode).toBe(200)
    expect(seen.json<Member>().union.id).toBe(tree.grassrootsB1.id)
    expect((await sender.get(`/api/v1/members/${member.id}`)).statusCode).toBe(404)
    expect(await findMemberInScope(ctx.db, tree.grassrootsB1.id, member.id)).toBeDefined()
    expect(await findMemberInScope(ctx.db, tree.grassrootsA1.id, member.id)).toBeUndefined()

    // Audit: the move is masked like every member snapshot.
    const audits = await rows<{ action: string; before: unknown; after: unknown }>(
      sql`SELECT action, before, after FROM audit_events WHERE entity_id IN (${member.id}, ${transferId}) ORDER BY occurred_at, id`,
    )
    expect(audits.map((audit) => audit.action)).toEqual(['member_transfer.request', 'member.transfer', 'member_transfer.accept'])
    expect(JSON.stringify(audits)).not.toContain(member.citizenId)

    const again = await receiver.post(`/api/v1/members/transfers/${transferId}/accept`, {})
    expect(again.statusCode).toBe(409)
    expect(again.json<Problem>().code).toBe('invalid_state')
    expect(await memberState(member.id)).toEqual(state)
    // Nor can it be rejected or cancelled afterwards.
    expect((await receiver.post(`/api/v1/members/transfers/${transferId}/reject`, { note: 'Muộn' })).statusCode).toBe(409)
    expect(await memberState(member.id)).toEqual(state)
  })

  it('rejected, leaves the member where they were and records why', async () => {
    const other = await createMember(ctx, tree.grassrootsA1)
    const transfer = await requestTransfer(sender, other, tree.grassrootsB1)
    const missingNote = await receiver.post(`/api/v1/members/transfers/${transfer.id}/reject`, {})
    expect(missingNote.statusCode).toBe(400)
    const blankNote = await receiver.post(`/api/v1/members/transfers/${transfer.id}/reject`, { note: '   ' })
    expect(blankNote.statusCode).toBe(400)
    expect(blankNote.json<Problem>().errors?.[0]).toMatchObject({ field: '/note', code: 'required' })

    const rejected = await receiver.post(`/api/v1/members/transfers/${transfer.id}/reject`, { note: 'Không có vị trí việc làm' })
    expect(rejected.statusCode).toBe(200)
    expect(rejected.json<Transfer>()).toMatchObject({ status: 'rejected', decisionNote: 'Không có vị trí việc làm' })
    const state = await memberState(other.id)
    expect(state.member).toMatchObject({ union_id: tree.grassrootsA1.id, version: 1 })
    expect(state.memberships).toEqual([expect.objectContaining({ union_id: tree.grassrootsA1.id, ended_on: null })])
    expect(state.events).toEqual(['transfer_requested', 'transfer_rejected'])
    expect((await sender.get(`/api/v1/members/${other.id}`)).statusCode).toBe(200)

    // Once decided, a new request can be made.
    expect((await sender.post(`/api/v1/members/${other.id}/transfers`, { toUnionId: tree.grassrootsB1.id, effectiveDate: EFFECTIVE_DATE })).statusCode).toBe(201)
  })

  it('cancelled by the sender, leaves the member where they were', async () => {
    const other = await createMember(ctx, tree.grassrootsA1)
    const transfer = await requestTransfer(sender, other, tree.grassrootsB1)
    // The receiving side cannot withdraw someone else's request.
    expect((await receiver.post(`/api/v1/members/transfers/${transfer.id}/cancel`, {})).statusCode).toBe(404)
    const cancelled = await sender.post(`/api/v1/members/transfers/${transfer.id}/cancel`, { note: 'Người lao động ở lại' })
    expect(cancelled.statusCode).toBe(200)
    expect(cancelled.json<Transfer>().status).toBe('cancelled')
    const state = await memberState(other.id)
    expect(state.member.union_id).toBe(tree.grassrootsA1.id)
    expect(state.events).toEqual(['transfer_requested', 'transfer_cancelled'])
    expect((await receiver.post(`/api/v1/members/transfers/${transfer.id}/accept`, {})).statusCode).toBe(409)
    expect((await memberState(other.id)).member.union_id).toBe(tree.grassrootsA1.id)
  })

  it('cannot be accepted once the member has left the sending union', async () => {
    const other = await createMember(ctx, tree.grassrootsA1)
    const transfer = await requestTransfer(sender, other, tree.grassrootsB1)
    await ctx.db.execute(sql`UPDATE members SET status = 'left', status_date = '2025-07-01' WHERE id = ${other.id}`)
    const before = await memberState(other.id)
    const response = await receiver.post(`/api/v1/members/transfers/${transfer.id}/accept`, {})
    expect(response.statusCode).toBe(409)
    expect(response.json<Problem>().code).toBe('invalid_state')
    expect(await memberState(other.id)).toEqual(before)
    // It can still be answered with a refusal.
    expect((await receiver.post(`/api/v1/members/transfers/${transfer.id}/reject`, { note: 'Đoàn viên đã nghỉ việc' })).statusCode).toBe(200)
  })

  it('of two accepts at the same moment, exactly one applies', async () => {
    const other = await createMember(ctx, tree.grassrootsA1)
    const transfer = await requestTransfer(sender, other, tree.grassrootsB1)
    const secondReceiver = await loginAs(ctx, 'federation_officer', tree.districtB)
    const responses = await Promise.all([
      receiver.post(`/api/v1/members/transfers/${transfer.id}/accept`, {}),
      secondReceiver.post(`/api/v1/members/transfers/${transfer.id}/accept`, {}),
    ])
    expect(responses.map((response) => response.statusCode).sort()).toEqual([200, 409])
    const state = await memberState(other.id)
    expect(state.member).toMatchObject({ union_id: tree.grassrootsB1.id, version: 2 })
    expect(state.memberships).toHaveLength(2)
    expect(state.memberships.filter((membership) => membership.ended_on === null)).toHaveLength(1)
    expect(state.events.filter((kind) => kind === 'transferred')).toHaveLength(1)
  })

  it('of two requests for one member at the same moment, exactly one is made', async () => {
    const other = await createMember(ctx, tree.grassrootsA1)
    const secondSender = await loginAs(ctx, 'federation_officer', tree.districtA)
    const body = { toUnionId: tree.grassrootsB1.id, effectiveDate: EFFECTIVE_DATE }
    const responses = await Promise.all([
      sender.post(`/api/v1/members/${other.id}/transfers`, body),
      secondSender.post(`/api/v1/members/${other.id}/transfers`, body),
    ])
    expect(responses.map((response) => response.statusCode).sort()).toEqual([201, 409])
    expect((await memberState(other.id)).transfers).toHaveLength(1)
  })

  it('pages the inbox newest first', async () => {
    const receiverOfC = await createUnion(ctx, { parent: tree.districtB, name: 'Công ty TNHH Điện tử Thanh Trì' })
    const inbox = await loginAs(ctx, 'union_officer', receiverOfC)
    const made: string[] = []
    for (let i = 0; i < 3; i++) made.push((await requestTransfer(sender, await createMember(ctx, tree.grassrootsA1), receiverOfC)).id)
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const response = await inbox.get(`/api/v1/members/transfers?direction=incoming&limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      expect(response.statusCode).toBe(200)
      const page = response.json<PageOf<Transfer>>()
      seen.push(...page.items.map((item) => item.id))
      cursor = page.nextCursor
    } while (cursor)
    expect(seen).toEqual([...made].reverse())
    expect((await inbox.get('/api/v1/members/transfers?direction=incoming&cursor=not-a-cursor')).statusCode).toBe(400)
    expect((await inbox.get('/api/v1/members/transfers')).statusCode).toBe(400)
  })
})

/* ---------- a direct move inside one scope ---------- */

describe('a direct transfer inside one scope', () => {
  it('moves the member at once in one transaction, and ends the offices of the union left', async () => {
    const tree = await createTree(ctx)
    const district = await loginAs(ctx, 'federation_officer', tree.districtA)
    const member = await createMember(ctx, tree.grassrootsA1, { fullName: 'Lê Thị Nội Bộ', admittedOn: '2019-01-10' })
    const positions = (await district.get('/api/v1/officer-positions')).json<{ items: OfficerPosition[] }>().items
    const positionId = (code: string) => positions.find((position) => position.code === code)?.id
    const appoint = async (union: { id: string }, code: string) => {
      const response = await district.post(`/api/v1/unions/${union.id}/officers`, {
        memberId: member.id,
        positionId: positionId(code),
        startedOn: '2023-01-01',
        termLabel: '2023–2028',
        employment: 'part_time',
      })
      expect(response.statusCode).toBe(201)
      return response.json<OfficerTerm>()
    }
    const chair = await appoint(tree.grassrootsA1, 'chairperson')
    // A seat on the district's executive committee: A2 is still under district A, so it stays.
    const districtSeat = await appoint(tree.districtA, 'executive_member')

    const response = await district.post(`/api/v1/members/${member.id}/transfers`, { toUnionId: tree.grassrootsA2.id, effectiveDate: '2025-02-01', reason: 'Điều động' })
    expect(response.statusCode).toBe(201)
    const transfer = response.json<Transfer>()
    expect(transfer).toMatchObject({ kind: 'direct', status: 'completed', decidedByName: 'Người dùng federation_officer' })

    const state = await memberState(member.id)
    expect(state.member).toMatchObject({ union_id: tree.grassrootsA2.id, union_path: tree.grassrootsA2.path, version: 2 })
    expect(state.memberships).toEqual([
      expect.objectContaining({ union_id: tree.grassrootsA1.id, ended_on: '2025-02-01', end_reason: 'transferred', transfer_id: transfer.id }),
      expect.objectContaining({ union_id: tree.grassrootsA2.id, started_on: '2025-02-01', ended_on: null, transfer_id: transfer.id }),
    ])
    expect(state.events).toEqual(['position_started', 'position_started', 'position_ended', 'transferred'])
    expect(state.terms).toEqual([
      expect.objectContaining({ id: chair.id, ended_on: '2025-02-01', end_reason: 'transferred' }),
      expect.objectContaining({ id: districtSeat.id, ended_on: null }),
    ])
    expect(await listIds(district, 'outgoing')).toContain(transfer.id)
    expect(await listIds(district, 'incoming')).toContain(transfer.id)
    // The chair of A1 is free again.
    const officers = (await district.get(`/api/v1/unions/${tree.grassrootsA1.id}/officers?current=true`)).json<PageOf<OfficerTerm>>()
    expect(officers.items).toEqual([])
  })

  it('out of the district ends the district offices too', async () => {
    const tree = await createTree(ctx)
    const city = await loginAs(ctx, 'federation_officer', tree.root)
    const member = await createMember(ctx, tree.grassrootsA1)
    const positions = (await city.get('/api/v1/officer-positions')).json<{ items: OfficerPosition[] }>().items
    const executive = positions.find((position) => position.code === 'executive_member')?.id
    const seat = await city.post(`/api/v1/unions/${tree.districtA.id}/officers`, { memberId: member.id, positionId: executive, startedOn: '2024-01-01', employment: 'full_time' })
    expect(seat.statusCode).toBe(201)
    const response = await city.post(`/api/v1/members/${member.id}/transfers`, { toUnionId: tree.grassrootsB1.id, effectiveDate: '2025-03-01' })
    expect(response.json<Transfer>().kind).toBe('direct')
    expect((await memberState(member.id)).terms).toEqual([expect.objectContaining({ id: seat.json<OfficerTerm>().id, ended_on: '2025-03-01', end_reason: 'transferred' })])
  })
})

/* ---------- validation ---------- */

describe('transfer rules', () => {
  let tree: Tree
  let sender: Client

  beforeAll(async () => {
    tree = await createTree(ctx)
    sender = await loginAs(ctx, 'federation_officer', tree.districtA)
  })

  const fieldErrors = (body: Problem) => body.errors?.map((error) => ({ field: error.field, code: error.code }))

  it('refuses destinations that cannot receive a member, and dates that do not fit', async () => {
    const member = await createMember(ctx, tree.grassrootsA1, { admittedOn: '2021-04-01' })
    const dissolved = await createUnion(ctx, { parent: tree.districtB })
    await ctx.db.execute(sql`UPDATE unions SET status = 'dissolved', status_effective_date = '2024-01-01' WHERE id = ${dissolved.id}`)
    const before = await memberState(member.id)
    const cases: [Record<string, unknown>, { field: string; code: string }][] = [
      [{ toUnionId: tree.districtB.id, effectiveDate: EFFECTIVE_DATE }, { field: '/toUnionId', code: 'not_grassroots' }],
      [{ toUnionId: '01900000-0000-7000-8000-000000000000', effectiveDate: EFFECTIVE_DATE }, { field: '/toUnionId', code: 'not_found' }],
      [{ toUnionId: dissolved.id, effectiveDate: EFFECTIVE_DATE }, { field: '/toUnionId', code: 'union_not_active' }],
      [{ toUnionId: tree.grassrootsA1.id, effectiveDate: EFFECTIVE_DATE }, { field: '/toUnionId', code: 'same_union' }],
      [{ toUnionId: tree.grassrootsB1.id, effectiveDate: '2021-03-31' }, { field: '/effectiveDate', code: 'date_order' }],
      [{ toUnionId: tree.grassrootsB1.id, effectiveDate: '2999-01-01' }, { field: '/effectiveDate', code: 'future_date' }],
    ]
    for (const [body, error] of cases) {
      const response = await sender.post(`/api/v1/members/${member.id}/transfers`, body)
      expect(response.statusCode, JSON.stringify(body)).toBe(422)
      expect(response.json<Problem>().code).toBe('validation_failed')
      expect(fieldErrors(response.json<Problem>())).toEqual([error])
      expect(response.json<Problem>().errors?.[0]?.message).toBeTruthy()
    }
    expect((await sender.post(`/api/v1/members/${member.id}/transfers`, { toUnionId: tree.grassrootsB1.id })).statusCode).toBe(400)
    expect((await sender.post(`/api/v1/members/${member.id}/transfers`, { toUnionId: tree.grassrootsB1.id, effectiveDate: '2025-02-30' })).statusCode).toBe(400)
    expect(await memberState(member.id)).toEqual(before)
    // The day the membership began and today are both fine.
    expect((await sender.post(`/api/v1/members/${member.id}/transfers`, { toUnionId: tree.grassrootsA2.id, effectiveDate: todayInVietnam() })).statusCode).toBe(201)
  })

  it('refuses a member who is no longer active, and a missing member', async () => {
    const member = await createMember(ctx, tree.grassrootsA1)
    await ctx.db.execute(sql`UPDATE members SET status = 'deceased', status_date = '2025-01-01' WHERE id = ${member.id}`)
    const before = await memberState(member.id)
    const response = await sender.post(`/api/v1/members/${member.id}/transfers`, { toUnionId: tree.grassrootsA2.id, effectiveDate: EFFECTIVE_DATE })
    expect(response.statusCode).toBe(409)
    expect(response.json<Problem>().code).toBe('invalid_state')
    expect(await memberState(member.id)).toEqual(before)
    const missing = await sender.post('/api/v1/members/01900000-0000-7000-8000-000000000000/transfers', { toUnionId: tree.grassrootsA2.id, effectiveDate: EFFECTIVE_DATE })
    expect(missing.statusCode).toBe(404)
    expect((await sender.post('/api/v1/members/transfers/01900000-0000-7000-8000-000000000000/accept', {})).statusCode).toBe(404)
  })

  it('finds destinations accent-insensitively, by code, with typos, at most 20, only active grassroots unions', async () => {
    const stamp = Date.now().toString(36)
    const district = await createUnion(ctx, { parent: tree.root, type: 'district_federation', name: `LĐLĐ quận Đống Đa ${stamp}` })
    const school = await createUnion(ctx, { parent: district, name: `Trường Tiểu học Quang Trung ${stamp}`, code: `QT-${stamp.toUpperCase()}` })
    const closed = await createUnion(ctx, { parent: district, name: `Trường Tiểu học Quang Trung cũ ${stamp}` })
    await ctx.db.execute(sql`UPDATE unions SET status = 'merged' WHERE id = ${closed.id}`)
    const search = async (q: string) => {
      const response = await sender.get(`/api/v1/members/transfer-destinations?q=${encodeURIComponent(q)}`)
      expect(response.statusCode).toBe(200)
      return response.json<{ items: TransferDestination[] }>().items
    }
    expect(await search(`truong tieu hoc quang trung ${stamp}`)).toEqual([{ id: school.id, code: school.code, name: school.name, parentName: district.name }])
    expect((await search(`qt-${stamp}`)).map((item) => item.id)).toEqual([school.id])
    // Not a grassroots union: not a destination.
    expect((await search(`dong da ${stamp}`)).map((item) => item.id)).toEqual([school.id])
    expect((await search(`quang trumg ${stamp}`)).map((item) => item.id)).toContain(school.id)
    expect((await search('%_')).length).toBe(0)
    expect((await search('cong')).length).toBeLessThanOrEqual(20)
    expect((await sender.get('/api/v1/members/transfer-destinations?q=a')).statusCode).toBe(400)
  })
})
