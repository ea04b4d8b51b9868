import type { AgreementCoverageReport, AgreementGradeDistribution, AgreementSignedReport } from '@liendoan/contracts'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { selectRows } from '../src/db/client.js'
import { DEMO_AGREEMENTS_DAY, PHUC_THO_SIGNED_2025 } from '../src/seed/demo-agreements.js'
import { type DemoApp, startDemoApp } from './helpers/demo.js'

/** The demo federation's agreements: seed 001's "30 grassroots unions newly signed agreements" (Phúc Thọ, 2025), and data in every state. */

let demo: DemoApp
let token: string

beforeAll(async () => {
  demo = await startDemoApp()
  token = await demo.tokenOf('phuctho@liendoan.vn')
}, 120_000)
afterAll(async () => demo.close())

const get = (url: string) => demo.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } })

it('reports 30 grassroots unions in Phúc Thọ that newly signed an agreement in 2025', async () => {
  const response = await get('/api/v1/reports/agreements/signed?from=2025-01-01&to=2025-12-31')
  expect(response.statusCode).toBe(200)
  const report = response.json<AgreementSignedReport>()
  expect(report).toMatchObject({ under: { code: 'HN-PT' }, unions: PHUC_THO_SIGNED_2025, agreements: PHUC_THO_SIGNED_2025 })
  expect(report.bySector.reduce((sum, row) => sum + row.unions, 0)).toBe(PHUC_THO_SIGNED_2025)
})

it('has agreements in every state, and the coverage and grades of the demo day add up', async () => {
  const states = await selectRows<{ status: string; count: number }>(demo.database.db, sql`SELECT status, count(*)::int AS count FROM agreements GROUP BY status`)
  const byStatus = Object.fromEntries(states.map((row) => [row.status, row.count]))
  for (const status of ['negotiating', 'signed', 'registered', 'in_force', 'expired', 'replaced', 'terminated']) expect(byStatus[status], status).toBeGreaterThan(0)

  const coverage = (await get(`/api/v1/reports/agreements/coverage?asOf=${DEMO_AGREEMENTS_DAY}`)).json<AgreementCoverageReport>()
  const total = coverage.rows.at(-1)!
  expect(total.sector).toBeNull()
  expect(total.activeUnions).toBe(coverage.rows.slice(0, -1).reduce((sum, row) => sum + row.activeUnions, 0))
  expect(total.covered).toBeGreaterThan(0)
  expect(total.covered).toBeLessThan(total.activeUnions)

  const grades = (await get(`/api/v1/reports/agreements/grades?asOf=${DEMO_AGREEMENTS_DAY}`)).json<AgreementGradeDistribution>()
  expect(grades.rows.map((row) => row.grade)).toEqual(['A', 'B', 'C', 'D', null])
  expect(grades.rows.reduce((sum, row) => sum + row.count, 0)).toBe(grades.total)
  // Several agreements of one union and employer are never in force together, so agreements in force ≥ unions covered.
  expect(grades.total).toBeGreaterThanOrEqual(total.covered)
  expect(grades.rows.find((row) => row.grade === 'A')!.count).toBeGreaterThan(0)
})
