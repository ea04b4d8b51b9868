import type { ResultsReport, Target } from '@liendoan/contracts'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Client, type CreatedUnion, type TestContext, createTestApp, createUnion, loginAs } from './helpers/app.js'
import { addDays } from './helpers/agreements.js'
import { admitMembers } from './helpers/targets.js'

/**
 * Seed 004: over five years (2021–2025) a district federation founded 101 new grassroots unions
 * against a target of 88 (114.77%) and admitted 4,504 new members against 3,800 (118.53%).
 * The records are written in bulk, with neighbours outside the period on both sides, and one
 * of the unions moves to another district after the period (it still counts where it stood).
 */

let ctx: TestContext
let city: CreatedUnion
let district: CreatedUnion
let otherDistrict: CreatedUnion
let admin: Client

const TERM = 'periodFrom=2021-01-01&periodTo=2025-12-31'

beforeAll(async () => {
  ctx = await createTestApp()
  city = await createUnion(ctx, { type: 'city_federation', name: 'LĐLĐ thành phố thử nghiệm seed 004' })
  district = await createUnion(ctx, { parent: city, type: 'district_federation', name: 'LĐLĐ huyện Phúc Thọ (seed 004)' })
  otherDistrict = await createUnion(ctx, { parent: city, type: 'district_federation', name: 'LĐLĐ huyện bên cạnh' })
  admin = await loginAs(ctx, 'admin', city)

  // 101 unions founded over the five years (the founding decision spreads them out), plus one
  // founded in 2020 and one in 2026 that are not in the period.
  const founded: CreatedUnion[] = []
  for (let index = 0; index < 101; index++) {
    const union = await createUnion(ctx, { parent: district, name: `CĐCS Công ty Thành Lập ${String(index + 1).padStart(3, '0')}`, establishedOn: '2015-01-01' })
    await ctx.db.execute(sql`UPDATE unions SET founding_decision_date = ${addDays('2021-01-01', index * 18)}::date WHERE id = ${union.id}::uuid`)
    founded.push(union)
  }
  const early = await createUnion(ctx, { parent: district, name: 'CĐCS thành lập năm 2020', establishedOn: '2020-12-31' })
  await createUnion(ctx, { parent: district, name: 'CĐCS thành lập năm 2026', establishedOn: '2026-01-02' })

  // 4,504 members admitted on days across the five years, spread over the unions; 30 admitted
  // the day before and 20 the day after the period.
  const days = Array.from({ length: 4504 }, (_, index) => addDays('2021-01-01', index % 1826))
  expect(days.at(-1)! <= '2025-12-31').toBe(true)
  for (let start = 0; start < founded.length; start++) {
    await admitMembers(
      ctx,
      founded[start]!,
      days.filter((_, index) => index % founded.length === start),
    )
  }
  await admitMembers(ctx, early, Array.from({ length: 30 }, () => '2020-12-31'))
  await admitMembers(ctx, founded[0]!, Array.from({ length: 20 }, () => '2026-01-01'))

  // After the period, one of the unions moves to the neighbouring district.
  const moved = await admin.post(`/api/v1/unions/${founded[5]!.id}/move`, { newParentId: otherDistrict.id, effectiveDate: '2026-02-01' })
  expect(moved.statusCode, moved.body).toBe(200)

  for (const [metric, targetValue] of [
    ['grassroots_founded', 88],
    ['members_admitted', 3800],
  ] as const) {
    const response = await admin.post('/api/v1/targets', { metric, unitId: district.id, periodFrom: '2021-01-01', periodTo: '2025-12-31', targetValue, note: 'Nghị quyết Đại hội nhiệm kỳ 2020–2025' })
    expect(response.statusCode, response.body).toBe(201)
    expect(response.json<Target>()).toMatchObject({ metric, targetValue, assignedBy: { id: city.id }, unit: { id: district.id } })
  }
}, 180_000)
afterAll(async () => ctx.close())

describe('seed 004 reproduced from records', () => {
  it('101 grassroots unions founded against 88 is 114.77%; 4,504 members admitted against 3,800 is 118.53%', async () => {
    const response = await admin.get(`/api/v1/reports/results?under=${district.id}&${TERM}`)
    expect(response.statusCode, response.body).toBe(200)
    const report = response.json<ResultsReport>()
    expect(report).toMatchObject({ periodFrom: '2021-01-01', periodTo: '2025-12-31', asOf: '2025-12-31' })
    const row = (metric: string) => report.rows.find((r) => r.metric === metric && r.sector === null)
    expect(row('grassroots_founded')).toMatchObject({ value: 101, target: { targetValue: 88 }, achievement: 114.77 })
    expect(row('members_admitted')).toMatchObject({ value: 4504, target: { targetValue: 3800 }, achievement: 118.53 })
  })

  it('a district officer sees the same figures for their own district', async () => {
    const officer = await loginAs(ctx, 'viewer', district)
    const report = (await officer.get(`/api/v1/reports/results?${TERM}`)).json<ResultsReport>()
    expect(report.under.id).toBe(district.id)
    expect(report.rows.find((r) => r.metric === 'members_admitted')).toMatchObject({ value: 4504, achievement: 118.53 })
    expect(report.rows.find((r) => r.metric === 'grassroots_founded')).toMatchObject({ value: 101, achievement: 114.77 })
  })
})
