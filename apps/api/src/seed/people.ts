/**
 * Plausible Vietnamese people for the demo and scale seeders: names in their real proportions
 * (Nguyễn is about 38% of the country), citizen IDs whose digits agree with the person
 * (province code, century-and-gender digit, year of birth), mobile numbers, jobs.
 */

type Rng = () => number

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)] as T
}

/** Picks from [value, weight] pairs. */
function weighted<T>(rng: Rng, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((sum, [, weight]) => sum + weight, 0)
  let roll = rng() * total
  for (const [value, weight] of items) {
    roll -= weight
    if (roll < 0) return value
  }
  return items[items.length - 1]![0]
}

const SURNAMES = [
  ['Nguyễn', 38], ['Trần', 11], ['Lê', 9.5], ['Phạm', 7], ['Hoàng', 5], ['Huỳnh', 1.5], ['Phan', 4.5], ['Vũ', 3.9],
  ['Võ', 1.5], ['Đặng', 2.1], ['Bùi', 2], ['Đỗ', 1.4], ['Hồ', 1.3], ['Ngô', 1.3], ['Dương', 1], ['Lý', 0.5],
  ['Đinh', 0.8], ['Trịnh', 0.6], ['Đào', 0.6], ['Mai', 0.5], ['Cao', 0.5], ['Lương', 0.4], ['Tạ', 0.3], ['Chu', 0.3],
] as const

const MALE_MIDDLE = [['Văn', 40], ['Đức', 10], ['Minh', 10], ['Quang', 7], ['Hữu', 7], ['Công', 5], ['Thành', 5], ['Xuân', 4], ['Tiến', 3], ['Mạnh', 3], ['Trọng', 3], ['Ngọc', 3]] as const
const FEMALE_MIDDLE = [['Thị', 55], ['Ngọc', 8], ['Thu', 7], ['Thanh', 7], ['Minh', 5], ['Hồng', 5], ['Phương', 4], ['Kim', 4], ['Hải', 3], ['Bích', 2]] as const
const MALE_GIVEN = [
  'Anh', 'Hùng', 'Dũng', 'Tuấn', 'Nam', 'Long', 'Hải', 'Sơn', 'Cường', 'Thắng', 'Hoàng', 'Phong', 'Quân', 'Trung',
  'Khánh', 'Đạt', 'Huy', 'Bình', 'Minh', 'Tùng', 'Thành', 'Hiếu', 'Toàn', 'Kiên', 'Lâm', 'Việt', 'Đức', 'Hưng',
  'Tài', 'Vinh', 'Quang', 'Phúc', 'Khoa', 'Thịnh', 'Duy', 'Tâm', 'Lực', 'Hào', 'Nghĩa', 'Trí',
] as const
const FEMALE_GIVEN = [
  'Lan', 'Hoa', 'Hương', 'Linh', 'Trang', 'Mai', 'Ngọc', 'Thảo', 'Hà', 'Hằng', 'Nga', 'Phương', 'Yến', 'Anh',
  'Thủy', 'Nhung', 'Huyền', 'Dung', 'Vân', 'Loan', 'Oanh', 'Hạnh', 'Thu', 'Tuyết', 'Duyên', 'Giang', 'Hiền',
  'Liên', 'Quỳnh', 'Châu', 'Diệp', 'My', 'Nhàn', 'Xuân', 'Thơ', 'Bích', 'Chi', 'Lý', 'Ly', 'Tâm',
] as const
/** Second given names ("Nguyễn Thị Lan Anh"). */
const FEMALE_SECOND_GIVEN = ['Anh', 'Chi', 'Hương', 'Phương', 'Ngọc', 'Thảo', 'Linh', 'Trang'] as const

export type Gender = 'male' | 'female'

export function personName(rng: Rng, gender: Gender): string {
  const surname = weighted(rng, SURNAMES)
  if (gender === 'male') return `${surname} ${weighted(rng, MALE_MIDDLE)} ${pick(rng, MALE_GIVEN)}`
  const given = pick(rng, FEMALE_GIVEN)
  const second = rng() < 0.18 ? pick(rng, FEMALE_SECOND_GIVEN) : null
  return `${surname} ${weighted(rng, FEMALE_MIDDLE)} ${given}${second && second !== given ? ` ${second}` : ''}`
}

export const ETHNICITIES = [['Kinh', 86], ['Tày', 2], ['Thái', 2], ['Mường', 1.5], ['Khmer', 1.4], ['Hoa', 1], ['Nùng', 1], ['Dao', 0.8], ['H\'Mông', 0.8]] as const
export function ethnicity(rng: Rng): string {
  return weighted(rng, ETHNICITIES)
}

const OCCUPATIONS = [
  'Công nhân may', 'Công nhân cơ khí', 'Công nhân lắp ráp điện tử', 'Công nhân chế biến thực phẩm', 'Công nhân xây dựng',
  'Lái xe', 'Kế toán', 'Nhân viên văn phòng', 'Nhân viên kinh doanh', 'Kỹ sư', 'Kỹ thuật viên', 'Giáo viên', 'Bác sĩ',
  'Điều dưỡng', 'Cán bộ, công chức', 'Viên chức', 'Thủ kho', 'Bảo vệ', 'Nhân viên bán hàng', 'Công nhân vận hành máy',
] as const
export function occupation(rng: Rng, sector: 'state' | 'non_state' | null): string {
  if (sector === 'state') return pick(rng, ['Giáo viên', 'Cán bộ, công chức', 'Viên chức', 'Bác sĩ', 'Điều dưỡng', 'Kế toán'] as const)
  return pick(rng, OCCUPATIONS)
}

export function mobilePhone(rng: Rng): string {
  const prefix = pick(rng, ['032', '033', '034', '035', '036', '037', '038', '039', '070', '076', '077', '078', '079', '081', '082', '083', '084', '085', '086', '088', '089', '090', '091', '093', '094', '096', '097', '098'] as const)
  return `${prefix}${String(Math.floor(rng() * 10_000_000)).padStart(7, '0')}`
}

/**
 * Citizen IDs that agree with the person: province code, then the century-and-gender digit
 * (0/1 male/female born 1900–1999, 2/3 born 2000–2099), the last two digits of the birth year
 * and a six-digit serial. Serials count up per (province, digit, year), so every ID one
 * generator makes is distinct.
 */
export class CitizenIdGenerator {
  private readonly serials = new Map<string, number>()
  constructor(private readonly offset = 0) {}

  next(province: string, gender: Gender, dateOfBirth: string): string {
    const year = Number(dateOfBirth.slice(0, 4))
    const centuryDigit = (year >= 2000 ? 2 : 0) + (gender === 'female' ? 1 : 0)
    const key = `${province}${centuryDigit}${String(year % 100).padStart(2, '0')}`
    const serial = (this.serials.get(key) ?? this.offset) + 1
    if (serial > 999_999) throw new Error(`citizen ID serials exhausted for ${key}`)
    this.serials.set(key, serial)
    return `${key}${String(serial).padStart(6, '0')}`
  }
}

/** Province codes of CCCDs, weighted for a workforce in Hà Nội (most born there, many from nearby provinces). */
export const HANOI_WORKFORCE_PROVINCES = [
  ['001', 60], ['030', 4], ['033', 4], ['034', 4], ['035', 3], ['036', 4], ['037', 3], ['038', 5], ['040', 4], ['026', 3], ['027', 3], ['025', 3],
] as const
export function provinceCode(rng: Rng, provinces: readonly (readonly [string, number])[] = HANOI_WORKFORCE_PROVINCES): string {
  return weighted(rng, provinces)
}

const DAY_MS = 86_400_000
/** A date between two ISO dates, inclusive. */
export function dateBetween(rng: Rng, from: string, to: string): string {
  const start = Date.parse(`${from}T00:00:00Z`) / DAY_MS
  const end = Date.parse(`${to}T00:00:00Z`) / DAY_MS
  return new Date((start + Math.floor(rng() * (end - start + 1))) * DAY_MS).toISOString().slice(0, 10)
}

export function addYears(iso: string, years: number): string {
  return `${String(Number(iso.slice(0, 4)) + years).padStart(4, '0')}${iso.slice(4)}`.replace(/-02-29$/, '-02-28')
}
