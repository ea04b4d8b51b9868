import type { DashboardReport, Problem, ResultsReport } from '@liendoan/contracts'
import { sql } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { todayInVietnam } from '../src/lib/dates.js'
import { type Client, type CreatedUnion, type TestContext, createTestApp, createTree, createUnion, loginAs, queryRows } from './helpers/app.js'
import { admissionBody } from './helpers/member-records.js'
import { createProgram } from './helpers/support.js'
import { admitMembers, certify, insertAgreement, insertPayment, rate } from './helpers/targets.js'
import { appointDirect } from './helpers/trainings.js'

/**
 * The dashboard against a fixture worked out by hand, with today's date (the figures "this year"
 * are the current year's), and the summaries the triggers keep checked against a recount of the
 * records after admissions, transfers, edits, departures, re-admissions and erasures.
 */

const today = todayInVietnam()
const year = Number(today.slice(0, 4))
const lastYear = year - 1

let ctx: TestContext
let tree: Awaited<ReturnType<typeof createTree>>
let extra: CreatedUnion
let admin: Client
let officerA: Client

/** Summary rows of the units under `root` beside the same figures recounted from the records. */
async function summaryMismatches(root: { id: string }) {
  const under = sql`(SELECT u.id FROM unions u WHERE strpos(u.path, '/' || ${root.id}::text || '/') > 0)`
  return queryRows<{ kind: string; union_id: string; key: string; summary: number; records: number }>(
    ctx,
    sql`WITH counted AS (
          SELECT m.union_id, count(*)::int AS active, (count(*) FILTER (WHERE m.gender = 'female'))::int AS female
            FROM members m WHERE m.status = 'active' AND m.union_id IN ${under} GROUP BY m.union_id),
        admitted AS (
          SELECT coalesce(fm.union_id, m.union_id) AS union_id, to_char(m.admitted_on, 'YYYY-MM') AS month, count(*)::int AS admitted
            FROM members m
            LEFT JOIN LATERAL (SELECT ms.union_id FROM memberships ms WHERE ms.member_id = m.id ORDER BY ms.started_on, ms.id LIMIT 1) fm ON true
           GROUP BY 1, 2)
        SELECT 'active' AS kind, coalesce(c.union_id, s.union_id)::text AS union_id, '' AS key,
               coalesce(s.active, 0) AS summary, coalesce(c.active, 0) AS records
          FROM counted c FULL JOIN (SELECT * FROM union_member_counts WHERE union_id IN ${under}) s ON s.union_id = c.union_id
         WHERE coalesce(s.active, 0) <> coalesce(c.active, 0) OR coalesce(s.active_female, 0) <> coalesce(c.female, 0)
        UNION ALL
        SELECT 'admitted', coalesce(a.union_id, s.union_id)::text, coalesce(a.month, to_char(s.month, 'YYYY-MM')),
               coalesce(s.admitted, 0), coalesce(a.admitted, 0)
          FROM (SELECT * FROM admitted WHERE union_id IN ${under}) a
          FULL JOIN (SELECT * FROM union_admission_months WHERE union_id IN ${under}) s ON s.union_id = a.union_id AND to_char(s.month, 'YYYY-MM') = a.month
         WHERE coalesce(s.admitted, 0) <> coalesce(a.admitted, 0)`,
  )
}

const monthOf = (month: number) => `${year}-${String(month).padStart(2, '0')}`
const dayOf = (month: number, day: number) => `${monthOf(month)}-${String(day).padStart(2, '0')}`
/** Months of this year that have begun (January to today's month). */
const monthsSoFar = Number(today.slice(5, 7))
/** A day of this year not after today: the given one, or today when it has not come yet. */
const pastDay = (month: number, day: number) => (dayOf(month, day) <= today ? dayOf(month, day) : today)

async function dashboard(c: Client, query = ''): Promise<DashboardReport> {
  const response = await c.get(`/api/v1/reports/dashboard${query}`)
  expect(response.statusCode, response.body).toBe(200)
  return response.json<DashboardReport>()
}

beforeAll(async () => {
  ctx = await createTestApp()
  tree = await createTree(ctx)
  extra = await createUnion(ctx, { parent: tree.districtA, name: 'CĐCS Bệnh viện huyện thử', sector: 'state' })
  admin = await loginAs(ctx, 'admin', tree.root)
  officerA = await loginAs(ctx, 'federation_officer', tree.districtA)
})

afterAll(async () => {
  await ctx?.close()
})

describe('the summaries kept by triggers', () => {
  it('match a recount of the records after every kind of change', async () => {
    // Bulk: the records as history left them (several statements of many rows).
    const a1 = await admitMembers(ctx, tree.grassrootsA1, [`${lastYear}-03-05`, `${lastYear}-03-20`, pastDay(1, 10), pastDay(1, 11), pastDay(2, 3)])
    await admitMembers(ctx, tree.grassrootsA2, [`${lastYear}-12-31`, pastDay(1, 1)])
    await admitMembers(ctx, tree.grassrootsB1, [pastDay(1, 2)])
    expect(await summaryMismatches(tree.root)).toEqual([])

    // Through the API: an admission, a direct transfer, an edit of the admission date, a departure,
    // a re-admission elsewhere and an erasure.
    const admitted = await officerA.post('/api/v1/members', admissionBody(tree.grassrootsA1, { gender: 'male', admittedOn: today }))
    expect(admitted.statusCode, admitted.body).toBe(201)
    const memberId = admitted.json<{ id: string }>().id
    const moved = await officerA.post(`/api/v1/members/${a1[0]}/transfers`, { toUnionId: tree.grassrootsA2.id, effectiveDate: today, reason: 'Chuyển công tác' })
    expect(moved.statusCode, moved.body).toBeLessThan(300)
    const read = await officerA.get(`/api/v1/members/${a1[1]}`)
    const edited = await officerA.patch(`/api/v1/members/${a1[1]}`, { admittedOn: `${lastYear}-04-02` }, { 'if-match': read.headers.etag as string })
    expect(edited.statusCode, edited.body).toBe(200)
    const left = await officerA.post(`/api/v1/members/${a1[2]}/status`, { status: 'left', effectiveDate: today, reason: 'Nghỉ việc' })
    expect(left.statusCode, left.body).toBe(200)
    const back = await officerA.post(`/api/v1/members/${a1[2]}/readmission`, { unionId: extra.id, admittedOn: today })
    expect(back.statusCode, back.body).toBeLessThan(300)
    const gone = await officerA.post(`/api/v1/members/${memberId}/status`, { status: 'left', effectiveDate: today, reason: 'Nghỉ việc' })
    expect(gone.statusCode, gone.body).toBe(200)
    const erased = await admin.post(`/api/v1/members/${memberId}/erasure`, { requestedOn: today, reason: 'Đoàn viên yêu cầu xóa dữ liệu' })
    expect(erased.statusCode, erased.body).toBeLessThan(300)
    expect(await summaryMismatches(tree.root)).toEqual([])

    // A statement that changes nothing the summaries hold, and one that rolls back, leave them as they were.
    await ctx.db.execute(sql`UPDATE members SET full_name = full_name WHERE union_id = ${tree.grassrootsA1.id}::uuid`)
    await expect(
      ctx.db.transaction(async (tx) => {
        await tx.execute(sql`UPDATE members SET status = 'left', status_date = ${today}::date WHERE union_id = ${tree.grassrootsA2.id}::uuid`)
        throw new Error('rolled back')
      }),
    ).rejects.toThrow('rolled back')
    expect(await summaryMismatches(tree.root)).toEqual([])
  })
})

describe('the dashboard', () => {
  let fixture: CreatedUnion
  let g1: CreatedUnion
  let g2: CreatedUnion
  let g3: CreatedUnion

  /*
   * Fixture F (a district) with G1 (non-state), G2 (state), G3 (non-state, dissolved today), and
   * a neighbouring district's unit that must never count.
   *   members: G1 4 active (3 female) admitted last year in March (2) and this year in January
   *   (2); G2 2 active (1 female) admitted this year in January; G3 1 member admitted last year.
   *   agreements in force today: G1 one; G2 one that expired last year.
   *   chairpersons: G1's (trained on labour_code_2019), G2's (not trained).
   *   ratings last year (the 2024 scale): G1 good, G2 excellent, G3 not completed.
   */
  beforeAll(async () => {
    fixture = await createUnion(ctx, { parent: tree.root, type: 'district_federation', name: 'LĐLĐ huyện bảng điều khiển' })
    g1 = await createUnion(ctx, { parent: fixture, name: 'CĐCS Công ty Bảng Một', establishedOn: '2015-01-01' })
    g2 = await createUnion(ctx, { parent: fixture, name: 'CĐCS Trường Bảng Hai', sector: 'state', establishedOn: '2015-01-01' })
    g3 = await createUnion(ctx, { parent: fixture, name: 'CĐCS Công ty Bảng Ba', establishedOn: '2015-01-01' })
    await ctx.db.execute(sql`UPDATE unions SET founding_decision_date = ${pastDay(1, 5)}::date WHERE id = ${g2.id}::uuid`)
    const g1Members = await admitMembers(ctx, g1, [`${lastYear}-03-01`, `${lastYear}-03-02`, pastDay(1, 3), pastDay(1, 4)])
    const g2Members = await admitMembers(ctx, g2, [pastDay(1, 5), pastDay(1, 6)])
    await admitMembers(ctx, g3, [`${lastYear}-06-01`])
    // admitMembers alternates genders starting with female: G1 gets 2 female, 2 male; make 3 female.
    await ctx.db.execute(sql`UPDATE members SET gender = 'female' WHERE id = ${g1Members[1]!}::uuid`)
    await insertAgreement(ctx, g1, { signedOn: `${lastYear}-01-10`, inForceOn: `${lastYear}-02-01`, expiresOn: `${year + 1}-01-31`, status: 'in_force' })
    await insertAgreement(ctx, g2, { signedOn: `${lastYear - 3}-01-10`, inForceOn: `${lastYear - 3}-02-01`, expiresOn: `${lastYear}-01-31`, status: 'expired' })
    await appointDirect(ctx, g1, { id: g1Members[0]! }, 'chairperson', `${lastYear}-01-01`)
    await appointDirect(ctx, g2, { id: g2Members[0]! }, 'chairperson', pastDay(1, 6))
    await certify(ctx, fixture, { id: g1Members[0]!, unionId: g1.id }, 'labour_code_2019', `${lastYear}-05-01`)
    await rate(ctx, g1, lastYear, 'good')
    await rate(ctx, g2, lastYear, 'excellent')
    await rate(ctx, g3, lastYear, 'not_completed')
    const dissolved = await admin.post(`/api/v1/unions/${g3.id}/dissolve`, { effectiveDate: today, reason: 'Doanh nghiệp giải thể', decisionNumber: '12/QĐ-LĐLĐ' })
    expect(dissolved.statusCode, dissolved.body).toBe(200)
  })

  it('answers every figure of the fixture for today', async () => {
    const report = await dashboard(admin, `?under=${fixture.id}`)
    expect(report.under).toMatchObject({ id: fixture.id, name: fixture.name })
    expect(report).toMatchObject({ asOf: today, year })
    // G3 is dissolved today: its member's record is still active, but no longer under the unit.
    expect(report.members).toEqual({ active: 6, female: 4, admittedThisYear: 4 })
    expect(report.admissionsByMonth).toHaveLength(monthsSoFar)
    expect(report.admissionsByMonth[0]).toEqual({ month: monthOf(1), admitted: 4 })
    expect(report.admissionsByMonth.slice(1).every((month) => month.admitted === 0)).toBe(true)
    expect(report.admissionsByYear).toEqual([
      { year: year - 4, admitted: 0 },
      { year: year - 3, admitted: 0 },
      { year: year - 2, admitted: 0 },
      { year: lastYear, admitted: 3 },
      { year, admitted: 4 },
    ])
    expect(report.grassroots).toEqual({ active: 2, bySector: [{ sector: 'non_state', active: 1 }, { sector: 'state', active: 1 }], foundedThisYear: 1 })
    expect(report.agreements).toEqual({ inForce: 1, coverage: { part: 1, whole: 2, percent: 50 } })
    expect(report.chairpersonsTrained).toEqual({ topic: expect.objectContaining({ code: 'labour_code_2019' }), share: { part: 1, whole: 2, percent: 50 } })
    expect(report.ratings.year).toBe(lastYear)
    const nonState = report.ratings.bySector.find((row) => row.sector === 'non_state')!
    const state = report.ratings.bySector.find((row) => row.sector === 'state')!
    expect(nonState.strongOrBetter).toEqual({ part: 1, whole: 2, percent: 50 })
    expect(state.strongOrBetter).toEqual({ part: 1, whole: 1, percent: 100 })
    expect(nonState.grades.map((grade) => [grade.code, grade.count])).toEqual([
      ['excellent', 0],
      ['good', 1],
      ['completed', 0],
      ['not_completed', 1],
    ])
  })

  it('agrees with the targets’ results for the figures they share', async () => {
    const response = await admin.get(`/api/v1/reports/results?under=${fixture.id}&year=${year}`)
    expect(response.statusCode, response.body).toBe(200)
    const results = response.json<ResultsReport>()
    const value = (metric: string) => results.rows.find((row) => row.metric === metric && row.sector === null)!
    const report = await dashboard(admin, `?under=${fixture.id}`)
    expect(value('members_admitted').value).toBe(report.members.admittedThisYear)
    expect(value('grassroots_founded').value).toBe(report.grassroots.foundedThisYear)
    expect(value('agreements_in_force_share')).toMatchObject({ numerator: report.agreements.coverage.part, denominator: report.agreements.coverage.whole })
    expect(value('chairpersons_trained_share')).toMatchObject({ numerator: report.chairpersonsTrained.share.part, denominator: report.chairpersonsTrained.share.whole })
  })

  it('reads a past day from the records’ dates', async () => {
    // On 31 December last year: G3 still active, its member too; only last year's admissions.
    const report = await dashboard(admin, `?under=${fixture.id}&asOf=${lastYear}-12-31`)
    expect(report).toMatchObject({ asOf: `${lastYear}-12-31`, year: lastYear })
    expect(report.members).toEqual({ active: 3, female: 3, admittedThisYear: 3 })
    expect(report.grassroots.active).toBe(3)
    expect(report.admissionsByMonth).toHaveLength(12)
    expect(report.admissionsByMonth[2]).toEqual({ month: `${lastYear}-03`, admitted: 2 })
    // Mid-month: the summary's whole month is corrected from the records (1 of March's 2).
    const midMarch = await dashboard(admin, `?under=${fixture.id}&asOf=${lastYear}-03-01`)
    expect(midMarch.admissionsByMonth.at(-1)).toEqual({ month: `${lastYear}-03`, admitted: 1 })
    expect(midMarch.members.admittedThisYear).toBe(1)
  })

  it('shows the support programmes that concern the unit, with what reached it this year', async () => {
    const city = await loginAs(ctx, 'admin', tree.root)
    const checker = await loginAs(ctx, 'admin', tree.root)
    const program = await createProgram(city, tree.root, { periodFrom: `${year}-01-01`, periodTo: `${year}-12-31`, budgetVnd: 50_000_000 })
    await insertPayment(ctx, { programId: program.id, union: g1, amountVnd: 2_000_000, disbursedOn: pastDay(1, 20), proposerId: city.user.id, approverId: checker.user.id })
    await insertPayment(ctx, { programId: program.id, union: tree.grassrootsB1, amountVnd: 3_000_000, disbursedOn: pastDay(1, 20), proposerId: city.user.id, approverId: checker.user.id })
    const report = await dashboard(admin, `?under=${fixture.id}`)
    const shown = report.support.programs.find((item) => item.id === program.id)
    expect(shown).toMatchObject({ union: { id: tree.root.id }, disbursedUnderVnd: 2_000_000, figures: { budgetVnd: 50_000_000 } })
    const sibling = await dashboard(admin, `?under=${tree.districtB.id}`)
    expect(sibling.support.programs.find((item) => item.id === program.id)?.disbursedUnderVnd).toBe(3_000_000)
  })

  it('is seen only inside scope, and refuses a day in the future', async () => {
    const sibling = await loginAs(ctx, 'union_officer', tree.grassrootsB1)
    expect((await sibling.get(`/api/v1/reports/dashboard?under=${fixture.id}`)).statusCode).toBe(404)
    const own = await dashboard(sibling)
    expect(own.under.id).toBe(tree.grassrootsB1.id)
    const viewer = await loginAs(ctx, 'viewer', fixture)
    expect((await dashboard(viewer)).members.active).toBe(6)
    const future = await admin.get(`/api/v1/reports/dashboard?under=${fixture.id}&asOf=${year + 1}-01-01`)
    expect(future.statusCode).toBe(400)
    expect(future.json<Problem>().errors?.[0]).toMatchObject({ field: 'asOf', code: 'future_date' })
    expect((await admin.get('/api/v1/reports/dashboard?under=not-a-uuid')).statusCode).toBe(400)
  })
})

describe('the results workbook', () => {
  it('holds the unit’s results and every metric for each child', async () => {
    const response = await admin.get(`/api/v1/reports/results.xlsx?under=${tree.districtA.id}&year=${year}`)
    expect(response.statusCode, response.body).toBe(200)
    expect(response.headers['content-type']).toContain('spreadsheetml')
    expect(response.headers['content-disposition']).toContain('.xlsx')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer)
    const [summary, children] = workbook.worksheets
    expect(summary?.name).toBe('Kết quả')
    const summaryRows = summary!.getSheetValues().filter(Boolean) as unknown[][]
    const admittedRow = summaryRows.find((row) => row.includes('Kết nạp đoàn viên mới'))
    const results = (await admin.get(`/api/v1/reports/results?under=${tree.districtA.id}&year=${year}`)).json<ResultsReport>()
    expect(admittedRow).toContain(results.rows.find((row) => row.metric === 'members_admitted')!.value)
    const childRows = (children!.getSheetValues().filter(Boolean) as unknown[][]).filter((row) => row.includes(tree.grassrootsA1.code))
    // One row per metric for each child.
    expect(childRows).toHaveLength(7)
    const outside = await loginAs(ctx, 'union_officer', tree.grassrootsB1)
    expect((await outside.get(`/api/v1/reports/results.xlsx?under=${tree.districtA.id}&year=${year}`)).statusCode).toBe(404)
  })
})
