import type { BulkEnrolResult, PageOf, Problem, TrainingCandidate, TrainingClass, TrainingParticipant } from '@liendoan/contracts'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestContext, createTestApp, createUnion, loginAs, queryRows } from './helpers/app.js'
import { markLeft } from './helpers/member-records.js'
import { createMember } from './helpers/members.js'
import { advance, appointDirect, classFootprint, createClass, enrol, markAttendance, recordScores, setStatus, topicIds, createTrainingTree } from './helpers/trainings.js'

/** Enrolment: one by one, in bulk from a list or a filter, capacity under concurrency, withdrawal. */

let ctx: TestContext
let topics: Record<string, string>

beforeAll(async () => {
  ctx = await createTestApp()
  topics = await topicIds(ctx)
})
afterAll(async () => {
  await ctx.close()
})

async function enrolledCount(classId: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(ctx, sql`SELECT count(*)::int AS n FROM training_participants WHERE class_id = ${classId} AND status = 'enrolled'`)
  return row?.n ?? 0
}

describe('capacity under concurrent enrolment', () => {
  it('thirty enrolments at once into ten places: exactly ten enrolled, twenty refused with class_full', async () => {
    const tree = await createTrainingTree(ctx)
    const officer = await loginAs(ctx, 'federation_officer', tree.districtA)
    const training = await createClass(officer, tree.districtA, topics.labour_code_2019!, { capacity: 10 })
    await setStatus(officer, training.id, 'open')
    const people = await Promise.all(Array.from({ length: 30 }, (_, i) => createMember(ctx, i % 2 ? tree.grassrootsA1 : tree.grassrootsA2)))

    const responses = await Promise.all(people.map((member) => officer.post(`/api/v1/trainings/${training.id}/participants`, { memberId: member.id })))

    const statuses = responses.map((response) => response.statusCode)
    expect(statuses.filter((status) => status === 201)).toHaveLength(10)
    expect(statuses.filter((status) => status === 409)).toHaveLength(20)
    for (const refused of responses.filter((response) => response.statusCode === 409)) {
      expect(refused.headers['content-type']).toContain('application/problem+json')
      const problem = refused.json<Problem>()
      expect(problem).toMatchObject({ status: 409, code: 'class_full', title: 'Lớp đã đủ số học viên' })
      expect(problem.detail).toContain('10 of 10 places are taken')
    }
    expect(await enrolledCount(training.id)).toBe(10)
    const read = await officer.get(`/api/v1/trainings/${training.id}`)
    expect(read.json<TrainingClass>().enrolledCount).toBe(10)
    // One audit event per enrolment that happened, none for the refused ones.
    const [audit] = await queryRows<{ n: number }>(
      ctx,
      sql`SELECT count(*)::int AS n FROM audit_events WHERE action = 'training.enrol' AND entity_id IN (SELECT id FROM training_participants WHERE class_id = ${training.id})`,
    )
    expect(audit?.n).toBe(10)
  })

  it('a withdrawal frees a place; enrolling twice is refused', async () => {
    const tree = await createTrainingTree(ctx)
    const officer = await loginAs(ctx, 'union_officer', tree.districtA)
    const training = await createClass(officer, tree.districtA, topics.labour_code_2019!, { capacity: 1 })
    await setStatus(officer, training.id, 'open')
    const first = await createMember(ctx, tree.grassrootsA1)
    const second = await createMember(ctx, tree.grassrootsA1)
    const participant = await enrol(officer, training.id, first.id)
    const twice = await officer.post(`/api/v1/trainings/${training.id}/participants`, { memberId: first.id })
    expect(twice.statusCode).toBe(409)
    expect(twice.json<Problem>().code).toBe('already_enrolled')
    const full = await officer.post(`/api/v1/trainings/${training.id}/participants`, { memberId: second.id })
    expect(full.statusCode).toBe(409)
    expect(full.json<Problem>().code).toBe('class_full')
    const withdrawn = await officer.post(`/api/v1/trainings/${training.id}/participants/${participant.id}/withdrawal`)
    expect(withdrawn.statusCode).toBe(200)
    expect(withdrawn.json<TrainingParticipant>()).toMatchObject({ status: 'withdrawn' })
    expect((await officer.post(`/api/v1/trainings/${training.id}/participants/${participant.id}/withdrawal`)).statusCode).toBe(409)
    expect((await officer.post(`/api/v1/trainings/${training.id}/participants`, { memberId: second.id })).statusCode).toBe(201)
    // The withdrawn row stays as history.
    const list = await officer.get(`/api/v1/trainings/${training.id}/participants?status=withdrawn`)
    expect(list.json<PageOf<TrainingParticipant>>().items.map((item) => item.member.id)).toEqual([first.id])
  })
})

describe('who may be enrolled', () => {
  it('an active member of the organiser’s subtree only; others get a field error and nothing changes', async () => {
    const tree = await createTrainingTree(ctx)
    const officer = await loginAs(ctx, 'federation_officer', tree.root)
    const training = await createClass(officer, tree.districtA, topics.labour_code_2019!)
    const planned = await officer.post(`/api/v1/trainings/${training.id}/participants`, { memberId: (await createMember(ctx, tree.grassrootsA1)).id })
    expect(planned.statusCode).toBe(409)
    expect(planned.json<Problem>().code).toBe('invalid_state')
    await setStatus(officer, training.id, 'open')
    const elsewhere = await createMember(ctx, tree.grassrootsB1)
    const left = await createMember(ctx, tree.grassrootsA1)
    await markLeft(ctx, left.id)
    const outsideAll = await createMember(ctx, await createUnion(ctx, { type: 'city_federation' }).then((root) => createUnion(ctx, { parent: root })))
    const before = await classFootprint(ctx, training.id)
    const cases: [string, string][] = [
      [elsewhere.id, 'not_in_organiser_scope'],
      [left.id, 'member_not_active'],
      [outsideAll.id, 'not_found'],
      ['0190a000-0000-7000-8000-000000000001', 'not_found'],
    ]
    for (const [memberId, code] of cases) {
      const response = await officer.post(`/api/v1/trainings/${training.id}/participants`, { memberId })
      expect({ code, status: response.statusCode }).toEqual({ code, status: 422 })
      expect(response.json<Problem>().errors).toEqual([expect.objectContaining({ field: '/memberId', code })])
    }
    const malformed = await officer.post(`/api/v1/trainings/${training.id}/participants`, { memberId: 'abc' })
    expect(malformed.statusCode).toBe(400)
    expect(malformed.json<Problem>().errors?.[0]).toMatchObject({ field: '/memberId', code: 'format' })
    expect(await classFootprint(ctx, training.id)).toEqual(before)
  })
})

describe('bulk enrolment', () => {
  /**
   * District A with non-state grassroots units (chairpersons: one certified on the Labour Code,
   * others not), a state unit and district B: "all current chairpersons of non-state grassroots
   * unions under district A who have no valid Labour Code certificate".
   */
  async function scenario() {
    const tree = await createTrainingTree(ctx)
    const officer = await loginAs(ctx, 'federation_officer', tree.root)
    const extra = await createUnion(ctx, { parent: tree.districtA, name: 'Công ty TNHH Bao bì Minh Phát' })
    const chairs = {
      a1: await createMember(ctx, tree.grassrootsA1, { fullName: 'Âu Văn Một' }),
      extra: await createMember(ctx, extra, { fullName: 'Bạch Thị Hai' }),
      certified: await createMember(ctx, tree.grassrootsA1, { fullName: 'Cao Văn Ba' }),
      state: await createMember(ctx, tree.grassrootsA2, { fullName: 'Đinh Thị Bốn' }),
      b1: await createMember(ctx, tree.grassrootsB1, { fullName: 'Lê Văn Năm' }),
      former: await createMember(ctx, extra, { fullName: 'Mai Thị Sáu' }),
    }
    await appointDirect(ctx, tree.grassrootsA1, chairs.a1, 'chairperson', '2023-05-10')
    await appointDirect(ctx, extra, chairs.extra, 'chairperson', '2023-05-10')
    await appointDirect(ctx, extra, chairs.former, 'chairperson', '2018-05-10', '2023-05-10')
    await appointDirect(ctx, tree.grassrootsA2, chairs.state, 'chairperson', '2023-05-10')
    await appointDirect(ctx, tree.grassrootsB1, chairs.b1, 'chairperson', '2023-05-10')
    // "certified" was chair of A1 until 2023 and holds a certificate from a class completed then.
    await appointDirect(ctx, tree.grassrootsA1, chairs.certified, 'vice_chair', '2023-05-10')
    const earlier = await createClass(officer, tree.root, topics.labour_code_2019!, { capacity: 5 })
    await advance(officer, earlier.id, 'open')
    const participant = await enrol(officer, earlier.id, chairs.certified.id)
    await setStatus(officer, earlier.id, 'running')
    for (const session of earlier.sessions) await markAttendance(officer, earlier.id, session.id, [{ participantId: participant.id, present: true }])
    await recordScores(officer, earlier.id, [{ participantId: participant.id, score: 80 }])
    await setStatus(officer, earlier.id, 'completed')
    // Now "certified" is a chairperson too (of a second non-state unit), so only the certificate leaves them out.
    const third = await createUnion(ctx, { parent: tree.districtA, name: 'Hợp tác xã Tam Hiệp' })
    await appointDirect(ctx, third, chairs.certified, 'chairperson', '2024-01-02')
    return { tree, officer, chairs }
  }

  const filter = (under: string) => ({ under, positions: ['chairperson'], sector: 'non_state', grassroots: true, withoutCertificateFor: topics.labour_code_2019 })

  it('previews, then enrols everyone the filter picks, all at once', async () => {
    const { tree, officer, chairs } = await scenario()
    const training = await createClass(officer, tree.root, topics.labour_code_2019!, { capacity: 10 })
    await setStatus(officer, training.id, 'open')
    const query = `under=${tree.districtA.id}&position=chairperson&sector=non_state&grassroots=true&withoutCertificateFor=${topics.labour_code_2019}`
    const preview = await officer.get(`/api/v1/trainings/${training.id}/candidates?${query}`)
    expect(preview.statusCode).toBe(200)
    const names = preview.json<PageOf<TrainingCandidate>>().items.map((item) => item.fullName)
    expect(names).toEqual(['Âu Văn Một', 'Bạch Thị Hai'])

    const response = await officer.post(`/api/v1/trainings/${training.id}/participants/bulk`, { filter: filter(tree.districtA.id) }, { 'idempotency-key': `bulk-${training.id}` })
    expect(response.statusCode).toBe(200)
    expect(response.json<BulkEnrolResult>()).toMatchObject({ enrolled: 2, alreadyEnrolled: 0, placesLeft: 8 })
    expect(new Set(response.json<BulkEnrolResult>().memberIds)).toEqual(new Set([chairs.a1.id, chairs.extra.id]))
    // The same key and body replays the answer without enrolling twice.
    const replay = await officer.post(`/api/v1/trainings/${training.id}/participants/bulk`, { filter: filter(tree.districtA.id) }, { 'idempotency-key': `bulk-${training.id}` })
    expect(replay.json<BulkEnrolResult>()).toEqual(response.json<BulkEnrolResult>())
    // Nobody left to pick; a second run enrols no one.
    expect((await officer.get(`/api/v1/trainings/${training.id}/candidates?${query}`)).json<PageOf<TrainingCandidate>>().items).toEqual([])
    const again = await officer.post(`/api/v1/trainings/${training.id}/participants/bulk`, { filter: filter(tree.districtA.id) })
    expect(again.json<BulkEnrolResult>()).toMatchObject({ enrolled: 0, placesLeft: 8 })
    expect(await enrolledCount(training.id)).toBe(2)
  })

  it('is all or nothing when the places left are too few', async () => {
    const { tree, officer } = await scenario()
    const training = await createClass(officer, tree.root, topics.labour_code_2019!, { capacity: 1 })
    await setStatus(officer, training.id, 'open')
    const before = await classFootprint(ctx, training.id)
    const response = await officer.post(`/api/v1/trainings/${training.id}/participants/bulk`, { filter: filter(tree.districtA.id) })
    expect(response.statusCode).toBe(409)
    expect(response.json<Problem>()).toMatchObject({ code: 'class_full' })
    expect(response.json<Problem>().detail).toContain('Nobody was enrolled')
    expect(await classFootprint(ctx, training.id)).toEqual(before)
  })

  it('enrols a list of members, counting those already there, and refuses a bad list whole', async () => {
    const { tree, officer, chairs } = await scenario()
    const training = await createClass(officer, tree.districtA, topics.labour_code_2019!, { capacity: 5 })
    await setStatus(officer, training.id, 'open')
    await enrol(officer, training.id, chairs.a1.id)
    const response = await officer.post(`/api/v1/trainings/${training.id}/participants/bulk`, { memberIds: [chairs.a1.id, chairs.extra.id, chairs.state.id] })
    expect(response.statusCode).toBe(200)
    expect(response.json<BulkEnrolResult>()).toMatchObject({ enrolled: 2, alreadyEnrolled: 1, placesLeft: 2 })
    const before = await classFootprint(ctx, training.id)
    const bad = await officer.post(`/api/v1/trainings/${training.id}/participants/bulk`, { memberIds: [chairs.certified.id, chairs.b1.id] })
    expect(bad.statusCode).toBe(422)
    expect(bad.json<Problem>().errors).toEqual([expect.objectContaining({ field: '/memberIds/1', code: 'not_in_organiser_scope' })])
    expect(await classFootprint(ctx, training.id)).toEqual(before)
    const both = await officer.post(`/api/v1/trainings/${training.id}/participants/bulk`, { memberIds: [chairs.certified.id], filter: filter(tree.districtA.id) })
    expect(both.statusCode).toBe(422)
    expect(both.json<Problem>().errors?.[0]).toMatchObject({ field: '/filter', code: 'ids_or_filter' })
    const unknownPosition = await officer.post(`/api/v1/trainings/${training.id}/participants/bulk`, { filter: { positions: ['astronaut'] } })
    expect(unknownPosition.statusCode).toBe(422)
    expect(unknownPosition.json<Problem>().errors?.[0]).toMatchObject({ field: '/filter/positions/0', code: 'position_unknown' })
    const empty = await officer.post(`/api/v1/trainings/${training.id}/participants/bulk`, {})
    expect(empty.statusCode).toBe(400)
  })
})

describe('attendance and results', () => {
  it('are set per session in bulk while the class runs, for sessions held, for participants of the class', async () => {
    const tree = await createTrainingTree(ctx)
    const officer = await loginAs(ctx, 'federation_officer', tree.districtA)
    const training = await createClass(officer, tree.districtA, topics.labour_code_2019!)
    await setStatus(officer, training.id, 'open')
    const a = await enrol(officer, training.id, (await createMember(ctx, tree.grassrootsA1)).id)
    const b = await enrol(officer, training.id, (await createMember(ctx, tree.grassrootsA2)).id)
    const session = training.sessions[0]!
    const url = `/api/v1/trainings/${training.id}/sessions/${session.id}/attendance`
    const early = await officer.request({ method: 'PUT', url, payload: { entries: [{ participantId: a.id, present: true }] } })
    expect(early.statusCode).toBe(409)
    await setStatus(officer, training.id, 'running')
    expect(await markAttendance(officer, training.id, session.id, [{ participantId: a.id, present: true }, { participantId: b.id, present: false }])).toMatchObject({
      present: 1,
      absent: 1,
    })
    // Correcting one entry leaves the other as it was.
    expect(await markAttendance(officer, training.id, session.id, [{ participantId: b.id, present: true }])).toMatchObject({ present: 2, absent: 0 })
    const other = await createClass(officer, tree.districtA, topics.labour_code_2019!)
    await setStatus(officer, other.id, 'open')
    const stranger = await enrol(officer, other.id, (await createMember(ctx, tree.grassrootsA1)).id)
    const before = await classFootprint(ctx, training.id)
    const bad = await officer.request({
      method: 'PUT',
      url,
      payload: { entries: [{ participantId: a.id, present: false }, { participantId: stranger.id, present: true }, { participantId: a.id, present: true }] },
    })
    expect(bad.statusCode).toBe(422)
    expect(bad.json<Problem>().errors?.map((error) => [error.field, error.code])).toEqual([
      ['/entries/1/participantId', 'participant_unknown'],
      ['/entries/2/participantId', 'duplicate_entry'],
    ])
    const scores = await officer.request({ method: 'PUT', url: `/api/v1/trainings/${training.id}/results`, payload: { entries: [{ participantId: a.id, score: 101 }] } })
    expect(scores.statusCode).toBe(400)
    expect(scores.json<Problem>().errors?.[0]?.field).toBe('/entries/0/score')
    expect(await classFootprint(ctx, training.id)).toEqual(before)
    await recordScores(officer, training.id, [{ participantId: a.id, score: 75 }, { participantId: b.id, score: null }])
    const participants = (await officer.get(`/api/v1/trainings/${training.id}/participants`)).json<PageOf<TrainingParticipant>>().items
    expect(participants.find((p) => p.id === a.id)).toMatchObject({ score: 75, attendedCount: 1, attendedSessionIds: [session.id], outcome: 'pending' })
    expect(participants.find((p) => p.id === b.id)).toMatchObject({ score: null, attendedCount: 1 })
    const audit = await queryRows<{ action: string }>(ctx, sql`SELECT action FROM audit_events WHERE entity_id = ${session.id} ORDER BY occurred_at, id`)
    expect(audit.map((row) => row.action)).toEqual(['training.attendance', 'training.attendance'])

    const future = await createClass(officer, tree.districtA, topics.labour_code_2019!, { sessions: [{ date: '2099-01-05', startTime: '08:00', endTime: '11:00', place: 'Hội trường' }] })
    await setStatus(officer, future.id, 'open')
    const f = await enrol(officer, future.id, (await createMember(ctx, tree.grassrootsA1)).id)
    await setStatus(officer, future.id, 'running')
    const notYet = await officer.request({
      method: 'PUT',
      url: `/api/v1/trainings/${future.id}/sessions/${future.sessions[0]!.id}/attendance`,
      payload: { entries: [{ participantId: f.id, present: true }] },
    })
    expect(notYet.statusCode).toBe(422)
    expect(notYet.json<Problem>().errors?.[0]).toMatchObject({ field: 'sessionId', code: 'session_in_future', message: 'Buổi học chưa diễn ra: chưa thể điểm danh' })
  })
})
