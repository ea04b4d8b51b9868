/**
 * National-scale generator for benchmarks: `pnpm seed:scale --unions 130000`.
 *
 * Fills a PostgreSQL database (DATABASE_URL) with one national confederation, the 34
 * provincial and city federations of the 2025 reorganisation, their commune and ward
 * unions (about 3,300), sector and industrial-zone unions, and grassroots unions up to
 * the requested total, with their placements, plus sign-in accounts for the benchmark.
 *
 * Rows are streamed through COPY (pg-copy-streams); nothing holds the grassroots rows in
 * memory. The work is a list of steps so later modules (members, officers...) add theirs.
 *
 *   --unions N   total number of unions (default 130000)
 *   --members N  members spread over the grassroots unions (default 1000000; 0 for none)
 *   --reset      empty the union tree and accounts first (TRUNCATE ... CASCADE)
 *   --append     add a second tree beside existing data (codes get a prefix)
 *   --seed N     random seed, for the same shape every run (default 2026)
 */
import path from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import type pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import { v7 as uuidv7 } from 'uuid'
import { type DatabaseHandle, openDatabase } from '../db/client.js'
import { hashPassword } from '../modules/auth/password.js'
import { seedReferenceData, type UnitTypeCode, unitTypeIds } from './reference.js'
import { UUID_V7_SQL } from '../db/sql-uuid.js'
import { copyValue } from './copy-format.js'
import { makeRng } from './random.js'
import { membersStep } from './scale-members.js'
import { agreementsStep } from './scale-agreements.js'
import { supportStep } from './scale-support.js'
import { trainingsStep } from './scale-trainings.js'

// ---------------------------------------------------------------------------------------
// Options and context
// ---------------------------------------------------------------------------------------

export interface ScaleOptions {
  unions: number
  members: number
  reset: boolean
  append: boolean
  seed: number
}

/** What the benchmark and the printed summary need to know about the tree that was made. */
export interface ScaleAccount {
  email: string
  password: string
  role: 'admin' | 'federation_officer' | 'union_officer' | 'viewer'
  fullName: string
  unionId: string
  unionCode: string
  unionName: string
}

export interface ScaleContext {
  handle: DatabaseHandle
  pool: pg.Pool
  options: ScaleOptions
  rng: () => number
  types: Record<UnitTypeCode, string>
  /** Prepended to every code when appending beside existing data. */
  codePrefix: string
  /** The structural part of the tree (root, federations, communes...), filled by the tree step. */
  structure: StructuralUnit[]
  counts: Record<string, number>
  accounts: ScaleAccount[]
  log(message: string): void
}

export interface ScaleStep {
  name: string
  run(ctx: ScaleContext): Promise<void>
}

export const BENCH_PASSWORD = 'Liendoan@2026'

// ---------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------

interface Province {
  code: string
  name: string
  city: boolean
  /** Commune-level units after the 2025 reorganisation (approximate). */
  communes: number
  /** Relative number of grassroots unions. */
  weight: number
  /** Has an industrial-zone union. */
  zones: boolean
  /** First two digits of its enterprises' tax codes. */
  tax: string
}

// The 34 provinces and centrally-run cities from 1 July 2025.
const PROVINCES: readonly Province[] = [
  { code: 'HN', name: 'Hà Nội', city: true, communes: 126, weight: 12, zones: true, tax: '01' },
  { code: 'HCM', name: 'Hồ Chí Minh', city: true, communes: 168, weight: 16, zones: true, tax: '03' },
  { code: 'HP', name: 'Hải Phòng', city: true, communes: 114, weight: 4.5, zones: true, tax: '02' },
  { code: 'DNG', name: 'Đà Nẵng', city: true, communes: 94, weight: 2.5, zones: true, tax: '04' },
  { code: 'HUE', name: 'Huế', city: true, communes: 40, weight: 1.2, zones: true, tax: '33' },
  { code: 'CT', name: 'Cần Thơ', city: true, communes: 103, weight: 2, zones: true, tax: '18' },
  { code: 'LCH', name: 'Lai Châu', city: false, communes: 38, weight: 0.4, zones: false, tax: '62' },
  { code: 'DBI', name: 'Điện Biên', city: false, communes: 45, weight: 0.5, zones: false, tax: '56' },
  { code: 'SLA', name: 'Sơn La', city: false, communes: 75, weight: 0.8, zones: false, tax: '55' },
  { code: 'LSO', name: 'Lạng Sơn', city: false, communes: 65, weight: 0.7, zones: true, tax: '49' },
  { code: 'QNI', name: 'Quảng Ninh', city: false, communes: 54, weight: 2, zones: true, tax: '57' },
  { code: 'THO', name: 'Thanh Hóa', city: false, communes: 166, weight: 3, zones: true, tax: '28' },
  { code: 'NAN', name: 'Nghệ An', city: false, communes: 130, weight: 2.5, zones: true, tax: '29' },
  { code: 'HTI', name: 'Hà Tĩnh', city: false, communes: 69, weight: 1.1, zones: true, tax: '30' },
  { code: 'CBA', name: 'Cao Bằng', city: false, communes: 56, weight: 0.4, zones: false, tax: '48' },
  { code: 'TQU', name: 'Tuyên Quang', city: false, communes: 124, weight: 0.9, zones: false, tax: '50' },
  { code: 'LCA', name: 'Lào Cai', city: false, communes: 99, weight: 1, zones: true, tax: '53' },
  { code: 'TNG', name: 'Thái Nguyên', city: false, communes: 92, weight: 1.8, zones: true, tax: '46' },
  { code: 'PTH', name: 'Phú Thọ', city: false, communes: 148, weight: 2.4, zones: true, tax: '26' },
  { code: 'BNI', name: 'Bắc Ninh', city: false, communes: 99, weight: 4, zones: true, tax: '23' },
  { code: 'HYE', name: 'Hưng Yên', city: false, communes: 104, weight: 2.6, zones: true, tax: '09' },
  { code: 'NBI', name: 'Ninh Bình', city: false, communes: 129, weight: 2.2, zones: true, tax: '27' },
  { code: 'QTR', name: 'Quảng Trị', city: false, communes: 78, weight: 1, zones: true, tax: '32' },
  { code: 'QNG', name: 'Quảng Ngãi', city: false, communes: 96, weight: 1.2, zones: true, tax: '43' },
  { code: 'GLA', name: 'Gia Lai', city: false, communes: 135, weight: 1.5, zones: true, tax: '59' },
  { code: 'KHO', name: 'Khánh Hòa', city: false, communes: 65, weight: 1.4, zones: true, tax: '42' },
  { code: 'LDO', name: 'Lâm Đồng', city: false, communes: 124, weight: 1.6, zones: true, tax: '58' },
  { code: 'DLK', name: 'Đắk Lắk', city: false, communes: 102, weight: 1.3, zones: true, tax: '60' },
  { code: 'DNA', name: 'Đồng Nai', city: false, communes: 95, weight: 5, zones: true, tax: '36' },
  { code: 'TNI', name: 'Tây Ninh', city: false, communes: 96, weight: 2.8, zones: true, tax: '39' },
  { code: 'VLO', name: 'Vĩnh Long', city: false, communes: 124, weight: 1.6, zones: true, tax: '15' },
  { code: 'DTH', name: 'Đồng Tháp', city: false, communes: 102, weight: 1.6, zones: true, tax: '14' },
  { code: 'CMA', name: 'Cà Mau', city: false, communes: 64, weight: 0.9, zones: true, tax: '20' },
  { code: 'AGI', name: 'An Giang', city: false, communes: 102, weight: 1.7, zones: true, tax: '16' },
]

/** Real ward and commune names for the two largest cities, used before invented ones. */
const KNOWN_COMMUNES: Record<string, readonly string[]> = {
  HN: [
    'Phúc Thọ', 'Thanh Trì', 'Thanh Xuân', 'Hai Bà Trưng', 'Thường Tín', 'Ba Đình', 'Hoàn Kiếm', 'Đống Đa',
    'Cầu Giấy', 'Tây Hồ', 'Long Biên', 'Hoàng Mai', 'Hà Đông', 'Sơn Tây', 'Đông Anh', 'Gia Lâm', 'Sóc Sơn',
    'Mê Linh', 'Ba Vì', 'Thạch Thất', 'Quốc Oai', 'Chương Mỹ', 'Thanh Oai', 'Phú Xuyên', 'Ứng Hòa', 'Mỹ Đức',
    'Đan Phượng', 'Hoài Đức', 'Kim Liên', 'Văn Miếu - Quốc Tử Giám', 'Láng', 'Ô Chợ Dừa', 'Bạch Mai', 'Vĩnh Tuy',
    'Tương Mai', 'Định Công', 'Yên Sở', 'Khương Đình', 'Phương Liệt', 'Nghĩa Đô', 'Yên Hòa', 'Từ Liêm',
  ],
  HCM: [
    'Sài Gòn', 'Bến Thành', 'Tân Định', 'Cầu Ông Lãnh', 'Bàn Cờ', 'Xuân Hòa', 'Nhiêu Lộc', 'Thủ Đức', 'Gò Vấp',
    'Bình Thạnh', 'Phú Nhuận', 'Tân Bình', 'Tân Phú', 'Bình Tân', 'Chợ Lớn', 'Bình Tây', 'Chánh Hưng', 'Tân Thuận',
    'Phú Thuận', 'Tân Mỹ', 'Thủ Dầu Một', 'Dĩ An', 'Thuận An', 'Bến Cát', 'Tân Uyên', 'Vũng Tàu', 'Bà Rịa',
    'Củ Chi', 'Hóc Môn', 'Bình Chánh', 'Nhà Bè', 'Cần Giờ', 'Hiệp Bình', 'Linh Xuân', 'Tam Bình', 'An Khánh',
  ],
}

/** Known names above that are communes (xã) rather than wards (phường). */
const RURAL_KNOWN = new Set([
  'Phúc Thọ', 'Thanh Trì', 'Thường Tín', 'Đông Anh', 'Gia Lâm', 'Sóc Sơn', 'Mê Linh', 'Ba Vì', 'Thạch Thất', 'Quốc Oai',
  'Chương Mỹ', 'Thanh Oai', 'Phú Xuyên', 'Ứng Hòa', 'Mỹ Đức', 'Đan Phượng', 'Hoài Đức', 'Củ Chi', 'Hóc Môn', 'Bình Chánh',
  'Nhà Bè', 'Cần Giờ',
])

const PLACE_FIRST = [
  'An', 'Bình', 'Hòa', 'Phú', 'Thanh', 'Tân', 'Long', 'Đông', 'Tây', 'Nam', 'Bắc', 'Xuân', 'Hưng', 'Phước',
  'Thạnh', 'Mỹ', 'Thuận', 'Hiệp', 'Lộc', 'Vĩnh', 'Quang', 'Trung', 'Hải', 'Sơn', 'Minh', 'Đức', 'Phúc', 'Kim',
  'Ngọc', 'Hồng', 'Cẩm', 'Yên', 'Định', 'Gia', 'Hoàng', 'Nghĩa', 'Thái', 'Thiện', 'Việt', 'Văn', 'Cát', 'Tiên',
  'Lạc', 'Quảng', 'Đại', 'Kiến', 'Châu', 'Hà', 'Lâm', 'Thượng',
] as const
const PLACE_SECOND = [
  'An', 'Bình', 'Hòa', 'Phú', 'Thành', 'Tân', 'Long', 'Lợi', 'Lộc', 'Thịnh', 'Hưng', 'Phong', 'Sơn', 'Hải',
  'Lâm', 'Xuân', 'Thọ', 'Trung', 'Đông', 'Tây', 'Hà', 'Khánh', 'Mỹ', 'Lạc', 'Phước', 'Thuận', 'Quang', 'Minh',
  'Tiến', 'Định', 'Nghĩa', 'Yên', 'Hiệp', 'Điền', 'Giang', 'Dương', 'Vinh', 'Đức', 'Tường', 'Linh',
] as const
const BRAND_SYLLABLES = [
  'Hoàng', 'Minh', 'Thành', 'Phú', 'Đại', 'Hưng', 'Thịnh', 'Phát', 'Long', 'Việt', 'An', 'Tiến', 'Quang', 'Hải',
  'Sao', 'Kim', 'Trường', 'Tân', 'Hòa', 'Bảo', 'Nam', 'Đông', 'Á', 'Toàn', 'Thắng', 'Lợi', 'Vạn', 'Gia', 'Ngọc',
  'Đức', 'Nhật', 'Hồng', 'Sơn', 'Bình', 'Khang', 'Tâm', 'Phúc', 'Anh',
] as const
const INDUSTRIES = [
  'May mặc', 'May', 'Xây dựng', 'Thương mại và Dịch vụ', 'Cơ khí', 'Điện tử', 'Thực phẩm', 'Vận tải', 'Dệt may',
  'Giày da', 'Đầu tư và Phát triển', 'Công nghệ', 'In và Bao bì', 'Nhựa', 'Chế biến Gỗ', 'Dược phẩm',
  'Chế biến Thủy sản', 'Vật liệu Xây dựng', 'Cơ điện', 'Môi trường', 'Thép', 'Nội thất', 'Logistics', 'Du lịch',
  'Bất động sản', 'Xuất nhập khẩu', 'Nông sản', 'Bê tông', 'Điện máy', 'Phần mềm',
] as const
const LEGAL_FORMS = ['Công ty TNHH', 'Công ty TNHH', 'Công ty TNHH MTV', 'Công ty Cổ phần', 'Công ty CP'] as const
const FOREIGN_FIRST = [
  'Dong', 'Han', 'Sung', 'Kyo', 'Tai', 'Hua', 'Nippon', 'Asia', 'Pacific', 'Global', 'Sun', 'Star', 'Mei', 'Fu',
  'Jin', 'Young', 'Kwang', 'Shin', 'Daewon', 'Chang', 'Tokai', 'Yama', 'Hong', 'Lian',
] as const
const FOREIGN_SECOND = [
  'won Precision', 'jin Vina', 'il Electronics', 'shin Textile', 'a Industrial', 'tech Components', 'yang Apparel',
  'woo Footwear', 'sei Plastics', 'hwa Chemical', 'da Electric', 'tong Garment', 'feng Furniture', 'kwang Steel',
  ' Optics', ' Auto Parts', ' Packaging', ' Solar',
] as const
const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'] as const
const MIDDLE_NAMES = ['Văn', 'Thị', 'Minh', 'Đức', 'Thanh', 'Hồng', 'Ngọc', 'Quang', 'Hữu', 'Thu', 'Gia', 'Bảo'] as const
const GIVEN_NAMES = [
  'An', 'Bình', 'Cường', 'Dũng', 'Hà', 'Hải', 'Hạnh', 'Hoa', 'Hùng', 'Hương', 'Lan', 'Linh', 'Long', 'Mai', 'Nam',
  'Nga', 'Phương', 'Quân', 'Sơn', 'Thảo', 'Trang', 'Tuấn', 'Vân', 'Yến', 'Khoa', 'Thủy', 'Đạt', 'Huy',
] as const
const STREETS = [
  'Lê Lợi', 'Trần Hưng Đạo', 'Nguyễn Trãi', 'Hai Bà Trưng', 'Lý Thường Kiệt', 'Quang Trung', 'Hùng Vương',
  'Nguyễn Huệ', 'Phan Chu Trinh', 'Điện Biên Phủ', 'Võ Nguyên Giáp', 'Lê Duẩn', 'Trường Chinh', 'Nguyễn Văn Cừ',
  'Tôn Đức Thắng', 'Hoàng Quốc Việt', 'Phạm Văn Đồng', 'Cách Mạng Tháng Tám',
] as const

/** Sector unions of each federation, with the kind of grassroots units they hold. */
const SECTORS = [
  { code: 'NGD', name: 'Công đoàn ngành Giáo dục', mix: 'education' },
  { code: 'NYT', name: 'Công đoàn ngành Y tế', mix: 'health' },
  { code: 'NXD', name: 'Công đoàn ngành Xây dựng', mix: 'industry' },
  { code: 'NGT', name: 'Công đoàn ngành Giao thông vận tải', mix: 'industry' },
  { code: 'NCT', name: 'Công đoàn ngành Công thương', mix: 'industry' },
  { code: 'NVC', name: 'Công đoàn Viên chức', mix: 'agencies' },
] as const

type Mix = 'commune' | 'education' | 'health' | 'industry' | 'agencies' | 'zone' | 'direct'

const PROVINCIAL_AGENCIES = [
  'Sở Tài chính', 'Sở Nội vụ', 'Sở Tư pháp', 'Sở Xây dựng', 'Sở Y tế', 'Sở Giáo dục và Đào tạo', 'Sở Công Thương',
  'Sở Nông nghiệp và Môi trường', 'Sở Văn hóa, Thể thao và Du lịch', 'Sở Khoa học và Công nghệ', 'Thanh tra tỉnh',
  'Văn phòng Đoàn đại biểu Quốc hội và HĐND', 'Văn phòng UBND', 'Ban Quản lý dự án đầu tư xây dựng', 'Kho bạc Nhà nước khu vực',
  'Chi cục Thuế khu vực', 'Bảo hiểm xã hội', 'Tòa án nhân dân', 'Viện Kiểm sát nhân dân', 'Cục Thống kê',
] as const

// ---------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------

function pick<T>(rng: () => number, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)] as T
}

function intBetween(rng: () => number, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1))
}

/** Skewed towards small values: most employers are small, a few are very large. */
function skewedInt(rng: () => number, min: number, max: number): number {
  const r = rng()
  return min + Math.floor(r * r * r * (max - min + 1))
}

const DAY_MS = 86_400_000
function isoDate(epochDay: number): string {
  return new Date(epochDay * DAY_MS).toISOString().slice(0, 10)
}
function epochDay(iso: string): number {
  return Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS)
}

function stripDiacritics(value: string): string {
  return value.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D')
}
function initials(value: string): string {
  return stripDiacritics(value)
    .split(/[\s-]+/)
    .filter(Boolean)
    .map((word) => word[0]?.toUpperCase() ?? '')
    .join('')
}

function placeName(rng: () => number): string {
  for (;;) {
    const first = pick(rng, PLACE_FIRST)
    const second = pick(rng, PLACE_SECOND)
    if (first !== second) return `${first} ${second}`
  }
}

function personName(rng: () => number): string {
  return `${pick(rng, SURNAMES)} ${pick(rng, MIDDLE_NAMES)} ${pick(rng, GIVEN_NAMES)}`
}
function brand(rng: () => number): string {
  const first = pick(rng, BRAND_SYLLABLES)
  let second = pick(rng, BRAND_SYLLABLES)
  while (second === first) second = pick(rng, BRAND_SYLLABLES)
  return `${first} ${second}`
}

// ---------------------------------------------------------------------------------------
// The tree plan
// ---------------------------------------------------------------------------------------

interface StructuralUnit {
  id: string
  code: string
  name: string
  type: UnitTypeCode
  parentId: string | null
  path: string
  depth: number
  establishedOn: string
  province: Province | null
  /** Place name for commune-level units, used in their grassroots names. */
  place: string
  ward: boolean
  mix: Mix | null
  /** Relative share of grassroots unions placed directly under this unit. */
  weight: number
  decisionPrefix: string
}

const UNION_COLUMNS = [
  'id', 'code', 'name', 'unit_type_id', 'parent_id', 'path', 'depth', 'employer_name', 'employer_tax_code', 'sector',
  'sector_kind', 'workers_employed', 'address', 'phone', 'founding_decision_number', 'founding_decision_date',
  'founding_issuer_id', 'established_on', 'status',
] as const

interface UnionRow {
  id: string
  code: string
  name: string
  type: UnitTypeCode
  parentId: string | null
  path: string
  depth: number
  employerName: string | null
  employerTaxCode: string | null
  sector: 'state' | 'non_state' | null
  sectorKind: string | null
  workersEmployed: number | null
  address: string | null
  phone: string | null
  foundingDecisionNumber: string | null
  foundingDecisionDate: string | null
  foundingIssuerId: string | null
  establishedOn: string
}

function unionLine(ctx: ScaleContext, row: UnionRow): string {
  return (
    [
      row.id, row.code, row.name, ctx.types[row.type], row.parentId, row.path, row.depth, row.employerName,
      row.employerTaxCode, row.sector, row.sectorKind, row.workersEmployed, row.address, row.phone,
      row.foundingDecisionNumber, row.foundingDecisionDate, row.foundingIssuerId, row.establishedOn, 'active',
    ]
      .map(copyValue)
      .join('\t') + '\n'
  )
}

function structuralRow(unit: StructuralUnit, parent: StructuralUnit | undefined, rng: () => number): UnionRow {
  const provinceName = unit.province ? `${unit.province.city ? 'thành phố' : 'tỉnh'} ${unit.province.name}` : 'Hà Nội'
  return {
    id: unit.id,
    code: unit.code,
    name: unit.name,
    type: unit.type,
    parentId: unit.parentId,
    path: unit.path,
    depth: unit.depth,
    employerName: null,
    employerTaxCode: null,
    sector: null,
    sectorKind: null,
    workersEmployed: null,
    address: unit.place ? `${unit.ward ? 'Phường' : 'Xã'} ${unit.place}, ${provinceName}` : provinceName,
    phone: null,
    foundingDecisionNumber: parent ? `${intBetween(rng, 1, 999)}/QĐ-${parent.decisionPrefix}` : null,
    foundingDecisionDate: parent ? unit.establishedOn : null,
    foundingIssuerId: parent?.id ?? null,
    establishedOn: unit.establishedOn,
  }
}

/** Plans the structural levels in memory (a few thousand rows at most). */
function planStructure(ctx: ScaleContext, root: StructuralUnit | null): StructuralUnit[] {
  const { rng, options, codePrefix } = ctx
  const scale = Math.min(1, options.unions / 130_000)
  const units: StructuralUnit[] = []
  const codes = new Set<string>()
  const uniqueCode = (base: string) => {
    let code = `${codePrefix}${base}`
    for (let n = 2; codes.has(code); n++) code = `${codePrefix}${base}${n}`
    codes.add(code)
    return code
  }

  const national: StructuralUnit = root ?? {
    id: uuidv7(),
    code: uniqueCode('TLD'),
    name: 'Tổng Liên đoàn Lao động Việt Nam',
    type: 'national_confederation',
    parentId: null,
    path: '',
    depth: 0,
    establishedOn: '1929-07-28',
    province: null,
    place: '',
    ward: false,
    mix: null,
    weight: 0,
    decisionPrefix: 'TLĐ',
  }
  if (!root) {
    national.path = `/${national.id}/`
    units.push(national)
  }
  const child = (parent: StructuralUnit, fields: Omit<StructuralUnit, 'id' | 'parentId' | 'path' | 'depth'>) => {
    const id = uuidv7()
    const unit: StructuralUnit = { id, parentId: parent.id, path: `${parent.path}${id}/`, depth: parent.depth + 1, ...fields }
    units.push(unit)
    return unit
  }
  const dateAfter = (iso: string, minYears: number, maxYears: number) =>
    isoDate(epochDay(iso) + intBetween(rng, minYears * 365, maxYears * 365))

  const sectorsPerProvince = scale >= 0.3 ? SECTORS.length : scale >= 0.05 ? 2 : 0
  for (const province of PROVINCES) {
    const federation = child(national, {
      code: uniqueCode(province.code),
      name: `Liên đoàn Lao động ${province.city ? 'thành phố' : 'tỉnh'} ${province.name}`,
      type: 'city_federation',
      establishedOn: dateAfter('1946-01-01', 0, 30),
      province,
      place: '',
      ward: false,
      mix: 'direct',
      weight: province.weight * 0.03,
      decisionPrefix: 'LĐLĐ',
    })

    const communeCount = Math.max(1, Math.round(province.communes * scale))
    const known = KNOWN_COMMUNES[province.code] ?? []
    const taken = new Set<string>()
    const provinceCodes = new Set<string>()
    let zoneShare = province.zones && scale >= 0.05 ? 0.17 : 0
    const sectorShare = sectorsPerProvince > 0 ? 0.22 : 0
    const communeShare = 1 - 0.03 - zoneShare - sectorShare
    for (let i = 0; i < communeCount; i++) {
      let place = known[i]
      while (!place || taken.has(place)) place = placeName(rng)
      taken.add(place)
      const ward = known[i] ? !RURAL_KNOWN.has(place) : rng() < (province.city ? 0.45 : 0.15)
      let base = `${province.code}-${initials(place)}`
      for (let n = 2; provinceCodes.has(base); n++) base = `${province.code}-${initials(place)}${n}`
      provinceCodes.add(base)
      child(federation, {
        code: uniqueCode(base),
        name: `Công đoàn ${ward ? 'phường' : 'xã'} ${place}`,
        type: 'commune_union',
        establishedOn: dateAfter(federation.establishedOn, 20, 40),
        province,
        place,
        ward,
        mix: 'commune',
        // Wards in cities hold more enterprises than rural communes.
        weight: (province.weight * communeShare * (ward ? 1.6 : 0.8) * (0.4 + rng() * 1.2)) / communeCount,
        decisionPrefix: 'LĐLĐ',
      })
    }
    for (const sector of SECTORS.slice(0, sectorsPerProvince)) {
      child(federation, {
        code: uniqueCode(`${province.code}-${sector.code}`),
        name: `${sector.name} ${province.city ? 'thành phố' : 'tỉnh'} ${province.name}`,
        type: 'sector_union',
        establishedOn: dateAfter(federation.establishedOn, 5, 30),
        province,
        place: province.name,
        ward: false,
        mix: sector.mix,
        weight: (province.weight * sectorShare) / sectorsPerProvince,
        decisionPrefix: 'LĐLĐ',
      })
    }
    if (zoneShare > 0) {
      child(federation, {
        code: uniqueCode(`${province.code}-KCN`),
        name: `Công đoàn các Khu công nghiệp ${province.city ? 'thành phố' : 'tỉnh'} ${province.name}`,
        type: 'industrial_zone_union',
        establishedOn: dateAfter(federation.establishedOn, 40, 50),
        province,
        place: province.name,
        ward: false,
        mix: 'zone',
        weight: province.weight * zoneShare,
        decisionPrefix: 'LĐLĐ',
      })
      zoneShare = 0
    }
  }
  return units
}

interface Employer {
  employer: string
  unionName: string
  sector: 'state' | 'non_state'
  kind: string
  workers: number
  taxCode: boolean
}

function employerFor(rng: () => number, parent: StructuralUnit, nth: number): Employer {
  const place = parent.place || parent.province?.name || 'Việt Nam'
  const unit = parent.ward ? 'phường' : 'xã'
  const withUnion = (employer: string, sector: Employer['sector'], kind: string, workers: number, taxCode = true): Employer => ({
    employer,
    unionName: `Công đoàn ${employer}`,
    sector,
    kind,
    workers,
    taxCode,
  })
  const company = () => {
    const r = rng()
    if (r < 0.12) return withUnion(`Doanh nghiệp tư nhân ${personName(rng)}`, 'non_state', 'private_enterprise', skewedInt(rng, 10, 120))
    return withUnion(`${pick(rng, LEGAL_FORMS)} ${pick(rng, INDUSTRIES)} ${brand(rng)}`, 'non_state', 'private_enterprise', skewedInt(rng, 10, 2500))
  }
  const foreign = () =>
    withUnion(
      `Công ty TNHH ${pick(rng, FOREIGN_FIRST)}${pick(rng, FOREIGN_SECOND)} ${rng() < 0.5 ? 'Việt Nam' : 'Vina'}`,
      'non_state',
      'foreign_invested',
      skewedInt(rng, 80, 18_000),
    )
  const stateCompany = () =>
    withUnion(
      `${rng() < 0.5 ? 'Công ty TNHH MTV' : 'Công ty Cổ phần'} ${pick(rng, ['Môi trường Đô thị', 'Cấp nước', 'Thoát nước', 'Điện lực', 'Xổ số kiến thiết', 'Công trình Giao thông', 'Thủy lợi', 'Lâm nghiệp', 'Phát hành sách', 'Dược - Vật tư Y tế'])} ${place}`,
      'state',
      'state_owned_enterprise',
      skewedInt(rng, 40, 3000),
    )
  const school = (level: string) => withUnion(`Trường ${level} ${place}${nth > 6 ? ` ${1 + (nth % 3)}` : ''}`, 'state', 'public_service_unit', intBetween(rng, 25, 120), false)

  switch (parent.mix) {
    case 'commune': {
      // The commune's own agency and schools come first, then its employers.
      if (nth === 0) return { ...withUnion(`Ủy ban nhân dân ${unit} ${place}`, 'state', 'agency', intBetween(rng, 25, 80), false), unionName: `Công đoàn cơ quan UBND ${unit} ${place}` }
      if (nth === 1) return school('Mầm non')
      if (nth === 2) return school('Tiểu học')
      if (nth === 3) return school('THCS')
      if (nth === 4) return withUnion(`Trạm Y tế ${unit} ${place}`, 'state', 'public_service_unit', intBetween(rng, 6, 20), false)
      const r = rng()
      if (r < 0.68) return company()
      if (r < 0.76) return withUnion(`Hợp tác xã ${pick(rng, ['Nông nghiệp', 'Dịch vụ Nông nghiệp', 'Vận tải', 'Thủy sản', 'Tiểu thủ công nghiệp', 'Môi trường'])} ${place}${rng() < 0.5 ? '' : ` ${brand(rng)}`}`, 'non_state', 'cooperative', skewedInt(rng, 8, 150))
      if (r < 0.83) return withUnion(`Trường Mầm non tư thục ${brand(rng)}`, 'non_state', 'non_public_school', intBetween(rng, 10, 60))
      if (r < 0.88) return withUnion(`${pick(rng, ['Phòng khám Đa khoa', 'Nhà thuốc', 'Văn phòng Luật sư', 'Trung tâm Ngoại ngữ', 'Hộ kinh doanh'])} ${brand(rng)}`, 'non_state', 'other_non_state', skewedInt(rng, 5, 80))
      if (r < 0.94) return foreign()
      return stateCompany()
    }
    case 'education': {
      const r = rng()
      if (r < 0.55) return withUnion(`Trường THPT ${rng() < 0.5 ? place : brand(rng)}${rng() < 0.3 ? ` số ${intBetween(rng, 1, 4)}` : ''}`, 'state', 'public_service_unit', intBetween(rng, 40, 150), false)
      if (r < 0.7) return withUnion(`Trung tâm GDNN-GDTX ${placeName(rng)}`, 'state', 'public_service_unit', intBetween(rng, 15, 60), false)
      if (r < 0.8) return withUnion(`Trường Cao đẳng ${pick(rng, ['Kỹ thuật', 'Sư phạm', 'Y tế', 'Công nghiệp', 'Nghề', 'Kinh tế - Kỹ thuật'])} ${place}`, 'state', 'public_service_unit', intBetween(rng, 80, 400), false)
      return withUnion(`Trường ${pick(rng, ['Tiểu học, THCS và THPT', 'THPT tư thục', 'Liên cấp', 'Quốc tế'])} ${brand(rng)}`, 'non_state', 'non_public_school', intBetween(rng, 30, 250))
    }
    case 'health': {
      const r = rng()
      if (r < 0.35) return withUnion(`Bệnh viện ${pick(rng, ['Đa khoa', 'Đa khoa khu vực', 'Sản Nhi', 'Y học cổ truyền', 'Phổi', 'Mắt', 'Tâm thần', 'Phục hồi chức năng'])} ${rng() < 0.5 ? place : `${placeName(rng)}`}`, 'state', 'public_service_unit', skewedInt(rng, 120, 2500), false)
      if (r < 0.8) return withUnion(`Trung tâm Y tế khu vực ${placeName(rng)}`, 'state', 'public_service_unit', intBetween(rng, 60, 300), false)
      return withUnion(`${pick(rng, ['Bệnh viện Đa khoa tư nhân', 'Phòng khám Đa khoa', 'Công ty CP Bệnh viện'])} ${brand(rng)}`, 'non_state', rng() < 0.5 ? 'private_enterprise' : 'other_non_state', skewedInt(rng, 20, 600))
    }
    case 'industry': {
      const r = rng()
      if (r < 0.35) return stateCompany()
      if (r < 0.55) return withUnion(`${pick(rng, ['Ban Quản lý dự án', 'Trung tâm Đăng kiểm', 'Chi cục Quản lý thị trường', 'Trung tâm Khuyến công'])} ${placeName(rng)}`, 'state', 'agency', intBetween(rng, 15, 120), false)
      return company()
    }
    case 'agencies': {
      const agency = `${pick(rng, PROVINCIAL_AGENCIES)} ${nth > PROVINCIAL_AGENCIES.length ? `${placeName(rng)}` : place}`
      return { ...withUnion(agency, 'state', 'agency', intBetween(rng, 20, 250), false), unionName: `Công đoàn cơ quan ${agency}` }
    }
    case 'zone':
      return rng() < 0.65 ? foreign() : company()
    default:
      if (rng() < 0.6) {
        return withUnion(`Tổng công ty ${pick(rng, ['Xây dựng', 'Đầu tư và Phát triển Đô thị', 'Vận tải', 'Thương mại', 'Du lịch'])} ${place}`, 'state', 'state_owned_enterprise', skewedInt(rng, 300, 6000))
      }
      return withUnion(`${pick(rng, ['Đài Phát thanh và Truyền hình', 'Báo', 'Bảo tàng', 'Thư viện', 'Nhà hát'])} ${place}`, 'state', 'public_service_unit', intBetween(rng, 30, 400), false)
  }
}

/** Streams the structural rows, then N - structure grassroots rows, in COPY text format. */
function* unionLines(ctx: ScaleContext, grassroots: number): Generator<string> {
  const { rng, structure } = ctx
  const byId = new Map(structure.map((unit) => [unit.id, unit]))
  let chunk = ''
  let inChunk = 0
  for (const unit of structure) {
    if (unit.type === 'national_confederation' && unit.parentId === null && ctx.counts.existingRoot) continue
    chunk += unionLine(ctx, structuralRow(unit, unit.parentId ? byId.get(unit.parentId) : undefined, rng))
  }
  yield chunk
  chunk = ''

  const parents = structure.filter((unit) => unit.weight > 0 && unit.mix)
  const cumulative: number[] = []
  let total = 0
  for (const parent of parents) cumulative.push((total += parent.weight))
  const perParent = new Map<string, number>()
  const taxSerial = new Map<string, number>()
  const cutoff = epochDay('2025-06-30')

  for (let i = 0; i < grassroots; i++) {
    // Weighted choice of a parent: binary search over the cumulative weights.
    const target = rng() * total
    let lo = 0
    let hi = cumulative.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if ((cumulative[mid] as number) < target) lo = mid + 1
      else hi = mid
    }
    const parent = parents[lo] as StructuralUnit
    const nth = perParent.get(parent.id) ?? 0
    perParent.set(parent.id, nth + 1)
    const employer = employerFor(rng, parent, nth)
    const province = parent.province as Province
    const id = uuidv7()
    const parentDay = epochDay(parent.establishedOn)
    const established = isoDate(parentDay + 30 + Math.floor(rng() * Math.max(1, cutoff - parentDay - 30)))
    let taxCode: string | null = null
    if (employer.taxCode) {
      const serial = (taxSerial.get(province.code) ?? intBetween(rng, 1_000_000, 9_000_000)) + intBetween(rng, 1, 400)
      taxSerial.set(province.code, serial)
      taxCode = `${province.tax}${String(serial % 100_000_000).padStart(8, '0')}`
    }
    chunk += unionLine(ctx, {
      id,
      code: `${parent.code}-${String(nth + 1).padStart(4, '0')}`,
      name: employer.unionName,
      type: 'grassroots',
      parentId: parent.id,
      path: `${parent.path}${id}/`,
      depth: parent.depth + 1,
      employerName: employer.employer,
      employerTaxCode: taxCode,
      sector: employer.sector,
      sectorKind: employer.kind,
      workersEmployed: employer.workers,
      address: `Số ${intBetween(rng, 1, 450)} đường ${pick(rng, STREETS)}, ${parent.place && parent.mix === 'commune' ? `${parent.ward ? 'phường' : 'xã'} ${parent.place}, ` : ''}${province.city ? 'thành phố' : 'tỉnh'} ${province.name}`,
      phone: rng() < 0.7 ? `0${intBetween(rng, 200, 299)}${String(intBetween(rng, 0, 9_999_999)).padStart(7, '0')}` : null,
      foundingDecisionNumber: `${intBetween(rng, 1, 1500)}/QĐ-${parent.decisionPrefix}`,
      foundingDecisionDate: established,
      foundingIssuerId: parent.id,
      establishedOn: established,
    })
    if (++inChunk === 1000) {
      yield chunk
      chunk = ''
      inChunk = 0
    }
    if ((i + 1) % 20_000 === 0) ctx.log(`  ${i + 1} grassroots unions streamed`)
  }
  if (chunk) yield chunk
}

// ---------------------------------------------------------------------------------------
// Steps
// ---------------------------------------------------------------------------------------

const prepareStep: ScaleStep = {
  name: 'migrate and reference data',
  async run(ctx) {
    await ctx.handle.migrate()
    if (ctx.options.reset) {
      ctx.log('  --reset: emptying the union tree, accounts and audit log')
      // CASCADE reaches every table that references unions or users, including later modules'.
      // The support ledger refuses TRUNCATE (it is append-only): a deliberate wipe of a benchmark
      // database lifts that guard for this one transaction.
      await ctx.pool.query(`BEGIN;
        ALTER TABLE support_ledger DISABLE TRIGGER support_ledger_no_truncate;
        TRUNCATE unions, users, audit_events CASCADE;
        ALTER TABLE support_ledger ENABLE TRIGGER support_ledger_no_truncate;
        COMMIT`)
    }
    await seedReferenceData(ctx.handle.db)
    ctx.types = await unitTypeIds(ctx.handle.db)
    const { rows } = await ctx.pool.query<{ count: string }>('SELECT count(*) AS count FROM unions')
    const existing = Number(rows[0]?.count ?? 0)
    if (existing > 0 && !ctx.options.append) {
      throw new UsageError(
        `The database already holds ${existing} unions. Use --reset to empty it first, or --append to add another tree beside them.`,
      )
    }
    ctx.counts.existingUnions = existing
  },
}

const treeStep: ScaleStep = {
  name: 'union tree (COPY)',
  async run(ctx) {
    let root: StructuralUnit | null = null
    if (ctx.options.append && ctx.counts.existingUnions) {
      // Codes get a prefix no existing code has, and the new federations join the existing root.
      for (let n = 2; ; n++) {
        const prefix = `S${n}-`
        const { rows } = await ctx.pool.query('SELECT 1 FROM unions WHERE code LIKE $1 LIMIT 1', [`${prefix}%`])
        if (rows.length === 0) {
          ctx.codePrefix = prefix
          break
        }
      }
      const { rows } = await ctx.pool.query<{ id: string; code: string; path: string; established_on: string }>(
        `SELECT id, code, path, to_char(established_on, 'YYYY-MM-DD') AS established_on FROM unions
          WHERE unit_type_id = $1 AND parent_id IS NULL ORDER BY created_at LIMIT 1`,
        [ctx.types.national_confederation],
      )
      const found = rows[0]
      if (found) {
        root = {
          id: found.id, code: found.code, name: '', type: 'national_confederation', parentId: null, path: found.path,
          depth: 0, establishedOn: found.established_on, province: null, place: '', ward: false, mix: null, weight: 0,
          decisionPrefix: 'TLĐ',
        }
        ctx.counts.existingRoot = 1
      }
      ctx.log(`  appending with code prefix ${ctx.codePrefix}${root ? ` under the existing root ${root.code}` : ''}`)
    }
    ctx.structure = planStructure(ctx, root)
    if (root) ctx.structure.unshift(root)
    const structural = ctx.structure.length - (root ? 1 : 0)
    const grassroots = ctx.options.unions - structural
    if (grassroots < PROVINCES.length) {
      throw new UsageError(`--unions ${ctx.options.unions} is too small: the structure alone takes ${structural} unions.`)
    }
    ctx.log(`  ${structural} structural units (federations, communes, sector and zone unions), ${grassroots} grassroots unions`)

    const client = await ctx.pool.connect()
    try {
      await client.query('BEGIN')
      // Foreign keys are checked per row at the end of the statement (parents are in the same COPY).
      // On a freshly truncated table the planner believes `unions` is empty and plans those checks
      // as sequential scans: quadratic. Forbid them for the COPY.
      await client.query('SET LOCAL enable_seqscan = off')
      // The trigger that keeps the tree's derived data would fire once per row; set-based SQL below
      // does the same for the whole load.
      await client.query('ALTER TABLE unions DISABLE TRIGGER unions_sync_tree')
      const copy = client.query(copyFrom(`COPY unions (${UNION_COLUMNS.join(', ')}) FROM STDIN`))
      await pipeline(Readable.from(unionLines(ctx, grassroots)), copy)
      await client.query('ALTER TABLE unions ENABLE TRIGGER unions_sync_tree')
      ctx.log(`  unions copied; writing the ancestor index and placements`)
      await client.query('RESET enable_seqscan')
      await client.query('ANALYZE unions')
      await client.query(
        `INSERT INTO union_ancestors (ancestor_id, union_id, name_key, search_text)
         SELECT segment::uuid, u.id, u.name_key, u.search_text
           FROM unions u, unnest(string_to_array(trim(both '/' from u.path), '/')) AS segment
         ON CONFLICT DO NOTHING`,
      )
      await client.query(
        `UPDATE unions u SET ancestors = summary.ancestors
           FROM (SELECT ua.union_id,
                        jsonb_agg(jsonb_build_object('id', a.id, 'name', a.name) ORDER BY a.depth) AS ancestors
                   FROM union_ancestors ua JOIN unions a ON a.id = ua.ancestor_id
                  WHERE ua.ancestor_id <> ua.union_id
                  GROUP BY ua.union_id) summary
          WHERE summary.union_id = u.id`,
      )
      await client.query(
        `UPDATE unions p SET child_count = children.n
           FROM (SELECT parent_id, count(*)::int AS n FROM unions WHERE parent_id IS NOT NULL GROUP BY parent_id) children
          WHERE children.parent_id = p.id`,
      )
      // One current placement per union (valid from its founding). The ids are UUID v7 made in SQL,
      // from the clock and random bits, so the rows need not travel through this process again.
      const placed = await client.query(
        `INSERT INTO union_placements (id, union_id, parent_id, path, valid_from)
         SELECT ${UUID_V7_SQL},
                u.id, u.parent_id, u.path, u.established_on
           FROM unions u
          WHERE NOT EXISTS (SELECT 1 FROM union_placements p WHERE p.union_id = u.id)`,
      )
      await client.query('COMMIT')
      ctx.counts.unions = structural + grassroots
      ctx.counts.placements = placed.rowCount ?? 0
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined)
      throw error
    } finally {
      client.release()
    }
  },
}

const accountsStep: ScaleStep = {
  name: 'benchmark accounts',
  async run(ctx) {
    const byCode = new Map(ctx.structure.map((unit) => [unit.code, unit]))
    const p = ctx.codePrefix
    const root = ctx.structure.find((unit) => unit.type === 'national_confederation')
    const hanoi = byCode.get(`${p}HN`)
    const phucTho = byCode.get(`${p}HN-PT`) ?? ctx.structure.find((unit) => unit.type === 'commune_union' && unit.province?.code === 'HN')
    const hcm = byCode.get(`${p}HCM`)
    const wanted: Array<[string, ScaleAccount['role'], string, StructuralUnit | undefined]> = [
      ['bench-admin@liendoan.vn', 'admin', 'Quản trị Hiệu năng', root],
      ['bench-officer@liendoan.vn', 'federation_officer', 'Nguyễn Thị Hiệu Năng', hanoi],
      ['bench-hcm@liendoan.vn', 'federation_officer', 'Trần Văn Đo Tải', hcm],
      ['bench-commune@liendoan.vn', 'union_officer', 'Lê Minh Phúc', phucTho],
    ]
    const hash = await hashPassword(BENCH_PASSWORD)
    for (const [email, role, fullName, unit] of wanted) {
      if (!unit) continue
      // Appending keeps the accounts already there (they point at the first tree).
      const { rows } = await ctx.pool.query<{ union_id: string; code: string; name: string }>(
        `WITH inserted AS (
           INSERT INTO users (id, email, password_hash, full_name, role, union_id, status)
           VALUES ($1, $2, $3, $4, $5, $6, 'active')
           ON CONFLICT DO NOTHING
           RETURNING union_id)
         SELECT u.id AS union_id, u.code, u.name FROM unions u
          WHERE u.id = coalesce((SELECT union_id FROM inserted), (SELECT union_id FROM users WHERE lower(email) = lower($2)))`,
        [uuidv7(), email, hash, fullName, role, unit.id],
      )
      const row = rows[0]
      if (row) {
        ctx.accounts.push({ email, password: BENCH_PASSWORD, role, fullName, unionId: row.union_id, unionCode: row.code, unionName: row.name })
      }
    }
  },
}

/**
 * The dashboard's rollups, built once from everything loaded (the seed's sessions pause the
 * triggers that keep them, which would otherwise recompute them batch by batch).
 */
const rollupsStep: ScaleStep = {
  name: 'dashboard rollups',
  async run(ctx) {
    await ctx.pool.query('SELECT liendoan_rebuild_union_figures()')
    const { rows } = await ctx.pool.query<{ count: string }>('SELECT count(*)::text AS count FROM union_figure_rollups')
    ctx.log(`  ${Number(rows[0]?.count ?? 0).toLocaleString('en')} rollup rows`)
  },
}

const analyzeStep: ScaleStep = {
  name: 'ANALYZE',
  async run(ctx) {
    await ctx.pool.query('ANALYZE')
  },
}

/** The generator's steps, in order. Later modules insert theirs before ANALYZE. */
export const SCALE_STEPS: ScaleStep[] = [prepareStep, treeStep, membersStep, trainingsStep, agreementsStep, accountsStep, supportStep, rollupsStep, analyzeStep]

// ---------------------------------------------------------------------------------------
// Command line
// ---------------------------------------------------------------------------------------

class UsageError extends Error {}

export function parseScaleArgs(argv: string[]): ScaleOptions {
  const { values } = parseArgs({
    // `pnpm seed:scale -- --unions N` forwards the `--` itself: ignore it.
    args: argv.filter((arg) => arg !== '--'),
    options: {
      unions: { type: 'string' },
      members: { type: 'string' },
      reset: { type: 'boolean', default: false },
      append: { type: 'boolean', default: false },
      seed: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  })
  if (values.help) {
    console.log('Usage: pnpm seed:scale [--unions N] [--members N] [--reset | --append] [--seed N]\n  Needs DATABASE_URL (PostgreSQL).')
    process.exit(0)
  }
  const unions = values.unions === undefined ? 130_000 : Number(values.unions.replace(/[_,]/g, ''))
  if (!Number.isInteger(unions) || unions < 200 || unions > 5_000_000) {
    throw new UsageError(`--unions must be a whole number between 200 and 5000000, got ${values.unions}`)
  }
  const members = values.members === undefined ? 1_000_000 : Number(values.members.replace(/[_,]/g, ''))
  if (!Number.isInteger(members) || members < 0 || members > 20_000_000) {
    throw new UsageError(`--members must be a whole number between 0 and 20000000, got ${values.members}`)
  }
  if (values.reset && values.append) throw new UsageError('--reset and --append exclude each other')
  const seed = values.seed === undefined ? 2026 : Number(values.seed)
  if (!Number.isInteger(seed)) throw new UsageError(`--seed must be an integer, got ${values.seed}`)
  return { unions, members, reset: values.reset ?? false, append: values.append ?? false, seed }
}

export async function runScaleSeed(url: string, options: ScaleOptions, steps: ScaleStep[] = SCALE_STEPS): Promise<ScaleContext> {
  const started = performance.now()
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`
  const handle = await openDatabase({ url, dataDir: '', poolSize: 2 })
  if (!handle.pool) throw new UsageError('seed:scale needs a PostgreSQL server (DATABASE_URL); the embedded database is not supported')
  // The rollup triggers stay quiet in the seed's sessions; rollupsStep builds the rollups at the end.
  handle.pool.on('connect', (client) => {
    client.query("SET liendoan.rollups_paused = 'on'").catch(() => undefined)
  })
  const ctx: ScaleContext = {
    handle,
    pool: handle.pool,
    options,
    rng: makeRng(options.seed),
    types: {} as Record<UnitTypeCode, string>,
    codePrefix: '',
    structure: [],
    counts: {},
    accounts: [],
    log: (message) => console.log(message),
  }
  try {
    for (const step of steps) {
      const stepStarted = performance.now()
      console.log(`▸ ${step.name}`)
      await step.run(ctx)
      console.log(`  done in ${((performance.now() - stepStarted) / 1000).toFixed(1)} s (total ${elapsed()})`)
    }
  } finally {
    await handle.close()
  }
  console.log(
    `\nCreated ${ctx.counts.unions ?? 0} unions, ${ctx.counts.placements ?? 0} placements, ${ctx.counts.members ?? 0} members and ${ctx.counts.officerTerms ?? 0} officer terms in ${elapsed()}.`,
  )
  if (ctx.accounts.length > 0) {
    console.log(`\nBenchmark accounts (password ${BENCH_PASSWORD}):`)
    for (const account of ctx.accounts) {
      console.log(`  ${account.email.padEnd(28)} ${account.role.padEnd(19)} ${account.unionCode}  ${account.unionName}  (${account.unionId})`)
    }
  }
  return ctx
}

async function main(): Promise<void> {
  let options: ScaleOptions
  try {
    options = parseScaleArgs(process.argv.slice(2))
  } catch (error) {
    console.error(`seed:scale: ${(error as Error).message}`)
    process.exit(2)
  }
  const url = process.env.DATABASE_URL
  if (!url || !/^postgres(ql)?:\/\//.test(url)) {
    console.error(
      'seed:scale: set DATABASE_URL to a PostgreSQL database (postgres://user:password@host:port/db).\n' +
        'It fills a real server for benchmarks; the embedded database is not supported.\n' +
        'A throwaway server: DATABASE_URL=$(scripts/pg-server.sh start /tmp/liendoan-pg auto)',
    )
    process.exit(2)
  }
  console.log(`seed:scale: ${options.unions} unions and ${options.members} members into ${url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')}`)
  try {
    await runScaleSeed(url, options)
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`seed:scale: ${error.message}`)
      process.exit(1)
    }
    throw error
  }
}

// Run only as a script, so the steps can be imported (and extended) elsewhere.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  await main()
}
