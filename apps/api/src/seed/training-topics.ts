import { v7 as uuidv7 } from 'uuid'
import type { Database } from '../db/client.js'
import { trainingTopics } from '../db/schema/index.js'

/** Topics of the federation's classes for union officers (DOMAIN.md, "Trainings"). Data, not code: admins add more. */
export const TRAINING_TOPICS = [
  { code: 'labour_code_2019', name: 'Bộ luật Lao động năm 2019', nameEn: 'Labour Code 2019', validityYears: null, sortOrder: 10 },
  { code: 'workplace_dialogue', name: 'Đối thoại tại nơi làm việc', nameEn: 'Workplace dialogue', validityYears: null, sortOrder: 20 },
  {
    code: 'collective_bargaining',
    name: 'Thương lượng, ký kết thỏa ước lao động tập thể',
    nameEn: 'Collective bargaining and agreements',
    validityYears: null,
    sortOrder: 30,
  },
  { code: 'labour_disputes', name: 'Quy trình giải quyết tranh chấp lao động', nameEn: 'Labour dispute procedure', validityYears: null, sortOrder: 40 },
  { code: 'union_finance', name: 'Công tác tài chính công đoàn', nameEn: 'Union finance', validityYears: 5, sortOrder: 50 },
  { code: 'union_skills', name: 'Nghiệp vụ công tác công đoàn cơ sở', nameEn: 'Grassroots union work skills', validityYears: null, sortOrder: 60 },
  { code: 'inspection_work', name: 'Nghiệp vụ công tác kiểm tra công đoàn', nameEn: 'Union inspection work', validityYears: null, sortOrder: 70 },
  { code: 'women_affairs', name: 'Công tác nữ công', nameEn: "Women's affairs", validityYears: null, sortOrder: 80 },
  { code: 'occupational_safety', name: 'An toàn, vệ sinh lao động', nameEn: 'Occupational safety and health', validityYears: 2, sortOrder: 90 },
  { code: 'member_records_software', name: 'Phần mềm quản lý đoàn viên, đổi thẻ đoàn viên', nameEn: 'Member records and card software', validityYears: null, sortOrder: 100 },
] as const
export type TrainingTopicCode = (typeof TRAINING_TOPICS)[number]['code']

/** Inserts the topics that are missing (idempotent; an admin's edits stay). */
export async function seedTrainingTopics(db: Database): Promise<void> {
  await db
    .insert(trainingTopics)
    .values(TRAINING_TOPICS.map((topic) => ({ id: uuidv7(), ...topic })))
    .onConflictDoNothing({ target: trainingTopics.code })
}
