import {
  type BulkEnrolResult,
  type CertificateVerification,
  type CreateTrainingBody,
  type CreateTrainingTopicBody,
  type EnrolParticipantsBulkBody,
  type PageOf,
  type RevokeCertificateBody,
  type SessionAttendanceBody,
  type SessionAttendanceResult,
  type TrainingCandidate,
  type TrainingCandidateFilter,
  type TrainingCandidateQuery,
  type TrainingCertificate,
  type TrainingClass,
  type TrainingHistoryEntry,
  type TrainingListQuery,
  type TrainingParticipant,
  type TrainingParticipantQuery,
  type TrainingResultsBody,
  type TrainingResultsResult,
  type TrainingSessionInput,
  type TrainingStatus,
  type TrainingStatusBody,
  type TrainingTopic,
  TrainingTransitions,
  CERTIFICATE_CHECK_PATH,
  meetsCompletionRule,
  type UpdateTrainingBody,
} from '@liendoan/contracts'
import { type SQL, and, asc, desc, eq, inArray, sql } from 'drizzle-orm'
import { v7 as uuidv7 } from 'uuid'
import { type Database, selectRows } from '../../db/client.js'
import {
  members,
  officerPositions,
  trainingAttendance,
  trainingCertificates,
  trainingClassTopics,
  trainingClasses,
  trainingParticipants,
  trainingSessions,
  trainingTopics,
  unions,
} from '../../db/schema/index.js'
import { type RequestContext, requirePermission } from '../../lib/actor.js'
import { type AuditEntry, diff, recordAudit, recordAudits } from '../../lib/audit.js'
import { todayInVietnam } from '../../lib/dates.js'
import { staleVersion } from '../../lib/etag.js'
import { type FieldErrorInput, ProblemError, badRequest, notFound } from '../../lib/errors.js'
import { decodeCursor, pageSize, toPage } from '../../lib/pagination.js'
import { type MemberRow, memberInScope, selectMembers } from '../members/members.repository.js'
import type { MembersService } from '../members/members.service.js'
import { officerHoldersOn } from '../officers/officers.repository.js'
import { pathIncludesUnion, pathWithinSubtree } from '../unions/union-scope.js'
import type { UnionsService } from '../unions/unions.service.js'
import { type CertificatePdfInput, renderCertificatePdf } from './certificate-pdf.js'
import { canTransition, certificateNumber, newVerificationCode, normalizeVerificationCode } from './training-rules.js'
import {
  type CertificateRow,
  type ClassRow,
  classAuditSnapshot,
  classDetails,
  formatVerificationCode,
  holdsValidCertificate,
  presentCertificate,
  presentClass,
  presentParticipant,
  selectCertificates,
  selectClasses,
  selectParticipants,
} from './trainings.repository.js'

export interface TrainingsServiceDeps {
  db: Database
  unions: UnionsService
  members: MembersService
}

const DEFAULT_MIN_ATTENDANCE_PERCENT = 80
/** The most members a bulk enrolment may pick (the largest capacity). */
const MAX_BULK = 10_000

function throwIfInvalid(errors: FieldErrorInput[]): void {
  if (errors.length) throw new ProblemError(422, 'validation_failed', 'Some fields are invalid.', errors)
}

/** Trimmed free text, empty meaning none. */
const optionalText = (value: string | null | undefined): string | null => {
  const trimmed = value?.trim()
  return trimmed ? trimmed : null
}

/** Sessions checked (end after start, no two at the same moment) and sorted by time. */
function checkSessions(sessions: readonly TrainingSessionInput[], errors: FieldErrorInput[]): TrainingSessionInput[] {
  const seen = new Set<string>()
  sessions.forEach((session, index) => {
    if (session.endTime <= session.startTime) errors.push({ field: `/sessions/${index}/endTime`, code: 'time_order' })
    const key = `${session.date} ${session.startTime}`
    if (seen.has(key)) errors.push({ field: `/sessions/${index}`, code: 'session_duplicate' })
    seen.add(key)
  })
  return [...sessions]
    .map((session) => ({ ...session, place: session.place.trim() }))
    .sort((a, b) => (`${a.date} ${a.startTime}` < `${b.date} ${b.startTime}` ? -1 : 1))
}

function sessionSpan(sessions: readonly TrainingSessionInput[]): { startsOn: string; endsOn: string } {
  return { startsOn: sessions[0]!.date, endsOn: sessions[sessions.length - 1]!.date }
}

function trainersOf(trainers: readonly string[] | undefined): string[] {
  return (trainers ?? []).map((name) => name.trim()).filter(Boolean)
}

type Eligibility = 'ok' | 'not_found' | 'not_in_organiser_scope' | 'member_not_active'

/**
 * Whether a member may join a class: visible to the actor (else it answers like a missing one),
 * in the organiser's subtree, and an active member.
 */
function eligibility(member: MemberRow | undefined, context: RequestContext, organiserUnionId: string): Eligibility {
  if (!member || !memberInScope(member, context.actor.unionId)) return 'not_found'
  if (!pathIncludesUnion(member.unionPath, organiserUnionId)) return 'not_in_organiser_scope'
  if (member.status !== 'active') return 'member_not_active'
  return 'ok'
}

/** Training classes: CRUD, status, participants, attendance, results, completion and certificates. */
export function createTrainingsService(deps: TrainingsServiceDeps) {
  const { db, unions: unionsService, members: membersService } = deps

  /** The class if its organiser is in the actor's subtree; 404 otherwise, exactly like a missing id. */
  async function findClass(executor: Database, context: RequestContext, id: string, options: { lock?: boolean } = {}): Promise<ClassRow> {
    const query = selectClasses(executor).where(eq(trainingClasses.id, id))
    // The lock serialises everything that counts places or changes status (concurrent enrolments above all).
    const [row] = options.lock ? await query.for('update', { of: trainingClasses }) : await query
    if (!row || !pathIncludesUnion(row.organiserPath, context.actor.unionId)) throw notFound()
    return row
  }

  async function present(executor: Database, row: ClassRow): Promise<TrainingClass> {
    return presentClass(row, await classDetails(executor, [row.id]))
  }

  async function checkTopics(executor: Database, ids: readonly string[], errors: FieldErrorInput[]): Promise<void> {
    const found = await executor.select({ id: trainingTopics.id }).from(trainingTopics).where(inArray(trainingTopics.id, [...ids]))
    const known = new Set(found.map((row) => row.id))
    ids.forEach((id, index) => {
      if (!known.has(id)) errors.push({ field: `/topicIds/${index}`, code: 'not_found' })
    })
  }

  async function checkPositions(executor: Database, codes: readonly string[], field: string, errors: FieldErrorInput[]): Promise<void> {
    if (codes.length === 0) return
    const found = await executor.select({ code: officerPositions.code }).from(officerPositions).where(inArray(officerPositions.code, [...codes]))
    const known = new Set(found.map((row) => row.code))
    codes.forEach((code, index) => {
      if (!known.has(code)) errors.push({ field: `${field}/${index}`, code: 'position_unknown' })
    })
  }

  async function enrolledCount(executor: Database, classId: string): Promise<number> {
    const [row] = await selectRows<{ n: number }>(
      executor,
      sql`SELECT count(*)::int AS n FROM training_participants WHERE class_id = ${classId}::uuid AND status = 'enrolled'`,
    )
    return row?.n ?? 0
  }

  async function loadParticipant(executor: Database, classId: string, participantId: string): Promise<TrainingParticipant> {
    const [row] = await selectParticipants(executor).where(and(eq(trainingParticipants.id, participantId), eq(trainingParticipants.classId, classId)))
    if (!row) throw notFound()
    return presentParticipant(row)
  }

  function requireStatus(row: ClassRow, allowed: readonly TrainingStatus[], action: string): void {
    if (!allowed.includes(row.status as TrainingStatus)) {
      throw new ProblemError(409, 'invalid_state', `${action} is possible only while the class is ${allowed.join(' or ')}; it is ${row.status}.`)
    }
  }

  /**
   * Members a filter picks from the class's organiser subtree who are not on the list now: the
   * officers module says who holds which position today; certificates on a topic are read here.
   */
  function candidateConditions(row: ClassRow, filter: TrainingCandidateFilter, today: string): SQL {
    const conditions: SQL[] = [
      sql`m.status = 'active'`,
      pathWithinSubtree(sql`m.union_path`, row.organiserUnionId),
      sql`NOT EXISTS (SELECT 1 FROM training_participants ep WHERE ep.class_id = ${row.id}::uuid AND ep.member_id = m.id AND ep.status = 'enrolled')`,
    ]
    const positions = filter.positions ?? []
    if (positions.length > 0) {
      const holders = officerHoldersOn(today, { positions, sector: filter.sector, grassroots: filter.grassroots })
      const under = filter.under ? sql` AND ${pathWithinSubtree(sql`h.union_path`, filter.under)}` : sql``
      conditions.push(sql`EXISTS (SELECT 1 FROM (${holders}) h WHERE h.member_id = m.id${under})`)
    } else {
      if (filter.under) conditions.push(pathWithinSubtree(sql`m.union_path`, filter.under))
      if (filter.sector) conditions.push(sql`mu.sector = ${filter.sector}`)
      if (filter.grassroots !== undefined) conditions.push(sql`mut.is_grassroots = ${filter.grassroots}`)
    }
    if (filter.withoutCertificateFor) conditions.push(sql`NOT ${holdsValidCertificate(sql`m.id`, filter.withoutCertificateFor, today)}`)
    return sql.join(conditions, sql` AND `)
  }

  const candidateFrom = sql`members m JOIN unions mu ON mu.id = m.union_id JOIN unit_types mut ON mut.id = mu.unit_type_id`

  /** Checks what a filter names: positions, the topic, and a visible `under`. */
  async function checkFilter(executor: Database, context: RequestContext, filter: TrainingCandidateFilter, prefix: string): Promise<void> {
    const errors: FieldErrorInput[] = []
    await checkPositions(executor, filter.positions ?? [], `${prefix}positions`, errors)
    if (filter.withoutCertificateFor) {
      const [topic] = await executor.select({ id: trainingTopics.id }).from(trainingTopics).where(eq(trainingTopics.id, filter.withoutCertificateFor))
      if (!topic) errors.push({ field: `${prefix}withoutCertificateFor`, code: 'not_found' })
    }
    if (filter.under) {
      try {
        await unionsService.findVisible(executor, context, filter.under)
      } catch {
        errors.push({ field: `${prefix}under`, code: 'not_found' })
      }
    }
    throwIfInvalid(errors)
  }

  async function auditParticipants(tx: Database, context: RequestContext, row: ClassRow, action: string, entries: { id: string; memberId: string }[]) {
    await recordAudits(
      tx,
      context,
      entries.map((entry) => ({
        action,
        entityType: 'training_participant',
        entityId: entry.id,
        unionId: row.organiserUnionId,
        after: { classId: row.id, memberId: entry.memberId },
      })),
    )
  }

  /** Puts members on the list (new rows, or withdrawn ones back), the class already locked and checked. */
  async function enrolMembers(tx: Database, row: ClassRow, picked: { memberId: string; unionId: string }[]) {
    const existing = picked.length
      ? await tx
          .select({ id: trainingParticipants.id, memberId: trainingParticipants.memberId, status: trainingParticipants.status })
          .from(trainingParticipants)
          .where(and(eq(trainingParticipants.classId, row.id), inArray(trainingParticipants.memberId, picked.map((p) => p.memberId))))
      : []
    const byMember = new Map(existing.map((participant) => [participant.memberId, participant]))
    const already = picked.filter((p) => byMember.get(p.memberId)?.status === 'enrolled')
    const toEnrol = picked.filter((p) => byMember.get(p.memberId)?.status !== 'enrolled')
    const taken = await enrolledCount(tx, row.id)
    const left = row.capacity - taken
    if (toEnrol.length > left) {
      throw new ProblemError(
        409,
        'class_full',
        toEnrol.length === 1
          ? `The class is full: ${taken} of ${row.capacity} places are taken.`
          : `Only ${Math.max(left, 0)} of ${row.capacity} places are left and ${toEnrol.length} members would be enrolled. Nobody was enrolled.`,
      )
    }
    const now = new Date()
    const enrolled: { id: string; memberId: string }[] = []
    const fresh = toEnrol.filter((p) => !byMember.has(p.memberId))
    const back = toEnrol.filter((p) => byMember.has(p.memberId))
    for (let i = 0; i < fresh.length; i += 500) {
      const rows = fresh.slice(i, i + 500).map((p) => ({ id: uuidv7(), classId: row.id, memberId: p.memberId, unionId: p.unionId, enrolledAt: now }))
      await tx.insert(trainingParticipants).values(rows)
      enrolled.push(...rows.map((r) => ({ id: r.id, memberId: r.memberId })))
    }
    for (const p of back) {
      const participant = byMember.get(p.memberId)!
      await tx
        .update(trainingParticipants)
        .set({ status: 'enrolled', withdrawnAt: null, enrolledAt: now, unionId: p.unionId, outcome: 'pending', updatedAt: now })
        .where(eq(trainingParticipants.id, participant.id))
      enrolled.push({ id: participant.id, memberId: p.memberId })
    }
    return { enrolled, already: already.length, placesLeft: left - toEnrol.length }
  }

  /**
   * Completion: every enrolled participant is evaluated against the class's rule, and those who
   * complete get a certificate dated the last session, numbered from the sequence in name order.
   */
  async function completeClass(tx: Database, context: RequestContext, row: ClassRow) {
    const [sessions] = await selectRows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM training_sessions WHERE class_id = ${row.id}::uuid`)
    const sessionCount = sessions?.n ?? 0
    const participants = await selectRows<{ id: string; member_id: string; score: number | null; attended: number; has_certificate: boolean }>(
      tx,
      sql`SELECT p.id, p.member_id, p.score,
                 (SELECT count(*)::int FROM training_attendance a WHERE a.participant_id = p.id AND a.present) AS attended,
                 EXISTS (SELECT 1 FROM training_certificates c WHERE c.participant_id = p.id AND c.status = 'valid') AS has_certificate
            FROM training_participants p JOIN members m ON m.id = p.member_id
           WHERE p.class_id = ${row.id}::uuid AND p.status = 'enrolled'
           ORDER BY m.name_key, p.id`,
    )
    const completed = participants.filter((p) =>
      meetsCompletionRule({ sessionCount, attendedCount: p.attended, minAttendancePercent: row.minAttendancePercent, passMark: row.passMark, score: p.score }),
    )
    const completedIds = new Set(completed.map((p) => p.id))
    const notCompleted = participants.filter((p) => !completedIds.has(p.id))
    const now = new Date()
    if (completed.length) {
      await tx.update(trainingParticipants).set({ outcome: 'completed', evaluatedAt: now, updatedAt: now }).where(inArray(trainingParticipants.id, [...completedIds]))
    }
    if (notCompleted.length) {
      await tx
        .update(trainingParticipants)
        .set({ outcome: 'not_completed', evaluatedAt: now, updatedAt: now })
        .where(inArray(trainingParticipants.id, notCompleted.map((p) => p.id)))
    }
    const toCertify = completed.filter((p) => !p.has_certificate)
    if (toCertify.length) {
      // nextval is never rolled back: a number taken here is never handed out again, whatever happens next.
      const serials = await selectRows<{ serial: string }>(
        tx,
        sql`SELECT nextval('training_certificate_number_seq')::text AS serial FROM generate_series(1, ${toCertify.length}::int)`,
      )
      const sorted = serials.map((s) => BigInt(s.serial)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      const certificates = toCertify.map((p, index) => ({
        id: uuidv7(),
        number: certificateNumber(row.endsOn, sorted[index]!.toString()),
        verificationCode: newVerificationCode(),
        participantId: p.id,
        classId: row.id,
        memberId: p.member_id,
        issuedOn: row.endsOn,
        issuedByUserId: context.actor.userId,
      }))
      for (let i = 0; i < certificates.length; i += 500) await tx.insert(trainingCertificates).values(certificates.slice(i, i + 500))
      await recordAudits(
        tx,
        context,
        certificates.map((c) => ({
          action: 'training.certificate.issue',
          entityType: 'training_certificate',
          entityId: c.id,
          unionId: row.organiserUnionId,
          after: { number: c.number, classId: c.classId, memberId: c.memberId, participantId: c.participantId, issuedOn: c.issuedOn },
        })),
      )
    }
    return { sessions: sessionCount, completed: completed.length, notCompleted: notCompleted.length, certificatesIssued: toCertify.length }
  }

  /** The certificate if the actor sees its class or its holder; 404 otherwise. */
  async function findCertificate(executor: Database, context: RequestContext, id: string, options: { lock?: boolean } = {}): Promise<CertificateRow> {
    const query = selectCertificates(executor).where(eq(trainingCertificates.id, id))
    const [row] = options.lock ? await query.for('update', { of: trainingCertificates }) : await query
    const actorUnionId = context.actor.unionId
    if (!row || !(pathIncludesUnion(row.organiserPath, actorUnionId) || pathIncludesUnion(row.memberUnionPath, actorUnionId))) throw notFound()
    return row
  }

  /** Participants named in a bulk body: on this class, each once, and (unless allowed) still enrolled. */
  async function checkEntries(tx: Database, classId: string, entries: readonly { participantId: string }[]) {
    const ids = entries.map((entry) => entry.participantId)
    const rows = await tx
      .select({ id: trainingParticipants.id, status: trainingParticipants.status })
      .from(trainingParticipants)
      .where(and(eq(trainingParticipants.classId, classId), inArray(trainingParticipants.id, ids)))
    const byId = new Map(rows.map((row) => [row.id, row]))
    const errors: FieldErrorInput[] = []
    const seen = new Set<string>()
    entries.forEach((entry, index) => {
      const field = `/entries/${index}/participantId`
      const participant = byId.get(entry.participantId)
      if (seen.has(entry.participantId)) errors.push({ field, code: 'duplicate_entry' })
      else if (!participant) errors.push({ field, code: 'participant_unknown' })
      else if (participant.status !== 'enrolled') errors.push({ field, code: 'participant_withdrawn' })
      seen.add(entry.participantId)
    })
    throwIfInvalid(errors)
  }

  return {
    /* ---------- topics ---------- */

    async topics(): Promise<TrainingTopic[]> {
      return db
        .select({
          id: trainingTopics.id,
          code: trainingTopics.code,
          name: trainingTopics.name,
          nameEn: trainingTopics.nameEn,
          validityYears: trainingTopics.validityYears,
          sortOrder: trainingTopics.sortOrder,
        })
        .from(trainingTopics)
        .orderBy(asc(trainingTopics.sortOrder), asc(trainingTopics.code))
    },

    /** Adds a topic to the reference list (administrators). */
    async createTopic(context: RequestContext, body: CreateTrainingTopicBody): Promise<TrainingTopic> {
      requirePermission(context.actor, 'reference:manage')
      return db.transaction(async (tx) => {
        const id = uuidv7()
        const [created] = await tx
          .insert(trainingTopics)
          .values({
            id,
            code: body.code,
            name: body.name.trim(),
            nameEn: body.nameEn.trim(),
            validityYears: body.validityYears ?? null,
            sortOrder: body.sortOrder ?? 1000,
          })
          .returning()
        if (!created) throw notFound()
        const topic: TrainingTopic = {
          id: created.id,
          code: created.code,
          name: created.name,
          nameEn: created.nameEn,
          validityYears: created.validityYears,
          sortOrder: created.sortOrder,
        }
        await recordAudit(tx, context, { action: 'training_topic.create', entityType: 'training_topic', entityId: id, unionId: null, after: topic })
        return topic
      })
    },

    /* ---------- classes ---------- */

    async list(context: RequestContext, query: TrainingListQuery): Promise<PageOf<TrainingClass>> {
      requirePermission(context.actor, 'trainings:read')
      const limit = pageSize(query.limit)
      const cursor = decodeCursor(query.cursor, 2)
      if (cursor && typeof cursor[0] !== 'string') throw badRequest('cursor', 'invalid', 'The cursor is not one this API issued.')
      const q = query.q?.trim()
      const rows = await selectClasses(db)
        .where(
          and(
            pathWithinSubtree(unions.path, context.actor.unionId),
            query.under ? pathWithinSubtree(unions.path, query.under) : undefined,
            query.status ? eq(trainingClasses.status, query.status) : undefined,
            query.topicId
              ? sql`EXISTS (SELECT 1 FROM training_class_topics ft WHERE ft.class_id = ${trainingClasses.id} AND ft.topic_id = ${query.topicId}::uuid)`
              : undefined,
            query.from ? sql`${trainingClasses.endsOn} >= ${query.from}::date` : undefined,
            query.to ? sql`${trainingClasses.startsOn} <= ${query.to}::date` : undefined,
            q ? sql`strpos(${trainingClasses.titleKey}, liendoan_normalize(${q})) > 0` : undefined,
            cursor ? sql`(${trainingClasses.startsOn}, ${trainingClasses.id}) < (${String(cursor[0])}::date, ${String(cursor[1])}::uuid)` : undefined,
          ),
        )
        .orderBy(desc(trainingClasses.startsOn), desc(trainingClasses.id))
        .limit(limit + 1)
      const details = await classDetails(db, rows.slice(0, limit).map((row) => row.id))
      return toPage(rows, limit, (row) => [row.startsOn, row.id], (row) => presentClass(row, details))
    },

    async get(context: RequestContext, id: string): Promise<TrainingClass> {
      requirePermission(context.actor, 'trainings:read')
      return present(db, await findClass(db, context, id))
    },

    /** A new class, planned, organised by a union of the actor's scope. */
    async create(context: RequestContext, body: CreateTrainingBody): Promise<TrainingClass> {
      return db.transaction(async (tx) => {
        const organiser = await unionsService.findVisible(tx, context, body.organiserUnionId)
        requirePermission(context.actor, 'trainings:manage')
        const errors: FieldErrorInput[] = []
        if (organiser.status !== 'active') errors.push({ field: '/organiserUnionId', code: 'union_not_active' })
        const title = body.title.trim()
        if (title.length < 3) errors.push({ field: '/title', code: 'minLength', params: { limit: 3 } })
        await checkTopics(tx, body.topicIds, errors)
        const positions = body.audience?.positions ?? []
        await checkPositions(tx, positions, '/audience/positions', errors)
        const sessions = checkSessions(body.sessions, errors)
        throwIfInvalid(errors)

        const id = uuidv7()
        await tx.insert(trainingClasses).values({
          id,
          title,
          description: optionalText(body.description),
          organiserUnionId: organiser.id,
          audiencePositions: [...positions],
          audienceSector: body.audience?.sector ?? null,
          capacity: body.capacity,
          trainers: trainersOf(body.trainers),
          passMark: body.passMark ?? null,
          minAttendancePercent: body.minAttendancePercent ?? DEFAULT_MIN_ATTENDANCE_PERCENT,
          ...sessionSpan(sessions),
          createdByUserId: context.actor.userId,
        })
        await tx.insert(trainingClassTopics).values(body.topicIds.map((topicId) => ({ classId: id, topicId })))
        await tx.insert(trainingSessions).values(sessions.map((session) => ({ id: uuidv7(), classId: id, ...session })))
        const row = await findClass(tx, context, id)
        const details = await classDetails(tx, [id])
        await recordAudit(tx, context, {
          action: 'training.create',
          entityType: 'training_class',
          entityId: id,
          unionId: organiser.id,
          after: classAuditSnapshot(row, body.topicIds, details.sessions.get(id) ?? []),
        })
        return presentClass(row, details)
      })
    },

    /** Edits a class. Sessions and audience change only before it runs; nothing changes once it is completed or cancelled. */
    async update(context: RequestContext, id: string, expectedVersion: number, body: UpdateTrainingBody): Promise<TrainingClass> {
      return db.transaction(async (tx) => {
        const current = await findClass(tx, context, id, { lock: true })
        requirePermission(context.actor, 'trainings:manage')
        if (current.version !== expectedVersion) throw staleVersion()
        const status = current.status as TrainingStatus
        if (status === 'completed' || status === 'cancelled') {
          throw new ProblemError(409, 'invalid_state', `The class is ${status}: it can no longer change.`)
        }
        if (status === 'running' && (body.sessions !== undefined || body.audience !== undefined)) {
          throw new ProblemError(409, 'invalid_state', 'Sessions and audience are fixed once the class is running (attendance refers to them).')
        }
        const before = await classDetails(tx, [id])
        const beforeTopicIds = (before.topics.get(id) ?? []).map((topic) => topic.id)
        const errors: FieldErrorInput[] = []
        const title = body.title?.trim()
        if (title !== undefined && title.length < 3) errors.push({ field: '/title', code: 'minLength', params: { limit: 3 } })
        if (body.topicIds) await checkTopics(tx, body.topicIds, errors)
        if (body.audience?.positions) await checkPositions(tx, body.audience.positions, '/audience/positions', errors)
        const sessions = body.sessions ? checkSessions(body.sessions, errors) : undefined
        if (body.capacity !== undefined) {
          const enrolled = await enrolledCount(tx, id)
          if (body.capacity < enrolled) errors.push({ field: '/capacity', code: 'capacity_below_enrolled', params: { enrolled } })
        }
        throwIfInvalid(errors)

        const changes: Partial<typeof trainingClasses.$inferInsert> = {}
        if (title !== undefined) changes.title = title
        if (body.description !== undefined) changes.description = optionalText(body.description)
        if (body.audience?.positions !== undefined) changes.audiencePositions = [...body.audience.positions]
        if (body.audience?.sector !== undefined) changes.audienceSector = body.audience.sector
        if (body.capacity !== undefined) changes.capacity = body.capacity
        if (body.trainers !== undefined) changes.trainers = trainersOf(body.trainers)
        if (body.passMark !== undefined) changes.passMark = body.passMark
        if (body.minAttendancePercent !== undefined) changes.minAttendancePercent = body.minAttendancePercent
        if (sessions) {
          Object.assign(changes, sessionSpan(sessions))
          await tx.delete(trainingSessions).where(eq(trainingSessions.classId, id))
          await tx.insert(trainingSessions).values(sessions.map((session) => ({ id: uuidv7(), classId: id, ...session })))
        }
        if (body.topicIds) {
          await tx.delete(trainingClassTopics).where(eq(trainingClassTopics.classId, id))
          await tx.insert(trainingClassTopics).values(body.topicIds.map((topicId) => ({ classId: id, topicId })))
        }
        const updated = await tx
          .update(trainingClasses)
          .set({ ...changes, version: sql`${trainingClasses.version} + 1`, updatedAt: new Date() })
          .where(and(eq(trainingClasses.id, id), eq(trainingClasses.version, expectedVersion)))
          .returning({ id: trainingClasses.id })
        if (updated.length === 0) throw staleVersion()
        const after = await findClass(tx, context, id)
        const afterDetails = await classDetails(tx, [id])
        const changed = diff(
          classAuditSnapshot(current, beforeTopicIds, before.sessions.get(id) ?? []),
          classAuditSnapshot(after, (afterDetails.topics.get(id) ?? []).map((topic) => topic.id), afterDetails.sessions.get(id) ?? []),
        )
        await recordAudit(tx, context, {
          action: 'training.update',
          entityType: 'training_class',
          entityId: id,
          unionId: after.organiserUnionId,
          before: changed.before,
          after: changed.after,
        })
        return presentClass(after, afterDetails)
      })
    },

    /**
     * Moves a class along its lifecycle (TrainingTransitions); anything else is refused and changes
     * nothing. Completing it evaluates every participant and issues the certificates, in one transaction.
     */
    async changeStatus(context: RequestContext, id: string, body: TrainingStatusBody): Promise<TrainingClass> {
      return db.transaction(async (tx) => {
        const current = await findClass(tx, context, id, { lock: true })
        requirePermission(context.actor, 'trainings:manage')
        const from = current.status as TrainingStatus
        if (!canTransition(from, body.status)) {
          const allowed = TrainingTransitions[from]
          throw new ProblemError(
            409,
            'invalid_transition',
            `A class cannot go from ${from} to ${body.status}. ${allowed.length ? `From ${from} it can go to: ${allowed.join(', ')}.` : `${from} is final.`}`,
          )
        }
        const reason = optionalText(body.reason)
        if (body.status === 'cancelled' && !reason) {
          throw new ProblemError(422, 'validation_failed', 'Give the reason for cancelling the class.', [{ field: '/reason', code: 'required' }])
        }
        if (body.status === 'completed' && current.endsOn > todayInVietnam()) {
          throw new ProblemError(409, 'invalid_state', `The last session is on ${current.endsOn}: the class can be completed after it.`)
        }
        const now = new Date()
        await tx
          .update(trainingClasses)
          .set({
            status: body.status,
            statusReason: reason,
            completedAt: body.status === 'completed' ? now : null,
            version: sql`${trainingClasses.version} + 1`,
            updatedAt: now,
          })
          .where(eq(trainingClasses.id, id))
        const evaluation = body.status === 'completed' ? await completeClass(tx, context, current) : undefined
        await recordAudit(tx, context, {
          action: 'training.status',
          entityType: 'training_class',
          entityId: id,
          unionId: current.organiserUnionId,
          before: { status: from, statusReason: current.statusReason },
          after: { status: body.status, statusReason: reason, ...(evaluation ? { evaluation } : {}) },
        })
        return present(tx, await findClass(tx, context, id))
      })
    },

    /* ---------- participants ---------- */

    async participants(context: RequestContext, classId: string, query: TrainingParticipantQuery): Promise<PageOf<TrainingParticipant>> {
      requirePermission(context.actor, 'trainings:read')
      await findClass(db, context, classId)
      const limit = pageSize(query.limit)
      const cursor = decodeCursor(query.cursor, 2)
      if (cursor && typeof cursor[0] !== 'string') throw badRequest('cursor', 'invalid', 'The cursor is not one this API issued.')
      const rows = await selectParticipants(db)
        .where(
          and(
            eq(trainingParticipants.classId, classId),
            query.status ? eq(trainingParticipants.status, query.status) : undefined,
            cursor ? sql`(${members.nameKey}, ${trainingParticipants.id}) > (${String(cursor[0])}, ${String(cursor[1])}::uuid)` : undefined,
          ),
        )
        .orderBy(asc(members.nameKey), asc(trainingParticipants.id))
        .limit(limit + 1)
      return toPage(rows, limit, (row) => [row.memberNameKey, row.id], presentParticipant)
    },

    /** Enrols one member. The class row is locked, so concurrent enrolments count places one at a time. */
    async enrol(context: RequestContext, classId: string, memberId: string): Promise<TrainingParticipant> {
      return db.transaction(async (tx) => {
        const row = await findClass(tx, context, classId, { lock: true })
        requirePermission(context.actor, 'trainings:manage')
        requireStatus(row, ['open'], 'Enrolment')
        const [member] = await selectMembers(tx).where(eq(members.id, memberId))
        const verdict = eligibility(member, context, row.organiserUnionId)
        if (verdict !== 'ok' || !member) {
          throw new ProblemError(422, 'validation_failed', 'This member cannot join the class.', [{ field: '/memberId', code: verdict }])
        }
        const [existing] = await tx
          .select({ status: trainingParticipants.status })
          .from(trainingParticipants)
          .where(and(eq(trainingParticipants.classId, classId), eq(trainingParticipants.memberId, memberId)))
        if (existing?.status === 'enrolled') throw new ProblemError(409, 'already_enrolled', `${member.fullName} is already on the list of this class.`)
        const result = await enrolMembers(tx, row, [{ memberId, unionId: member.unionId }])
        await auditParticipants(tx, context, row, 'training.enrol', result.enrolled)
        const participant = result.enrolled[0]
        if (!participant) throw notFound()
        return loadParticipant(tx, classId, participant.id)
      })
    },

    /**
     * Enrols a list of members, or everyone a filter picks, all or nothing: when fewer places are
     * left than members to enrol, nobody is enrolled.
     */
    async enrolBulk(context: RequestContext, classId: string, body: EnrolParticipantsBulkBody): Promise<BulkEnrolResult> {
      return db.transaction(async (tx) => {
        const row = await findClass(tx, context, classId, { lock: true })
        requirePermission(context.actor, 'trainings:manage')
        requireStatus(row, ['open'], 'Enrolment')
        if ((body.memberIds === undefined) === (body.filter === undefined)) {
          throw new ProblemError(422, 'validation_failed', 'Give either memberIds or filter.', [{ field: '/filter', code: 'ids_or_filter' }])
        }
        let picked: { memberId: string; unionId: string }[]
        if (body.memberIds) {
          const found = await selectMembers(tx).where(inArray(members.id, body.memberIds))
          const byId = new Map(found.map((member) => [member.id, member]))
          const errors: FieldErrorInput[] = []
          body.memberIds.forEach((memberId, index) => {
            const verdict = eligibility(byId.get(memberId), context, row.organiserUnionId)
            if (verdict !== 'ok') errors.push({ field: `/memberIds/${index}`, code: verdict })
          })
          throwIfInvalid(errors)
          picked = body.memberIds.map((memberId) => ({ memberId, unionId: byId.get(memberId)!.unionId }))
        } else {
          const filter = body.filter!
          await checkFilter(tx, context, filter, '/filter/')
          picked = (
            await selectRows<{ id: string; union_id: string }>(
              tx,
              sql`SELECT m.id, m.union_id FROM ${candidateFrom} WHERE ${candidateConditions(row, filter, todayInVietnam())}
                   ORDER BY m.name_key, m.id LIMIT ${MAX_BULK + 1}`,
            )
          ).map((member) => ({ memberId: member.id, unionId: member.union_id }))
        }
        const result = await enrolMembers(tx, row, picked)
        await auditParticipants(tx, context, row, 'training.enrol', result.enrolled)
        return {
          enrolled: result.enrolled.length,
          alreadyEnrolled: result.already,
          placesLeft: result.placesLeft,
          memberIds: result.enrolled.map((entry) => entry.memberId),
        }
      })
    },

    /** Members a filter would enrol (the preview of a bulk enrolment), in name order. */
    async candidates(context: RequestContext, classId: string, query: TrainingCandidateQuery): Promise<PageOf<TrainingCandidate>> {
      requirePermission(context.actor, 'trainings:read')
      const row = await findClass(db, context, classId)
      const filter: TrainingCandidateFilter = {
        ...(query.under ? { under: query.under } : {}),
        ...(query.position ? { positions: [...new Set(query.position)] } : {}),
        ...(query.sector ? { sector: query.sector } : {}),
        ...(query.grassroots !== undefined ? { grassroots: query.grassroots } : {}),
        ...(query.withoutCertificateFor ? { withoutCertificateFor: query.withoutCertificateFor } : {}),
      }
      await checkFilter(db, context, filter, '')
      const limit = pageSize(query.limit)
      const cursor = decodeCursor(query.cursor, 2)
      if (cursor && typeof cursor[0] !== 'string') throw badRequest('cursor', 'invalid', 'The cursor is not one this API issued.')
      const after = cursor ? sql` AND (m.name_key, m.id) > (${String(cursor[0])}, ${String(cursor[1])}::uuid)` : sql``
      const rows = await selectRows<{ id: string; full_name: string; name_key: string; union_id: string; union_code: string; union_name: string }>(
        db,
        sql`SELECT m.id, m.full_name, m.name_key, m.union_id, mu.code AS union_code, mu.name AS union_name
              FROM ${candidateFrom}
             WHERE ${candidateConditions(row, filter, todayInVietnam())}${after}
             ORDER BY m.name_key, m.id LIMIT ${limit + 1}`,
      )
      return toPage(
        rows,
        limit,
        (r) => [r.name_key, r.id],
        (r) => ({ memberId: r.id, fullName: r.full_name, union: { id: r.union_id, code: r.union_code, name: r.union_name } }),
      )
    },

    /** Takes a participant off the list; the row stays (history) and the place is freed. */
    async withdraw(context: RequestContext, classId: string, participantId: string): Promise<TrainingParticipant> {
      return db.transaction(async (tx) => {
        const row = await findClass(tx, context, classId, { lock: true })
        requirePermission(context.actor, 'trainings:manage')
        const [participant] = await tx
          .select({ id: trainingParticipants.id, memberId: trainingParticipants.memberId, status: trainingParticipants.status })
          .from(trainingParticipants)
          .where(and(eq(trainingParticipants.id, participantId), eq(trainingParticipants.classId, classId)))
        if (!participant) throw notFound()
        requireStatus(row, ['open', 'running'], 'Withdrawal')
        if (participant.status === 'withdrawn') throw new ProblemError(409, 'invalid_state', 'This participant has already withdrawn.')
        const now = new Date()
        await tx.update(trainingParticipants).set({ status: 'withdrawn', withdrawnAt: now, updatedAt: now }).where(eq(trainingParticipants.id, participantId))
        await recordAudit(tx, context, {
          action: 'training.withdraw',
          entityType: 'training_participant',
          entityId: participantId,
          unionId: row.organiserUnionId,
          before: { status: 'enrolled' },
          after: { status: 'withdrawn', classId, memberId: participant.memberId },
        })
        return loadParticipant(tx, classId, participantId)
      })
    },

    /** Attendance of one session for many participants at once (while the class runs, for sessions held). */
    async setAttendance(context: RequestContext, classId: string, sessionId: string, body: SessionAttendanceBody): Promise<SessionAttendanceResult> {
      return db.transaction(async (tx) => {
        const row = await findClass(tx, context, classId, { lock: true })
        requirePermission(context.actor, 'trainings:manage')
        const [session] = await tx
          .select()
          .from(trainingSessions)
          .where(and(eq(trainingSessions.id, sessionId), eq(trainingSessions.classId, classId)))
        if (!session) throw notFound()
        requireStatus(row, ['running'], 'Recording attendance')
        if (session.date > todayInVietnam()) {
          throw new ProblemError(422, 'validation_failed', `The session is on ${session.date}: attendance is recorded once it has taken place.`, [
            { field: 'sessionId', code: 'session_in_future' },
          ])
        }
        await checkEntries(tx, classId, body.entries)
        const ids = body.entries.map((entry) => entry.participantId)
        const previous = await tx
          .select({ participantId: trainingAttendance.participantId, present: trainingAttendance.present })
          .from(trainingAttendance)
          .where(and(eq(trainingAttendance.sessionId, sessionId), inArray(trainingAttendance.participantId, ids)))
        const was = new Map(previous.map((entry) => [entry.participantId, entry.present]))
        const now = new Date()
        await tx
          .insert(trainingAttendance)
          .values(body.entries.map((entry) => ({ participantId: entry.participantId, sessionId, present: entry.present, recordedByUserId: context.actor.userId, recordedAt: now })))
          .onConflictDoUpdate({
            target: [trainingAttendance.participantId, trainingAttendance.sessionId],
            set: { present: sql`excluded.present`, recordedByUserId: sql`excluded.recorded_by_user_id`, recordedAt: sql`excluded.recorded_at` },
          })
        const changed = body.entries.filter((entry) => was.get(entry.participantId) !== entry.present)
        if (changed.length) {
          await recordAudit(tx, context, {
            action: 'training.attendance',
            entityType: 'training_session',
            entityId: sessionId,
            unionId: row.organiserUnionId,
            before: Object.fromEntries(changed.map((entry) => [entry.participantId, was.get(entry.participantId) ?? null])),
            after: Object.fromEntries(changed.map((entry) => [entry.participantId, entry.present])),
          })
        }
        const [counts] = await selectRows<{ present: number; absent: number }>(
          tx,
          sql`SELECT count(*) FILTER (WHERE a.present)::int AS present, count(*) FILTER (WHERE NOT a.present)::int AS absent
                FROM training_attendance a JOIN training_participants p ON p.id = a.participant_id
               WHERE a.session_id = ${sessionId}::uuid AND p.status = 'enrolled'`,
        )
        return { sessionId, present: counts?.present ?? 0, absent: counts?.absent ?? 0 }
      })
    },

    /** Test scores, while the class runs; completion is evaluated when it is completed. */
    async setResults(context: RequestContext, classId: string, body: TrainingResultsBody): Promise<TrainingResultsResult> {
      return db.transaction(async (tx) => {
        const row = await findClass(tx, context, classId, { lock: true })
        requirePermission(context.actor, 'trainings:manage')
        requireStatus(row, ['running'], 'Recording results')
        if (row.passMark === null) {
          throw new ProblemError(409, 'invalid_state', 'This class has no test (no pass mark): there are no scores to record.')
        }
        await checkEntries(tx, classId, body.entries)
        const ids = body.entries.map((entry) => entry.participantId)
        const previous = await tx
          .select({ id: trainingParticipants.id, score: trainingParticipants.score })
          .from(trainingParticipants)
          .where(inArray(trainingParticipants.id, ids))
        const was = new Map(previous.map((entry) => [entry.id, entry.score]))
        const values = sql.join(
          body.entries.map((entry) => sql`(${entry.participantId}::uuid, ${entry.score}::int)`),
          sql`, `,
        )
        await tx.execute(
          sql`UPDATE training_participants p SET score = v.score, updated_at = now() FROM (VALUES ${values}) AS v(id, score) WHERE p.id = v.id`,
        )
        const changed = body.entries.filter((entry) => was.get(entry.participantId) !== entry.score)
        if (changed.length) {
          const entries: AuditEntry[] = changed.map((entry) => ({
            action: 'training.result',
            entityType: 'training_participant',
            entityId: entry.participantId,
            unionId: row.organiserUnionId,
            before: { score: was.get(entry.participantId) ?? null },
            after: { score: entry.score },
          }))
          await recordAudits(tx, context, entries)
        }
        return { updated: body.entries.length }
      })
    },

    /* ---------- certificates ---------- */

    async classCertificates(context: RequestContext, classId: string): Promise<TrainingCertificate[]> {
      requirePermission(context.actor, 'trainings:read')
      await findClass(db, context, classId)
      const rows = await selectCertificates(db).where(eq(trainingCertificates.classId, classId)).orderBy(asc(trainingCertificates.number))
      return rows.map(presentCertificate)
    },

    async certificate(context: RequestContext, id: string): Promise<TrainingCertificate> {
      requirePermission(context.actor, 'trainings:read')
      return presentCertificate(await findCertificate(db, context, id))
    },

    /** Revokes a certificate (an error found later). It stays on record with its number, which is never reused. */
    async revokeCertificate(context: RequestContext, id: string, body: RevokeCertificateBody): Promise<TrainingCertificate> {
      return db.transaction(async (tx) => {
        const row = await findCertificate(tx, context, id, { lock: true })
        // Only the organiser's side revokes; the holder's union may read and print.
        if (!pathIncludesUnion(row.organiserPath, context.actor.unionId)) throw new ProblemError(403, 'forbidden', 'Only the organising union can revoke its certificates.')
        requirePermission(context.actor, 'trainings:manage')
        if (row.status === 'revoked') throw new ProblemError(409, 'invalid_state', 'The certificate is already revoked.')
        const today = todayInVietnam()
        const revokedOn = body.revokedOn ?? today
        const errors: FieldErrorInput[] = []
        if (revokedOn > today) errors.push({ field: '/revokedOn', code: 'future_date' })
        else if (revokedOn < row.issuedOn) errors.push({ field: '/revokedOn', code: 'revoked_before_issue' })
        const reason = body.reason.trim()
        if (!reason) errors.push({ field: '/reason', code: 'required' })
        throwIfInvalid(errors)
        await tx.update(trainingCertificates).set({ status: 'revoked', revokedOn, revokeReason: reason }).where(eq(trainingCertificates.id, id))
        await recordAudit(tx, context, {
          action: 'training.certificate.revoke',
          entityType: 'training_certificate',
          entityId: id,
          unionId: row.organiserUnionId,
          before: { status: 'valid' },
          after: { status: 'revoked', number: row.number, revokedOn, revokeReason: reason },
        })
        return presentCertificate(await findCertificate(tx, context, id))
      })
    },

    /** The printable certificate (PDF, Vietnamese, with the verification code and its QR). */
    async certificatePdf(context: RequestContext, id: string, verifyUrlBase: string): Promise<{ number: string; pdf: Buffer }> {
      requirePermission(context.actor, 'trainings:read')
      const row = await findCertificate(db, context, id)
      if (row.status !== 'valid') throw new ProblemError(409, 'invalid_state', 'The certificate was revoked: it cannot be printed.')
      const code = formatVerificationCode(row.verificationCode)
      const input: CertificatePdfInput = {
        number: row.number,
        verificationCode: code,
        verifyUrl: `${verifyUrlBase}${CERTIFICATE_CHECK_PATH}/${code}`,
        holderName: row.memberName,
        holderUnion: row.memberUnionName,
        classTitle: row.classTitle,
        topics: row.topics.map((topic) => topic.name),
        organiserName: row.organiserName,
        startsOn: row.classStartsOn,
        endsOn: row.classEndsOn,
        issuedOn: row.issuedOn,
        score: row.score,
      }
      return { number: row.number, pdf: await renderCertificatePdf(input) }
    },

    /**
     * Public check of a certificate by its code: only the holder's name, the class title and the
     * date leave, and only for a valid certificate; anything else answers 404.
     */
    async verify(codeInput: string): Promise<CertificateVerification> {
      const code = normalizeVerificationCode(codeInput)
      if (!code) throw notFound('No valid certificate has this verification code.')
      const [row] = await db
        .select({ holderName: members.fullName, classTitle: trainingClasses.title, issuedOn: trainingCertificates.issuedOn })
        .from(trainingCertificates)
        .innerJoin(trainingClasses, eq(trainingClasses.id, trainingCertificates.classId))
        .innerJoin(members, eq(members.id, trainingCertificates.memberId))
        .where(and(eq(trainingCertificates.verificationCode, code), eq(trainingCertificates.status, 'valid')))
      if (!row) throw notFound('No valid certificate has this verification code.')
      return { holderName: row.holderName, classTitle: row.classTitle, issuedOn: row.issuedOn }
    },

    /* ---------- history ---------- */

    /** A member's (or officer's) classes, newest first, with attendance, result and certificate. */
    async memberHistory(context: RequestContext, memberId: string): Promise<TrainingHistoryEntry[]> {
      requirePermission(context.actor, 'trainings:read')
      await membersService.findVisible(db, context, memberId)
      const rows = await selectRows<{
        id: string
        status: string
        score: number | null
        outcome: string
        class_id: string
        title: string
        starts_on: string
        ends_on: string
        class_status: string
        organiser_id: string
        organiser_code: string
        organiser_name: string
        session_count: number
        attended: number
        topics: { id: string; code: string; name: string }[]
        certificate: { id: string; number: string; issuedOn: string; status: string } | null
      }>(
        db,
        sql`SELECT p.id, p.status, p.score, p.outcome, c.id AS class_id, c.title, c.starts_on::text AS starts_on, c.ends_on::text AS ends_on,
                   c.status AS class_status, ou.id AS organiser_id, ou.code AS organiser_code, ou.name AS organiser_name,
                   (SELECT count(*)::int FROM training_sessions s WHERE s.class_id = c.id) AS session_count,
                   (SELECT count(*)::int FROM training_attendance a WHERE a.participant_id = p.id AND a.present) AS attended,
                   coalesce((SELECT json_agg(json_build_object('id', tt.id, 'code', tt.code, 'name', tt.name) ORDER BY tt.sort_order, tt.code)
                               FROM training_class_topics ct JOIN training_topics tt ON tt.id = ct.topic_id WHERE ct.class_id = c.id), '[]'::json) AS topics,
                   (SELECT json_build_object('id', tc.id, 'number', tc.number, 'issuedOn', tc.issued_on::text, 'status', tc.status)
                      FROM training_certificates tc WHERE tc.participant_id = p.id
                     ORDER BY (tc.status = 'valid') DESC, tc.created_at DESC LIMIT 1) AS certificate
              FROM training_participants p
              JOIN training_classes c ON c.id = p.class_id
              JOIN unions ou ON ou.id = c.organiser_union_id
             WHERE p.member_id = ${memberId}::uuid
             ORDER BY c.starts_on DESC, c.id DESC`,
      )
      return rows.map((row) => ({
        participantId: row.id,
        class: {
          id: row.class_id,
          title: row.title,
          organiser: { id: row.organiser_id, code: row.organiser_code, name: row.organiser_name },
          startsOn: row.starts_on,
          endsOn: row.ends_on,
          status: row.class_status as TrainingStatus,
        },
        topics: row.topics,
        status: row.status as TrainingParticipant['status'],
        sessionCount: row.session_count,
        attendedCount: row.attended,
        score: row.score,
        outcome: row.outcome as TrainingParticipant['outcome'],
        certificate: row.certificate
          ? { id: row.certificate.id, number: row.certificate.number, issuedOn: row.certificate.issuedOn, status: row.certificate.status as 'valid' | 'revoked' }
          : null,
      }))
    },
  }
}

export type TrainingsService = ReturnType<typeof createTrainingsService>
