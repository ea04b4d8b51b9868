import { UUID_V7_SQL } from '../db/sql-uuid.js'
import type { ScaleContext, ScaleStep } from './scale.js'

/**
 * Trainings at national scale for `pnpm seed:scale`, in the proportions of seed 000 (Phúc Thọ:
 * 12 classes and 2,400 participant-attendances in five years for 5,135 members): every unit
 * directly above grassroots unions organises one class per 428 active members under it over
 * 2021–2025, and about 47% of members take part once. Two sessions each, attendance, scores, the
 * completion rule (both sessions, 50 points) and certificates numbered from the sequence. All
 * set-based SQL in one transaction: nothing travels through this process.
 */

/** Members per class over five years, and the share of members who attend one (seed 000). */
const MEMBERS_PER_CLASS = 428
const PARTICIPATION = 0.467
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
/** 12 random characters of Crockford's base32, per row (60 bits, like the API's codes). */
const RANDOM_CODE_SQL = Array.from({ length: 12 }, () => `substr('${CODE_ALPHABET}', 1 + floor(random() * 32)::int, 1)`).join(' || ')

export const trainingsStep: ScaleStep = {
  name: 'trainings (set-based SQL)',
  async run(ctx: ScaleContext) {
    if (ctx.options.members === 0) return
    const client = await ctx.pool.connect()
    try {
      await client.query('BEGIN')
      const { rows: topicRows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM training_topics')
      if ((topicRows[0]?.n ?? 0) === 0) throw new Error('no training topics: reference data is missing')
      await client.query(
        `CREATE TEMP TABLE scale_training_plan ON COMMIT DROP AS
           SELECT g.parent_id AS organiser_id, count(*)::int AS members,
                  greatest(1, round(count(*) / ${MEMBERS_PER_CLASS}.0))::int AS classes
             FROM members m JOIN unions g ON g.id = m.union_id
            WHERE m.status = 'active' AND g.parent_id IS NOT NULL AND g.code LIKE $1 || '%'
              AND NOT EXISTS (SELECT 1 FROM training_classes x WHERE x.organiser_union_id = g.parent_id)
            GROUP BY g.parent_id`,
        [ctx.codePrefix],
      )
      // Classes spread over the five years, a topic each in turn.
      await client.query(
        `CREATE TEMP TABLE scale_training_classes ON COMMIT DROP AS
           SELECT ${UUID_V7_SQL} AS id, p.organiser_id, n, p.classes,
                  DATE '2021-01-04' + ((n - 1) * (1820 / p.classes) + floor(random() * least(60, 1820 / p.classes)))::int AS starts_on,
                  t.topics[(1 + (n + abs(hashtext(p.organiser_id::text)::bigint)) % array_length(t.topics, 1))::int] AS topic_id
             FROM scale_training_plan p
            CROSS JOIN generate_series(1, p.classes) AS n
            CROSS JOIN (SELECT array_agg(id ORDER BY sort_order, code) AS topics FROM training_topics) t`,
      )
      await client.query('CREATE INDEX ON scale_training_classes (organiser_id, n)')
      await client.query('ANALYZE scale_training_classes')
      // Each member drawn takes the class their hash picks, or the first one after it that starts
      // after their admission (nobody attends before joining).
      await client.query(
        `CREATE TEMP TABLE scale_training_people ON COMMIT DROP AS
           SELECT ${UUID_V7_SQL} AS id, c.id AS class_id, m.id AS member_id, m.union_id,
                  (40 + floor(random() * 61))::int AS score, random() < 0.07 AS missed
             FROM members m
             JOIN unions g ON g.id = m.union_id
             JOIN scale_training_plan p ON p.organiser_id = g.parent_id
            CROSS JOIN LATERAL (
                  SELECT x.id FROM scale_training_classes x
                   WHERE x.organiser_id = p.organiser_id AND x.starts_on > m.admitted_on
                     AND x.n >= 1 + abs(hashtext(m.id::text)::bigint) % p.classes
                   ORDER BY x.n LIMIT 1) c
            WHERE m.status = 'active' AND random() < ${PARTICIPATION}`,
      )
      // Temporary tables have no statistics until analysed: the joins below need them.
      await client.query('ANALYZE scale_training_people')
      const classes = await client.query(
        `INSERT INTO training_classes (id, title, organiser_union_id, audience_positions, capacity, trainers, pass_mark,
                                       min_attendance_percent, status, starts_on, ends_on, completed_at, created_at, updated_at)
         SELECT c.id, 'Tập huấn ' || t.name || ' (' || extract(year FROM c.starts_on)::int || ')',
                c.organiser_id, ARRAY['chairperson', 'vice_chair', 'executive_member', 'inspection_member'],
                coalesce(pc.n, 0)::int + 10,
                ARRAY['Ban Chính sách - Pháp luật Công đoàn'], 50, 80, 'completed', c.starts_on, c.starts_on + 1,
                c.starts_on + 4, c.starts_on - 30, c.starts_on + 4
           FROM scale_training_classes c JOIN training_topics t ON t.id = c.topic_id
           LEFT JOIN (SELECT class_id, count(*) AS n FROM scale_training_people GROUP BY class_id) pc ON pc.class_id = c.id`,
      )
      await client.query('INSERT INTO training_class_topics (class_id, topic_id) SELECT id, topic_id FROM scale_training_classes')
      await client.query(
        `INSERT INTO training_sessions (id, class_id, date, start_time, end_time, place)
         SELECT ${UUID_V7_SQL}, c.id, c.starts_on + d, TIME '08:00', TIME '11:30', 'Hội trường ' || u.name
           FROM scale_training_classes c JOIN unions u ON u.id = c.organiser_id CROSS JOIN generate_series(0, 1) AS d`,
      )
      const participants = await client.query(
        `INSERT INTO training_participants (id, class_id, member_id, union_id, status, enrolled_at, score, outcome, evaluated_at)
         SELECT p.id, p.class_id, p.member_id, p.union_id, 'enrolled', c.starts_on - 10, p.score,
                CASE WHEN NOT p.missed AND p.score >= 50 THEN 'completed' ELSE 'not_completed' END, c.starts_on + 4
           FROM scale_training_people p JOIN scale_training_classes c ON c.id = p.class_id`,
      )
      // Everyone attends the first day; the few who missed the second do not complete (80% of two sessions is both).
      await client.query(
        `INSERT INTO training_attendance (participant_id, session_id, present, recorded_at)
         SELECT p.id, s.id, s.date = c.starts_on OR NOT p.missed, s.date + TIME '10:00'
           FROM scale_training_people p
           JOIN scale_training_classes c ON c.id = p.class_id
           JOIN training_sessions s ON s.class_id = p.class_id`,
      )
      const certificates = await client.query(
        `INSERT INTO training_certificates (id, number, verification_code, participant_id, class_id, member_id, issued_on)
         SELECT ${UUID_V7_SQL},
                'CCTH-' || to_char(numbered.issued_on, 'YYYY') || '-' || CASE WHEN length(numbered.serial) >= 6 THEN numbered.serial ELSE lpad(numbered.serial, 6, '0') END,
                ${RANDOM_CODE_SQL}, numbered.participant_id, numbered.class_id, numbered.member_id, numbered.issued_on
           FROM (SELECT nextval('training_certificate_number_seq')::text AS serial, p.id AS participant_id, p.class_id, p.member_id,
                        c.starts_on + 1 AS issued_on
                   FROM scale_training_people p JOIN scale_training_classes c ON c.id = p.class_id
                  WHERE NOT p.missed AND p.score >= 50) numbered`,
      )
      await client.query('COMMIT')
      ctx.counts.trainingClasses = classes.rowCount ?? 0
      ctx.counts.trainingParticipants = participants.rowCount ?? 0
      ctx.counts.trainingCertificates = certificates.rowCount ?? 0
      ctx.log(
        `  ${ctx.counts.trainingClasses.toLocaleString('en')} classes, ${ctx.counts.trainingParticipants.toLocaleString('en')} participants, ` +
          `${ctx.counts.trainingCertificates.toLocaleString('en')} certificates`,
      )
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined)
      throw error
    } finally {
      client.release()
    }
  },
}
