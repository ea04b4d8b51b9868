import type { CreateTrainingBody, TrainingClass, TrainingParticipant, TrainingStatus } from '@liendoan/contracts'
import { sql } from 'drizzle-orm'
import { v7 as uuidv7 } from 'uuid'
import { officerTerms } from '../../src/db/schema/index.js'
import { type Client, type TestContext, createUnion, queryRows } from './app.js'

/** Ids of the seeded training topics by code. */
export async function topicIds(ctx: TestContext): Promise<Record<string, string>> {
  const rows = await queryRows<{ id: string; code: string }>(ctx, sql`SELECT id, code FROM training_topics`)
  return Object.fromEntries(rows.map((row) => [row.code, row.id]))
}

/** Sessions on consecutive days from `firstDay` (past dates by default, so a class can run and complete). */
export function sessions(count: number, firstDay = '2025-03-10') {
  return Array.from({ length: count }, (_, index) => {
    const date = new Date(`${firstDay}T00:00:00Z`)
    date.setUTCDate(date.getUTCDate() + index)
    return { date: date.toISOString().slice(0, 10), startTime: '08:00', endTime: '11:30', place: 'Hội trường LĐLĐ huyện' }
  })
}

/** A valid class body organised by `organiser`; override any field. */
export function classBody(organiser: { id: string }, topicId: string, overrides: Partial<CreateTrainingBody> = {}): CreateTrainingBody {
  return {
    title: 'Tập huấn Bộ luật Lao động năm 2019',
    topicIds: [topicId],
    organiserUnionId: organiser.id,
    audience: { positions: ['chairperson'], sector: 'non_state' },
    sessions: sessions(2),
    capacity: 50,
    trainers: ['ThS. Nguyễn Văn Hùng'],
    passMark: 50,
    minAttendancePercent: 80,
    ...overrides,
  }
}

export async function createClass(c: Client, organiser: { id: string }, topicId: string, overrides: Partial<CreateTrainingBody> = {}): Promise<TrainingClass> {
  const response = await c.post('/api/v1/trainings', classBody(organiser, topicId, overrides))
  if (response.statusCode !== 201) throw new Error(`class creation failed: ${response.statusCode} ${response.body}`)
  return response.json<TrainingClass>()
}

export async function setStatus(c: Client, classId: string, status: TrainingStatus, reason?: string): Promise<TrainingClass> {
  const response = await c.post(`/api/v1/trainings/${classId}/status`, reason ? { status, reason } : { status })
  if (response.statusCode !== 200) throw new Error(`status ${status} failed: ${response.statusCode} ${response.body}`)
  return response.json<TrainingClass>()
}

/** planned → open → running → completed, as far as `status`. */
export async function advance(c: Client, classId: string, status: 'open' | 'running' | 'completed'): Promise<TrainingClass> {
  let training = await setStatus(c, classId, 'open')
  if (status === 'open') return training
  training = await setStatus(c, classId, 'running')
  if (status === 'running') return training
  return setStatus(c, classId, 'completed')
}

export async function enrol(c: Client, classId: string, memberId: string): Promise<TrainingParticipant> {
  const response = await c.post(`/api/v1/trainings/${classId}/participants`, { memberId })
  if (response.statusCode !== 201) throw new Error(`enrolment failed: ${response.statusCode} ${response.body}`)
  return response.json<TrainingParticipant>()
}

export async function markAttendance(c: Client, classId: string, sessionId: string, entries: { participantId: string; present: boolean }[]) {
  const response = await c.request({ method: 'PUT', url: `/api/v1/trainings/${classId}/sessions/${sessionId}/attendance`, payload: { entries } })
  if (response.statusCode !== 200) throw new Error(`attendance failed: ${response.statusCode} ${response.body}`)
  return response.json<{ present: number; absent: number }>()
}

export async function recordScores(c: Client, classId: string, entries: { participantId: string; score: number | null }[]) {
  const response = await c.request({ method: 'PUT', url: `/api/v1/trainings/${classId}/results`, payload: { entries } })
  if (response.statusCode !== 200) throw new Error(`results failed: ${response.statusCode} ${response.body}`)
}

/** Appoints a member to a position directly in the database (tests of what comes after). */
export async function appointDirect(
  ctx: TestContext,
  union: { id: string },
  member: { id: string },
  positionCode: string,
  startedOn: string,
  endedOn: string | null = null,
): Promise<void> {
  const [position] = await queryRows<{ id: string; single_holder: boolean }>(ctx, sql`SELECT id, single_holder FROM officer_positions WHERE code = ${positionCode}`)
  if (!position) throw new Error(`no position ${positionCode}`)
  await ctx.db.insert(officerTerms).values({
    id: uuidv7(),
    unionId: union.id,
    memberId: member.id,
    positionId: position.id,
    singleHolder: position.single_holder,
    startedOn,
    endedOn,
    termLabel: '2023–2028',
    employment: 'part_time',
  })
}

/** Everything a request could have written about a class: to prove a refused request changed nothing. */
export async function classFootprint(ctx: TestContext, classId: string) {
  const [row] = await queryRows<Record<string, unknown>>(
    ctx,
    sql`SELECT
      (SELECT row_to_json(c)::text FROM training_classes c WHERE c.id = ${classId}) AS class,
      (SELECT coalesce(string_agg(s.id::text || s.date::text || s.start_time::text, ',' ORDER BY s.id), '') FROM training_sessions s WHERE s.class_id = ${classId}) AS sessions,
      (SELECT coalesce(string_agg(t.topic_id::text, ',' ORDER BY t.topic_id), '') FROM training_class_topics t WHERE t.class_id = ${classId}) AS topics,
      (SELECT coalesce(string_agg(p.member_id::text || ':' || p.status || ':' || coalesce(p.score::text, '-') || ':' || p.outcome, ',' ORDER BY p.member_id), '')
         FROM training_participants p WHERE p.class_id = ${classId}) AS participants,
      (SELECT coalesce(string_agg(a.participant_id::text || a.session_id::text || a.present::text, ',' ORDER BY a.participant_id, a.session_id), '')
         FROM training_attendance a JOIN training_participants p ON p.id = a.participant_id WHERE p.class_id = ${classId}) AS attendance,
      (SELECT coalesce(string_agg(c.number || ':' || c.status, ',' ORDER BY c.number), '') FROM training_certificates c WHERE c.class_id = ${classId}) AS certificates,
      (SELECT count(*)::int FROM audit_events e WHERE e.entity_id = ${classId}
          OR e.entity_id IN (SELECT id FROM training_participants WHERE class_id = ${classId})
          OR e.entity_id IN (SELECT id FROM training_sessions WHERE class_id = ${classId})
          OR e.entity_id IN (SELECT id FROM training_certificates WHERE class_id = ${classId})) AS audit`,
  )
  return row
}

/**
 * The same shape as createTree (root → districts A and B → grassroots A1, A2, B1) under names of
 * its own: files sharing one PostgreSQL search unions by name (transfer destinations), and
 * trainings tests must not crowd those searches.
 */
export async function createTrainingTree(ctx: TestContext) {
  const tag = uuidv7().slice(-6)
  const root = await createUnion(ctx, { type: 'city_federation', name: `LĐLĐ tập huấn ${tag}` })
  const districtA = await createUnion(ctx, { parent: root, type: 'district_federation', name: `LĐLĐ huyện Tập huấn A ${tag}` })
  const districtB = await createUnion(ctx, { parent: root, type: 'district_federation', name: `LĐLĐ huyện Tập huấn B ${tag}` })
  const grassrootsA1 = await createUnion(ctx, { parent: districtA, name: `Công ty TNHH Học viên A1 ${tag}` })
  const grassrootsA2 = await createUnion(ctx, { parent: districtA, name: `Trường Mầm non Học viên A2 ${tag}`, sector: 'state' })
  const grassrootsB1 = await createUnion(ctx, { parent: districtB, name: `Công ty TNHH Học viên B1 ${tag}` })
  return { root, districtA, districtB, grassrootsA1, grassrootsA2, grassrootsB1 }
}
