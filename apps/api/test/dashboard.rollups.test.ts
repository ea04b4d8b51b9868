import { type DashboardReport, Sectors, TargetMetricDefinitions, TargetMetrics } from '@liendoan/contracts'
import { type SQL, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RequestContext } from '../src/lib/actor.js'
import { todayInVietnam } from '../src/lib/dates.js'
import { createDashboardService } from '../src/modules/dashboard/dashboard.service.js'
import { computeMetric } from '../src/modules/targets/target-metrics.js'
import { createUnionsService } from '../src/modules/unions/unions.service.js'
import { type Client, type CreatedUnion, type TestContext, createTestApp, createTree, createUnion, loginAs, queryRows } from './helpers/app.js'
import { createProgram } from './helpers/support.js'
import { admitMembers, certify, insertAgreement, insertPayment, rate, transferMember } from './helpers/targets.js'
import { appointDirect } from './helpers/trainings.js'

/**
 * Today's dashboard reads the rollups the triggers keep (union_figure_rollups). Two checks after
 * every kind of change: the dashboard from the rollups equals the dashboard read from the records
 * (the path past days take, tested against a hand-worked fixture in dashboard.test.ts), for every
 * unit of the tree, and so does every metric of the targets' results; and the rollups kept change
 * by change equal a rebuild from scratch.
 */

const today = todayInVietnam()
const year = Number(today.slice(0, 4))
const lastYear = year - 1
/** A day of this year not after today. */
const thisYearDay = (month: number, day: number) => {
  const candidate = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
  return candidate <= today ? candidate : today
}

let ctx: TestContext
let tree: Awaited<ReturnType<typeof createTree>>
let admin: Client
let units: CreatedUnion[]

type FigureRow = { union_id: string; figure: string; day: string; value: string }

/**
 * The rollups and own changes of this file's tree as kept, beside what a rebuild would write
 * (read only: the database may be shared with other test files running at the same time).
 * Folding is applied to both sides, as the rebuild folds.
 */
async function keptAndRebuilt(): Promise<{ kept: FigureRow[][]; rebuilt: FigureRow[][] }> {
  const treeUnits = sql`(SELECT u.id, u.path FROM unions u WHERE strpos(u.path, '/' || ${tree.root.id}::text || '/') > 0)`
  const folded = (rows: SQL) => sql`SELECT x.union_id::text, x.figure, liendoan_fold_day(x.figure, x.day)::text AS day, sum(x.value)::text AS value
      FROM (${rows}) x GROUP BY 1, 2, 3 HAVING sum(x.value) <> 0 ORDER BY 1, 2, 3`
  const [keptRollups, keptChanges, rebuiltRollups, rebuiltChanges] = await Promise.all([
    queryRows<FigureRow>(ctx, folded(sql`SELECT r.union_id, r.figure, r.day, r.value FROM union_figure_rollups r JOIN ${treeUnits} t ON t.id = r.union_id`)),
    queryRows<FigureRow>(ctx, folded(sql`SELECT c.union_id, c.figure, c.day, c.value FROM union_figure_changes c JOIN ${treeUnits} t ON t.id = c.union_id`)),
    queryRows<FigureRow>(
      ctx,
      folded(sql`SELECT a.id AS union_id, s.figure, s.day, s.value
                   FROM ${treeUnits} a JOIN unions d ON strpos(d.path, '/' || a.id::text || '/') > 0
                   JOIN (SELECT f.union_id, f.figure, f.day, f.value FROM liendoan_union_own_figures(ARRAY(SELECT t.id FROM ${treeUnits} t)) f
                         UNION ALL
                         -- The members' summaries (the view's other rows are the kept own changes).
                         SELECT s.union_id, s.figure, s.day, s.value FROM union_figure_sources s
                          WHERE s.figure = 'admitted' OR (s.figure IN ('members_active', 'members_female') AND s.day = '-infinity')) s
                     ON s.union_id = d.id`),
    ),
    queryRows<FigureRow>(ctx, folded(sql`SELECT f.union_id, f.figure, f.day, f.value FROM liendoan_union_own_figures(ARRAY(SELECT t.id FROM ${treeUnits} t)) f`)),
  ])
  return { kept: [keptRollups, keptChanges], rebuilt: [rebuiltRollups, rebuiltChanges] }
}

/** Both readings of today's dashboard for every unit of the tree. */
async function compareEveryUnit() {
  const dashboards = createDashboardService({ db: ctx.db, unions: createUnionsService({ db: ctx.db }) })
  const context: RequestContext = { actor: { userId: admin.user.id, role: 'admin', unionId: tree.root.id }, requestId: 'rollups-test' }
  const readings: { unit: string; rollups: DashboardReport; records: DashboardReport }[] = []
  for (const unit of units) {
    readings.push({
      unit: unit.name,
      rollups: await dashboards.dashboard(context, { under: unit.id }),
      records: await dashboards.dashboard(context, { under: unit.id }, 'records'),
    })
  }
  return readings
}

/** Every metric the targets' results compute, for every unit at once, from both readings. */
async function expectMetricsMatchRecords() {
  const [topic] = await queryRows<{ id: string }>(ctx, sql`SELECT id FROM training_topics WHERE code = 'labour_code_2019'`)
  const roots = units.map((unit) => unit.id)
  const periods = [`${year}-01-01`, `${lastYear}-01-01`, `${year - 3}-01-01`, `${year}-02-01`]
  let compared = 0
  for (const metric of TargetMetrics) {
    for (const from of periods) {
      for (const sector of [undefined, ...Sectors]) {
        if (sector && TargetMetricDefinitions[metric].kind !== 'share') continue
        const request = { metric, from, day: today, sector, topicId: topic?.id }
        const label = `${metric} from ${from} ${sector ?? ''}`
        expect(Object.fromEntries(await computeMetric(ctx.db, roots, request)), label).toEqual(Object.fromEntries(await computeMetric(ctx.db, roots, request, 'records')))
        compared += 1
      }
    }
  }
  expect(compared).toBeGreaterThan(30)
}

async function expectRollupsMatchRecords() {
  for (const reading of await compareEveryUnit()) expect(reading.rollups, reading.unit).toEqual(reading.records)
  await expectMetricsMatchRecords()
}

async function expectRollupsMatchRebuild() {
  const { kept, rebuilt } = await keptAndRebuilt()
  expect(kept[0]!.length).toBeGreaterThan(0)
  expect(kept).toEqual(rebuilt)
}

beforeAll(async () => {
  ctx = await createTestApp()
  tree = await createTree(ctx)
  admin = await loginAs(ctx, 'admin', tree.root)
})

afterAll(async () => {
  await ctx?.close()
})

describe('the dashboard’s rollups', () => {
  let g1: CreatedUnion
  let g2: CreatedUnion
  let g3: CreatedUnion
  let g1Members: string[]

  beforeAll(async () => {
    g1 = await createUnion(ctx, { parent: tree.districtA, name: 'CĐCS Công ty Cuộn Một', establishedOn: '2015-01-01' })
    g2 = await createUnion(ctx, { parent: tree.districtA, name: 'CĐCS Trường Cuộn Hai', sector: 'state', establishedOn: '2016-01-01' })
    g3 = await createUnion(ctx, { parent: tree.districtB, name: 'CĐCS Công ty Cuộn Ba', establishedOn: '2017-01-01' })
    units = [tree.root, tree.districtA, tree.districtB, tree.grassrootsA1, tree.grassrootsA2, tree.grassrootsB1, g1, g2, g3]
  })

  it('start equal to the records and to a rebuild', async () => {
    await expectRollupsMatchRecords()
    await expectRollupsMatchRebuild()
  })

  it('follow admissions, transfers, departures and edits of members', async () => {
    g1Members = await admitMembers(ctx, g1, [`${lastYear}-03-01`, `${lastYear}-11-20`, thisYearDay(1, 3), thisYearDay(1, 4), thisYearDay(2, 1)])
    const g2Members = await admitMembers(ctx, g2, [thisYearDay(1, 5), `${year - 3}-06-01`])
    await admitMembers(ctx, g3, [`${lastYear}-06-01`, thisYearDay(1, 9)])
    await transferMember(ctx, g1Members[4]!, g3, thisYearDay(2, 2))
    await ctx.db.execute(sql`UPDATE members SET status = 'left', status_date = ${thisYearDay(2, 3)}::date WHERE id = ${g2Members[1]!}::uuid`)
    await ctx.db.execute(sql`UPDATE members SET gender = 'female' WHERE id = ${g1Members[1]!}::uuid`)
    await ctx.db.execute(sql`UPDATE members SET admitted_on = ${`${lastYear}-12-01`}::date WHERE id = ${g1Members[0]!}::uuid`)
    await expectRollupsMatchRecords()
    await expectRollupsMatchRebuild()
  })

  it('follow agreements, officers, certificates, ratings and payments', async () => {
    await insertAgreement(ctx, g1, { signedOn: `${lastYear}-01-10`, inForceOn: `${lastYear}-02-01`, expiresOn: `${year + 1}-01-31`, status: 'in_force' })
    // Two overlapping agreements cover a union once.
    await insertAgreement(ctx, g1, { signedOn: `${lastYear}-05-10`, inForceOn: `${lastYear}-06-01`, expiresOn: `${year + 2}-05-31`, status: 'in_force' })
    await insertAgreement(ctx, g2, { signedOn: `${year - 4}-01-10`, inForceOn: `${year - 4}-02-01`, expiresOn: `${lastYear}-01-31`, status: 'expired' })
    // One still being negotiated: no dates, so never in force.
    const negotiating = await insertAgreement(ctx, g2, { signedOn: thisYearDay(1, 2), inForceOn: thisYearDay(1, 2), expiresOn: `${year + 2}-01-01`, status: 'in_force' })
    await ctx.db.execute(
      sql`UPDATE agreements SET status = 'negotiating', signed_on = NULL, effective_on = NULL, in_force_on = NULL, expires_on = NULL WHERE id = ${negotiating}::uuid`,
    )
    await insertAgreement(ctx, g3, { signedOn: `${lastYear}-01-10`, inForceOn: `${lastYear}-02-01`, expiresOn: `${year + 1}-01-31`, endedOn: thisYearDay(1, 15), status: 'terminated' })
    await appointDirect(ctx, g1, { id: g1Members[0]! }, 'chairperson', `${lastYear}-01-01`)
    await appointDirect(ctx, g3, { id: g1Members[4]! }, 'chairperson', thisYearDay(2, 2))
    await certify(ctx, tree.districtA, { id: g1Members[0]!, unionId: g1.id }, 'labour_code_2019', `${lastYear}-05-01`)
    await certify(ctx, tree.districtB, { id: g1Members[4]!, unionId: g3.id }, 'labour_code_2019', `${lastYear}-05-01`)
    await ctx.db.execute(sql`UPDATE training_certificates SET status = 'revoked', revoked_on = ${thisYearDay(1, 20)}::date WHERE member_id = ${g1Members[4]!}::uuid`)
    // Checked here too: the ratings and payments below recompute these units' figures anyway.
    await expectRollupsMatchRecords()
    await rate(ctx, g1, lastYear, 'good')
    await rate(ctx, g2, lastYear, 'excellent')
    await rate(ctx, g3, lastYear, 'not_completed')
    await rate(ctx, g1, lastYear - 1, 'excellent')
    const checker = await loginAs(ctx, 'admin', tree.root)
    const program = await createProgram(admin, tree.root, { periodFrom: `${year}-01-01`, periodTo: `${year}-12-31`, budgetVnd: 90_000_000 })
    await insertPayment(ctx, { programId: program.id, union: g1, amountVnd: 2_000_000, disbursedOn: thisYearDay(1, 20), proposerId: admin.user.id, approverId: checker.user.id })
    await insertPayment(ctx, { programId: program.id, union: g3, amountVnd: 3_000_000, disbursedOn: thisYearDay(1, 21), proposerId: admin.user.id, approverId: checker.user.id })
    await insertPayment(ctx, { programId: program.id, union: g2, amountVnd: 1_000_000, disbursedOn: null, proposerId: admin.user.id, approverId: checker.user.id })
    const report = (await compareEveryUnit()).find((reading) => reading.unit === tree.root.name)!.rollups
    // What the records give is checked by hand in dashboard.test.ts; here, that the figures are not all zero.
    expect(report.agreements.inForce).toBe(2)
    expect(report.agreements.coverage).toMatchObject({ part: 1 })
    expect(report.chairpersonsTrained.share).toMatchObject({ part: 1, whole: 2 })
    expect(report.support.programs.find((item) => item.id === program.id)?.disbursedUnderVnd).toBe(5_000_000)
    await expectRollupsMatchRecords()
    await expectRollupsMatchRebuild()
  })

  it('follow a move, a merger and a dissolution', async () => {
    const moved = await admin.post(`/api/v1/unions/${g2.id}/move`, { newParentId: tree.districtB.id, effectiveDate: thisYearDay(2, 10) })
    expect(moved.statusCode, moved.body).toBe(200)
    const merged = await admin.post(`/api/v1/unions/${tree.grassrootsA1.id}/merge`, { targetId: g1.id, effectiveDate: thisYearDay(2, 11), reason: 'Hợp nhất' })
    expect(merged.statusCode, merged.body).toBe(200)
    const dissolved = await admin.post(`/api/v1/unions/${g3.id}/dissolve`, { effectiveDate: today, reason: 'Doanh nghiệp giải thể', decisionNumber: '13/QĐ-LĐLĐ' })
    expect(dissolved.statusCode, dissolved.body).toBe(200)
    const districtB = (await compareEveryUnit()).find((reading) => reading.unit === tree.districtB.name)!
    expect(districtB.rollups.grassroots.bySector).toContainEqual({ sector: 'state', active: 1 })
    await expectRollupsMatchRecords()
    await expectRollupsMatchRebuild()
  })

  it('follow a unit moved with the branch below it', async () => {
    const unit = await createUnion(ctx, { parent: tree.districtA, name: 'CĐCS Công ty Di Chuyển', establishedOn: '2018-01-01' })
    const branch = await createUnion(ctx, { parent: unit, type: 'branch', name: 'Tổ công đoàn Phân xưởng 1' })
    units.push(unit, branch)
    await admitMembers(ctx, unit, [thisYearDay(1, 6), thisYearDay(1, 7)])
    await insertAgreement(ctx, unit, { signedOn: `${lastYear}-01-10`, inForceOn: `${lastYear}-02-01`, expiresOn: `${year + 1}-01-31`, status: 'in_force' })
    const moved = await admin.post(`/api/v1/unions/${unit.id}/move`, { newParentId: tree.districtB.id, effectiveDate: today })
    expect(moved.statusCode, moved.body).toBe(200)
    await expectRollupsMatchRecords()
    await expectRollupsMatchRebuild()
  })
})
