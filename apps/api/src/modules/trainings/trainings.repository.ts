import type {
  CertificateRef,
  CertificateStatus,
  ParticipantOutcome,
  ParticipantStatus,
  Sector,
  TopicRef,
  TrainingCertificate,
  TrainingClass,
  TrainingParticipant,
  TrainingSession,
  TrainingStatus,
} from '@liendoan/contracts'
import { type SQL, type SQLWrapper, asc, eq, inArray, sql } from 'drizzle-orm'
import { type Database, selectRows } from '../../db/client.js'
import {
  members,
  trainingCertificates,
  trainingClassTopics,
  trainingClasses,
  trainingParticipants,
  trainingSessions,
  trainingTopics,
  unions,
} from '../../db/schema/index.js'

/* ---------- classes ---------- */

export const classColumns = {
  id: trainingClasses.id,
  title: trainingClasses.title,
  description: trainingClasses.description,
  organiserUnionId: trainingClasses.organiserUnionId,
  organiserCode: unions.code,
  organiserName: unions.name,
  organiserPath: unions.path,
  audiencePositions: trainingClasses.audiencePositions,
  audienceSector: trainingClasses.audienceSector,
  capacity: trainingClasses.capacity,
  trainers: trainingClasses.trainers,
  passMark: trainingClasses.passMark,
  minAttendancePercent: trainingClasses.minAttendancePercent,
  status: trainingClasses.status,
  statusReason: trainingClasses.statusReason,
  startsOn: trainingClasses.startsOn,
  endsOn: trainingClasses.endsOn,
  version: trainingClasses.version,
  createdAt: trainingClasses.createdAt,
  updatedAt: trainingClasses.updatedAt,
}

/** Classes joined to their organiser; add `.where(...)`. */
export function selectClasses(executor: Database) {
  return executor.select(classColumns).from(trainingClasses).innerJoin(unions, eq(unions.id, trainingClasses.organiserUnionId))
}

export type ClassRow = Awaited<ReturnType<typeof selectClasses>>[number]

/** Topics, sessions and counts of some classes, fetched in three statements whatever their number. */
export async function classDetails(executor: Database, ids: readonly string[]) {
  const topics = new Map<string, TopicRef[]>()
  const sessions = new Map<string, TrainingSession[]>()
  const counts = new Map<string, { enrolled: number; completed: number; certificates: number }>()
  if (ids.length === 0) return { topics, sessions, counts }
  const idList = [...ids]
  const topicRows = await executor
    .select({ classId: trainingClassTopics.classId, id: trainingTopics.id, code: trainingTopics.code, name: trainingTopics.name })
    .from(trainingClassTopics)
    .innerJoin(trainingTopics, eq(trainingTopics.id, trainingClassTopics.topicId))
    .where(inArray(trainingClassTopics.classId, idList))
    .orderBy(asc(trainingTopics.sortOrder), asc(trainingTopics.code))
  for (const row of topicRows) {
    const list = topics.get(row.classId) ?? []
    list.push({ id: row.id, code: row.code, name: row.name })
    topics.set(row.classId, list)
  }
  const sessionRows = await executor
    .select()
    .from(trainingSessions)
    .where(inArray(trainingSessions.classId, idList))
    .orderBy(asc(trainingSessions.date), asc(trainingSessions.startTime), asc(trainingSessions.id))
  for (const row of sessionRows) {
    const list = sessions.get(row.classId) ?? []
    list.push({ id: row.id, date: row.date, startTime: row.startTime.slice(0, 5), endTime: row.endTime.slice(0, 5), place: row.place })
    sessions.set(row.classId, list)
  }
  const countRows = await selectRows<{ class_id: string; enrolled: number; completed: number; certificates: number }>(
    executor,
    sql`SELECT c.id AS class_id,
          (SELECT count(*)::int FROM training_participants p WHERE p.class_id = c.id AND p.status = 'enrolled') AS enrolled,
          (SELECT count(*)::int FROM training_participants p WHERE p.class_id = c.id AND p.status = 'enrolled' AND p.outcome = 'completed') AS completed,
          (SELECT count(*)::int FROM training_certificates t WHERE t.class_id = c.id AND t.status = 'valid') AS certificates
        FROM training_classes c WHERE c.id IN (${sql.join(
          idList.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`,
  )
  for (const row of countRows) counts.set(row.class_id, { enrolled: row.enrolled, completed: row.completed, certificates: row.certificates })
  return { topics, sessions, counts }
}

export type ClassDetails = Awaited<ReturnType<typeof classDetails>>

/** Row → contract, the one place a class's JSON shape is made. */
export function presentClass(row: ClassRow, details: ClassDetails): TrainingClass {
  const counts = details.counts.get(row.id) ?? { enrolled: 0, completed: 0, certificates: 0 }
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    topics: details.topics.get(row.id) ?? [],
    organiser: { id: row.organiserUnionId, code: row.organiserCode, name: row.organiserName },
    audience: { positions: row.audiencePositions, sector: (row.audienceSector ?? null) as Sector | null },
    sessions: details.sessions.get(row.id) ?? [],
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    capacity: row.capacity,
    enrolledCount: counts.enrolled,
    trainers: row.trainers,
    passMark: row.passMark,
    minAttendancePercent: row.minAttendancePercent,
    status: row.status as TrainingStatus,
    statusReason: row.statusReason,
    completedCount: counts.completed,
    certificateCount: counts.certificates,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }
}

/** A class as the audit log keeps it. */
export function classAuditSnapshot(row: ClassRow, topicIds: readonly string[], sessions: readonly TrainingSession[]): Record<string, unknown> {
  return {
    title: row.title,
    description: row.description,
    organiserUnionId: row.organiserUnionId,
    topicIds: [...topicIds].sort(),
    audiencePositions: row.audiencePositions,
    audienceSector: row.audienceSector,
    sessions: sessions.map((session) => ({ date: session.date, startTime: session.startTime, endTime: session.endTime, place: session.place })),
    capacity: row.capacity,
    trainers: row.trainers,
    passMark: row.passMark,
    minAttendancePercent: row.minAttendancePercent,
    status: row.status,
    statusReason: row.statusReason,
  }
}

/* ---------- participants ---------- */

export const participantColumns = {
  id: trainingParticipants.id,
  classId: trainingParticipants.classId,
  memberId: trainingParticipants.memberId,
  memberName: members.fullName,
  memberNameKey: members.nameKey,
  memberUnionId: members.unionId,
  memberUnionCode: unions.code,
  memberUnionName: unions.name,
  status: trainingParticipants.status,
  enrolledAt: trainingParticipants.enrolledAt,
  withdrawnAt: trainingParticipants.withdrawnAt,
  score: trainingParticipants.score,
  outcome: trainingParticipants.outcome,
  attendedSessionIds: sql<string[]>`coalesce((SELECT array_agg(a.session_id::text ORDER BY a.session_id) FROM training_attendance a WHERE a.participant_id = ${trainingParticipants.id} AND a.present), '{}'::text[])`,
  certificate: sql<{ id: string; number: string; issuedOn: string; status: string } | null>`(
    SELECT json_build_object('id', c.id, 'number', c.number, 'issuedOn', c.issued_on::text, 'status', c.status)
      FROM training_certificates c WHERE c.participant_id = ${trainingParticipants.id}
     ORDER BY (c.status = 'valid') DESC, c.created_at DESC LIMIT 1)`,
}

/** Participants with their member's name and current union; add `.where(...)`. */
export function selectParticipants(executor: Database) {
  return executor
    .select(participantColumns)
    .from(trainingParticipants)
    .innerJoin(members, eq(members.id, trainingParticipants.memberId))
    .innerJoin(unions, eq(unions.id, members.unionId))
}

export type ParticipantRow = Awaited<ReturnType<typeof selectParticipants>>[number]

function presentCertificateRef(value: { id: string; number: string; issuedOn: string; status: string } | null): CertificateRef | null {
  return value ? { id: value.id, number: value.number, issuedOn: value.issuedOn, status: value.status as CertificateStatus } : null
}

/** Row → contract for a participant. Only the member's name and union leave, never personal fields. */
export function presentParticipant(row: ParticipantRow): TrainingParticipant {
  const attended = row.attendedSessionIds ?? []
  return {
    id: row.id,
    classId: row.classId,
    member: { id: row.memberId, fullName: row.memberName, union: { id: row.memberUnionId, code: row.memberUnionCode, name: row.memberUnionName } },
    status: row.status as ParticipantStatus,
    enrolledAt: row.enrolledAt.toISOString(),
    withdrawnAt: row.withdrawnAt ? row.withdrawnAt.toISOString() : null,
    attendedSessionIds: attended,
    attendedCount: attended.length,
    score: row.score,
    outcome: row.outcome as ParticipantOutcome,
    certificate: presentCertificateRef(row.certificate),
  }
}

/* ---------- certificates ---------- */

export const certificateColumns = {
  id: trainingCertificates.id,
  number: trainingCertificates.number,
  verificationCode: trainingCertificates.verificationCode,
  classId: trainingCertificates.classId,
  classTitle: trainingClasses.title,
  classStartsOn: trainingClasses.startsOn,
  classEndsOn: trainingClasses.endsOn,
  organiserUnionId: trainingClasses.organiserUnionId,
  organiserName: unions.name,
  organiserPath: unions.path,
  participantId: trainingCertificates.participantId,
  memberId: trainingCertificates.memberId,
  memberName: members.fullName,
  memberUnionPath: members.unionPath,
  memberUnionName: sql<string>`(SELECT mu.name FROM unions mu WHERE mu.id = ${members.unionId})`,
  score: trainingParticipants.score,
  issuedOn: trainingCertificates.issuedOn,
  status: trainingCertificates.status,
  revokedOn: trainingCertificates.revokedOn,
  revokeReason: trainingCertificates.revokeReason,
  createdAt: trainingCertificates.createdAt,
  topics: sql<TopicRef[]>`coalesce((
    SELECT json_agg(json_build_object('id', tt.id, 'code', tt.code, 'name', tt.name) ORDER BY tt.sort_order, tt.code)
      FROM training_class_topics ct JOIN training_topics tt ON tt.id = ct.topic_id WHERE ct.class_id = ${trainingCertificates.classId}), '[]'::json)`,
}

/** Certificates with their class, organiser, member and participation; add `.where(...)`. */
export function selectCertificates(executor: Database) {
  return executor
    .select(certificateColumns)
    .from(trainingCertificates)
    .innerJoin(trainingClasses, eq(trainingClasses.id, trainingCertificates.classId))
    .innerJoin(unions, eq(unions.id, trainingClasses.organiserUnionId))
    .innerJoin(members, eq(members.id, trainingCertificates.memberId))
    .innerJoin(trainingParticipants, eq(trainingParticipants.id, trainingCertificates.participantId))
}

export type CertificateRow = Awaited<ReturnType<typeof selectCertificates>>[number]

/** `K7M2QX9P4TRA` → `K7M2-QX9P-4TRA`, as printed. */
export function formatVerificationCode(code: string): string {
  return code.replace(/(.{4})(?=.)/g, '$1-')
}

export function presentCertificate(row: CertificateRow): TrainingCertificate {
  return {
    id: row.id,
    number: row.number,
    verificationCode: formatVerificationCode(row.verificationCode),
    classId: row.classId,
    classTitle: row.classTitle,
    participantId: row.participantId,
    member: { id: row.memberId, fullName: row.memberName },
    topics: row.topics,
    issuedOn: row.issuedOn,
    status: row.status as CertificateStatus,
    revokedOn: row.revokedOn,
    revokeReason: row.revokeReason,
    createdAt: row.createdAt.toISOString(),
  }
}

/* ---------- set-based pieces ---------- */

/**
 * The member `memberColumn` holds, on `onDate`, a valid certificate on `topicId`: issued by then,
 * not revoked by then, and not expired when the topic's certificates expire.
 */
export function holdsValidCertificate(memberColumn: SQLWrapper, topicId: string, onDate: string): SQL {
  return sql`EXISTS (
    SELECT 1 FROM training_certificates vc
      JOIN training_class_topics vct ON vct.class_id = vc.class_id AND vct.topic_id = ${topicId}::uuid
      JOIN training_topics vt ON vt.id = vct.topic_id
     WHERE vc.member_id = ${memberColumn}
       AND vc.issued_on <= ${onDate}::date
       AND (vc.status = 'valid' OR vc.revoked_on > ${onDate}::date)
       AND (vt.validity_years IS NULL OR vc.issued_on + make_interval(years => vt.validity_years) > ${onDate}::date))`
}
