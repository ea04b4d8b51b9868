import { meetsCompletionRule } from '@liendoan/contracts'
import { sql } from 'drizzle-orm'
import { v7 as uuidv7 } from 'uuid'
import type { Database } from '../db/client.js'
import {
  trainingAttendance,
  trainingCertificates,
  trainingClassTopics,
  trainingClasses,
  trainingParticipants,
  trainingSessions,
  trainingTopics,
} from '../db/schema/index.js'
import { certificateNumber } from '../modules/trainings/training-rules.js'
import { makeRng } from './random.js'

/**
 * Phúc Thọ's classes as seed 000 reports them: "in five years the district federation held 12
 * classes for 2,400 participant-attendances of Executive and Inspection Committee members, heads
 * of department and women's group leaders of the grassroots unions". The 12 classes run from 2021
 * to 2025, are completed, and add up to exactly 2,400 participants who attended (a few no-shows
 * come on top, enrolled but absent). One of them is the Labour Code class for the chairpersons of
 * non-state grassroots unions, so the coverage report has something to show; one more class, open
 * for enrolment in December 2026, is there to enrol into.
 */
export const PHUC_THO_CLASSES = 12
export const PHUC_THO_PARTICIPANT_ATTENDANCES = 2_400

interface ClassPlan {
  title: string
  topics: string[]
  startsOn: string
  days: number
  /** Participants who attend at least one session. */
  attendees: number
  noShows: number
  passMark: number | null
  /** Chairpersons of non-state grassroots unions first. */
  chairpersons?: boolean
}

const PLANS: ClassPlan[] = [
  { title: 'Tập huấn Bộ luật Lao động năm 2019 cho cán bộ công đoàn cơ sở', topics: ['labour_code_2019'], startsOn: '2021-03-16', days: 2, attendees: 180, noShows: 4, passMark: 50 },
  { title: 'Bồi dưỡng nghiệp vụ công tác công đoàn cơ sở', topics: ['union_skills'], startsOn: '2021-09-21', days: 3, attendees: 220, noShows: 3, passMark: 50 },
  { title: 'Tập huấn kỹ năng đối thoại tại nơi làm việc', topics: ['workplace_dialogue'], startsOn: '2022-04-12', days: 2, attendees: 200, noShows: 2, passMark: 50 },
  { title: 'Tập huấn nghiệp vụ công tác kiểm tra công đoàn', topics: ['inspection_work'], startsOn: '2022-08-09', days: 2, attendees: 190, noShows: 5, passMark: 50 },
  { title: 'Tập huấn phần mềm quản lý đoàn viên, đổi thẻ đoàn viên công đoàn', topics: ['member_records_software'], startsOn: '2022-11-15', days: 1, attendees: 210, noShows: 3, passMark: null },
  { title: 'Tập huấn kỹ năng thương lượng, ký kết thỏa ước lao động tập thể', topics: ['collective_bargaining'], startsOn: '2023-04-18', days: 2, attendees: 200, noShows: 4, passMark: 50 },
  { title: 'Bồi dưỡng cán bộ công đoàn cơ sở nhiệm kỳ 2023–2028', topics: ['union_skills', 'labour_code_2019'], startsOn: '2023-10-10', days: 3, attendees: 230, noShows: 2, passMark: 50 },
  { title: 'Tập huấn công tác nữ công', topics: ['women_affairs'], startsOn: '2024-03-05', days: 2, attendees: 170, noShows: 3, passMark: 50 },
  {
    title: 'Tập huấn Bộ luật Lao động năm 2019 cho Chủ tịch công đoàn cơ sở khu vực ngoài nhà nước',
    topics: ['labour_code_2019', 'labour_disputes'],
    startsOn: '2024-06-11',
    days: 2,
    attendees: 200,
    noShows: 4,
    passMark: 60,
    chairpersons: true,
  },
  { title: 'Tập huấn quy trình giải quyết tranh chấp lao động', topics: ['labour_disputes'], startsOn: '2024-10-22', days: 2, attendees: 210, noShows: 2, passMark: 50 },
  { title: 'Tập huấn công tác tài chính công đoàn', topics: ['union_finance'], startsOn: '2025-04-15', days: 2, attendees: 190, noShows: 3, passMark: 50 },
  { title: 'Tập huấn an toàn, vệ sinh lao động cho cán bộ công đoàn cơ sở', topics: ['occupational_safety'], startsOn: '2025-09-16', days: 2, attendees: 200, noShows: 4, passMark: 50 },
]

const TRAINERS = [
  'ThS. Nguyễn Văn Hùng, Trường Đại học Công đoàn',
  'Ban Chính sách - Pháp luật, LĐLĐ thành phố Hà Nội',
  'Bà Lê Thị Thu Hà, Ban Tổ chức, LĐLĐ huyện Phúc Thọ',
  'Ông Trần Quốc Khánh, Văn phòng Tư vấn pháp luật Công đoàn Hà Nội',
  'Bà Phạm Thị Minh Nguyệt, Ủy ban Kiểm tra LĐLĐ huyện Phúc Thọ',
]
const PLACES = ['Hội trường LĐLĐ huyện Phúc Thọ', 'Trung tâm Văn hóa - Thông tin huyện Phúc Thọ', 'Hội trường UBND huyện Phúc Thọ']
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`)
  date.setUTCDate(date.getUTCDate() + days)
  return date.toISOString().slice(0, 10)
}

interface Person {
  id: string
  union_id: string
  admitted_on: string
  sector: string | null
  position: string | null
}

/** The demo's classes, participants, attendance and certificates (Phúc Thọ; seed 000's figures). */
export async function seedDemoTrainings(tx: Database): Promise<void> {
  const random = makeRng(20_210_316)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!
  const [district] = ((await tx.execute(sql`SELECT id FROM unions WHERE code = 'HN-PT'`)) as unknown as { rows: { id: string }[] }).rows
  if (!district) return
  const topics = new Map((await tx.select({ id: trainingTopics.id, code: trainingTopics.code }).from(trainingTopics)).map((row) => [row.code, row.id]))
  const people = (
    (await tx.execute(sql`
      SELECT m.id, m.union_id, m.admitted_on::text AS admitted_on, u.sector,
             (SELECT p.code FROM officer_terms t JOIN officer_positions p ON p.id = t.position_id
               WHERE t.member_id = m.id AND t.ended_on IS NULL ORDER BY p.sort_order LIMIT 1) AS position
        FROM members m JOIN unions u ON u.id = m.union_id
       WHERE u.parent_id = ${district.id} AND m.status = 'active'
       ORDER BY m.id`)) as unknown as { rows: Person[] }
  ).rows

  const classRows: (typeof trainingClasses.$inferInsert)[] = []
  const classTopicRows: (typeof trainingClassTopics.$inferInsert)[] = []
  const sessionRows: (typeof trainingSessions.$inferInsert)[] = []
  const participantRows: (typeof trainingParticipants.$inferInsert)[] = []
  const attendanceRows: (typeof trainingAttendance.$inferInsert)[] = []
  const certificateRows: (typeof trainingCertificates.$inferInsert)[] = []
  let serial = 0

  const addClass = (plan: ClassPlan, status: 'completed' | 'open', capacity: number) => {
    const id = uuidv7()
    const dates = Array.from({ length: plan.days }, (_, day) => addDays(plan.startsOn, day))
    const endsOn = dates[dates.length - 1]!
    classRows.push({
      id,
      title: plan.title,
      description: plan.chairpersons ? 'Dành cho Chủ tịch công đoàn cơ sở các doanh nghiệp ngoài khu vực nhà nước.' : null,
      organiserUnionId: district.id,
      audiencePositions: plan.chairpersons ? ['chairperson'] : ['executive_member', 'inspection_member', 'department_head', 'women_group_leader'],
      audienceSector: plan.chairpersons ? 'non_state' : null,
      capacity,
      trainers: [pick(TRAINERS), pick(TRAINERS)].filter((name, index, all) => all.indexOf(name) === index),
      passMark: plan.passMark,
      minAttendancePercent: 80,
      status,
      startsOn: plan.startsOn,
      endsOn,
      completedAt: status === 'completed' ? new Date(`${addDays(endsOn, 3)}T03:00:00Z`) : null,
      createdAt: new Date(`${addDays(plan.startsOn, -30)}T02:00:00Z`),
      updatedAt: new Date(`${status === 'completed' ? addDays(endsOn, 3) : '2026-11-16'}T03:00:00Z`),
    })
    for (const code of plan.topics) {
      const topicId = topics.get(code)
      if (topicId) classTopicRows.push({ classId: id, topicId })
    }
    const place = pick(PLACES)
    const sessions = dates.map((date) => ({ id: uuidv7(), classId: id, date, startTime: '08:00', endTime: plan.days === 1 ? '16:30' : '11:30', place }))
    sessionRows.push(...sessions)
    return { id, endsOn, sessions }
  }

  for (const plan of PLANS) {
    const { id, endsOn, sessions } = addClass(plan, 'completed', plan.attendees + plan.noShows + 20)
    // Members by then; officers (the seed's audience) first, in a shuffled order.
    const eligible = people.filter((person) => person.admitted_on < addDays(plan.startsOn, -30))
    const score = (person: Person) =>
      (plan.chairpersons ? (person.position === 'chairperson' && person.sector === 'non_state' ? 0 : 2) : person.position && person.position !== 'chairperson' ? 0 : 1) +
      random()
    // Seven chairpersons in ten come to "their" class: the coverage report shows a gap to close.
    const ranked = eligible
      .map((person) => ({ person, rank: score(person) }))
      .sort((a, b) => a.rank - b.rank)
      .map((entry) => entry.person)
      .filter((person) => !plan.chairpersons || person.position !== 'chairperson' || person.sector !== 'non_state' || random() < 0.7)
    const chosen = ranked.slice(0, plan.attendees + plan.noShows)
    chosen.forEach((person, index) => {
      const participantId = uuidv7()
      const noShow = index >= plan.attendees
      let attended = 0
      for (const session of sessions) {
        const present = !noShow && (attended === 0 || random() > 0.07)
        if (present) attended++
        attendanceRows.push({ participantId, sessionId: session.id, present, recordedAt: new Date(`${session.date}T10:00:00Z`) })
      }
      const testScore = noShow || plan.passMark === null ? null : Math.min(100, Math.max(20, Math.round(55 + random() * 45 - (random() < 0.06 ? 30 : 0))))
      const completed = meetsCompletionRule({ sessionCount: sessions.length, attendedCount: attended, minAttendancePercent: 80, passMark: plan.passMark, score: testScore })
      participantRows.push({
        id: participantId,
        classId: id,
        memberId: person.id,
        unionId: person.union_id,
        enrolledAt: new Date(`${addDays(plan.startsOn, -10)}T02:00:00Z`),
        score: testScore,
        outcome: completed ? 'completed' : 'not_completed',
        evaluatedAt: new Date(`${addDays(endsOn, 3)}T03:00:00Z`),
      })
      if (completed) {
        serial++
        let code = ''
        for (let c = 0; c < 12; c++) code += CODE_ALPHABET[Math.floor(random() * 32)]
        certificateRows.push({
          id: uuidv7(),
          number: certificateNumber(endsOn, serial),
          verificationCode: code,
          participantId,
          classId: id,
          memberId: person.id,
          issuedOn: endsOn,
          createdAt: new Date(`${addDays(endsOn, 3)}T03:00:00Z`),
        })
      }
    })
  }

  // The class open for enrolment: workplace dialogue for chairpersons of non-state grassroots unions.
  const open = addClass(
    { title: 'Tập huấn Đối thoại tại nơi làm việc cho Chủ tịch công đoàn cơ sở ngoài khu vực nhà nước', topics: ['workplace_dialogue'], startsOn: '2026-12-08', days: 2, attendees: 0, noShows: 0, passMark: 60, chairpersons: true },
    'open',
    60,
  )
  const chairs = people.filter((person) => person.position === 'chairperson' && person.sector === 'non_state').slice(0, 18)
  for (const person of chairs) {
    participantRows.push({ id: uuidv7(), classId: open.id, memberId: person.id, unionId: person.union_id, enrolledAt: new Date('2026-11-18T02:00:00Z') })
  }

  const batch = async <T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) => {
    for (let i = 0; i < rows.length; i += 1000) await insert(rows.slice(i, i + 1000))
  }
  await batch(classRows, (chunk) => tx.insert(trainingClasses).values(chunk))
  await batch(classTopicRows, (chunk) => tx.insert(trainingClassTopics).values(chunk))
  await batch(sessionRows, (chunk) => tx.insert(trainingSessions).values(chunk))
  await batch(participantRows, (chunk) => tx.insert(trainingParticipants).values(chunk))
  await batch(attendanceRows, (chunk) => tx.insert(trainingAttendance).values(chunk))
  await batch(certificateRows, (chunk) => tx.insert(trainingCertificates).values(chunk))
  if (serial > 0) await tx.execute(sql`SELECT setval('training_certificate_number_seq', ${serial})`)
}
