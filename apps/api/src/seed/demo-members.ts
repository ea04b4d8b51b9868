import { eq, sql } from 'drizzle-orm'
import { v7 as uuidv7 } from 'uuid'
import type { Database } from '../db/client.js'
import {
  memberEvents,
  memberTransfers,
  memberships,
  membershipCards,
  members,
  officerPositions,
  officerTerms,
} from '../db/schema/index.js'
import { maxDate } from '../lib/dates.js'
import { CitizenIdGenerator, type Gender, addYears, dateBetween, ethnicity, mobilePhone, occupation, personName, provinceCode } from './people.js'

/** A grassroots union of the demo tree, as the member seeder needs it. */
export interface DemoGrassroots {
  id: string
  code: string
  name: string
  districtCode: string
  sector: 'state' | 'non_state'
  established: string
  workers: number
}

/** Phúc Thọ's 156 grassroots unions hold 5,135 members (seed 000). */
export const PHUC_THO_MEMBERS = 5_135
const TODAY = '2026-11-01'

/**
 * How many members each union gets. Phúc Thọ's total is exact (the seed's figure), shared in
 * proportion to the workers employed (largest remainder); elsewhere about three workers in
 * four are members, capped so the demo stays quick to load.
 */
export function memberCounts(units: readonly DemoGrassroots[], random: () => number): Map<string, number> {
  const counts = new Map<string, number>()
  const phucTho = units.filter((unit) => unit.districtCode === 'HN-PT')
  const workers = phucTho.reduce((sum, unit) => sum + unit.workers, 0)
  // Every grassroots union has at least the five founding members.
  const shares = phucTho.map((unit) => {
    const exact = 5 + ((PHUC_THO_MEMBERS - 5 * phucTho.length) * unit.workers) / workers
    return { id: unit.id, whole: Math.floor(exact), remainder: exact - Math.floor(exact) }
  })
  let left = PHUC_THO_MEMBERS - shares.reduce((sum, share) => sum + share.whole, 0)
  for (const share of [...shares].sort((a, b) => b.remainder - a.remainder)) {
    counts.set(share.id, share.whole + (left > 0 ? 1 : 0))
    left--
  }
  for (const unit of units) {
    if (unit.districtCode === 'HN-PT') continue
    counts.set(unit.id, Math.max(5, Math.min(90, Math.round(unit.workers * (0.6 + random() * 0.3)))))
  }
  return counts
}

interface MemberDraft {
  id: string
  unionId: string
  gender: Gender
  fullName: string
  dateOfBirth: string
  admittedOn: string
  status: 'active' | 'left' | 'deceased'
}

/**
 * Members of the demo federation with their memberships, cards, timeline and officers
 * (one chairperson per union, vice-chairs, committee members; earlier terms for some), a few
 * members who left, and transfers: two done, one waiting in Phúc Thọ's inbox.
 */
export async function seedDemoMembers(tx: Database, units: readonly DemoGrassroots[], random: () => number): Promise<void> {
  const counts = memberCounts(units, random)
  const citizenIds = new CitizenIdGenerator()
  const memberRows: (typeof members.$inferInsert)[] = []
  const membershipRows: (typeof memberships.$inferInsert)[] = []
  const cardRows: (typeof membershipCards.$inferInsert)[] = []
  const eventRows: (typeof memberEvents.$inferInsert)[] = []
  const byUnion = new Map<string, MemberDraft[]>()
  let cardSerial = 0

  for (const unit of units) {
    const drafts: MemberDraft[] = []
    for (let n = 0; n < (counts.get(unit.id) ?? 0); n++) {
      const gender: Gender = random() < (unit.sector === 'state' ? 0.62 : 0.55) ? 'female' : 'male'
      const dateOfBirth = dateBetween(random, '1967-01-01', '2006-06-30')
      const admittedOn = dateBetween(random, maxDate(unit.established, addYears(dateOfBirth, 18)), '2026-06-30')
      const fullName = personName(random, gender)
      const leaving = random() < 0.025
      const status = leaving ? (random() < 0.1 ? 'deceased' : 'left') : 'active'
      const draft: MemberDraft = { id: uuidv7(), unionId: unit.id, gender, fullName, dateOfBirth, admittedOn, status }
      drafts.push(draft)
      const statusDate = leaving ? dateBetween(random, admittedOn > '2025-01-01' ? admittedOn : '2025-01-01', TODAY) : null
      const hasCard = random() < 0.86
      const yearAfter = addYears(admittedOn, 1)
      const cardIssuedOn = hasCard ? dateBetween(random, admittedOn, yearAfter < TODAY ? yearAfter : TODAY) : null
      const cardNumber = hasCard ? `DV${cardIssuedOn!.slice(0, 4)}${String(++cardSerial).padStart(7, '0')}` : null
      memberRows.push({
        id: draft.id,
        unionId: unit.id,
        fullName: draft.fullName,
        dateOfBirth,
        gender,
        citizenId: citizenIds.next(provinceCode(random), gender, dateOfBirth),
        phone: random() < 0.9 ? mobilePhone(random) : null,
        ethnicity: ethnicity(random),
        occupation: occupation(random, unit.sector),
        admittedOn,
        status,
        statusDate,
        statusReason: status === 'left' ? 'Nghỉ việc, chấm dứt hợp đồng lao động' : status === 'deceased' ? 'Từ trần' : null,
        cardNumber,
        cardIssuedOn,
        cardStatus: hasCard ? 'active' : 'none',
      })
      membershipRows.push({
        id: uuidv7(),
        memberId: draft.id,
        unionId: unit.id,
        startedOn: admittedOn,
        endedOn: statusDate,
        endReason: leaving ? status : null,
      })
      eventRows.push({ id: uuidv7(), memberId: draft.id, kind: 'admitted', occurredOn: admittedOn, unionId: unit.id, details: {}, recordedAt: new Date(`${admittedOn}T02:00:00Z`) })
      if (cardNumber && cardIssuedOn) {
        cardRows.push({ id: uuidv7(), memberId: draft.id, cardNumber, kind: 'issue', issuedOn: cardIssuedOn, status: 'active' })
        eventRows.push({ id: uuidv7(), memberId: draft.id, kind: 'card_issued', occurredOn: cardIssuedOn, unionId: unit.id, details: { cardNumber, kind: 'issue' }, recordedAt: new Date(`${cardIssuedOn}T03:00:00Z`) })
      }
      if (leaving && statusDate) {
        eventRows.push({ id: uuidv7(), memberId: draft.id, kind: 'status_changed', occurredOn: statusDate, unionId: unit.id, details: { status, reason: memberRows.at(-1)!.statusReason }, recordedAt: new Date(`${statusDate}T04:00:00Z`) })
      }
    }
    byUnion.set(unit.id, drafts.filter((draft) => draft.status === 'active'))
  }

  const batch = async <T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) => {
    for (let i = 0; i < rows.length; i += 1000) await insert(rows.slice(i, i + 1000))
  }
  await batch(memberRows, (chunk) => tx.insert(members).values(chunk))
  await batch(membershipRows, (chunk) => tx.insert(memberships).values(chunk))
  await batch(cardRows, (chunk) => tx.insert(membershipCards).values(chunk))
  await tx.execute(sql`SELECT setval('member_card_number_seq', ${cardSerial})`)

  // Officers: the 2023–2028 term for every union, and the chairperson of 2018–2023 for some.
  const positions = new Map((await tx.select().from(officerPositions)).map((row) => [row.code, row]))
  const termRows: (typeof officerTerms.$inferInsert)[] = []
  const appoint = (unit: DemoGrassroots, member: MemberDraft, code: string, startedOn: string, endedOn: string | null, termLabel: string, employment: 'full_time' | 'part_time') => {
    const position = positions.get(code)
    if (!position) return
    termRows.push({ id: uuidv7(), unionId: unit.id, memberId: member.id, positionId: position.id, singleHolder: position.singleHolder, startedOn, endedOn, termLabel, employment, endReason: endedOn ? 'Hết nhiệm kỳ' : null })
    eventRows.push({ id: uuidv7(), memberId: member.id, kind: 'position_started', occurredOn: startedOn, unionId: unit.id, details: { position: position.name, termLabel }, recordedAt: new Date(`${startedOn}T05:00:00Z`) })
    if (endedOn) eventRows.push({ id: uuidv7(), memberId: member.id, kind: 'position_ended', occurredOn: endedOn, unionId: unit.id, details: { position: position.name, termLabel }, recordedAt: new Date(`${endedOn}T05:00:00Z`) })
  }
  for (const unit of units) {
    const active = byUnion.get(unit.id) ?? []
    const eligible = active.filter((member) => member.admittedOn < '2023-06-01')
    if (eligible.length === 0) continue
    const congress = maxDate(dateBetween(random, '2023-03-01', '2023-09-30'), eligible.reduce((latest, member) => maxDate(latest, member.admittedOn), '2023-01-01'))
    const [chair, vice, ...rest] = eligible
    appoint(unit, chair!, 'chairperson', congress, null, '2023–2028', active.length > 300 ? 'full_time' : 'part_time')
    if (vice) appoint(unit, vice, 'vice_chair', congress, null, '2023–2028', 'part_time')
    const committee = rest.slice(0, Math.min(rest.length, eligible.length >= 30 ? 4 : 2))
    for (const member of committee) appoint(unit, member, 'executive_member', congress, null, '2023–2028', 'part_time')
    const inspector = rest[committee.length]
    if (inspector) appoint(unit, inspector, 'inspection_member', congress, null, '2023–2028', 'part_time')
    const women = rest.slice(committee.length + 1).find((member) => member.gender === 'female')
    if (women && eligible.length >= 20) appoint(unit, women, 'women_group_leader', congress, null, '2023–2028', 'part_time')
    const previousChair = eligible.find((member) => member.admittedOn < '2018-01-01' && member !== chair)
    if (previousChair && random() < 0.5) appoint(unit, previousChair, 'chairperson', dateBetween(random, '2018-03-01', '2018-09-30'), congress, '2018–2023', 'part_time')
  }
  await batch(termRows, (chunk) => tx.insert(officerTerms).values(chunk))

  // Transfers: two done inside Phúc Thọ, and one request from Thanh Trì waiting for HN-PT-0001.
  const phucTho = units.filter((unit) => unit.districtCode === 'HN-PT')
  const inbox = units.find((unit) => unit.code === 'HN-PT-0001')
  const sender = units.find((unit) => unit.districtCode === 'HN-TT')
  const transferRows: (typeof memberTransfers.$inferInsert)[] = []
  const officerIds = new Set(termRows.map((row) => row.memberId))
  const movable = (unit: DemoGrassroots | undefined) => (unit ? (byUnion.get(unit.id) ?? []).filter((member) => !officerIds.has(member.id)) : [])
  for (const [from, to] of [[phucTho[3], phucTho[7]], [phucTho[10], phucTho[2]]] as const) {
    const member = movable(from)[0]
    if (!from || !to || !member) continue
    const effectiveDate = maxDate(member.admittedOn, '2026-03-16')
    const transferId = uuidv7()
    transferRows.push({ id: transferId, memberId: member.id, fromUnionId: from.id, toUnionId: to.id, kind: 'direct', status: 'completed', effectiveDate, reason: 'Chuyển nơi làm việc', requestedAt: new Date(`${effectiveDate}T03:00:00Z`), decidedAt: new Date(`${effectiveDate}T03:00:00Z`) })
    await tx.update(members).set({ unionId: to.id }).where(eq(members.id, member.id))
    await tx.update(memberships).set({ endedOn: effectiveDate, endReason: 'transferred', transferId }).where(eq(memberships.memberId, member.id))
    await tx.insert(memberships).values({ id: uuidv7(), memberId: member.id, unionId: to.id, startedOn: effectiveDate, transferId })
    eventRows.push({ id: uuidv7(), memberId: member.id, kind: 'transferred', occurredOn: effectiveDate, unionId: to.id, details: { fromUnion: { id: from.id, name: from.name }, toUnion: { id: to.id, name: to.name } }, recordedAt: new Date(`${effectiveDate}T06:00:00Z`) })
  }
  const waiting = movable(sender)[0]
  if (inbox && sender && waiting) {
    transferRows.push({ id: uuidv7(), memberId: waiting.id, fromUnionId: sender.id, toUnionId: inbox.id, kind: 'request', status: 'pending', effectiveDate: '2026-11-16', reason: 'Người lao động chuyển sang làm việc tại doanh nghiệp mới', requestedAt: new Date('2026-11-16T02:30:00Z') })
    eventRows.push({ id: uuidv7(), memberId: waiting.id, kind: 'transfer_requested', occurredOn: '2026-11-16', unionId: sender.id, details: { fromUnion: { id: sender.id, name: sender.name }, toUnion: { id: inbox.id, name: inbox.name } }, recordedAt: new Date('2026-11-16T02:30:00Z') })
  }
  await batch(transferRows, (chunk) => tx.insert(memberTransfers).values(chunk))
  await batch(eventRows, (chunk) => tx.insert(memberEvents).values(chunk))
}
