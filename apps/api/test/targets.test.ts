import type { PageOf, Problem, ResultChildrenReport, ResultsReport, Target } from '@liendoan/contracts'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Client, type TestContext, createTestApp, createTree, loginAs, queryRows } from './helpers/app.js'

/**
 * Targets: who may assign them to whom, reading and changing them, and the scope of the results.
 * Tree: root → districts A (grassroots A1, A2) and B (grassroots B1).
 */

let ctx: TestContext
let tree: Awaited<ReturnType<typeof createTree>>
let admin: Client
let officerA: Client
let viewerA: Client
let officerB: Client
let unionOfficerA1: Client

beforeAll(async () => {
  ctx = await createTestApp()
  tree = await createTree(ctx)
  admin = await loginAs(ctx, 'admin', tree.root)
  officerA = await loginAs(ctx, 'federation_officer', tree.districtA)
  viewerA = await loginAs(ctx, 'viewer', tree.districtA)
  officerB = await loginAs(ctx, 'federation_officer', tree.districtB)
  unionOfficerA1 = await loginAs(ctx, 'union_officer', tree.grassrootsA1)
}, 60_000)
afterAll(async () => ctx.close())

const body = (unitId: string, overrides: Record<string, unknown> = {}) => ({ metric: 'members_admitted', unitId, year: 2025, targetValue: 120, ...overrides })

async function create(c: Client, payload: Record<string, unknown>): Promise<Target> {
  const response = await c.post('/api/v1/targets', payload)
  expect(response.statusCode, response.body).toBe(201)
  return response.json<Target>()
}

function problem(response: { statusCode: number; headers: Record<string, unknown>; json: <T>() => T }, status: number) {
  expect(response.statusCode).toBe(status)
  expect(String(response.headers['content-type'])).toContain('application/problem+json')
  return response.json<Problem>()
}

describe('assigning targets', () => {
  it('an upper union assigns to a unit below it, for a year or a congress term', async () => {
    const yearly = await create(admin, body(tree.districtA.id))
    expect(yearly).toMatchObject({
      metric: 'members_admitted',
      kind: 'count',
      unit: { id: tree.districtA.id },
      assignedBy: { id: tree.root.id },
      periodFrom: '2025-01-01',
      periodTo: '2025-12-31',
      targetValue: 120,
      sector: null,
      params: {},
      version: 1,
    })
    const term = await create(officerA, {
      metric: 'chairpersons_trained_share',
      unitId: tree.grassrootsA1.id,
      periodFrom: '2023-10-01',
      periodTo: '2028-09-30',
      targetValue: 10000,
      sector: 'non_state',
      params: { topic: 'workplace_dialogue' },
      note: 'Nghị quyết Đại hội',
    })
    expect(term).toMatchObject({ kind: 'share', assignedBy: { id: tree.districtA.id }, sector: 'non_state', params: { topic: 'workplace_dialogue' } })
    // The administrator may assign on behalf of a union in their scope.
    expect(await create(admin, body(tree.grassrootsA2.id, { assignedById: tree.districtA.id }))).toMatchObject({ assignedBy: { id: tree.districtA.id } })
    const [audit] = await queryRows<{ action: string }>(ctx, sql`SELECT action FROM audit_events WHERE entity_id = ${term.id}::uuid`)
    expect(audit).toEqual({ action: 'target.create' })
  })

  it('a unit never sets its own target, nor one for a unit not below the assigning union (422)', async () => {
    const own = problem(await officerA.post('/api/v1/targets', body(tree.districtA.id, { metric: 'agreements_signed' })), 422)
    expect(own.errors?.[0]).toMatchObject({ field: '/unitId', code: 'target_not_below', message: 'Chỉ giao chỉ tiêu cho đơn vị trực thuộc đơn vị giao (không tự giao cho chính mình)' })
    const sideways = problem(await admin.post('/api/v1/targets', body(tree.grassrootsB1.id, { assignedById: tree.districtA.id })), 422)
    expect(sideways.errors?.[0]).toMatchObject({ code: 'target_not_below' })
  })

  it('outside the caller’s scope is 404, and roles without targets:manage get 403', async () => {
    expect((await officerA.post('/api/v1/targets', body(tree.grassrootsB1.id))).statusCode).toBe(404)
    expect((await officerA.post('/api/v1/targets', body(tree.grassrootsA1.id, { assignedById: tree.root.id }))).statusCode).toBe(404)
    problem(await viewerA.post('/api/v1/targets', body(tree.grassrootsA1.id, { metric: 'grassroots_founded' })), 403)
    problem(await unionOfficerA1.post('/api/v1/targets', body(tree.grassrootsA1.id, { metric: 'grassroots_founded' })), 403)
  })

  it('one target per unit, metric, period and sector (409)', async () => {
    const first = await create(admin, body(tree.districtB.id, { metric: 'top_rated_share', targetValue: 8000, sector: 'state' }))
    expect(first.sector).toBe('state')
    problem(await admin.post('/api/v1/targets', body(tree.districtB.id, { metric: 'top_rated_share', targetValue: 9000, sector: 'state' })), 409)
    // Another sector, or all sectors, is another target.
    await create(admin, body(tree.districtB.id, { metric: 'top_rated_share', targetValue: 6000, sector: 'non_state' }))
    await create(admin, body(tree.districtB.id, { metric: 'top_rated_share', targetValue: 7000 }))
  })

  it('explains invalid bodies field by field, in Vietnamese', async () => {
    const cases: [Record<string, unknown>, string, string, string][] = [
      [body(tree.grassrootsA1.id, { periodFrom: '2025-01-01', periodTo: '2025-12-31' }), '/year', 'period_either', 'Chọn năm hoặc khoảng ngày, không dùng cả hai'],
      [{ ...body(tree.grassrootsA1.id), year: undefined, periodFrom: '2025-01-01' }, '/periodTo', 'period_required', 'Chọn năm hoặc nhập cả ngày bắt đầu và ngày kết thúc kỳ'],
      [{ ...body(tree.grassrootsA1.id), year: undefined, periodFrom: '2025-12-31', periodTo: '2025-01-01' }, '/periodFrom', 'range_order', 'Giá trị đầu khoảng phải nhỏ hơn hoặc bằng giá trị cuối khoảng'],
      [{ ...body(tree.grassrootsA1.id), year: undefined, periodFrom: '2020-01-01', periodTo: '2030-01-01' }, '/periodTo', 'period_span', 'Một kỳ dài tối đa 10 năm'],
      [body(tree.grassrootsA1.id, { sector: 'state' }), '/sector', 'sector_share_only', 'Chỉ chỉ tiêu dạng tỷ lệ mới chọn được khu vực'],
      [body(tree.grassrootsA1.id, { metric: 'top_rated_share', targetValue: 12000 }), '/targetValue', 'share_above_100', 'Chỉ tiêu tỷ lệ tính theo phần vạn: tối đa 10000 (100%)'],
      [body(tree.grassrootsA1.id, { metric: 'chairpersons_trained_share', targetValue: 9000, params: { topic: 'no_such_topic' } }), '/params/topic', 'topic_unknown', 'Không có chủ đề tập huấn với mã này'],
      [body(tree.grassrootsA1.id, { params: { topic: 'labour_code_2019' } }), '/params/topic', 'params_not_applicable', 'Tham số này không dùng cho chỉ tiêu đã chọn'],
    ]
    for (const [payload, field, code, message] of cases) {
      const found = problem(await officerA.post('/api/v1/targets', payload), 400)
      expect(found.errors?.[0], code).toMatchObject({ field, code, message })
    }
    const schema = problem(await officerA.post('/api/v1/targets', body(tree.grassrootsA1.id, { metric: 'happiness', targetValue: 0 })), 400)
    expect(schema.code).toBe('validation_failed')
  })
})

describe('reading and changing targets', () => {
  it('lists targets in scope, filtered by unit, metric and overlapping period', async () => {
    const all = (await admin.get(`/api/v1/targets?under=${tree.districtA.id}&limit=500`)).json<PageOf<Target>>()
    expect(all.items.every((t) => [tree.districtA.id, tree.grassrootsA1.id, tree.grassrootsA2.id].includes(t.unit.id))).toBe(true)
    expect(all.items.length).toBeGreaterThanOrEqual(3)
    const seenByB = (await officerB.get('/api/v1/targets?limit=500')).json<PageOf<Target>>()
    expect(seenByB.items.every((t) => t.unit.id === tree.districtB.id || t.unit.id === tree.grassrootsB1.id)).toBe(true)
    expect((await officerB.get(`/api/v1/targets?under=${tree.districtA.id}`)).statusCode).toBe(404)
    const term = (await viewerA.get('/api/v1/targets?metric=chairpersons_trained_share&year=2027')).json<PageOf<Target>>()
    expect(term.items.map((t) => t.periodTo)).toEqual(['2028-09-30'])
    const first = (await admin.get(`/api/v1/targets?under=${tree.root.id}&limit=2`)).json<PageOf<Target>>()
    const second = (await admin.get(`/api/v1/targets?under=${tree.root.id}&limit=2&cursor=${first.nextCursor}`)).json<PageOf<Target>>()
    expect(second.items.map((t) => t.id)).not.toContain(first.items[0]!.id)
  })

  it('a unit reads the targets set for it; only the assigning union (or above) changes them', async () => {
    const target = await create(admin, body(tree.districtA.id, { metric: 'payments_disbursed_vnd', targetValue: 50_000_000 }))
    const read = await viewerA.get(`/api/v1/targets/${target.id}`)
    expect(read.statusCode).toBe(200)
    expect(read.headers.etag).toBe('"1"')
    expect((await officerB.get(`/api/v1/targets/${target.id}`)).statusCode).toBe(404)
    // District A may read but not change a target the city set for it.
    problem(await officerA.patch(`/api/v1/targets/${target.id}`, { targetValue: 1 }, { 'if-match': '"1"' }), 403)
    problem(await viewerA.patch(`/api/v1/targets/${target.id}`, { targetValue: 1 }, { 'if-match': '"1"' }), 403)
    problem(await admin.patch(`/api/v1/targets/${target.id}`, { targetValue: 60_000_000 }), 428)
    problem(await admin.patch(`/api/v1/targets/${target.id}`, { targetValue: 60_000_000 }, { 'if-match': '"7"' }), 412)
    const updated = await admin.patch(`/api/v1/targets/${target.id}`, { targetValue: 60_000_000, note: 'Điều chỉnh giữa kỳ' }, { 'if-match': '"1"' })
    expect(updated.statusCode, updated.body).toBe(200)
    expect(updated.json<Target>()).toMatchObject({ targetValue: 60_000_000, note: 'Điều chỉnh giữa kỳ', version: 2 })
    expect(updated.headers.etag).toBe('"2"')
    problem(await officerA.request({ method: 'DELETE', url: `/api/v1/targets/${target.id}` }), 403)
    expect((await admin.request({ method: 'DELETE', url: `/api/v1/targets/${target.id}` })).statusCode).toBe(204)
    expect((await admin.get(`/api/v1/targets/${target.id}`)).statusCode).toBe(404)
    const actions = await queryRows<{ action: string }>(ctx, sql`SELECT action FROM audit_events WHERE entity_id = ${target.id}::uuid ORDER BY occurred_at, id`)
    expect(actions.map((a) => a.action)).toEqual(['target.create', 'target.update', 'target.delete'])
  })

  it('lists the metrics with their Vietnamese labels and kinds', async () => {
    const metrics = (await viewerA.get('/api/v1/target-metrics')).json<{ items: { code: string; kind: string; label: string }[] }>()
    expect(metrics.items.map((m) => [m.code, m.kind])).toEqual([
      ['members_admitted', 'count'],
      ['grassroots_founded', 'count'],
      ['agreements_signed', 'count'],
      ['payments_disbursed_vnd', 'amount_vnd'],
      ['agreements_in_force_share', 'share'],
      ['chairpersons_trained_share', 'share'],
      ['top_rated_share', 'share'],
    ])
    expect(metrics.items[0]!.label).toBe('Kết nạp đoàn viên mới')
  })
})

describe('results are visible only inside scope', () => {
  it('a unit’s results answer 404 outside the caller’s subtree, and every role may read its own', async () => {
    expect((await officerB.get(`/api/v1/reports/results?under=${tree.districtA.id}&year=2025`)).statusCode).toBe(404)
    expect((await officerB.get(`/api/v1/reports/results/children?under=${tree.root.id}&metric=members_admitted&year=2025`)).statusCode).toBe(404)
    expect((await unionOfficerA1.get(`/api/v1/reports/results?under=${tree.districtA.id}&year=2025`)).statusCode).toBe(404)
    const own = await unionOfficerA1.get('/api/v1/reports/results?year=2025')
    expect(own.statusCode).toBe(200)
    expect(own.json<ResultsReport>().under.id).toBe(tree.grassrootsA1.id)
    // The term target the district set for A1 shows in A1's results for that term, not for 2025.
    const trained = own.json<ResultsReport>().rows.find((r) => r.metric === 'chairpersons_trained_share' && r.sector === 'non_state')
    expect(trained).toBeUndefined()
    const termResults = (await unionOfficerA1.get('/api/v1/reports/results?periodFrom=2023-10-01&periodTo=2028-09-30')).json<ResultsReport>()
    expect(termResults.rows.find((r) => r.metric === 'chairpersons_trained_share' && r.sector === 'non_state')).toMatchObject({
      params: { topic: 'workplace_dialogue' },
      target: { targetValue: 10000, assignedBy: { id: tree.districtA.id } },
    })
  })

  it('the drill-down never shows a sibling or anything outside the caller’s scope', async () => {
    const drill = await viewerA.get(`/api/v1/reports/results/children?under=${tree.districtA.id}&metric=agreements_signed&year=2025`)
    expect(drill.statusCode).toBe(200)
    expect(drill.json<ResultChildrenReport>().children.map((c) => c.union.id).sort()).toEqual([tree.grassrootsA1.id, tree.grassrootsA2.id].sort())
    const fromRoot = (await admin.get(`/api/v1/reports/results/children?under=${tree.root.id}&metric=agreements_signed&year=2025`)).json<ResultChildrenReport>()
    expect(fromRoot.children.map((c) => c.union.id).sort()).toEqual([tree.districtA.id, tree.districtB.id].sort())
    const fromGrassroots = (await unionOfficerA1.get('/api/v1/reports/results/children?metric=agreements_signed&year=2025')).json<ResultChildrenReport>()
    expect(fromGrassroots.children).toEqual([])
  })

  it('refuses bad periods and days in problem+json', async () => {
    expect(problem(await admin.get('/api/v1/reports/results?year=2025&asOf=2999-01-01'), 400).errors?.[0]).toMatchObject({ field: 'asOf', code: 'future_date' })
    expect(problem(await admin.get('/api/v1/reports/results?year=2025&asOf=2024-06-30'), 400).errors?.[0]).toMatchObject({ field: 'asOf', code: 'before_period' })
    expect(problem(await admin.get('/api/v1/reports/results?periodFrom=2025-01-01'), 400).errors?.[0]).toMatchObject({ field: 'periodTo', code: 'period_required' })
    expect(problem(await admin.get('/api/v1/reports/results?year=2099'), 400).errors?.[0]).toMatchObject({ field: 'periodFrom', code: 'before_period' })
    expect(problem(await admin.get('/api/v1/reports/results/children?year=2025&metric=members_admitted&sector=state'), 400).errors?.[0]).toMatchObject({ code: 'sector_share_only' })
    expect(problem(await admin.get('/api/v1/reports/results/children?year=2025&metric=chairpersons_trained_share&topic=nope'), 400).errors?.[0]).toMatchObject({ field: 'topic', code: 'topic_unknown' })
    problem(await admin.get('/api/v1/reports/results/children?year=2025&metric=nope'), 400)
    problem(await admin.get('/api/v1/reports/results/children?year=2025'), 400)
  })
})
