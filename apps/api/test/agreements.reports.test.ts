import {
  type AgreementCoverageReport,
  type AgreementCoverageUnion,
  type AgreementGradeDistribution,
  type AgreementSignedReport,
  type AgreementStatus,
  EMPTY_AGREEMENT_TERMS,
  type PageOf,
  type Problem,
} from '@liendoan/contracts'
import { v7 as uuidv7 } from 'uuid'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { agreements } from '../src/db/schema/index.js'
import { type Client, type CreatedUnion, type TestContext, createTestApp, createUnion, loginAs } from './helpers/app.js'

/**
 * Coverage, signatures and grades against a fixture worked out by hand. Root R holds districts X
 * and Y. Grassroots units (non-state unless said):
 *   X: G1, G2, G3 (state), G4 (dissolved 2025-06-30), G5 (founded 2025-03-01), G8
 *   Y: G6 (moved to X on 2025-07-01), G7
 * Agreements (in force from → last day; workers):
 *   A1  G1 2023-03-01 → 2026-02-28, grade A, 100; replaced by A2
 *   A2  G1 2026-03-01 → 2028-02-29 (signed 2026-02-10), grade B, 110
 *   A3  G2 2024-07-01 → 2027-06-30, terminated 2025-10-01, 50
 *   A4  G3 2024-01-01 → 2026-05-31, ungraded, 40
 *   A5  G4 2023-01-01 → 2025-12-31, grade C, 30
 *   A6  G5 signed 2025-11-20, registered, effective 2026-01-01 but never brought into force, 20
 *   A7  G6 2024-05-01 → 2027-04-30, grade A, 70
 *   A8  G7 signed 2025-03-15, 2025-04-01 → 2027-03-31, grade C, 60
 *   A9  G2 negotiating
 *   A10 G8 signed 2025-05-10, terminated 2025-08-01 before entering into force, 25
 * Under X on 2025-01-01: non-state G1 G2 G4 G8 → covered G1 G2 G4 (3/4, 75%); state G3 covered; total 4/5 (80%).
 * Under X on 2025-12-31: non-state G1 G2 G5 G6 G8 → covered G1 G6 (2/5, 40%); state G3 (1/1); total 3/6 (50%),
 *   workers 100 + 70 + 40 = 210; grades A1 A, A7 A, A4 ungraded.
 * Under X on 2026-06-30: non-state covered G1 (A2) G6 → 2/5; state G3 not (A4 ended 2026-05-31); total 2/6 (33.33%).
 * Under Y on 2025-01-01: G6 covered, G7 not → 1/2; on 2025-12-31: G7 covered → 1/1.
 * Signed in 2025: under X A6 and A10 (2 agreements, 2 unions); under R also A8 (3).
 */

let ctx: TestContext
let root: CreatedUnion
let districtX: CreatedUnion
let districtY: CreatedUnion
const unit: Record<string, CreatedUnion> = {}
let admin: Client

interface FixtureAgreement {
  union: string
  status: AgreementStatus
  signedOn?: string
  inForceOn?: string
  effectiveOn?: string
  expiresOn?: string
  endedOn?: string
  grade?: string
  workers: number
  replaces?: string
}

const fixture: Record<string, FixtureAgreement> = {
  A1: { union: 'G1', status: 'replaced', signedOn: '2023-02-15', inForceOn: '2023-03-01', expiresOn: '2026-02-28', endedOn: '2026-03-01', grade: 'A', workers: 100 },
  A2: { union: 'G1', status: 'in_force', signedOn: '2026-02-10', inForceOn: '2026-03-01', expiresOn: '2028-02-29', grade: 'B', workers: 110, replaces: 'A1' },
  A3: { union: 'G2', status: 'terminated', signedOn: '2024-06-20', inForceOn: '2024-07-01', expiresOn: '2027-06-30', endedOn: '2025-10-01', workers: 50 },
  A4: { union: 'G3', status: 'in_force', signedOn: '2023-12-20', inForceOn: '2024-01-01', expiresOn: '2026-05-31', workers: 40 },
  A5: { union: 'G4', status: 'expired', signedOn: '2022-12-20', inForceOn: '2023-01-01', expiresOn: '2025-12-31', grade: 'C', workers: 30 },
  A6: { union: 'G5', status: 'registered', signedOn: '2025-11-20', effectiveOn: '2026-01-01', expiresOn: '2027-12-31', workers: 20 },
  A7: { union: 'G6', status: 'in_force', signedOn: '2024-04-20', inForceOn: '2024-05-01', expiresOn: '2027-04-30', grade: 'A', workers: 70 },
  A8: { union: 'G7', status: 'in_force', signedOn: '2025-03-15', inForceOn: '2025-04-01', expiresOn: '2027-03-31', grade: 'C', workers: 60 },
  A9: { union: 'G2', status: 'negotiating', workers: 50 },
  A10: { union: 'G8', status: 'terminated', signedOn: '2025-05-10', effectiveOn: '2025-09-01', expiresOn: '2027-08-31', endedOn: '2025-08-01', workers: 25 },
}
const agreementId: Record<string, string> = {}

beforeAll(async () => {
  ctx = await createTestApp()
  root = await createUnion(ctx, { type: 'city_federation', name: 'LĐLĐ thử nghiệm thỏa ước' })
  districtX = await createUnion(ctx, { parent: root, type: 'district_federation', name: 'LĐLĐ huyện X' })
  districtY = await createUnion(ctx, { parent: root, type: 'district_federation', name: 'LĐLĐ huyện Y' })
  const grassroots = (name: string, parent: CreatedUnion, options: { sector?: 'state' | 'non_state'; establishedOn?: string } = {}) =>
    createUnion(ctx, { parent, name: `Công ty ${name}`, sector: options.sector ?? 'non_state', ...(options.establishedOn ? { establishedOn: options.establishedOn } : {}) })
  unit.G1 = await grassroots('G1', districtX)
  unit.G2 = await grassroots('G2', districtX)
  unit.G3 = await grassroots('G3', districtX, { sector: 'state' })
  unit.G4 = await grassroots('G4', districtX)
  unit.G5 = await grassroots('G5', districtX, { establishedOn: '2025-03-01' })
  unit.G6 = await grassroots('G6', districtY)
  unit.G7 = await grassroots('G7', districtY)
  unit.G8 = await grassroots('G8', districtX)
  admin = await loginAs(ctx, 'admin', root)
  expect((await admin.post(`/api/v1/unions/${unit.G6!.id}/move`, { newParentId: districtX.id, effectiveDate: '2025-07-01' })).statusCode).toBe(200)
  expect((await admin.post(`/api/v1/unions/${unit.G4!.id}/dissolve`, { effectiveDate: '2025-06-30', reason: 'Doanh nghiệp giải thể' })).statusCode).toBe(200)

  // Past agreements cannot be created through the API with their history (entering into force
  // is refused once the last day is past), so the fixture writes the rows as the history left them.
  for (const key of Object.keys(fixture)) agreementId[key] = uuidv7()
  for (const [key, a] of Object.entries(fixture)) {
    await ctx.db.insert(agreements).values({
      id: agreementId[key]!,
      title: `Thỏa ước ${key}`,
      unionId: unit[a.union]!.id,
      employerName: `Công ty ${a.union}`,
      status: a.status,
      signedOn: a.signedOn ?? null,
      effectiveOn: a.effectiveOn ?? a.inForceOn ?? null,
      expiresOn: a.expiresOn ?? null,
      inForceOn: a.inForceOn ?? null,
      endedOn: a.endedOn ?? null,
      workersCovered: a.workers,
      terms: EMPTY_AGREEMENT_TERMS,
      gradeCode: a.grade ?? null,
      gradedOn: a.grade ? a.inForceOn! : null,
      gradedByUserId: a.grade ? admin.user.id : null,
      replacesId: a.replaces ? agreementId[a.replaces]! : null,
    })
  }
}, 60_000)
afterAll(async () => ctx.close())

const coverage = async (under: CreatedUnion, asOf: string, as: Client = admin) => {
  const response = await as.get(`/api/v1/reports/agreements/coverage?under=${under.id}&asOf=${asOf}`)
  expect(response.statusCode).toBe(200)
  return response.json<AgreementCoverageReport>()
}

describe('coverage as of a day', () => {
  it('counts active grassroots unions under a unit with an agreement in force, by sector and in total', async () => {
    expect((await coverage(districtX, '2025-01-01')).rows).toEqual([
      { sector: 'state', activeUnions: 1, covered: 1, share: 100, workersCovered: 40 },
      { sector: 'non_state', activeUnions: 4, covered: 3, share: 75, workersCovered: 180 },
      { sector: null, activeUnions: 5, covered: 4, share: 80, workersCovered: 220 },
    ])
    expect((await coverage(districtX, '2025-12-31')).rows).toEqual([
      { sector: 'state', activeUnions: 1, covered: 1, share: 100, workersCovered: 40 },
      { sector: 'non_state', activeUnions: 5, covered: 2, share: 40, workersCovered: 170 },
      { sector: null, activeUnions: 6, covered: 3, share: 50, workersCovered: 210 },
    ])
    const mid2026 = await coverage(districtX, '2026-06-30')
    expect(mid2026.rows.at(-1)).toEqual({ sector: null, activeUnions: 6, covered: 2, share: 33.33, workersCovered: 180 })
    expect(mid2026).toMatchObject({ under: { id: districtX.id }, asOf: '2026-06-30' })
  })

  it('reads the tree as it stood on the day: a unit moved between districts counts where it was', async () => {
    expect((await coverage(districtY, '2025-01-01')).rows.at(-1)).toMatchObject({ activeUnions: 2, covered: 1, share: 50 })
    expect((await coverage(districtY, '2025-12-31')).rows.at(-1)).toMatchObject({ activeUnions: 1, covered: 1, share: 100 })
    expect((await coverage(root, '2025-12-31')).rows.at(-1)).toMatchObject({ activeUnions: 7, covered: 4 })
  })

  it('lists the unions behind the figures, covered or not, paged in name order', async () => {
    const page = async (query: string) => {
      const response = await admin.get(`/api/v1/reports/agreements/coverage/unions?under=${districtX.id}&asOf=2025-12-31&${query}`)
      expect(response.statusCode).toBe(200)
      return response.json<PageOf<AgreementCoverageUnion>>()
    }
    const first = await page('covered=false&sector=non_state&limit=2')
    expect(first.items.map((row) => row.union.name)).toEqual(['Công ty G2', 'Công ty G5'])
    expect(first.items.every((row) => row.agreement === null)).toBe(true)
    const second = await page(`covered=false&sector=non_state&limit=2&cursor=${first.nextCursor}`)
    expect(second.items.map((row) => row.union.name)).toEqual(['Công ty G8'])
    expect(second.nextCursor).toBeNull()
    const covered = await page('covered=true')
    expect(covered.items.map((row) => [row.union.name, row.agreement?.id, row.agreement?.grade])).toEqual([
      ['Công ty G1', agreementId.A1, 'A'],
      ['Công ty G3', agreementId.A4, null],
      ['Công ty G6', agreementId.A7, 'A'],
    ])
  })
})

describe('agreements signed in a period', () => {
  it('counts agreements and unions that signed, whatever became of the agreements', async () => {
    const signed = async (under: CreatedUnion) =>
      (await admin.get(`/api/v1/reports/agreements/signed?under=${under.id}&from=2025-01-01&to=2025-12-31`)).json<AgreementSignedReport>()
    expect(await signed(districtX)).toMatchObject({
      agreements: 2,
      unions: 2,
      workersCovered: 45,
      bySector: [
        { sector: 'state', agreements: 0, unions: 0 },
        { sector: 'non_state', agreements: 2, unions: 2 },
      ],
    })
    expect(await signed(root)).toMatchObject({ agreements: 3, unions: 3, workersCovered: 105 })
  })
})

describe('grade distribution', () => {
  it('gives every grade of the scheme, then ungraded, for the agreements in force on the day', async () => {
    const response = await admin.get(`/api/v1/reports/agreements/grades?under=${districtX.id}&asOf=2025-12-31`)
    expect(response.statusCode).toBe(200)
    expect(response.json<AgreementGradeDistribution>()).toMatchObject({
      total: 3,
      rows: [
        { grade: 'A', count: 2, share: 66.67 },
        { grade: 'B', count: 0, share: 0 },
        { grade: 'C', count: 0, share: 0 },
        { grade: 'D', count: 0, share: 0 },
        { grade: null, count: 1, share: 33.33 },
      ],
    })
  })
})

describe('scope and bad input', () => {
  it('answers only inside the caller’s subtree, and a grassroots officer sees their own union', async () => {
    const officerY = await loginAs(ctx, 'viewer', districtY)
    expect((await officerY.get(`/api/v1/reports/agreements/coverage?under=${districtX.id}`)).statusCode).toBe(404)
    expect((await officerY.get(`/api/v1/reports/agreements/coverage/unions?under=${districtX.id}&covered=true`)).statusCode).toBe(404)
    expect((await officerY.get(`/api/v1/reports/agreements/signed?under=${districtX.id}&from=2025-01-01&to=2025-12-31`)).statusCode).toBe(404)
    expect((await officerY.get(`/api/v1/reports/agreements/grades?under=${districtX.id}`)).statusCode).toBe(404)
    // Default unit: the caller's union. Y today holds G7 only (G6 moved out).
    const ownY = (await officerY.get('/api/v1/reports/agreements/coverage?asOf=2025-12-31')).json<AgreementCoverageReport>()
    expect(ownY).toMatchObject({ under: { id: districtY.id } })
    expect(ownY.rows.at(-1)).toMatchObject({ activeUnions: 1, covered: 1 })

    const g1Officer = await loginAs(ctx, 'union_officer', unit.G1!)
    const own = (await g1Officer.get('/api/v1/reports/agreements/coverage?asOf=2026-06-30')).json<AgreementCoverageReport>()
    expect(own.rows.at(-1)).toMatchObject({ activeUnions: 1, covered: 1, share: 100 })
  })

  it('refuses a day in the future and a period that ends before it starts, in problem+json', async () => {
    const future = await admin.get(`/api/v1/reports/agreements/coverage?under=${districtX.id}&asOf=2999-01-01`)
    expect(future.statusCode).toBe(400)
    expect(future.headers['content-type']).toContain('application/problem+json')
    expect(future.json<Problem>().errors?.[0]).toMatchObject({ field: 'asOf', code: 'future_date' })
    const backwards = await admin.get(`/api/v1/reports/agreements/signed?from=2025-12-31&to=2025-01-01`)
    expect(backwards.statusCode).toBe(400)
    expect(backwards.json<Problem>().errors?.[0]).toMatchObject({ field: 'from', code: 'range_order' })
    expect((await admin.get('/api/v1/reports/agreements/coverage/unions?covered=maybe')).statusCode).toBe(400)
  })
})
