import { randomBytes } from 'node:crypto'
import type { CoverageReport, PageOf, TokenPair, TrainingActivityReport, TrainingClass, TrainingTopic } from '@liendoan/contracts'
import { sql } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { type DatabaseHandle, openDatabase } from '../src/db/client.js'
import { DEMO_PASSWORD } from '../src/seed/demo.js'
import { PHUC_THO_CLASSES, PHUC_THO_PARTICIPANT_ATTENDANCES } from '../src/seed/demo-trainings.js'
import { prepareDatabase } from '../src/seed/prepare.js'

/** The demo federation's trainings report seed 000's figures: 12 classes and 2,400 participant-attendances in five years. */

let app: FastifyInstance
let database: DatabaseHandle
let token: string

beforeAll(async () => {
  // Always the embedded database: the demo uses fixed codes and must start from empty.
  const config = loadConfig({ JWT_SECRET: randomBytes(32).toString('hex'), DATA_DIR: 'memory://', NODE_ENV: 'test' })
  database = await openDatabase({ dataDir: 'memory://', poolSize: 1 })
  app = await buildApp({ config, database })
  expect(await prepareDatabase(database, config, { info: () => undefined })).toBe('demo')
  const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'phuctho@liendoan.vn', password: DEMO_PASSWORD } })
  token = login.json<TokenPair>().accessToken
}, 120_000)
afterAll(async () => {
  await app.close()
  await database.close()
})

const get = (url: string) => app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } })

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
  const rows = (await database.db.execute(sql`SELECT max(number) AS last, (SELECT last_value FROM training_certificate_number_seq) AS seq FROM training_certificates`)) as unknown as {
    rows: { last: string; seq: string }[]
  }
  expect(Number(rows.rows[0]!.last.split('-').at(-1))).toBe(Number(rows.rows[0]!.seq))
})
