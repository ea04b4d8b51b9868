import { sql } from 'drizzle-orm'
import {
  boolean,
  check,
  date,
  index,
  integer,
  pgSequence,
  pgTable,
  primaryKey,
  text,
  time,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { createdAt, id, updatedAt } from './columns.js'
import { members } from './members.schema.js'
import { unions } from './unions.schema.js'
import { users } from './users.schema.js'

/** Training topics, as data (Bộ luật Lao động 2019, đối thoại tại nơi làm việc, ...). */
export const trainingTopics = pgTable('training_topics', {
  id: id(),
  code: text().notNull().unique(),
  name: text().notNull(),
  nameEn: text().notNull(),
  /** Years a certificate on this topic stays valid; null: it does not expire. */
  validityYears: integer(),
  sortOrder: integer().notNull().default(0),
  createdAt: createdAt(),
})

/** A training class (lớp tập huấn). Participants come from the organiser's subtree. */
export const trainingClasses = pgTable(
  'training_classes',
  {
    id: id(),
    title: text().notNull(),
    /** Normalized title for the accent-insensitive search. */
    titleKey: text()
      .notNull()
      .generatedAlwaysAs(sql`liendoan_normalize(title)`),
    description: text(),
    organiserUnionId: uuid()
      .notNull()
      .references(() => unions.id),
    /** Officer position codes the class is meant for (empty: any member). */
    audiencePositions: text().array().notNull().default(sql`'{}'::text[]`),
    audienceSector: text({ enum: ['state', 'non_state'] }),
    capacity: integer().notNull(),
    trainers: text().array().notNull().default(sql`'{}'::text[]`),
    /** Score out of 100 needed to pass; null: no test. */
    passMark: integer(),
    minAttendancePercent: integer().notNull().default(80),
    status: text({ enum: ['planned', 'open', 'running', 'completed', 'cancelled'] })
      .notNull()
      .default('planned'),
    statusReason: text(),
    /** First and last session dates, kept by the service with the sessions (lists and calendars filter on them). */
    startsOn: date({ mode: 'string' }).notNull(),
    endsOn: date({ mode: 'string' }).notNull(),
    completedAt: timestamp({ withTimezone: true, mode: 'date' }),
    createdByUserId: uuid().references(() => users.id),
    version: integer().notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('training_classes_organiser_idx').on(t.organiserUnionId, t.startsOn),
    index('training_classes_starts_idx').on(t.startsOn, t.id),
    check('training_classes_capacity_positive', sql`${t.capacity} > 0`),
    check('training_classes_pass_mark_range', sql`${t.passMark} IS NULL OR ${t.passMark} BETWEEN 0 AND 100`),
    check('training_classes_attendance_range', sql`${t.minAttendancePercent} BETWEEN 1 AND 100`),
    check('training_classes_dates', sql`${t.endsOn} >= ${t.startsOn}`),
    check('training_classes_status_valid', sql`${t.status} IN ('planned', 'open', 'running', 'completed', 'cancelled')`),
    check('training_classes_sector_valid', sql`${t.audienceSector} IN ('state', 'non_state')`),
  ],
)

export const trainingClassTopics = pgTable(
  'training_class_topics',
  {
    classId: uuid()
      .notNull()
      .references(() => trainingClasses.id, { onDelete: 'cascade' }),
    topicId: uuid()
      .notNull()
      .references(() => trainingTopics.id),
  },
  (t) => [primaryKey({ columns: [t.classId, t.topicId] }), index('training_class_topics_topic_idx').on(t.topicId)],
)

/** Sessions of a class: a date, times and a place. */
export const trainingSessions = pgTable(
  'training_sessions',
  {
    id: id(),
    classId: uuid()
      .notNull()
      .references(() => trainingClasses.id, { onDelete: 'cascade' }),
    date: date({ mode: 'string' }).notNull(),
    startTime: time().notNull(),
    endTime: time().notNull(),
    place: text().notNull(),
  },
  (t) => [
    index('training_sessions_class_idx').on(t.classId, t.date, t.startTime),
    check('training_sessions_times', sql`${t.endTime} > ${t.startTime}`),
  ],
)

/** A member on a class list. Withdrawn rows stay (history); the place is freed. */
export const trainingParticipants = pgTable(
  'training_participants',
  {
    id: id(),
    classId: uuid()
      .notNull()
      .references(() => trainingClasses.id),
    memberId: uuid()
      .notNull()
      .references(() => members.id),
    /** The member's union when enrolled (reports by unit stay true after a transfer). */
    unionId: uuid()
      .notNull()
      .references(() => unions.id),
    status: text({ enum: ['enrolled', 'withdrawn'] })
      .notNull()
      .default('enrolled'),
    enrolledAt: timestamp({ withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    withdrawnAt: timestamp({ withTimezone: true, mode: 'date' }),
    score: integer(),
    outcome: text({ enum: ['pending', 'completed', 'not_completed'] })
      .notNull()
      .default('pending'),
    evaluatedAt: timestamp({ withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('training_participants_class_member_key').on(t.classId, t.memberId),
    index('training_participants_member_idx').on(t.memberId),
    check('training_participants_score_range', sql`${t.score} IS NULL OR ${t.score} BETWEEN 0 AND 100`),
    check('training_participants_status_valid', sql`${t.status} IN ('enrolled', 'withdrawn')`),
    check('training_participants_outcome_valid', sql`${t.outcome} IN ('pending', 'completed', 'not_completed')`),
  ],
)

/** Attendance of one participant at one session. */
export const trainingAttendance = pgTable(
  'training_attendance',
  {
    participantId: uuid()
      .notNull()
      .references(() => trainingParticipants.id),
    sessionId: uuid()
      .notNull()
      .references(() => trainingSessions.id, { onDelete: 'cascade' }),
    present: boolean().notNull(),
    recordedByUserId: uuid(),
    recordedAt: timestamp({ withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.participantId, t.sessionId] }), index('training_attendance_session_idx').on(t.sessionId)],
)

/**
 * Certificate numbers come from this sequence: nextval never hands a value out twice, even when
 * the transaction that took it rolls back, so a number is never reused.
 */
export const trainingCertificateNumberSeq = pgSequence('training_certificate_number_seq', { startWith: 1, increment: 1 })

/** A training certificate (chứng chỉ). Revoked ones stay, with their number. */
export const trainingCertificates = pgTable(
  'training_certificates',
  {
    id: id(),
    number: text().notNull(),
    /** Random code printed on the certificate and in its QR; the public verification looks it up. */
    verificationCode: text().notNull(),
    participantId: uuid()
      .notNull()
      .references(() => trainingParticipants.id),
    classId: uuid()
      .notNull()
      .references(() => trainingClasses.id),
    memberId: uuid()
      .notNull()
      .references(() => members.id),
    issuedOn: date({ mode: 'string' }).notNull(),
    status: text({ enum: ['valid', 'revoked'] })
      .notNull()
      .default('valid'),
    revokedOn: date({ mode: 'string' }),
    revokeReason: text(),
    issuedByUserId: uuid(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('training_certificates_number_key').on(t.number),
    uniqueIndex('training_certificates_verification_key').on(t.verificationCode),
    // One valid certificate per participation.
    uniqueIndex('training_certificates_one_valid_key')
      .on(t.participantId)
      .where(sql`${t.status} = 'valid'`),
    index('training_certificates_member_idx').on(t.memberId, t.issuedOn),
    index('training_certificates_class_idx').on(t.classId),
    check('training_certificates_status_valid', sql`${t.status} IN ('valid', 'revoked')`),
    check('training_certificates_revoked', sql`(${t.status} = 'revoked') = (${t.revokedOn} IS NOT NULL)`),
  ],
)
