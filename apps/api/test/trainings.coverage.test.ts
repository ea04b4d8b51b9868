import type { CoverageMissingPerson, CoverageReport, PageOf, Problem, TrainingActivityReport, TrainingCertificate } from '@liendoan/contracts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sharePercent } from '../src/lib/percent.js'
import { type Client, type CreatedUnion, type TestContext, createTestApp, createUnion, loginAs } from './helpers/app.js'
import { type CreatedMember, createMember } from './helpers/members.js'
import { appointDirect, createClass, enrol, markAttendance, recordScores, sessions, setStatus, topicIds } from './helpers/trainings.js'

/**
 * Coverage against a fixture worked out by hand. District X holds non-state grassroots units
 * G1, G2, G4, G6, G8 and a state unit G3; district Y holds G5. Chairpersons:
 *   G1  M1 An Văn Một      2023-05-10 →          Labour Code certificate 2024-06-12
 *   G2  M2 An Thị Hai      2023-05-10 →          only a workplace-dialogue certificate
 *   G3  M3 (state unit)    2023-05-10 →          never counted (sector)
 *   G4  M4 Đào Văn Bốn     2023-05-10 → 2025-06-30, certified 2024-06-12
 *   G4  M5 Bùi Văn Năm     vice-chair 2023-05-10 → 2025-06-30, then chair 2025-07-01 → (changed position)
 *   G5  M7 Giáp Văn Bảy    chair in district Y until 2025-04-30, chair of G6 in X from 2025-05-01
 *                          (changed union), certified 2024-06-12
 *   G8  M9 Cao Thị Chín    2023-05-10 →          certified 2024-06-12, revoked 2025-03-01
 * Group on 31/12/2023: M1 M2 M4 M9, nobody certified yet → 4, 0, 0.00%
 * Group on 31/12/2024: M1 M2 M4 M9 (M7 is in Y) → 4, certified M1 M4 M9 → 3, 75.00%
 * Group on 31/12/2025: M1 M2 M5 M7 M9 → 5, certified M1 M7 → 2, 40.00%; missing M2, M5, M9
 */

let ctx: TestContext
let topics: Record<string, string>
let root: CreatedUnion
let districtX: CreatedUnion
let districtY: CreatedUnion
let admin: Client
const people: Record<string, CreatedMember> = {}
const certificateOf: Record<string, TrainingCertificate> = {}

beforeAll(async () => {
  ctx = await createTestApp()
  topics = await topicIds(ctx)
  root = await createUnion(ctx, { type: 'city_federation', name: 'LĐLĐ thử nghiệm độ bao phủ' })
  districtX = await createUnion(ctx, { parent: root, type: 'district_federation', name: 'LĐLĐ huyện X' })
  districtY = await createUnion(ctx, { parent: root, type: 'district_federation', name: 'LĐLĐ huyện Y' })
  const unit = (name: string, parent: CreatedUnion, sector: 'state' | 'non_state' = 'non_state') => createUnion(ctx, { parent, name, sector })
  const g1 = await unit('Công ty G1', districtX)
  const g2 = await unit('Công ty G2', districtX)
  const g3 = await unit('Trường G3', districtX, 'state')
  const g4 = await unit('Công ty G4', districtX)
  const g5 = await unit('Công ty G5', districtY)
  const g6 = await unit('Công ty G6', districtX)
  const g8 = await unit('Công ty G8', districtX)
  people.m1 = await createMember(ctx, g1, { fullName: 'An Văn Một' })
  people.m2 = await createMember(ctx, g2, { fullName: 'An Thị Hai' })
  people.m3 = await createMember(ctx, g3, { fullName: 'Chu Văn Ba' })
  people.m4 = await createMember(ctx, g4, { fullName: 'Đào Văn Bốn' })
  people.m5 = await createMember(ctx, g4, { fullName: 'Bùi Văn Năm' })
  people.m7 = await createMember(ctx, g6, { fullName: 'Giáp Văn Bảy' })
  people.m9 = await createMember(ctx, g8, { fullName: 'Cao Thị Chín' })
  await appointDirect(ctx, g1, people.m1, 'chairperson', '2023-05-10')
  await appointDirect(ctx, g2, people.m2, 'chairperson', '2023-05-10')
  await appointDirect(ctx, g3, people.m3, 'chairperson', '2023-05-10')
  await appointDirect(ctx, g4, people.m4, 'chairperson', '2023-05-10', '2025-06-30')
  await appointDirect(ctx, g4, people.m5, 'vice_chair', '2023-05-10', '2025-06-30')
  await appointDirect(ctx, g4, people.m5, 'chairperson', '2025-07-01')
  await appointDirect(ctx, g5, people.m7, 'chairperson', '2023-05-10', '2025-04-30')
  await appointDirect(ctx, g6, people.m7, 'chairperson', '2025-05-01')
  await appointDirect(ctx, g8, people.m9, 'chairperson', '2023-05-10')

  admin = await loginAs(ctx, 'admin', root)
  // The Labour Code class of June 2024 (two sessions), and a workplace-dialogue class for M2.
  const labour = await createClass(admin, root, topics.labour_code_2019!, { sessions: sessions(2, '2024-06-11'), passMark: 50 })
  await setStatus(admin, labour.id, 'open')
  const enrolled = []
  for (const key of ['m1', 'm4', 'm7', 'm9']) enrolled.push({ key, participant: await enrol(admin, labour.id, people[key]!.id) })
  await setStatus(admin, labour.id, 'running')
  for (const session of labour.sessions) {
    await markAttendance(admin, labour.id, session.id, enrolled.map(({ participant }) => ({ participantId: participant.id, present: true })))
  }
  await recordScores(admin, labour.id, enrolled.map(({ participant }) => ({ participantId: participant.id, score: 80 })))
  await setStatus(admin, labour.id, 'completed')
  const dialogue = await createClass(admin, root, topics.workplace_dialogue!, { sessions: sessions(1, '2024-09-03'), passMark: 50 })
  await setStatus(admin, dialogue.id, 'open')
  const m2 = await enrol(admin, dialogue.id, people.m2!.id)
  await setStatus(admin, dialogue.id, 'running')
  await markAttendance(admin, dialogue.id, dialogue.sessions[0]!.id, [{ participantId: m2.id, present: true }])
  await recordScores(admin, dialogue.id, [{ participantId: m2.id, score: 90 }])
  await setStatus(admin, dialogue.id, 'completed')
  for (const certificate of (await admin.get(`/api/v1/trainings/${labour.id}/certificates`)).json<{ items: TrainingCertificate[] }>().items) {
    const key = Object.entries(people).find(([, person]) => person.id === certificate.member.id)?.[0]
    if (key) certificateOf[key] = certificate
  }
  const revoked = await admin.post(`/api/v1/certificates/${certificateOf.m9!.id}/revocation`, { reason: 'Hồ sơ không hợp lệ', revokedOn: '2025-03-01' })
  expect(revoked.statusCode).toBe(200)
})
afterAll(async () => {
  await ctx.close()
})

const coverageUrl = (extra = '') =>
  `/api/v1/reports/trainings/coverage?topicId=${topics.labour_code_2019}&under=${districtX.id}&position=chairperson&sector=non_state&grassroots=true${extra}`

describe('coverage', () => {
  it('matches the fixture worked out by hand, year by year', async () => {
    const response = await admin.get(coverageUrl('&fromYear=2023&toYear=2025'))
    expect(response.statusCode).toBe(200)
    const report = response.json<CoverageReport>()
    expect(report).toMatchObject({ topic: { code: 'labour_code_2019' }, under: { id: districtX.id }, positions: ['chairperson'], sector: 'non_state', grassroots: true })
    expect(report.years).toEqual([
      { year: 2023, asOf: '2023-12-31', target: 4, certified: 0, missing: 4, share: 0 },
      { year: 2024, asOf: '2024-12-31', target: 4, certified: 3, missing: 1, share: 75 },
      { year: 2025, asOf: '2025-12-31', target: 5, certified: 2, missing: 3, share: 40 },
    ])
  })

  it('lists who is missing at the end of a year, in name order, page by page', async () => {
    const first = await admin.get(`/api/v1/reports/trainings/coverage/missing?topicId=${topics.labour_code_2019}&under=${districtX.id}&sector=non_state&year=2025&limit=2`)
    expect(first.statusCode).toBe(200)
    const page = first.json<PageOf<CoverageMissingPerson>>()
    expect(page.items.map((item) => item.fullName)).toEqual(['An Thị Hai', 'Bùi Văn Năm'])
    expect(page.items[1]).toMatchObject({ memberId: people.m5!.id, position: { code: 'chairperson', name: 'Chủ tịch' }, union: { name: 'Công ty G4' } })
    const second = await admin.get(
      `/api/v1/reports/trainings/coverage/missing?topicId=${topics.labour_code_2019}&under=${districtX.id}&sector=non_state&year=2025&limit=2&cursor=${page.nextCursor}`,
    )
    expect(second.json<PageOf<CoverageMissingPerson>>()).toEqual({
      items: [expect.objectContaining({ fullName: 'Cao Thị Chín', memberId: people.m9!.id })],
      nextCursor: null,
    })
    const in2024 = await admin.get(`/api/v1/reports/trainings/coverage/missing?topicId=${topics.labour_code_2019}&under=${districtX.id}&sector=non_state&year=2024`)
    expect(in2024.json<PageOf<CoverageMissingPerson>>().items.map((item) => item.memberId)).toEqual([people.m2!.id])
  })

  it('widens with the subtree: the whole city counts M7 in district Y in 2024', async () => {
    const response = await admin.get(
      `/api/v1/reports/trainings/coverage?topicId=${topics.labour_code_2019}&under=${root.id}&sector=non_state&fromYear=2024&toYear=2024`,
    )
    expect(response.json<CoverageReport>().years).toEqual([{ year: 2024, asOf: '2024-12-31', target: 5, certified: 4, missing: 1, share: 80 }])
  })

  it('is scoped: a viewer of district X reads it, district Y and a unit below X do not', async () => {
    const viewerX = await loginAs(ctx, 'viewer', districtX)
    expect((await viewerX.get(coverageUrl('&fromYear=2025&toYear=2025'))).json<CoverageReport>().years[0]).toMatchObject({ target: 5, certified: 2 })
    const viewerY = await loginAs(ctx, 'viewer', districtY)
    expect((await viewerY.get(coverageUrl('&fromYear=2025&toYear=2025'))).statusCode).toBe(404)
    // Without `under`, district Y's own report covers only district Y: M7 chaired G5 there until April 2025.
    const own = await viewerY.get(`/api/v1/reports/trainings/coverage?topicId=${topics.labour_code_2019}&sector=non_state&fromYear=2024&toYear=2025`)
    expect(own.json<CoverageReport>().years.map((year) => [year.target, year.certified])).toEqual([
      [1, 1],
      [0, 0],
    ])
  })

  it('refuses bad parameters with 400 and field errors', async () => {
    const cases: [string, string][] = [
      [coverageUrl('&fromYear=2025&toYear=2023'), 'fromYear'],
      [coverageUrl('&fromYear=2000&toYear=2025'), 'toYear'],
      [coverageUrl('&fromYear=2025&toYear=2999'), 'toYear'],
      [coverageUrl('&fromYear=x&toYear=2025'), 'fromYear'],
      [`/api/v1/reports/trainings/coverage?topicId=${topics.workplace_dialogue}&position=astronaut&fromYear=2025&toYear=2025`, 'position'],
      [`/api/v1/reports/trainings/coverage?topicId=0190a000-0000-7000-8000-000000000000&fromYear=2025&toYear=2025`, 'topicId'],
      ['/api/v1/reports/trainings/coverage?fromYear=2025&toYear=2025', 'topicId'],
    ]
    for (const [url, field] of cases) {
      const response = await admin.get(url)
      expect({ url, status: response.statusCode }).toEqual({ url, status: 400 })
      expect(response.json<Problem>().errors?.map((error) => error.field)).toContain(field)
    }
  })

  it('rounds shares to two decimals the way the seeds print them', () => {
    expect(sharePercent(1, 3)).toBe(33.33)
    expect(sharePercent(2, 3)).toBe(66.67)
    expect(sharePercent(101, 88)).toBe(114.77)
    expect(sharePercent(4504, 3800)).toBe(118.53)
    expect(sharePercent(0, 0)).toBe(0)
  })
})

describe('activity in a period', () => {
  it('counts classes held and participant-attendances', async () => {
    const report = await admin.get(`/api/v1/reports/trainings/activity?from=2024-01-01&to=2024-12-31&under=${root.id}`)
    expect(report.statusCode).toBe(200)
    expect(report.json<TrainingActivityReport>()).toMatchObject({
      classes: 2,
      participants: 5,
      participantAttendances: 5,
      sessionAttendances: 9,
      completed: 5,
      // M9's was revoked.
      certificates: 4,
    })
    // A planned class is not a class held; a class in another year is outside the period.
    await createClass(admin, root, topics.union_finance!, { sessions: sessions(1, '2024-11-05') })
    const again = await admin.get(`/api/v1/reports/trainings/activity?from=2024-01-01&to=2024-12-31&under=${root.id}`)
    expect(again.json<TrainingActivityReport>().classes).toBe(2)
    const later = await admin.get(`/api/v1/reports/trainings/activity?from=2025-01-01&to=2025-12-31`)
    expect(later.json<TrainingActivityReport>()).toMatchObject({ classes: 0, participantAttendances: 0, under: { id: root.id } })
    expect((await admin.get('/api/v1/reports/trainings/activity?from=2025-01-01&to=2024-12-31')).statusCode).toBe(400)
  })
})
