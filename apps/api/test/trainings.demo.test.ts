import type { CoverageReport, PageOf, TrainingActivityReport, TrainingClass, TrainingTopic } from '@liendoan/contracts'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { PHUC_THO_CLASSES, PHUC_THO_PARTICIPANT_ATTENDANCES } from '../src/seed/demo-trainings.js'
import { type DemoApp, startDemoApp } from './helpers/demo.js'

/** The demo federation's trainings report seed 000's figures: 12 classes and 2,400 participant-attendances in five years. */

let demo: DemoApp
let token: string

beforeAll(async () => {
  demo = await startDemoApp()
  token = await demo.tokenOf('phuctho@liendoan.vn')
}, 120_000)
afterAll(async () => demo.close())

const get = (url: string) => demo.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } })

it('reports 12 classes and 2,400 participant-attendances over 2021–2025 for Phúc Thọ', async () => {
  const response = await get('/api/v1/reports/trainings/activity?from=2021-01-01&to=2025-12-31')
  expect(response.statusCode).toBe(200)
  const report = response.json<TrainingActivityReport>()
  expect(report).toMatchObject({ classes: PHUC_THO_CLASSES, participantAttendances: PHUC_THO_PARTICIPANT_ATTENDANCES, under: { code: 'HN-PT' } })
  expect(report.participants).toBeGreaterThan(report.participantAttendances)
  expect(report.certificates).toBe(report.completed)
  expect(report.completed).toBeGreaterThan(2_000)
})

it('has a class open for enrolment and a coverage gap to close', async () => {
  const open = (await get('/api/v1/trainings?status=open')).json<PageOf<TrainingClass>>().items
  expect(open).toHaveLength(1)
  expect(open[0]).toMatchObject({ enrolledCount: 18, capacity: 60, audience: { positions: ['chairperson'], sector: 'non_state' } })
  const topics = (await get('/api/v1/training-topics')).json<{ items: TrainingTopic[] }>().items
  const labour = topics.find((topic) => topic.code === 'labour_code_2019')!
  const coverage = (await get(`/api/v1/reports/trainings/coverage?topicId=${labour.id}&sector=non_state&fromYear=2023&toYear=2025`)).json<CoverageReport>()
  const [y2023, y2024, y2025] = coverage.years
  expect(y2024!.target).toBeGreaterThan(30)
  expect(y2024!.share).toBeGreaterThan(y2023!.share)
  expect(y2025!.share).toBeGreaterThan(40)
  expect(y2025!.share).toBeLessThan(100)
  // Certificate numbers carried on from the demo: the sequence continues after them.
  const rows = (await demo.database.db.execute(sql`SELECT max(number) AS last, (SELECT last_value FROM training_certificate_number_seq) AS seq FROM training_certificates`)) as unknown as {
    rows: { last: string; seq: string }[]
  }
  expect(Number(rows.rows[0]!.last.split('-').at(-1))).toBe(Number(rows.rows[0]!.seq))
})
