import type { CertificateVerification, PageOf, Problem, TrainingCertificate, TrainingHistoryEntry, TrainingParticipant } from '@liendoan/contracts'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Client, type TestContext, createTestApp, loginAs, queryRows } from './helpers/app.js'
import { createMember } from './helpers/members.js'
import { createClass, enrol, markAttendance, recordScores, sessions, setStatus, topicIds, createTrainingTree } from './helpers/trainings.js'

/** Completion evaluated by the system, certificates, their numbers, the PDF and the public verification. */

let ctx: TestContext
let topics: Record<string, string>
let tree: Awaited<ReturnType<typeof createTrainingTree>>
let officer: Client

beforeAll(async () => {
  ctx = await createTestApp()
  topics = await topicIds(ctx)
  tree = await createTrainingTree(ctx)
  officer = await loginAs(ctx, 'federation_officer', tree.districtA)
})
afterAll(async () => {
  await ctx.close()
})

interface Plan {
  name: string
  /** Sessions attended, by index. */
  attended: number[]
  score: number | null
  withdraw?: boolean
}

/** A class with `sessionCount` sessions run to completion with the given attendance and scores. */
async function runClass(options: { sessionCount: number; minAttendancePercent: number; passMark: number | null; plans: Plan[]; firstDay?: string }) {
  const training = await createClass(officer, tree.districtA, topics.labour_code_2019!, {
    sessions: sessions(options.sessionCount, options.firstDay ?? '2025-05-05'),
    minAttendancePercent: options.minAttendancePercent,
    passMark: options.passMark,
    capacity: 50,
  })
  await setStatus(officer, training.id, 'open')
  const byName = new Map<string, TrainingParticipant>()
  for (const plan of options.plans) {
    const member = await createMember(ctx, tree.grassrootsA1, { fullName: plan.name })
    byName.set(plan.name, await enrol(officer, training.id, member.id))
  }
  for (const plan of options.plans.filter((p) => p.withdraw)) {
    expect((await officer.post(`/api/v1/trainings/${training.id}/participants/${byName.get(plan.name)!.id}/withdrawal`)).statusCode).toBe(200)
  }
  await setStatus(officer, training.id, 'running')
  const active = options.plans.filter((p) => !p.withdraw)
  for (const [index, session] of training.sessions.entries()) {
    await markAttendance(
      officer,
      training.id,
      session.id,
      active.map((plan) => ({ participantId: byName.get(plan.name)!.id, present: plan.attended.includes(index) })),
    )
  }
  if (options.passMark !== null) {
    await recordScores(officer, training.id, active.map((plan) => ({ participantId: byName.get(plan.name)!.id, score: plan.score })))
  }
  const completed = await setStatus(officer, training.id, 'completed')
  const participants = (await officer.get(`/api/v1/trainings/${training.id}/participants?limit=500`)).json<PageOf<TrainingParticipant>>().items
  const certificates = (await officer.get(`/api/v1/trainings/${training.id}/certificates`)).json<{ items: TrainingCertificate[] }>().items
  const outcome = Object.fromEntries(participants.map((p) => [p.member.fullName, p.outcome]))
  return { training: completed, participants, certificates, outcome }
}

describe('the completion rule on its boundaries', () => {
  it('attendance share and test score at, above and below the marks', async () => {
    const { training, certificates, outcome } = await runClass({
      sessionCount: 5,
      minAttendancePercent: 80,
      passMark: 60,
      plans: [
        { name: 'An Bốn Buổi Đạt', attended: [0, 1, 2, 3], score: 60 },
        { name: 'Bình Ba Buổi', attended: [0, 1, 2], score: 100 },
        { name: 'Chi Thiếu Điểm', attended: [0, 1, 2, 3, 4], score: 59 },
        { name: 'Dung Không Thi', attended: [0, 1, 2, 3, 4], score: null },
        { name: 'Giang Rút Lui', attended: [], score: null, withdraw: true },
        { name: 'Hà Đủ Hết', attended: [0, 1, 2, 3, 4], score: 100 },
      ],
    })
    expect(outcome).toEqual({
      'An Bốn Buổi Đạt': 'completed',
      'Bình Ba Buổi': 'not_completed',
      'Chi Thiếu Điểm': 'not_completed',
      'Dung Không Thi': 'not_completed',
      'Giang Rút Lui': 'pending',
      'Hà Đủ Hết': 'completed',
    })
    expect(training).toMatchObject({ status: 'completed', completedCount: 2, certificateCount: 2, enrolledCount: 5 })
    expect(certificates.map((c) => c.member.fullName).sort()).toEqual(['An Bốn Buổi Đạt', 'Hà Đủ Hết'])
    for (const certificate of certificates) {
      expect(certificate).toMatchObject({ status: 'valid', issuedOn: training.endsOn, classTitle: training.title })
      expect(certificate.number).toMatch(/^CCTH-2025-\d{6,}$/)
      expect(certificate.verificationCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/)
    }
    const audit = await queryRows<{ n: number }>(
      ctx,
      sql`SELECT count(*)::int AS n FROM audit_events WHERE action = 'training.certificate.issue' AND entity_id IN (SELECT id FROM training_certificates WHERE class_id = ${training.id})`,
    )
    expect(audit[0]?.n).toBe(2)
  })

  it('a class without a test completes on attendance alone; 3 of 4 meets 75%, 2 of 4 does not', async () => {
    const { outcome, certificates } = await runClass({
      sessionCount: 4,
      minAttendancePercent: 75,
      passMark: null,
      plans: [
        { name: 'Khánh Ba Phần Tư', attended: [0, 2, 3], score: null },
        { name: 'Lan Một Nửa', attended: [1, 3], score: null },
      ],
    })
    expect(outcome).toEqual({ 'Khánh Ba Phần Tư': 'completed', 'Lan Một Nửa': 'not_completed' })
    expect(certificates).toHaveLength(1)
  })

  it('a class without a test refuses scores', async () => {
    const training = await createClass(officer, tree.districtA, topics.labour_code_2019!, { passMark: null })
    await setStatus(officer, training.id, 'open')
    const participant = await enrol(officer, training.id, (await createMember(ctx, tree.grassrootsA1)).id)
    await setStatus(officer, training.id, 'running')
    const response = await officer.request({ method: 'PUT', url: `/api/v1/trainings/${training.id}/results`, payload: { entries: [{ participantId: participant.id, score: 80 }] } })
    expect(response.statusCode).toBe(409)
  })
})

describe('certificate numbers', () => {
  it('are unique and never reused, also after a revocation', async () => {
    const first = await runClass({
      sessionCount: 2,
      minAttendancePercent: 50,
      passMark: 50,
      plans: ['Một', 'Hai', 'Ba'].map((name) => ({ name: `Nguyễn Văn ${name}`, attended: [0, 1], score: 70 })),
    })
    expect(first.certificates).toHaveLength(3)
    const revoked = first.certificates[0]!
    const revoke = await officer.post(`/api/v1/certificates/${revoked.id}/revocation`, { reason: 'Nhập nhầm học viên' })
    expect(revoke.statusCode).toBe(200)
    expect(revoke.json<TrainingCertificate>()).toMatchObject({ status: 'revoked', number: revoked.number, revokeReason: 'Nhập nhầm học viên' })
    expect((await officer.post(`/api/v1/certificates/${revoked.id}/revocation`, { reason: 'Lần nữa' })).statusCode).toBe(409)
    const early = await officer.post(`/api/v1/certificates/${first.certificates[1]!.id}/revocation`, { reason: 'Sai', revokedOn: '2020-01-01' })
    expect(early.statusCode).toBe(422)
    expect(early.json<Problem>().errors?.[0]).toMatchObject({ field: '/revokedOn', code: 'revoked_before_issue' })

    const second = await runClass({
      sessionCount: 1,
      minAttendancePercent: 100,
      passMark: 50,
      plans: ['Bốn', 'Năm'].map((name) => ({ name: `Trần Thị ${name}`, attended: [0], score: 90 })),
    })
    const serial = (number: string) => Number(number.split('-').at(-1))
    const firstSerials = first.certificates.map((c) => serial(c.number))
    for (const certificate of second.certificates) {
      expect(certificate.number).not.toBe(revoked.number)
      expect(serial(certificate.number)).toBeGreaterThan(Math.max(...firstSerials))
    }
    const [counts] = await queryRows<{ total: number; distinct_numbers: number; distinct_codes: number }>(
      ctx,
      sql`SELECT count(*)::int AS total, count(DISTINCT number)::int AS distinct_numbers, count(DISTINCT verification_code)::int AS distinct_codes FROM training_certificates`,
    )
    expect(counts?.distinct_numbers).toBe(counts?.total)
    expect(counts?.distinct_codes).toBe(counts?.total)
    // The revoked one is still on record, with its number.
    const [kept] = await queryRows<{ status: string }>(ctx, sql`SELECT status FROM training_certificates WHERE number = ${revoked.number}`)
    expect(kept?.status).toBe('revoked')
  })
})

describe('verification and printing', () => {
  it('the public check shows only the holder, the class and the date, and only for a valid certificate', async () => {
    const { certificates, training } = await runClass({
      sessionCount: 1,
      minAttendancePercent: 100,
      passMark: 50,
      plans: [
        { name: 'Phạm Thị Xác Minh', attended: [0], score: 88 },
        { name: 'Vũ Văn Thu Hồi', attended: [0], score: 88 },
      ],
    })
    const valid = certificates.find((c) => c.member.fullName === 'Phạm Thị Xác Minh')!
    const response = await ctx.app.inject({ method: 'GET', url: `/api/v1/certificates/verify/${valid.verificationCode}` })
    expect(response.statusCode).toBe(200)
    expect(response.headers['cache-control']).toBe('no-store')
    const body = response.json<CertificateVerification>()
    expect(Object.keys(body).sort()).toEqual(['classTitle', 'holderName', 'issuedOn'])
    expect(body).toEqual({ holderName: 'Phạm Thị Xác Minh', classTitle: training.title, issuedOn: training.endsOn })
    // Nothing else leaves: no ids, number, union, score or personal field.
    const [member] = await queryRows<{ citizen_id: string; phone: string; union_id: string }>(
      ctx,
      sql`SELECT citizen_id, phone, union_id FROM members WHERE id = ${valid.member.id}`,
    )
    for (const secret of [valid.id, valid.member.id, valid.number, member!.citizen_id, member!.phone, member!.union_id, tree.grassrootsA1.name, '88']) {
      expect(response.body).not.toContain(secret)
    }
    // Typed loosely: lower case, no dashes.
    const loose = await ctx.app.inject({ method: 'GET', url: `/api/v1/certificates/verify/${valid.verificationCode.replace(/-/g, '').toLowerCase()}` })
    expect(loose.json()).toEqual(body)

    const other = certificates.find((c) => c.member.fullName === 'Vũ Văn Thu Hồi')!
    await officer.post(`/api/v1/certificates/${other.id}/revocation`, { reason: 'Thu hồi' })
    const gone = await ctx.app.inject({ method: 'GET', url: `/api/v1/certificates/verify/${other.verificationCode}` })
    const unknown = await ctx.app.inject({ method: 'GET', url: '/api/v1/certificates/verify/ZZZZ-ZZZZ-ZZZZ' })
    for (const miss of [gone, unknown]) {
      expect(miss.statusCode).toBe(404)
      expect(miss.headers['content-type']).toContain('application/problem+json')
      expect(miss.body).not.toContain('Vũ Văn Thu Hồi')
    }
    expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/certificates/verify/abc' })).statusCode).toBe(400)
  })

  it('prints a PDF certificate with its number and verification code', async () => {
    const { certificates } = await runClass({
      sessionCount: 1,
      minAttendancePercent: 100,
      passMark: 50,
      plans: [{ name: 'Nguyễn Thị Ánh Dương', attended: [0], score: 95 }],
    })
    const certificate = certificates[0]!
    const response = await officer.get(`/api/v1/certificates/${certificate.id}/pdf`)
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('application/pdf')
    expect(response.headers['content-disposition']).toContain(certificate.number)
    const pdf = response.rawPayload
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    expect(pdf.length).toBeGreaterThan(5_000)
    const text = pdf.toString('latin1')
    expect(text).toContain(certificate.verificationCode)
    // The fonts are embedded (Noto Sans from the npm package), not referenced from the system.
    expect(text).toMatch(/\/FontFile2|\/FontFile3/)
    const read = await officer.get(`/api/v1/certificates/${certificate.id}`)
    expect(read.json<TrainingCertificate>()).toMatchObject({ id: certificate.id, number: certificate.number, topics: [{ code: 'labour_code_2019' }] })
    await officer.post(`/api/v1/certificates/${certificate.id}/revocation`, { reason: 'In nhầm' })
    expect((await officer.get(`/api/v1/certificates/${certificate.id}/pdf`)).statusCode).toBe(409)
  })
})

describe('training history', () => {
  it("lists a member's classes with attendance, result and certificate", async () => {
    const { training, participants } = await runClass({
      sessionCount: 3,
      minAttendancePercent: 60,
      passMark: 50,
      plans: [{ name: 'Đỗ Văn Lịch Sử', attended: [0, 2], score: 72 }],
      firstDay: '2024-09-09',
    })
    const memberId = participants[0]!.member.id
    const later = await createClass(officer, tree.districtA, topics.union_finance!, { sessions: sessions(1, '2025-10-01') })
    await setStatus(officer, later.id, 'open')
    await enrol(officer, later.id, memberId)
    const response = await officer.get(`/api/v1/members/${memberId}/trainings`)
    expect(response.statusCode).toBe(200)
    const items = response.json<{ items: TrainingHistoryEntry[] }>().items
    expect(items.map((item) => item.class.id)).toEqual([later.id, training.id])
    expect(items[1]).toMatchObject({
      class: { title: training.title, status: 'completed', organiser: { id: tree.districtA.id } },
      topics: [{ code: 'labour_code_2019' }],
      sessionCount: 3,
      attendedCount: 2,
      score: 72,
      outcome: 'completed',
      certificate: { status: 'valid' },
    })
    expect(items[0]).toMatchObject({ status: 'enrolled', outcome: 'pending', certificate: null, class: { status: 'open' } })
  })
})
