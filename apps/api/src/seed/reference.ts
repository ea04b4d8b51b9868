import { v7 as uuidv7 } from 'uuid'
import type { Database } from '../db/client.js'
import { officerPositions, ratingGrades, ratingScales, unions, unitTypes } from '../db/schema/index.js'
import { seedAgreementGrades } from './agreement-grades.js'
import { seedTrainingTopics } from './training-topics.js'

/** Unit types as the 2025 reorganisation left them, plus the older district level still in records. */
export const UNIT_TYPES = [
  { code: 'national_confederation', name: 'Tổng Liên đoàn Lao động Việt Nam', nameEn: 'National confederation', level: 0, isGrassroots: false, sortOrder: 0 },
  { code: 'city_federation', name: 'LĐLĐ tỉnh, thành phố', nameEn: 'City or provincial federation', level: 1, isGrassroots: false, sortOrder: 10 },
  { code: 'district_federation', name: 'LĐLĐ quận, huyện, thị xã', nameEn: 'District federation', level: 2, isGrassroots: false, sortOrder: 20 },
  { code: 'commune_union', name: 'Công đoàn xã, phường, đặc khu', nameEn: 'Commune or ward union', level: 2, isGrassroots: false, sortOrder: 21 },
  { code: 'sector_union', name: 'Công đoàn ngành', nameEn: 'Sector union', level: 2, isGrassroots: false, sortOrder: 22 },
  { code: 'industrial_zone_union', name: 'Công đoàn các KCN&CX', nameEn: 'Industrial-zone union', level: 2, isGrassroots: false, sortOrder: 23 },
  { code: 'grassroots', name: 'Công đoàn cơ sở', nameEn: 'Grassroots union', level: 3, isGrassroots: true, sortOrder: 30 },
  { code: 'branch', name: 'Công đoàn bộ phận, Tổ công đoàn', nameEn: 'Branch or group', level: 4, isGrassroots: false, sortOrder: 40 },
] as const

export type UnitTypeCode = (typeof UNIT_TYPES)[number]['code']

/** The scale the seeds quote, and the four-level one of the newer guidance. */
export const RATING_SCALES = [
  {
    code: 'vgcl_2013',
    name: 'Xếp loại CĐCS vững mạnh (đến năm 2023)',
    fromYear: 2013,
    toYear: 2023,
    grades: [
      { code: 'excellent_strong', label: 'Vững mạnh xuất sắc', labelEn: 'Excellent strong', rank: 1, isStrong: true },
      { code: 'strong', label: 'Vững mạnh', labelEn: 'Strong', rank: 2, isStrong: true },
      { code: 'fair', label: 'Hoàn thành nhiệm vụ', labelEn: 'Fulfilled duties', rank: 3, isStrong: false },
      { code: 'average', label: 'Trung bình', labelEn: 'Average', rank: 4, isStrong: false },
      { code: 'weak', label: 'Yếu kém', labelEn: 'Weak', rank: 5, isStrong: false },
    ],
  },
  {
    code: 'vgcl_2024',
    name: 'Đánh giá, xếp loại chất lượng CĐCS (từ năm 2024)',
    fromYear: 2024,
    toYear: null,
    grades: [
      { code: 'excellent', label: 'Hoàn thành xuất sắc nhiệm vụ', labelEn: 'Completed duties excellently', rank: 1, isStrong: true },
      { code: 'good', label: 'Hoàn thành tốt nhiệm vụ', labelEn: 'Completed duties well', rank: 2, isStrong: true },
      { code: 'completed', label: 'Hoàn thành nhiệm vụ', labelEn: 'Completed duties', rank: 3, isStrong: false },
      { code: 'not_completed', label: 'Không hoàn thành nhiệm vụ', labelEn: 'Did not complete duties', rank: 4, isStrong: false },
    ],
  },
] as const

/** Positions in a union's bodies (Điều lệ Công đoàn Việt Nam). */
export const OFFICER_POSITIONS = [
  { code: 'chairperson', name: 'Chủ tịch', nameEn: 'Chairperson', singleHolder: true, sortOrder: 10 },
  { code: 'vice_chair', name: 'Phó Chủ tịch', nameEn: 'Vice-chair', singleHolder: false, sortOrder: 20 },
  { code: 'executive_member', name: 'Ủy viên Ban Chấp hành', nameEn: 'Executive Committee member', singleHolder: false, sortOrder: 30 },
  { code: 'standing_member', name: 'Ủy viên Ban Thường vụ', nameEn: 'Standing Committee member', singleHolder: false, sortOrder: 35 },
  { code: 'inspection_chair', name: 'Chủ nhiệm Ủy ban Kiểm tra', nameEn: 'Chair of the Inspection Committee', singleHolder: true, sortOrder: 40 },
  { code: 'inspection_member', name: 'Ủy viên Ủy ban Kiểm tra', nameEn: 'Inspection Committee member', singleHolder: false, sortOrder: 45 },
  { code: 'department_head', name: 'Trưởng ban', nameEn: 'Head of department', singleHolder: false, sortOrder: 50 },
  { code: 'women_group_leader', name: 'Tổ trưởng tổ nữ công', nameEn: "Women's affairs group leader", singleHolder: false, sortOrder: 60 },
  { code: 'group_leader', name: 'Tổ trưởng tổ công đoàn', nameEn: 'Union group leader', singleHolder: false, sortOrder: 70 },
] as const
export type OfficerPositionCode = (typeof OFFICER_POSITIONS)[number]['code']

/** Reference data every database needs (unit types, rating scales, officer positions, training topics, agreement grades). Idempotent. */
export async function seedReferenceData(db: Database): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .insert(unitTypes)
      .values(UNIT_TYPES.map((type) => ({ id: uuidv7(), ...type })))
      .onConflictDoNothing({ target: unitTypes.code })
    await tx
      .insert(officerPositions)
      .values(OFFICER_POSITIONS.map((position) => ({ id: uuidv7(), ...position })))
      .onConflictDoNothing({ target: officerPositions.code })
    await seedTrainingTopics(tx)
    await seedAgreementGrades(tx)
    for (const scale of RATING_SCALES) {
      const [inserted] = await tx
        .insert(ratingScales)
        .values({ id: uuidv7(), code: scale.code, name: scale.name, fromYear: scale.fromYear, toYear: scale.toYear })
        .onConflictDoNothing({ target: ratingScales.code })
        .returning({ id: ratingScales.id })
      if (!inserted) continue
      await tx.insert(ratingGrades).values(scale.grades.map((grade) => ({ id: uuidv7(), scaleId: inserted.id, ...grade })))
    }
  })
}

/** Id of a unit type by code, for seeders. */
export async function unitTypeIds(db: Database): Promise<Record<UnitTypeCode, string>> {
  const rows = await db.select({ id: unitTypes.id, code: unitTypes.code }).from(unitTypes)
  return Object.fromEntries(rows.map((row) => [row.code, row.id])) as Record<UnitTypeCode, string>
}

export async function databaseIsEmpty(db: Database): Promise<boolean> {
  const rows = await db.select({ id: unions.id }).from(unions).limit(1)
  return rows.length === 0
}
