import {
  type PageOf,
  type Problem,
  type TrainingClass,
  type TrainingStatus,
  type TrainingTopic,
  TrainingStatuses,
  TrainingTransitions,
  meetsCompletionRule,
} from '@liendoan/contracts'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Client, type TestContext, createTestApp, createUnion, loginAs, queryRows } from './helpers/app.js'
import { createMember } from './helpers/members.js'
import { classBody, classFootprint, createClass, sessions, setStatus, topicIds, createTrainingTree } from './helpers/trainings.js'

/** Classes: topics as data, creation, validation, edits with If-Match, and the status lifecycle. */

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

const labourCode = () => topics.labour_code_2019!

describe('topics', () => {
  it('are seeded data, listed in order, and only administrators add one', async () => {
    const response = await officer.get('/api/v1/training-topics')
    expect(response.statusCode).toBe(200)
    const items = response.json<{ items: TrainingTopic[] }>().items
    expect(items.slice(0, 5).map((topic) => topic.code)).toEqual([
      'labour_code_2019',
      'workplace_dialogue',
      'collective_bargaining',
      'labour_disputes',
      'union_finance',
    ])
    expect(items[0]).toMatchObject({ name: 'Bộ luật Lao động năm 2019', nameEn: 'Labour Code 2019', validityYears: null })
    const body = { code: `topic_${Date.now()}`, name: 'Kỹ năng tuyên truyền', nameEn: 'Outreach skills' }
    expect((await officer.post('/api/v1/training-topics', body)).statusCode).toBe(403)
    const admin = await loginAs(ctx, 'admin', tree.root)
    const created = await admin.post('/api/v1/training-topics', body)
    expect(created.statusCode).toBe(201)
    const again = await admin.post('/api/v1/training-topics', body)
    expect(again.statusCode).toBe(409)
    expect(again.json<Problem>().errors?.[0]).toMatchObject({ field: '/code', code: 'unique' })
    expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/training-topics' })).statusCode).toBe(401)
  })
})

describe('creating a class', () => {
  it('creates a planned class with its sessions sorted, and audits it', async () => {
    const body = classBody(tree.districtA, labourCode(), {
      sessions: [
        { date: '2025-03-12', startTime: '13:30', endTime: '17:00', place: 'Hội trường' },
        { date: '2025-03-11', startTime: '08:00', endTime: '11:30', place: 'Hội trường' },
      ],
      topicIds: [labourCode(), topics.workplace_dialogue!],
    })
    const response = await officer.post('/api/v1/trainings', body)
    expect(response.statusCode).toBe(201)
    expect(response.headers.etag).toBe('"1"')
    const training = response.json<TrainingClass>()
    expect(response.headers.location).toBe(`/api/v1/trainings/${training.id}`)
    expect(training).toMatchObject({
      status: 'planned',
      organiser: { id: tree.districtA.id },
      startsOn: '2025-03-11',
      endsOn: '2025-03-12',
      capacity: 50,
      enrolledCount: 0,
      passMark: 50,
      minAttendancePercent: 80,
      audience: { positions: ['chairperson'], sector: 'non_state' },
    })
    expect(training.sessions.map((session) => [session.date, session.startTime, session.endTime])).toEqual([
      ['2025-03-11', '08:00', '11:30'],
      ['2025-03-12', '13:30', '17:00'],
    ])
    expect(training.topics.map((topic) => topic.code).sort()).toEqual(['labour_code_2019', 'workplace_dialogue'])
    const audit = await queryRows<{ action: string }>(ctx, sql`SELECT action FROM audit_events WHERE entity_id = ${training.id}`)
    expect(audit.map((row) => row.action)).toEqual(['training.create'])
  })

  it('answers bad input with 400 and one error per field, in Vietnamese', async () => {
    const response = await officer.post('/api/v1/trainings', {
      ...classBody(tree.districtA, labourCode()),
      title: '',
      capacity: 0,
      passMark: 101,
      sessions: [{ date: '2025-02-30', startTime: '8h', endTime: '11:30', place: 'Hội trường' }],
      topicIds: [],
      colour: 'red',
    })
    expect(response.statusCode).toBe(400)
    expect(response.headers['content-type']).toContain('application/problem+json')
    const problem = response.json<Problem>()
    expect(problem.code).toBe('validation_failed')
    const fields = Object.fromEntries((problem.errors ?? []).map((error) => [error.field, error.code]))
    expect(fields).toMatchObject({
      '/title': 'minLength',
      '/capacity': 'minimum',
      '/passMark': expect.any(String),
      '/sessions/0/date': 'format',
      '/sessions/0/startTime': 'pattern',
      '/topicIds': 'minItems',
      '/colour': 'additionalProperties',
    })
    expect(problem.errors?.find((error) => error.field === '/capacity')?.message).toBe('Giá trị tối thiểu là 1')
  })

  it('refuses sessions that end before they start, unknown topics and positions (422, nothing written)', async () => {
    const before = await queryRows<{ n: number }>(ctx, sql`SELECT count(*)::int AS n FROM training_classes WHERE organiser_union_id = ${tree.districtA.id}`)
    const response = await officer.post(
      '/api/v1/trainings',
      classBody(tree.districtA, labourCode(), {
        sessions: [
          { date: '2025-03-11', startTime: '13:00', endTime: '12:00', place: 'Hội trường' },
          { date: '2025-03-11', startTime: '13:00', endTime: '16:00', place: 'Hội trường' },
        ],
        topicIds: [labourCode(), '0190a000-0000-7000-8000-000000000000'],
        audience: { positions: ['chairperson', 'astronaut'] },
      }),
    )
    expect(response.statusCode).toBe(422)
    const errors = response.json<Problem>().errors ?? []
    expect(errors.map((error) => [error.field, error.code])).toEqual(
      expect.arrayContaining([
        ['/sessions/0/endTime', 'time_order'],
        ['/sessions/1', 'session_duplicate'],
        ['/topicIds/1', 'not_found'],
        ['/audience/positions/1', 'position_unknown'],
      ]),
    )
    expect(errors.find((error) => error.field === '/sessions/0/endTime')?.message).toBe('Giờ kết thúc phải sau giờ bắt đầu')
    expect(await queryRows<{ n: number }>(ctx, sql`SELECT count(*)::int AS n FROM training_classes WHERE organiser_union_id = ${tree.districtA.id}`)).toEqual(before)
  })

  it('answers an organiser outside the scope like a missing one', async () => {
    const outside = await officer.post('/api/v1/trainings', classBody(tree.districtB, labourCode()))
    expect(outside.statusCode).toBe(404)
    expect(outside.json<Problem>().code).toBe('not_found')
  })
})

describe('editing a class', () => {
  it('needs If-Match, refuses a stale version, and replaces sessions before the class runs', async () => {
    const training = await createClass(officer, tree.districtA, labourCode())
    const url = `/api/v1/trainings/${training.id}`
    expect((await officer.patch(url, { capacity: 40 })).statusCode).toBe(428)
    expect((await officer.patch(url, { capacity: 40 }, { 'if-match': '"7"' })).statusCode).toBe(412)
    const response = await officer.patch(url, { capacity: 40, sessions: sessions(3, '2025-04-01'), title: 'Lớp mới' }, { 'if-match': '"1"' })
    expect(response.statusCode).toBe(200)
    expect(response.headers.etag).toBe('"2"')
    expect(response.json<TrainingClass>()).toMatchObject({ capacity: 40, title: 'Lớp mới', startsOn: '2025-04-01', endsOn: '2025-04-03' })
    expect(response.json<TrainingClass>().sessions).toHaveLength(3)
    const audit = await queryRows<{ action: string; before: Record<string, unknown>; after: Record<string, unknown> }>(
      ctx,
      sql`SELECT action, before, after FROM audit_events WHERE entity_id = ${training.id} ORDER BY occurred_at, id`,
    )
    expect(audit.map((row) => row.action)).toEqual(['training.create', 'training.update'])
    expect(audit[1]?.after).toMatchObject({ capacity: 40, title: 'Lớp mới' })
    expect(audit[1]?.before).toMatchObject({ capacity: 50 })
  })

  it('keeps sessions fixed once running, and nothing changes once completed or cancelled', async () => {
    const training = await createClass(officer, tree.districtA, labourCode())
    await setStatus(officer, training.id, 'open')
    const running = await setStatus(officer, training.id, 'running')
    const url = `/api/v1/trainings/${training.id}`
    const before = await classFootprint(ctx, training.id)
    const refused = await officer.patch(url, { sessions: sessions(1) }, { 'if-match': `"${running.version}"` })
    expect(refused.statusCode).toBe(409)
    expect(refused.json<Problem>().code).toBe('invalid_state')
    expect(await classFootprint(ctx, training.id)).toEqual(before)
    const renamed = await officer.patch(url, { title: 'Tên đã sửa' }, { 'if-match': `"${running.version}"` })
    expect(renamed.statusCode).toBe(200)
    const cancelled = await setStatus(officer, training.id, 'cancelled', 'Giảng viên ốm')
    const afterCancel = await classFootprint(ctx, training.id)
    const late = await officer.patch(url, { title: 'Không được' }, { 'if-match': `"${cancelled.version}"` })
    expect(late.statusCode).toBe(409)
    expect(await classFootprint(ctx, training.id)).toEqual(afterCancel)
  })

  it('refuses a capacity below the participants already enrolled', async () => {
    const training = await createClass(officer, tree.districtA, labourCode(), { capacity: 5 })
    await setStatus(officer, training.id, 'open')
    for (let i = 0; i < 3; i++) {
      const member = await createMember(ctx, tree.grassrootsA1)
      expect((await officer.post(`/api/v1/trainings/${training.id}/participants`, { memberId: member.id })).statusCode).toBe(201)
    }
    const current = await officer.get(`/api/v1/trainings/${training.id}`)
    const response = await officer.patch(`/api/v1/trainings/${training.id}`, { capacity: 2 }, { 'if-match': String(current.headers.etag) })
    expect(response.statusCode).toBe(422)
    expect(response.json<Problem>().errors?.[0]).toMatchObject({ field: '/capacity', code: 'capacity_below_enrolled' })
  })
})

describe('status lifecycle', () => {
  const allowed = (from: TrainingStatus) => TrainingTransitions[from]

  async function classIn(status: TrainingStatus): Promise<TrainingClass> {
    const training = await createClass(officer, tree.districtA, labourCode())
    const path: Record<TrainingStatus, TrainingStatus[]> = {
      planned: [],
      open: ['open'],
      running: ['open', 'running'],
      completed: ['open', 'running', 'completed'],
      cancelled: ['cancelled'],
    }
    let current = training
    for (const step of path[status]) current = await setStatus(officer, training.id, step, step === 'cancelled' ? 'Không đủ học viên' : undefined)
    return current
  }

  it.each(TrainingStatuses.map((status) => [status] as const))('from %s only the allowed transitions succeed; others change nothing', async (from) => {
    for (const to of TrainingStatuses) {
      const training = await classIn(from)
      const before = await classFootprint(ctx, training.id)
      const response = await officer.post(`/api/v1/trainings/${training.id}/status`, { status: to, reason: 'Lý do' })
      if (allowed(from).includes(to)) {
        expect({ from, to, status: response.statusCode }).toEqual({ from, to, status: 200 })
        expect(response.json<TrainingClass>().status).toBe(to)
      } else {
        expect({ from, to, status: response.statusCode }).toEqual({ from, to, status: 409 })
        expect(response.headers['content-type']).toContain('application/problem+json')
        const problem = response.json<Problem>()
        expect(problem.code).toBe('invalid_transition')
        expect(problem.detail).toContain(`from ${from} to ${to}`)
        expect(await classFootprint(ctx, training.id)).toEqual(before)
      }
    }
  })

  it('needs a reason to cancel, and completes only after the last session', async () => {
    const training = await classIn('open')
    const noReason = await officer.post(`/api/v1/trainings/${training.id}/status`, { status: 'cancelled' })
    expect(noReason.statusCode).toBe(422)
    expect(noReason.json<Problem>().errors?.[0]).toMatchObject({ field: '/reason', code: 'required' })
    const future = await createClass(officer, tree.districtA, labourCode(), { sessions: sessions(2, '2099-05-01') })
    await setStatus(officer, future.id, 'open')
    await setStatus(officer, future.id, 'running')
    const before = await classFootprint(ctx, future.id)
    const early = await officer.post(`/api/v1/trainings/${future.id}/status`, { status: 'completed' })
    expect(early.statusCode).toBe(409)
    expect(early.json<Problem>().code).toBe('invalid_state')
    expect(await classFootprint(ctx, future.id)).toEqual(before)
    const bad = await officer.post(`/api/v1/trainings/${future.id}/status`, { status: 'finished' })
    expect(bad.statusCode).toBe(400)
    expect(bad.json<Problem>().errors?.[0]).toMatchObject({ field: '/status', code: 'enum' })
  })
})

describe('listing classes', () => {
  it('filters by subtree, status, topic, dates and title without diacritics', async () => {
    const local = await createTrainingTree(ctx)
    const manager = await loginAs(ctx, 'admin', local.root)
    const inA = await createClass(manager, local.districtA, labourCode(), { title: 'Tập huấn Đối thoại tại nơi làm việc', sessions: sessions(2, '2024-05-06') })
    const inB = await createClass(manager, local.districtB, topics.union_finance!, { title: 'Tài chính công đoàn', sessions: sessions(1, '2025-08-01') })
    await setStatus(manager, inB.id, 'open')
    const ids = async (query: string) =>
      (await manager.get(`/api/v1/trainings?${query}`)).json<PageOf<TrainingClass>>().items.map((item) => item.id)
    expect(await ids('limit=500')).toEqual(expect.arrayContaining([inA.id, inB.id]))
    expect(await ids(`under=${local.districtA.id}`)).toEqual([inA.id])
    expect(await ids(`under=${local.root.id}&status=open`)).toEqual([inB.id])
    expect(await ids(`under=${local.root.id}&topicId=${topics.union_finance}`)).toEqual([inB.id])
    expect(await ids(`under=${local.root.id}&from=2025-01-01`)).toEqual([inB.id])
    expect(await ids(`under=${local.root.id}&to=2024-12-31`)).toEqual([inA.id])
    expect(await ids(`under=${local.root.id}&q=doi%20thoai`)).toEqual([inA.id])
    // Newest first, one per page.
    const first = await manager.get(`/api/v1/trainings?under=${local.root.id}&limit=1`)
    const page = first.json<PageOf<TrainingClass>>()
    expect(page.items.map((item) => item.id)).toEqual([inB.id])
    const second = await manager.get(`/api/v1/trainings?under=${local.root.id}&limit=1&cursor=${page.nextCursor}`)
    expect(second.json<PageOf<TrainingClass>>()).toMatchObject({ items: [{ id: inA.id }], nextCursor: null })
    // Another district's officer sees neither district's classes.
    const other = await loginAs(ctx, 'federation_officer', local.districtB)
    const seen = (await other.get('/api/v1/trainings?limit=500')).json<PageOf<TrainingClass>>().items.map((item) => item.id)
    expect(seen).toContain(inB.id)
    expect(seen).not.toContain(inA.id)
    expect((await manager.get('/api/v1/trainings?cursor=abc')).statusCode).toBe(400)
    expect((await manager.get('/api/v1/trainings?status=done')).statusCode).toBe(400)
  })
})

describe('the completion rule', () => {
  it('counts whole-number shares, so the boundary is exact', () => {
    const rule = { minAttendancePercent: 80, passMark: 60 }
    expect(meetsCompletionRule({ ...rule, sessionCount: 5, attendedCount: 4, score: 60 })).toBe(true)
    expect(meetsCompletionRule({ ...rule, sessionCount: 5, attendedCount: 3, score: 100 })).toBe(false)
    expect(meetsCompletionRule({ ...rule, sessionCount: 5, attendedCount: 5, score: 59 })).toBe(false)
    expect(meetsCompletionRule({ ...rule, sessionCount: 5, attendedCount: 5, score: null })).toBe(false)
    expect(meetsCompletionRule({ minAttendancePercent: 75, passMark: null, sessionCount: 4, attendedCount: 3, score: null })).toBe(true)
    expect(meetsCompletionRule({ minAttendancePercent: 34, passMark: null, sessionCount: 3, attendedCount: 1, score: null })).toBe(false)
    expect(meetsCompletionRule({ minAttendancePercent: 33, passMark: null, sessionCount: 3, attendedCount: 1, score: null })).toBe(true)
    expect(meetsCompletionRule({ minAttendancePercent: 1, passMark: null, sessionCount: 0, attendedCount: 0, score: null })).toBe(false)
  })
})

it('a union created for the test keeps its own classes apart', async () => {
  const lonely = await createUnion(ctx, { type: 'city_federation' })
  const admin = await loginAs(ctx, 'admin', lonely)
  expect((await admin.get('/api/v1/trainings')).json<PageOf<TrainingClass>>().items).toEqual([])
})
