import type { Sector, SectorKind } from '@liendoan/contracts'
import { v7 as uuidv7 } from 'uuid'
import type { Database } from '../db/client.js'
import { ratingGrades, ratingScales, unionEvents, unionPlacements, unionRatings, unions, users } from '../db/schema/index.js'
import { hashPassword } from '../modules/auth/password.js'
import { maxDate } from '../lib/dates.js'
import { RATING_SCALES, unitTypeIds } from './reference.js'
import { type DemoGrassroots, seedDemoMembers } from './demo-members.js'
import { seedDemoSupport } from './demo-support.js'
import { seedDemoAgreements } from './demo-agreements.js'
import { seedDemoTrainings } from './demo-trainings.js'
import { makeRng } from './random.js'

/** Password of every demo account; the README lists the accounts. */
export const DEMO_PASSWORD = 'Liendoan@2026'

export const DEMO_ACCOUNTS = [
  { email: 'admin@liendoan.vn', fullName: 'Nguyễn Văn Quản', role: 'admin', union: 'HN' },
  { email: 'hanoi@liendoan.vn', fullName: 'Trần Thị Hà', role: 'federation_officer', union: 'HN' },
  { email: 'phuctho@liendoan.vn', fullName: 'Nguyễn Thị Lan Anh', role: 'federation_officer', union: 'HN-PT' },
  { email: 'thanhtri@liendoan.vn', fullName: 'Lê Văn Trì', role: 'federation_officer', union: 'HN-TT' },
  { email: 'cdcs@liendoan.vn', fullName: 'Phạm Thị Hoa', role: 'union_officer', union: 'HN-PT-0001' },
  { email: 'viewer@liendoan.vn', fullName: 'Đỗ Minh Xuân', role: 'viewer', union: 'HN-TX' },
] as const

interface DistrictSpec {
  code: string
  name: string
  typeCode: 'district_federation' | 'sector_union' | 'industrial_zone_union'
  place: string
  communes: string[]
  grassroots: number
  /** Real units named in the seed articles. */
  named?: { name: string; sector: Sector; sectorKind: SectorKind; workers: number; decisionDate: string }[]
}

const DISTRICTS: DistrictSpec[] = [
  {
    code: 'HN-PT',
    name: 'LĐLĐ huyện Phúc Thọ',
    typeCode: 'district_federation',
    place: 'Phúc Thọ',
    grassroots: 156,
    communes: ['Võng Xuyên', 'Tam Hiệp', 'Hát Môn', 'Ngọc Tảo', 'Long Xuyên', 'Thượng Cốc', 'Sen Phương', 'Vân Phúc', 'Xuân Đình', 'Tích Giang', 'Phụng Thượng', 'Tam Thuấn', 'Thanh Đa', 'Hiệp Thuận', 'Liên Hiệp', 'Vân Hà', 'Phúc Hòa', 'Cẩm Đình', 'Thọ Lộc', 'Phương Độ', 'Vân Nam', 'Trạch Mỹ Lộc', 'Xuân Phú'],
  },
  {
    code: 'HN-TT',
    name: 'LĐLĐ huyện Thanh Trì',
    typeCode: 'district_federation',
    place: 'Thanh Trì',
    grassroots: 42,
    communes: ['Văn Điển', 'Tân Triều', 'Thanh Liệt', 'Tả Thanh Oai', 'Hữu Hòa', 'Tam Hiệp', 'Yên Mỹ', 'Vĩnh Quỳnh', 'Ngũ Hiệp', 'Duyên Hà', 'Ngọc Hồi', 'Vạn Phúc', 'Đại Áng', 'Liên Ninh', 'Đông Mỹ'],
    named: [
      { name: 'Công ty Cổ phần sản xuất thương mại Thái Sơn', sector: 'non_state', sectorKind: 'private_enterprise', workers: 48, decisionDate: '2022-06-15' },
      { name: 'Nhóm lớp Mầm non tư thục Quả Trứng Tròn', sector: 'non_state', sectorKind: 'non_public_school', workers: 22, decisionDate: '2022-06-15' },
    ],
  },
  {
    code: 'HN-TX',
    name: 'LĐLĐ quận Thanh Xuân',
    typeCode: 'district_federation',
    place: 'Thanh Xuân',
    grassroots: 32,
    communes: ['Khương Đình', 'Khương Mai', 'Khương Trung', 'Kim Giang', 'Nhân Chính', 'Phương Liệt', 'Thanh Xuân Bắc', 'Thanh Xuân Nam', 'Thanh Xuân Trung', 'Thượng Đình', 'Hạ Đình'],
  },
  {
    code: 'HN-HBT',
    name: 'LĐLĐ quận Hai Bà Trưng',
    typeCode: 'district_federation',
    place: 'Hai Bà Trưng',
    grassroots: 30,
    communes: ['Bạch Đằng', 'Bách Khoa', 'Bạch Mai', 'Cầu Dền', 'Đống Mác', 'Đồng Nhân', 'Đồng Tâm', 'Lê Đại Hành', 'Minh Khai', 'Ngô Thì Nhậm', 'Phạm Đình Hổ', 'Quỳnh Mai', 'Thanh Lương', 'Trương Định', 'Vĩnh Tuy'],
  },
  {
    code: 'HN-TTI',
    name: 'LĐLĐ huyện Thường Tín',
    typeCode: 'district_federation',
    place: 'Thường Tín',
    grassroots: 26,
    communes: ['Hà Hồi', 'Hiền Giang', 'Hòa Bình', 'Khánh Hà', 'Lê Lợi', 'Liên Phương', 'Minh Cường', 'Nghiêm Xuyên', 'Nguyễn Trãi', 'Nhị Khê', 'Ninh Sở', 'Quất Động', 'Tân Minh', 'Thắng Lợi', 'Tô Hiệu', 'Văn Bình', 'Vân Tảo'],
  },
  {
    code: 'HN-GD',
    name: 'Công đoàn ngành Giáo dục Hà Nội',
    typeCode: 'sector_union',
    place: 'Hà Nội',
    grassroots: 14,
    communes: ['Chu Văn An', 'Phan Đình Phùng', 'Việt Đức', 'Kim Liên', 'Trần Phú', 'Yên Hòa', 'Nguyễn Trãi', 'Thăng Long', 'Lê Quý Đôn', 'Đoàn Kết'],
  },
  {
    code: 'HN-KCN',
    name: 'Công đoàn các Khu công nghiệp và chế xuất Hà Nội',
    typeCode: 'industrial_zone_union',
    place: 'Hà Nội',
    grassroots: 16,
    communes: ['Thăng Long', 'Nội Bài', 'Quang Minh', 'Bắc Thăng Long', 'Sài Đồng B', 'Phú Nghĩa', 'Thạch Thất - Quốc Oai'],
  },
]

const BRANDS = ['Hoàng Long', 'Minh Phát', 'An Khang', 'Thành Công', 'Việt Hưng', 'Phú Thịnh', 'Đại Dương', 'Sao Mai', 'Hồng Hà', 'Trường Sơn', 'Bình Minh', 'Tân Tiến', 'Hải Âu', 'Kim Ngân', 'Phương Đông', 'Nam Việt', 'Đức Thành', 'Quang Trung', 'Thiên Phú', 'Hưng Thịnh']
const INDUSTRIES = ['may mặc', 'cơ khí chính xác', 'thực phẩm', 'xây dựng', 'bao bì', 'điện tử', 'nhựa', 'dược phẩm', 'vận tải', 'thương mại dịch vụ', 'gỗ nội thất', 'in ấn']
const FOREIGN = ['Canon Việt Nam', 'Yamaha Motor Việt Nam', 'Panasonic Việt Nam', 'Hoya Glass Disk Việt Nam', 'Meiko Electronics Việt Nam', 'TOTO Việt Nam', 'Sumitomo Bakelite Việt Nam', 'Daewoo Electronics Việt Nam', 'Nissei Electric Hà Nội', 'Mitsubishi Electric Việt Nam']

interface GrassrootsDraft {
  name: string
  /** Commune or ward where the employer sits. */
  place?: string
  sector: Sector
  sectorKind: SectorKind
  workers: number
  decisionDate: string
}

function grassrootsFor(district: DistrictSpec, random: () => number): GrassrootsDraft[] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!
  const date = (fromYear: number, toYear: number) => {
    const year = fromYear + Math.floor(random() * (toYear - fromYear + 1))
    const month = 1 + Math.floor(random() * 12)
    const day = 1 + Math.floor(random() * 28)
    return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
  }
  const drafts: GrassrootsDraft[] = [...(district.named ?? [])]
  const seen = new Set(drafts.map((draft) => draft.name))
  let place = district.communes[0]!
  const add = (draft: GrassrootsDraft) => {
    draft.place ??= place
    if (seen.has(draft.name)) return
    seen.add(draft.name)
    drafts.push(draft)
  }
  if (district.typeCode === 'district_federation') {
    const level = district.name.includes('quận') ? 'quận' : 'huyện'
    for (const agency of ['Bệnh viện Đa khoa', 'Trung tâm Y tế', 'Phòng Giáo dục và Đào tạo', 'Kho bạc Nhà nước', 'Trường Trung học phổ thông']) {
      add({ name: `${agency} ${level} ${district.place}`, sector: 'state', sectorKind: agency.startsWith('Kho') || agency.startsWith('Phòng') ? 'agency' : 'public_service_unit', workers: 40 + Math.floor(random() * 300), decisionDate: date(1995, 2012) })
    }
  }
  let attempts = 0
  while (drafts.length < district.grassroots && attempts++ < 10_000) {
    place = pick(district.communes)
    const roll = random()
    if (district.typeCode === 'sector_union') {
      add({ name: `Trường Trung học phổ thông ${place}`, sector: 'state', sectorKind: 'public_service_unit', workers: 60 + Math.floor(random() * 90), decisionDate: date(1990, 2010) })
      add({ name: `Trường Trung học cơ sở ${place}`, sector: 'state', sectorKind: 'public_service_unit', workers: 30 + Math.floor(random() * 60), decisionDate: date(1990, 2012) })
    } else if (district.typeCode === 'industrial_zone_union') {
      add({ name: `Công ty TNHH ${pick(FOREIGN)}`, sector: 'non_state', sectorKind: 'foreign_invested', workers: 300 + Math.floor(random() * 4000), decisionDate: date(2000, 2020) })
    } else if (roll < 0.16) {
      add({ name: `Trường Mầm non ${place}`, sector: 'state', sectorKind: 'public_service_unit', workers: 20 + Math.floor(random() * 40), decisionDate: date(1995, 2015) })
    } else if (roll < 0.3) {
      add({ name: `Trường Tiểu học ${place}`, sector: 'state', sectorKind: 'public_service_unit', workers: 25 + Math.floor(random() * 40), decisionDate: date(1995, 2015) })
    } else if (roll < 0.42) {
      add({ name: `Trường Trung học cơ sở ${place}`, sector: 'state', sectorKind: 'public_service_unit', workers: 25 + Math.floor(random() * 40), decisionDate: date(1995, 2015) })
    } else if (roll < 0.5) {
      add({ name: `UBND ${district.name.includes('quận') ? 'phường' : 'xã'} ${place}`, sector: 'state', sectorKind: 'agency', workers: 20 + Math.floor(random() * 30), decisionDate: date(1998, 2015) })
    } else if (roll < 0.56) {
      add({ name: `Trạm Y tế ${district.name.includes('quận') ? 'phường' : 'xã'} ${place}`, sector: 'state', sectorKind: 'public_service_unit', workers: 8 + Math.floor(random() * 10), decisionDate: date(2000, 2016) })
    } else if (roll < 0.62) {
      add({ name: `Hợp tác xã nông nghiệp ${place}`, sector: 'non_state', sectorKind: 'cooperative', workers: 10 + Math.floor(random() * 30), decisionDate: date(2005, 2023) })
    } else if (roll < 0.7) {
      add({ name: `Công ty TNHH ${pick(INDUSTRIES)} ${district.place}`, sector: 'non_state', sectorKind: 'private_enterprise', workers: 20 + Math.floor(random() * 400), decisionDate: date(2008, 2024) })
    } else if (roll < 0.85) {
      add({ name: `Công ty TNHH ${pick(INDUSTRIES)} ${pick(BRANDS)}`, sector: 'non_state', sectorKind: 'private_enterprise', workers: 20 + Math.floor(random() * 500), decisionDate: date(2008, 2024) })
    } else if (roll < 0.95) {
      add({ name: `Công ty Cổ phần ${pick(INDUSTRIES)} ${pick(BRANDS)} ${place}`, sector: 'non_state', sectorKind: 'private_enterprise', workers: 25 + Math.floor(random() * 600), decisionDate: date(2008, 2024) })
    } else {
      add({ name: `Nhóm lớp Mầm non tư thục ${pick(BRANDS)} ${place}`, sector: 'non_state', sectorKind: 'non_public_school', workers: 8 + Math.floor(random() * 20), decisionDate: date(2015, 2024) })
    }
  }
  return drafts.slice(0, district.grassroots)
}

function addressOf(district: DistrictSpec, place: string | undefined): string {
  if (district.typeCode !== 'district_federation') return `${place ?? district.place}, Hà Nội`
  const urban = district.name.includes('quận')
  return `${urban ? 'Phường' : 'Xã'} ${place ?? district.communes[0]}, ${urban ? 'quận' : 'huyện'} ${district.place}, Hà Nội`
}

function taxCode(random: () => number): string {
  return `01${String(Math.floor(random() * 1e8)).padStart(8, '0')}`
}

/** The demo federation: Hà Nội and five district federations shaped like the seed articles. */
export async function seedDemoData(db: Database): Promise<void> {
  const random = makeRng(20_261_123)
  const types = await unitTypeIds(db)
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  await db.transaction(async (tx) => {
    const unionRows: (typeof unions.$inferInsert)[] = []
    const placementRows: (typeof unionPlacements.$inferInsert)[] = []
    const codeToId = new Map<string, string>()

    const rootId = uuidv7()
    codeToId.set('HN', rootId)
    unionRows.push({ id: rootId, code: 'HN', name: 'LĐLĐ thành phố Hà Nội', unitTypeId: types.city_federation, path: `/${rootId}/`, depth: 0, establishedOn: '1990-01-01', address: '68 Nguyễn Chí Thanh, Đống Đa, Hà Nội' })
    placementRows.push({ id: uuidv7(), unionId: rootId, path: `/${rootId}/`, validFrom: '1990-01-01' })

    const grassroots: DemoGrassroots[] = []
    for (const district of DISTRICTS) {
      const districtId = uuidv7()
      const districtPath = `/${rootId}/${districtId}/`
      codeToId.set(district.code, districtId)
      unionRows.push({ id: districtId, code: district.code, name: district.name, unitTypeId: types[district.typeCode], parentId: rootId, path: districtPath, depth: 1, establishedOn: '1995-01-01', foundingIssuerId: rootId })
      placementRows.push({ id: uuidv7(), unionId: districtId, parentId: rootId, path: districtPath, validFrom: '1995-01-01' })
      grassrootsFor(district, random).forEach((draft, index) => {
        const id = uuidv7()
        const code = `${district.code}-${String(index + 1).padStart(4, '0')}`
        codeToId.set(code, id)
        const path = `${districtPath}${id}/`
        const established = draft.decisionDate
        unionRows.push({
          id,
          code,
          name: draft.name,
          unitTypeId: types.grassroots,
          parentId: districtId,
          path,
          depth: 2,
          employerName: draft.name,
          employerTaxCode: taxCode(random),
          sector: draft.sector,
          sectorKind: draft.sectorKind,
          workersEmployed: draft.workers,
          address: addressOf(district, draft.place),
          foundingDecisionNumber: `${10 + Math.floor(random() * 300)}/QĐ-LĐLĐ`,
          foundingDecisionDate: draft.decisionDate,
          foundingIssuerId: districtId,
          establishedOn: established,
        })
        placementRows.push({ id: uuidv7(), unionId: id, parentId: districtId, path, validFrom: maxDate(established, '1995-01-01') })
        grassroots.push({ id, code, name: draft.name, districtCode: district.code, sector: draft.sector, established, workers: draft.workers })
      })
    }

    for (let i = 0; i < unionRows.length; i += 500) await tx.insert(unions).values(unionRows.slice(i, i + 500))
    for (let i = 0; i < placementRows.length; i += 500) await tx.insert(unionPlacements).values(placementRows.slice(i, i + 500))
    const events = unionRows.map((row) => ({
      id: uuidv7(),
      unionId: row.id,
      kind: 'created',
      effectiveDate: row.establishedOn,
      decisionNumber: row.foundingDecisionNumber ?? null,
      details: { parentId: row.parentId ?? null },
    }))
    for (let i = 0; i < events.length; i += 500) await tx.insert(unionEvents).values(events.slice(i, i + 500))

    // Ratings: over 80% strong or better, none weak in the state sector (seed 000, seed 004).
    const scales = await tx.select().from(ratingScales)
    const grades = await tx.select().from(ratingGrades)
    const gradeId = (scaleCode: string, gradeCode: string) => {
      const scale = scales.find((row) => row.code === scaleCode)!
      return grades.find((row) => row.scaleId === scale.id && row.code === gradeCode)!.id
    }
    const [oldScale, newScale] = RATING_SCALES
    const ratingRows: (typeof unionRatings.$inferInsert)[] = []
    for (const union of grassroots) {
      for (const year of [2022, 2023, 2024, 2025]) {
        if (Number(union.established.slice(0, 4)) > year) continue
        const scale = year <= 2023 ? oldScale : newScale
        const roll = random()
        const thresholds = union.sector === 'state' ? [0.3, 1.0, 1.0, 1.0] : [0.12, 0.65, 0.93, 0.99]
        const rank = thresholds.findIndex((limit) => roll < limit)
        const grade = scale.grades[Math.min(rank === -1 ? scale.grades.length - 1 : rank, scale.grades.length - 1)]!
        ratingRows.push({ id: uuidv7(), unionId: union.id, year, gradeId: gradeId(scale.code, grade.code), ratedAt: new Date(`${year + 1}-01-20T03:00:00Z`) })
      }
    }
    for (let i = 0; i < ratingRows.length; i += 500) await tx.insert(unionRatings).values(ratingRows.slice(i, i + 500))

    await seedDemoMembers(tx, grassroots, random)
    await seedDemoTrainings(tx)

    const accounts = DEMO_ACCOUNTS.map((account) => ({
      id: uuidv7(),
      email: account.email,
      fullName: account.fullName,
      role: account.role,
      unionId: codeToId.get(account.union)!,
      passwordHash,
    }))
    await tx.insert(users).values(accounts)
    // Agreements are registered and graded by the federation officer of their district (Hà Nội's otherwise).
    const officers = new Map(
      DEMO_ACCOUNTS.flatMap((account, index) => (account.role === 'federation_officer' ? [[account.union, accounts[index]!.id] as const] : [])),
    )
    await seedDemoAgreements(tx, grassroots, officers)
    const accountId = (email: string) => accounts[DEMO_ACCOUNTS.findIndex((account) => account.email === email)]!.id
    await seedDemoSupport(tx, { officers, hanoiOfficer: accountId('hanoi@liendoan.vn'), admin: accountId('admin@liendoan.vn') })
  })
}
