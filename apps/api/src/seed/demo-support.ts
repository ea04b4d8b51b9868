import type { SupportRules } from '@liendoan/contracts'
import { sql } from 'drizzle-orm'
import { v7 as uuidv7 } from 'uuid'
import { type Database, selectRows } from '../db/client.js'
import { supportHardshipCases, supportLedger, supportPayments, supportPrograms } from '../db/schema/index.js'
import { makeRng } from './random.js'

/**
 * The seeds' support programmes with payments in every state:
 * - seed 002: Hà Nội's pilot scheme for collective agreements, 8,500,000 VND per type-A and
 *   6,000,000 VND per type-B agreement (part paid, part approved or proposed, the rest still
 *   candidates);
 * - seed 002: the scheme for new non-state grassroots unions with 25 or more members in
 *   2021–2022, 5,000,000 VND to the union and 1,000,000 VND to the officer who organised it;
 * - seed 003: Thanh Xuân's Covid-19 support of 2020, 30 members with 30 million VND.
 * The decision numbers are made up (the articles do not give them).
 */
export const DEMO_SUPPORT = {
  agreements: { name: 'Đề án thí điểm "Nâng cao hoạt động đối thoại, thương lượng, ký kết Thỏa ước lao động tập thể trong doanh nghiệp"', budgetVnd: 800_000_000 },
  newUnions: { name: 'Đề án "Hỗ trợ, khuyến khích phát triển đoàn viên, thành lập CĐCS ngoài khu vực Nhà nước có từ 25 đoàn viên trở lên, giai đoạn 2021–2022"', budgetVnd: 500_000_000 },
  hardship: { name: 'Chăm lo đoàn viên bị ảnh hưởng do dịch bệnh Covid-19 năm 2020', budgetVnd: 30_000_000, members: 30, amountVnd: 1_000_000 },
} as const

type PaymentRow = typeof supportPayments.$inferInsert
type LedgerRow = typeof supportLedger.$inferInsert

interface Accounts {
  /** code of the union → id of its federation officer (proposer). */
  officers: Map<string, string>
  hanoiOfficer: string
  admin: string
}

/** Seeds the programmes, their payments and the ledger entries that move the programmes' totals. */
export async function seedDemoSupport(tx: Database, accounts: Accounts): Promise<void> {
  const random = makeRng(20_220_601)
  const unionIds = new Map(
    (await selectRows<{ id: string; code: string }>(tx, sql`SELECT id, code FROM unions WHERE code IN ('HN', 'HN-TX')`)).map((row) => [row.code, row.id]),
  )
  const hanoi = unionIds.get('HN')
  const thanhXuan = unionIds.get('HN-TX')
  if (!hanoi || !thanhXuan) return

  const payments: PaymentRow[] = []
  const ledger: LedgerRow[] = []
  const at = (day: string, hour = 3) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00Z`)

  /** A payment taken to `status`, with its ledger entries (proposed, approved, disbursed). */
  const pay = (
    programId: string,
    draft: Omit<PaymentRow, 'id' | 'programId' | 'status' | 'proposedByUserId' | 'proposedAt'>,
    status: 'proposed' | 'approved' | 'disbursed',
    days: { proposed: string; approved?: string; disbursed?: string },
    people: { proposer: string; approver: string },
  ) => {
    const id = uuidv7()
    const amount = draft.amountVnd
    payments.push({
      id,
      programId,
      ...draft,
      status,
      proposedByUserId: people.proposer,
      proposedAt: at(days.proposed),
      approvedByUserId: status === 'proposed' ? null : people.approver,
      approvedAt: status === 'proposed' ? null : at(days.approved!),
      disbursedOn: status === 'disbursed' ? days.disbursed! : null,
      disbursementMethod: status === 'disbursed' ? 'bank_transfer' : null,
      disbursementReference: status === 'disbursed' ? `UNC-${days.disbursed!.replaceAll('-', '')}-${String(payments.length + 1).padStart(4, '0')}` : null,
      createdAt: at(days.proposed),
      updatedAt: at(days.disbursed ?? days.approved ?? days.proposed),
    })
    const entry = (kind: LedgerRow['kind'], day: string, deltas: Pick<LedgerRow, 'proposedDeltaVnd' | 'approvedDeltaVnd' | 'disbursedDeltaVnd'>, actor: string) =>
      ledger.push({ programId, paymentId: id, kind, amountVnd: amount, ...deltas, actorUserId: actor, at: at(day, 4) })
    entry('proposed', days.proposed, { proposedDeltaVnd: amount, approvedDeltaVnd: 0, disbursedDeltaVnd: 0 }, people.proposer)
    if (status === 'proposed') return
    entry('approved', days.approved!, { proposedDeltaVnd: -amount, approvedDeltaVnd: amount, disbursedDeltaVnd: 0 }, people.approver)
    if (status === 'approved') return
    entry('disbursed', days.disbursed!, { proposedDeltaVnd: 0, approvedDeltaVnd: -amount, disbursedDeltaVnd: amount }, people.approver)
  }
  const addDays = (iso: string, days: number) => {
    const date = new Date(`${iso}T00:00:00Z`)
    date.setUTCDate(date.getUTCDate() + days)
    return date.toISOString().slice(0, 10)
  }

  // 1. Collective agreements, 2023–2026: type A and B agreements registered in the period.
  const agreementRules: SupportRules = {
    agreementGrade: {
      amounts: [
        { grade: 'A', amountVnd: 8_500_000 },
        { grade: 'B', amountVnd: 6_000_000 },
      ],
    },
  }
  const agreementProgram = uuidv7()
  await tx.insert(supportPrograms).values({
    id: agreementProgram,
    name: DEMO_SUPPORT.agreements.name,
    description: 'Hỗ trợ công đoàn cơ sở thương lượng, ký kết thỏa ước lao động tập thể có nhiều nội dung có lợi hơn cho người lao động so với quy định của pháp luật.',
    decisionNumber: '2312/QĐ-LĐLĐ',
    decisionDate: '2022-12-28',
    periodFrom: '2023-01-01',
    periodTo: '2026-12-31',
    unionId: hanoi,
    budgetVnd: DEMO_SUPPORT.agreements.budgetVnd,
    rules: agreementRules,
    createdByUserId: accounts.hanoiOfficer,
    createdAt: at('2022-12-28'),
  })
  const graded = await selectRows<{ id: string; title: string; union_id: string; union_name: string; district: string; grade_code: 'A' | 'B'; registered_on: string }>(
    tx,
    sql`SELECT a.id, a.title, a.union_id, u.name AS union_name, d.code AS district, a.grade_code, a.registered_on::text AS registered_on
          FROM agreements a JOIN unions u ON u.id = a.union_id JOIN unions d ON d.id = u.parent_id
         WHERE a.grade_code IN ('A', 'B') AND a.registered_on BETWEEN '2023-01-01' AND '2026-11-23'
           AND a.status IN ('registered', 'in_force', 'expired', 'replaced')
         ORDER BY a.registered_on, a.id`,
  )
  for (const agreement of graded) {
    // Paid within months for older registrations, then some approved, some waiting for approval;
    // those registered since September 2025 are still candidates.
    const proposedOn = addDays(agreement.registered_on, 30)
    const status =
      agreement.registered_on < '2025-04-01' ? 'disbursed' : agreement.registered_on < '2025-07-01' ? 'approved' : agreement.registered_on < '2025-09-01' ? 'proposed' : null
    if (status === null) continue
    pay(
      agreementProgram,
      {
        reasonKind: 'agreement',
        reasonId: agreement.id,
        role: 'union',
        beneficiaryKind: 'union',
        beneficiaryId: agreement.union_id,
        beneficiaryName: agreement.union_name,
        unionId: agreement.union_id,
        amountVnd: agreement.grade_code === 'A' ? 8_500_000 : 6_000_000,
        ruleAmountVnd: agreement.grade_code === 'A' ? 8_500_000 : 6_000_000,
      },
      status,
      { proposed: proposedOn, approved: addDays(proposedOn, 7), disbursed: addDays(proposedOn, 21) },
      { proposer: accounts.officers.get(agreement.district) ?? accounts.admin, approver: accounts.hanoiOfficer },
    )
  }

  // 2. New non-state grassroots unions with 25 or more members, 2021–2022.
  const newUnionProgram = uuidv7()
  await tx.insert(supportPrograms).values({
    id: newUnionProgram,
    name: DEMO_SUPPORT.newUnions.name,
    description: 'Hỗ trợ tập thể công đoàn cơ sở thành lập mới và cán bộ công đoàn cấp trên trực tiếp vận động, phát triển.',
    decisionNumber: '1586/QĐ-LĐLĐ',
    decisionDate: '2021-03-15',
    periodFrom: '2021-01-01',
    periodTo: '2022-12-31',
    unionId: hanoi,
    budgetVnd: DEMO_SUPPORT.newUnions.budgetVnd,
    rules: { newUnion: { sector: 'non_state', minMembers: 25, unionAmountVnd: 5_000_000, organiserAmountVnd: 1_000_000 } },
    createdByUserId: accounts.hanoiOfficer,
    createdAt: at('2021-03-15'),
  })
  const founded = await selectRows<{ id: string; name: string; district: string; founded_on: string }>(
    tx,
    sql`SELECT u.id, u.name, d.code AS district, coalesce(u.founding_decision_date, u.established_on)::text AS founded_on
          FROM unions u JOIN unit_types t ON t.id = u.unit_type_id AND t.is_grassroots JOIN unions d ON d.id = u.parent_id
         WHERE u.sector = 'non_state' AND coalesce(u.founding_decision_date, u.established_on) BETWEEN '2021-01-01' AND '2022-12-31'
           AND (SELECT count(*) FROM members m WHERE m.union_id = u.id AND m.status = 'active') >= 25
         ORDER BY founded_on, u.id`,
  )
  founded.forEach((union, index) => {
    const proposedOn = addDays(union.founded_on, 20)
    const officer = accounts.officers.get(union.district)
    const people = { proposer: officer ?? accounts.admin, approver: accounts.hanoiOfficer }
    const days = { proposed: proposedOn, approved: addDays(proposedOn, 10), disbursed: addDays(proposedOn, 30) }
    // The last one of 2022 is still waiting for approval.
    const status = index === founded.length - 1 ? 'proposed' : 'disbursed'
    const reason = { reasonKind: 'union_founding' as const, reasonId: union.id, unionId: union.id }
    pay(newUnionProgram, { ...reason, role: 'union', beneficiaryKind: 'union', beneficiaryId: union.id, beneficiaryName: union.name, amountVnd: 5_000_000, ruleAmountVnd: 5_000_000 }, status, days, people)
    if (officer) {
      pay(
        newUnionProgram,
        { ...reason, role: 'organiser', beneficiaryKind: 'officer', beneficiaryId: officer, beneficiaryName: 'Cán bộ công đoàn cấp trên trực tiếp cơ sở', amountVnd: 1_000_000, ruleAmountVnd: 1_000_000 },
        status,
        days,
        { proposer: accounts.admin, approver: accounts.hanoiOfficer },
      )
    }
  })

  // 3. Thanh Xuân, 2020: 30 members affected by Covid-19, 1,000,000 VND each.
  const hardshipProgram = uuidv7()
  await tx.insert(supportPrograms).values({
    id: hardshipProgram,
    name: DEMO_SUPPORT.hardship.name,
    description: 'Hỗ trợ đoàn viên công đoàn, công nhân viên chức lao động bị ảnh hưởng do dịch bệnh Covid-19.',
    decisionNumber: '45/QĐ-LĐLĐ',
    decisionDate: '2020-04-10',
    periodFrom: '2020-04-10',
    periodTo: '2020-12-31',
    unionId: thanhXuan,
    budgetVnd: DEMO_SUPPORT.hardship.budgetVnd,
    rules: { hardship: { maxAmountVnd: DEMO_SUPPORT.hardship.amountVnd, maxPerYear: 1 } },
    createdByUserId: accounts.hanoiOfficer,
    createdAt: at('2020-04-10'),
  })
  const affected = await selectRows<{ id: string; full_name: string; union_id: string }>(
    tx,
    sql`SELECT m.id, m.full_name, m.union_id FROM members m JOIN unions u ON u.id = m.union_id
         WHERE u.parent_id = ${thanhXuan} AND m.status = 'active' AND m.admitted_on < '2020-04-01'
         ORDER BY m.id LIMIT ${DEMO_SUPPORT.hardship.members}`,
  )
  const cases: (typeof supportHardshipCases.$inferInsert)[] = []
  for (const member of affected) {
    const caseId = uuidv7()
    const occurredOn = addDays('2020-04-15', Math.floor(random() * 60))
    cases.push({ id: caseId, programId: hardshipProgram, memberId: member.id, unionId: member.union_id, occurredOn, description: 'Mất việc làm tạm thời do doanh nghiệp ngừng hoạt động vì dịch bệnh Covid-19', createdByUserId: accounts.hanoiOfficer, createdAt: at(occurredOn) })
    pay(
      hardshipProgram,
      { reasonKind: 'hardship', reasonId: caseId, role: 'member', beneficiaryKind: 'member', beneficiaryId: member.id, beneficiaryName: member.full_name, unionId: member.union_id, amountVnd: DEMO_SUPPORT.hardship.amountVnd, ruleAmountVnd: null },
      'disbursed',
      { proposed: addDays(occurredOn, 5), approved: addDays(occurredOn, 8), disbursed: addDays(occurredOn, 12) },
      { proposer: accounts.hanoiOfficer, approver: accounts.admin },
    )
  }
  if (cases.length) await tx.insert(supportHardshipCases).values(cases)
  for (let i = 0; i < payments.length; i += 500) await tx.insert(supportPayments).values(payments.slice(i, i + 500))
  // In date order, so the ledger reads like the programme's history (the trigger moves the totals).
  ledger.sort((a, b) => a.at!.getTime() - b.at!.getTime())
  for (let i = 0; i < ledger.length; i += 500) await tx.insert(supportLedger).values(ledger.slice(i, i + 500))
}
