import type { MetricResult, ResultChildrenReport, ResultsReport, Target, TargetMetric } from '@liendoan/contracts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Client, type CreatedUnion, type TestContext, createTestApp, createUnion, createUser, loginAs } from './helpers/app.js'
import { createMember } from './helpers/members.js'
import { appointDirect } from './helpers/trainings.js'
import { createProgram } from './helpers/support.js'
import { admitMembers, certify, insertAgreement, insertPayment, rate, transferMember } from './helpers/targets.js'
import { sql } from 'drizzle-orm'

/**
 * Every metric against a fixture worked out by hand, for the year 2025. Root R holds districts X,
 * Y and Z. Grassroots units (non-state unless said):
 *   X: G1; G2 (state, founding decision 2025-03-10); G3 (established 2025-09-01, no decision)
 *   Y: G4 (moved to X on 2025-07-01); G5 (founding decision 2025-02-01, dissolved 2025-10-01);
 *      G7 (established 2024-05-01); G8 (merged into G7 on 2025-08-01)
 *   Z: G6. Z merges into X on 2025-07-01, so G6 moves under X with it.
 * At 2025-12-31 (the tree the year is read on) X holds G1 G2 G3 G4 G6; Y holds G5 (closed) G7 G8 (closed).
 *
 * Members admitted in 2025: G1 02-10, 05-05, 11-20 (+ one 2024-12-31, out) and one 06-01 who moved
 *   to G7 on 09-01 (counts where admitted); G4 03-01, 08-01; G6 04-01; G5 03-01 ×2; G8 06-01;
 *   G7 2025-12-31. → X 3+1+2+1 = 7, Y 2+1+1 = 4, Z 0, R 11.
 *   As of 2025-06-30 (tree then: G4 in Y, G6 in Z): X 3, Y 1+2+1 = 4, Z 1, R 8.
 * Founded in 2025: G2, G3 (X), G5 (Y) → X 2, Y 1, R 3.
 * Agreements signed in 2025: AG1 G1 03-01, AG2 G4 02-15 (while in Y), AG4 G6 05-20 (terminated
 *   09-01) → X 3; AG3 G7 2024-11-01 and AG5 G2 2022 are outside. Y 0.
 * In force on 2025-12-31: AG1 (G1), AG2 (G4), AG3 (G7); AG5 (G2) expired 2025-01-31, AG4 terminated.
 *   X: G1 ✓ G2 ✗ G3 ✗ G4 ✓ G6 ✗ → 2/5 = 40%; non-state 2/4 = 50%; state 0/1. Y: G7 ✓ (G5, G8 closed) → 1/1.
 *   R 3/6 = 50%. As of 2025-06-30, X holds G1 ✓ G2 ✗ (G3 not yet founded) → 1/2.
 * Payments disbursed in 2025: G1 8,500,000 (04-10); G4 6,000,000 (05-01, while in Y); X itself
 *   1,000,000 (06-01); G5 5,000,000 (03-01); G7 1,000,000 on 2024-12-20 (out); G1 3,000,000
 *   approved only (out) → X 15,500,000, Y 5,000,000, R 20,500,000.
 * Chairpersons on 2025-12-31, Labour Code 2019 certificates: G1 C1 (2024-06-01 ✓), G2 C2 (state,
 *   workplace dialogue only ✗), G4 C4 (2025-10-01 ✓), G6 C6 (✗), G7 C7 (2023 ✓), G5 C5 (unit
 *   dissolved: not counted) → X 2/4 = 50%, non-state 2/3 = 66.67%; Y 1/1; R 3/5 = 60%.
 *   On workplace dialogue: X 1/4 = 25%.
 * Ratings for 2025: G1 excellent ✓, G2 good ✓, G3 completed, G4 not_completed, G6 good ✓ → X 3/5 = 60%,
 *   state 1/1, non-state 2/4 = 50%; G7 excellent → Y 1/1 (G8 rated for 2024 only: completed).
 *   For 2024 alone Y reads G8: 0/1, rating year 2024.
 * Targets for 2025: X members 5 → 140%; X in force 80.00% → 50%; X top rated non-state 75.00% →
 *   66.67%; Y founded 3 → 33.33%.
 */

let ctx: TestContext
let root: CreatedUnion
let districtX: CreatedUnion
let districtY: CreatedUnion
let districtZ: CreatedUnion
const unit: Record<string, CreatedUnion> = {}
let admin: Client

const YEAR = 'year=2025'

beforeAll(async () => {
  ctx = await createTestApp()
  root = await createUnion(ctx, { type: 'city_federation', name: 'LĐLĐ thử nghiệm chỉ tiêu' })
  districtX = await createUnion(ctx, { parent: root, type: 'district_federation', name: 'LĐLĐ huyện X' })
  districtY = await createUnion(ctx, { parent: root, type: 'district_federation', name: 'LĐLĐ huyện Y' })
  districtZ = await createUnion(ctx, { parent: root, type: 'district_federation', name: 'LĐLĐ huyện Z' })
  const grassroots = (name: string, parent: CreatedUnion, options: { sector?: 'state' | 'non_state'; establishedOn?: string } = {}) =>
    createUnion(ctx, { parent, name: `Công ty ${name}`, sector: options.sector ?? 'non_state', ...(options.establishedOn ? { establishedOn: options.establishedOn } : {}) })
  unit.G1 = await grassroots('G1', districtX)
  unit.G2 = await grassroots('G2', districtX, { sector: 'state' })
  unit.G3 = await grassroots('G3', districtX, { establishedOn: '2025-09-01' })
  unit.G4 = await grassroots('G4', districtY)
  unit.G5 = await grassroots('G5', districtY, { establishedOn: '2025-02-01' })
  unit.G6 = await grassroots('G6', districtZ)
  unit.G7 = await grassroots('G7', districtY, { establishedOn: '2024-05-01' })
  unit.G8 = await grassroots('G8', districtY)
  await ctx.db.execute(sql`UPDATE unions SET founding_decision_date = '2025-03-10' WHERE id = ${unit.G2!.id}::uuid`)
  await ctx.db.execute(sql`UPDATE unions SET founding_decision_date = '2025-02-01' WHERE id = ${unit.G5!.id}::uuid`)
  admin = await loginAs(ctx, 'admin', root)

  // Members.
  await admitMembers(ctx, unit.G1!, ['2025-02-10', '2025-05-05', '2025-11-20', '2024-12-31'])
  const [mover] = await admitMembers(ctx, unit.G1!, ['2025-06-01'])
  await transferMember(ctx, mover!, unit.G7!, '2025-09-01')
  await admitMembers(ctx, unit.G4!, ['2025-03-01', '2025-08-01'])
  await admitMembers(ctx, unit.G6!, ['2025-04-01'])
  await admitMembers(ctx, unit.G5!, ['2025-03-01', '2025-03-01'])
  await admitMembers(ctx, unit.G8!, ['2025-06-01'])
  await admitMembers(ctx, unit.G7!, ['2025-12-31'])

  // Agreements.
  await insertAgreement(ctx, unit.G1!, { status: 'in_force', signedOn: '2025-03-01', inForceOn: '2025-04-01', expiresOn: '2027-03-31' })
  await insertAgreement(ctx, unit.G4!, { status: 'in_force', signedOn: '2025-02-15', inForceOn: '2025-03-01', expiresOn: '2028-02-28' })
  await insertAgreement(ctx, unit.G7!, { status: 'in_force', signedOn: '2024-11-01', inForceOn: '2024-12-01', expiresOn: '2026-11-30' })
  await insertAgreement(ctx, unit.G6!, { status: 'terminated', signedOn: '2025-05-20', inForceOn: '2025-06-01', expiresOn: '2027-05-31', endedOn: '2025-09-01' })
  await insertAgreement(ctx, unit.G2!, { status: 'expired', signedOn: '2022-01-01', inForceOn: '2022-02-01', expiresOn: '2025-01-31' })

  // Payments.
  const program = await createProgram(admin, root, { periodFrom: '2024-01-01', periodTo: '2026-12-31', budgetVnd: 100_000_000 })
  const approver = await createUser(ctx, 'federation_officer', root)
  const pay = (union: CreatedUnion, amountVnd: number, disbursedOn: string | null) =>
    insertPayment(ctx, { programId: program.id, union, amountVnd, disbursedOn, proposerId: admin.user.id, approverId: approver.id })
  await pay(unit.G1!, 8_500_000, '2025-04-10')
  await pay(unit.G4!, 6_000_000, '2025-05-01')
  await pay(districtX, 1_000_000, '2025-06-01')
  await pay(unit.G5!, 5_000_000, '2025-03-01')
  await pay(unit.G7!, 1_000_000, '2024-12-20')
  await pay(unit.G1!, 3_000_000, null)

  // Chairpersons and certificates.
  const chair = async (g: string, fullName: string) => {
    const person = await createMember(ctx, unit[g]!, { fullName })
    await appointDirect(ctx, unit[g]!, person, 'chairperson', '2024-01-01')
    return person
  }
  await certify(ctx, root, await chair('G1', 'Chủ Tịch Một'), 'labour_code_2019', '2024-06-01')
  await certify(ctx, root, await chair('G2', 'Chủ Tịch Hai'), 'workplace_dialogue', '2024-06-01')
  await certify(ctx, root, await chair('G4', 'Chủ Tịch Bốn'), 'labour_code_2019', '2025-10-01')
  await chair('G6', 'Chủ Tịch Sáu')
  await certify(ctx, root, await chair('G7', 'Chủ Tịch Bảy'), 'labour_code_2019', '2023-06-01')
  await certify(ctx, root, await chair('G5', 'Chủ Tịch Năm'), 'labour_code_2019', '2025-06-01')

  // Ratings.
  await rate(ctx, unit.G1!, 2025, 'excellent')
  await rate(ctx, unit.G2!, 2025, 'good')
  await rate(ctx, unit.G3!, 2025, 'completed')
  await rate(ctx, unit.G4!, 2025, 'not_completed')
  await rate(ctx, unit.G6!, 2025, 'good')
  await rate(ctx, unit.G7!, 2025, 'excellent')
  await rate(ctx, unit.G8!, 2024, 'completed')
  await rate(ctx, unit.G1!, 2024, 'not_completed')

  // The restructuring during the year.
  const ok = (response: { statusCode: number; body: string }) => expect(response.statusCode, response.body).toBe(200)
  ok(await admin.post(`/api/v1/unions/${unit.G4!.id}/move`, { newParentId: districtX.id, effectiveDate: '2025-07-01' }))
  ok(await admin.post(`/api/v1/unions/${districtZ.id}/merge`, { targetId: districtX.id, effectiveDate: '2025-07-01', reason: 'Hợp nhất hai huyện' }))
  ok(await admin.post(`/api/v1/unions/${unit.G8!.id}/merge`, { targetId: unit.G7!.id, effectiveDate: '2025-08-01', reason: 'Hợp nhất hai công đoàn cơ sở' }))
  ok(await admin.post(`/api/v1/unions/${unit.G5!.id}/dissolve`, { effectiveDate: '2025-10-01', reason: 'Doanh nghiệp giải thể' }))

  // Targets.
  const assign = async (body: Record<string, unknown>) => {
    const response = await admin.post('/api/v1/targets', { year: 2025, ...body })
    expect(response.statusCode, response.body).toBe(201)
    return response.json<Target>()
  }
  await assign({ metric: 'members_admitted', unitId: districtX.id, targetValue: 5 })
  await assign({ metric: 'agreements_in_force_share', unitId: districtX.id, targetValue: 8000 })
  await assign({ metric: 'top_rated_share', unitId: districtX.id, targetValue: 7500, sector: 'non_state' })
  await assign({ metric: 'grassroots_founded', unitId: districtY.id, targetValue: 3 })
}, 120_000)
afterAll(async () => ctx.close())

async function results(under: CreatedUnion, query = YEAR, as: Client = admin): Promise<ResultsReport> {
  const response = await as.get(`/api/v1/reports/results?under=${under.id}&${query}`)
  expect(response.statusCode, response.body).toBe(200)
  return response.json<ResultsReport>()
}

async function children(under: CreatedUnion, metric: TargetMetric, query = YEAR, as: Client = admin): Promise<ResultChildrenReport> {
  const response = await as.get(`/api/v1/reports/results/children?under=${under.id}&metric=${metric}&${query}`)
  expect(response.statusCode, response.body).toBe(200)
  return response.json<ResultChildrenReport>()
}

const row = (report: ResultsReport, metric: TargetMetric, sector: string | null = null): MetricResult => {
  const found = report.rows.find((r) => r.metric === metric && r.sector === sector)
  if (!found) throw new Error(`no row ${metric} ${sector}`)
  return found
}

const valuesOf = (report: ResultsReport) => Object.fromEntries(report.rows.filter((r) => r.sector === null).map((r) => [r.metric, r.value]))

describe('results for a unit and period', () => {
  it('computes every metric for a district from the records, with the tree as it stood at the year end', async () => {
    const x = await results(districtX)
    expect(x).toMatchObject({ under: { id: districtX.id }, periodFrom: '2025-01-01', periodTo: '2025-12-31', asOf: '2025-12-31' })
    expect(valuesOf(x)).toEqual({
      members_admitted: 7,
      grassroots_founded: 2,
      agreements_signed: 3,
      payments_disbursed_vnd: 15_500_000,
      agreements_in_force_share: 40,
      chairpersons_trained_share: 50,
      top_rated_share: 60,
    })
    expect(row(x, 'agreements_in_force_share')).toMatchObject({ numerator: 2, denominator: 5, kind: 'share', label: 'Tỷ lệ CĐCS có thỏa ước lao động tập thể còn hiệu lực' })
    expect(row(x, 'chairpersons_trained_share')).toMatchObject({ numerator: 2, denominator: 4, params: { topic: 'labour_code_2019' } })
    expect(row(x, 'top_rated_share')).toMatchObject({ numerator: 3, denominator: 5, ratingYear: 2025 })
    expect(row(x, 'members_admitted')).toMatchObject({ numerator: null, denominator: null, kind: 'count' })

    const y = await results(districtY)
    expect(valuesOf(y)).toEqual({
      members_admitted: 4,
      grassroots_founded: 1,
      agreements_signed: 0,
      payments_disbursed_vnd: 5_000_000,
      agreements_in_force_share: 100,
      chairpersons_trained_share: 100,
      top_rated_share: 100,
    })
    const r = await results(root)
    expect(valuesOf(r)).toMatchObject({ members_admitted: 11, grassroots_founded: 3, agreements_signed: 3, payments_disbursed_vnd: 20_500_000, agreements_in_force_share: 50, chairpersons_trained_share: 60 })
    expect(row(r, 'agreements_in_force_share')).toMatchObject({ numerator: 3, denominator: 6 })
    expect(row(r, 'chairpersons_trained_share')).toMatchObject({ numerator: 3, denominator: 5 })
  })

  it('gives target and achievement where one was assigned, a row per sector target, two decimals half up', async () => {
    const x = await results(districtX)
    expect(row(x, 'members_admitted')).toMatchObject({ value: 7, target: { targetValue: 5, assignedBy: { id: root.id } }, achievement: 140 })
    expect(row(x, 'agreements_in_force_share')).toMatchObject({ value: 40, target: { targetValue: 8000 }, achievement: 50 })
    expect(row(x, 'top_rated_share', 'non_state')).toMatchObject({ value: 50, numerator: 2, denominator: 4, target: { targetValue: 7500 }, achievement: 66.67 })
    expect(row(x, 'top_rated_share')).toMatchObject({ target: null, achievement: null })
    expect(row(x, 'grassroots_founded')).toMatchObject({ target: null, achievement: null })
    expect(x.rows).toHaveLength(8)
    expect(row(await results(districtY), 'grassroots_founded')).toMatchObject({ value: 1, target: { targetValue: 3 }, achievement: 33.33 })
  })

  it('computes a running period as of a day, with the tree as it stood on that day', async () => {
    const r = await results(root, `${YEAR}&asOf=2025-06-30`)
    expect(r.asOf).toBe('2025-06-30')
    expect(row(r, 'members_admitted').value).toBe(8)
    expect(row(await results(districtX, `${YEAR}&asOf=2025-06-30`), 'members_admitted').value).toBe(3)
    expect(row(await results(districtX, `${YEAR}&asOf=2025-06-30`), 'agreements_in_force_share')).toMatchObject({ numerator: 1, denominator: 2, value: 50 })
    expect(row(await results(districtZ, `${YEAR}&asOf=2025-06-30`), 'members_admitted').value).toBe(1)
    expect(row(await results(districtY, `${YEAR}&asOf=2025-06-30`), 'members_admitted').value).toBe(4)
  })

  it('reads ratings of the period’s last rated year, and a training topic of the caller’s choice in the drill-down', async () => {
    const y2024 = await results(districtY, 'year=2024')
    expect(row(y2024, 'top_rated_share')).toMatchObject({ ratingYear: 2024, numerator: 0, denominator: 1, value: 0 })
    const term = await results(districtX, 'periodFrom=2021-01-01&periodTo=2025-12-31')
    expect(row(term, 'top_rated_share')).toMatchObject({ ratingYear: 2025, numerator: 3, denominator: 5 })
    const dialogue = await children(districtX, 'chairpersons_trained_share', `${YEAR}&topic=workplace_dialogue`)
    expect(dialogue.total).toMatchObject({ numerator: 1, denominator: 4, value: 25 })
    const nonState = await children(districtX, 'chairpersons_trained_share', `${YEAR}&sector=non_state`)
    expect(nonState.total).toMatchObject({ numerator: 2, denominator: 3, value: 66.67 })
    const state = await children(districtX, 'agreements_in_force_share', `${YEAR}&sector=state`)
    expect(state.total).toMatchObject({ numerator: 0, denominator: 1, value: 0 })
  })
})

describe('drill-down to the children', () => {
  it('gives each direct child as the tree stood at the period end, children closed in the period included', async () => {
    const drill = await children(root, 'members_admitted')
    expect(drill.total).toMatchObject({ value: 11 })
    expect(drill.children.map((c) => [c.union.name, c.union.status, c.value])).toEqual([
      ['LĐLĐ huyện X', 'active', 7],
      ['LĐLĐ huyện Y', 'active', 4],
      ['LĐLĐ huyện Z', 'merged', 0],
    ])
    const x = await children(districtX, 'agreements_signed')
    expect(x.children.map((c) => [c.union.name, c.value])).toEqual([
      ['Công ty G1', 1],
      ['Công ty G2', 0],
      ['Công ty G3', 0],
      ['Công ty G4', 1],
      ['Công ty G6', 1],
    ])
    const y = await children(districtY, 'members_admitted')
    expect(y.children.map((c) => [c.union.name, c.union.status, c.value])).toEqual([
      ['Công ty G5', 'dissolved', 2],
      ['Công ty G7', 'active', 1],
      ['Công ty G8', 'merged', 1],
    ])
    // Each child's own target shows beside its figure.
    const byDistrict = await children(root, 'members_admitted')
    expect(byDistrict.children[0]).toMatchObject({ target: { targetValue: 5 }, achievement: 140 })
    const shares = await children(root, 'agreements_in_force_share')
    expect(shares.children.map((c) => [c.numerator, c.denominator])).toEqual([
      [2, 5],
      [1, 1],
      [0, 0],
    ])
  })

  it('reads the tree of an earlier day when asked as of it', async () => {
    const drill = await children(root, 'members_admitted', `${YEAR}&asOf=2025-06-30`)
    expect(drill.children.map((c) => [c.union.name, c.value])).toEqual([
      ['LĐLĐ huyện X', 3],
      ['LĐLĐ huyện Y', 4],
      ['LĐLĐ huyện Z', 1],
    ])
  })
})

describe('after a later restructuring', () => {
  it('gives the same results for the past period when units move and merge afterwards', async () => {
    const before = { x: await results(districtX), y: await results(districtY), r: await results(root), drill: await children(root, 'payments_disbursed_vnd') }
    const ok = (response: { statusCode: number; body: string }) => expect(response.statusCode, response.body).toBe(200)
    ok(await admin.post(`/api/v1/unions/${unit.G1!.id}/move`, { newParentId: districtY.id, effectiveDate: '2026-02-01' }))
    ok(await admin.post(`/api/v1/unions/${districtY.id}/merge`, { targetId: districtX.id, effectiveDate: '2026-03-01', reason: 'Tổ chức lại' }))
    expect(await results(districtX)).toEqual(before.x)
    expect(await results(districtY)).toEqual(before.y)
    expect(await results(root)).toEqual(before.r)
    expect(await children(root, 'payments_disbursed_vnd')).toEqual(before.drill)
    // The year 2026 reads the new tree: G1's 2025 records are not in it, the unit itself is under X.
    const x2026 = await children(districtX, 'members_admitted', 'year=2026&asOf=2026-06-30')
    expect(x2026.children.map((c) => c.union.name)).toContain('Công ty G1')
  })
})
