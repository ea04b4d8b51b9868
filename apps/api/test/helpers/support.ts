import type { CreateSupportProgramBody, LedgerEntry, PageOf, SupportPayment, SupportProgram, SupportRules } from '@liendoan/contracts'
import type { LightMyRequestResponse } from 'fastify'
import { sql } from 'drizzle-orm'
import { v7 as uuidv7 } from 'uuid'
import { agreements, memberships, members } from '../../src/db/schema/index.js'
import { type Client, type CreatedUnion, type TestContext, createUnion, queryRows } from './app.js'
import { newCitizenId } from './members.js'

/** Hanoi's rules from the seeds: A 8.5M, B 6M; new non-state unions with 25+ members 5M, organiser 1M; hardship up to 2M, twice a year. */
export const HANOI_RULES: SupportRules = {
  agreementGrade: {
    amounts: [
      { grade: 'A', amountVnd: 8_500_000 },
      { grade: 'B', amountVnd: 6_000_000 },
    ],
  },
  newUnion: { sector: 'non_state', minMembers: 25, unionAmountVnd: 5_000_000, organiserAmountVnd: 1_000_000 },
  hardship: { maxAmountVnd: 2_000_000, maxPerYear: 2 },
}

export const PERIOD = { periodFrom: '2021-01-01', periodTo: '2022-12-31' } as const

/** root (city) → districts A and B → grassroots A1 (non-state), A2 (state), B1. */
export async function createSupportTree(ctx: TestContext) {
  const tag = uuidv7().slice(-6)
  const root = await createUnion(ctx, { type: 'city_federation', name: `LĐLĐ hỗ trợ ${tag}` })
  const districtA = await createUnion(ctx, { parent: root, type: 'district_federation', name: `LĐLĐ quận Hỗ Trợ A ${tag}` })
  const districtB = await createUnion(ctx, { parent: root, type: 'district_federation', name: `LĐLĐ quận Hỗ Trợ B ${tag}` })
  const grassrootsA1 = await createUnion(ctx, { parent: districtA, name: `CĐCS Công ty Dệt A1 ${tag}` })
  const grassrootsA2 = await createUnion(ctx, { parent: districtA, name: `CĐCS Trường Tiểu học A2 ${tag}`, sector: 'state' })
  const grassrootsB1 = await createUnion(ctx, { parent: districtB, name: `CĐCS Công ty Cơ khí B1 ${tag}` })
  return { tag, root, districtA, districtB, grassrootsA1, grassrootsA2, grassrootsB1 }
}

export type SupportTree = Awaited<ReturnType<typeof createSupportTree>>

export function programBody(union: { id: string }, overrides: Partial<CreateSupportProgramBody> = {}): CreateSupportProgramBody {
  return {
    name: 'Đề án hỗ trợ thỏa ước và phát triển đoàn viên 2021–2022',
    decisionNumber: '125/QĐ-LĐLĐ',
    decisionDate: '2020-12-15',
    ...PERIOD,
    budgetVnd: 500_000_000,
    rules: HANOI_RULES,
    unionId: union.id,
    ...overrides,
  }
}

export function expectStatus(response: LightMyRequestResponse, status: number): void {
  if (response.statusCode !== status) throw new Error(`expected ${status}, got ${response.statusCode}: ${response.body}`)
}

export async function createProgram(c: Client, union: { id: string }, overrides: Partial<CreateSupportProgramBody> = {}): Promise<SupportProgram> {
  const response = await c.post('/api/v1/support-programs', programBody(union, overrides))
  expectStatus(response, 201)
  return response.json<SupportProgram>()
}

export async function readProgram(c: Client, id: string): Promise<SupportProgram> {
  const response = await c.get(`/api/v1/support-programs/${id}`)
  expectStatus(response, 200)
  return response.json<SupportProgram>()
}

export async function readPayment(c: Client, id: string): Promise<SupportPayment> {
  const response = await c.get(`/api/v1/support-payments/${id}`)
  expectStatus(response, 200)
  return response.json<SupportPayment>()
}

const TERMS = { wageAboveMinimumPercent: 8, annualRaisePercent: 6, tetBonusTenthsOfMonth: 10, mealAllowanceVnd: 30000, allowances: [], extraLeaveDays: 2, healthCheckupsPerYear: 1, extraInsurance: true, otherTerms: null }

export interface AgreementFactoryInput {
  grade?: string | null
  registeredOn?: string | null
  status?: 'signed' | 'registered' | 'in_force' | 'expired' | 'replaced' | 'terminated'
}

/**
 * Inserts an agreement of `union` (the agreements module is not under test here): signed a month
 * before its registration, effective from registration for two years, graded A by default.
 */
export async function createAgreementRow(ctx: TestContext, union: { id: string }, input: AgreementFactoryInput = {}): Promise<{ id: string }> {
  const id = uuidv7()
  const registeredOn = input.registeredOn === undefined ? '2022-03-15' : input.registeredOn
  const anchor = registeredOn ?? '2022-03-15'
  const year = Number(anchor.slice(0, 4))
  const status = input.status ?? (registeredOn ? 'registered' : 'signed')
  const grade = input.grade === undefined ? 'A' : input.grade
  await ctx.db.insert(agreements).values({
    id,
    title: `Thỏa ước lao động tập thể ${id.slice(-6)}`,
    unionId: union.id,
    employerName: `Công ty TNHH Thỏa Ước ${id.slice(-12)}`,
    status,
    signedOn: `${year - 1}-12-01`,
    effectiveOn: anchor,
    expiresOn: `${year + 2}-01-01`,
    registeredOn,
    registrationNumber: registeredOn ? `${id.slice(-4)}/ĐK` : null,
    inForceOn: ['in_force', 'expired', 'replaced'].includes(status) ? anchor : null,
    endedOn: ['terminated', 'replaced'].includes(status) ? `${year + 1}-01-01` : null,
    workersCovered: 300,
    terms: TERMS,
    gradeCode: grade,
    gradedOn: grade ? anchor : null,
  })
  return { id }
}

/** Adds `count` active members to a union in one statement each for members and memberships. */
export async function addMembers(ctx: TestContext, union: { id: string }, count: number): Promise<string[]> {
  if (count === 0) return []
  const rows = Array.from({ length: count }, (_, index) => ({
    id: uuidv7(),
    unionId: union.id,
    fullName: `Đoàn Viên Thử ${index + 1}`,
    dateOfBirth: '1992-04-10',
    gender: index % 2 ? ('male' as const) : ('female' as const),
    citizenId: newCitizenId(),
    admittedOn: '2021-02-01',
  }))
  await ctx.db.insert(members).values(rows)
  await ctx.db.insert(memberships).values(rows.map((row) => ({ id: uuidv7(), memberId: row.id, unionId: union.id, startedOn: row.admittedOn })))
  return rows.map((row) => row.id)
}

/** A grassroots union founded (decision date) on `foundedOn` with `memberCount` active members. */
export async function createFoundedUnion(
  ctx: TestContext,
  parent: CreatedUnion,
  input: { foundedOn: string; memberCount: number; sector?: 'state' | 'non_state'; decisionDate?: 'set' | 'missing' },
): Promise<CreatedUnion> {
  const union = await createUnion(ctx, {
    parent,
    name: `CĐCS Công ty Mới Thành Lập ${uuidv7().slice(-6)}`,
    sector: input.sector ?? 'non_state',
    establishedOn: input.decisionDate === 'missing' ? input.foundedOn : '2015-01-01',
  })
  if (input.decisionDate !== 'missing') {
    await ctx.db.execute(sql`UPDATE unions SET founding_decision_date = ${input.foundedOn}::date WHERE id = ${union.id}::uuid`)
  }
  await addMembers(ctx, union, input.memberCount)
  return union
}

export async function setGrade(ctx: TestContext, agreementId: string, grade: string | null): Promise<void> {
  await ctx.db.update(agreements).set({ gradeCode: grade, gradedOn: grade ? '2022-06-01' : null }).where(sql`${agreements.id} = ${agreementId}`)
}

export async function proposeAgreement(c: Client, programId: string, agreementId: string, extra: Record<string, unknown> = {}): Promise<SupportPayment> {
  const response = await c.post('/api/v1/support-payments', { programId, kind: 'agreement', agreementId, ...extra })
  expectStatus(response, 201)
  return response.json<SupportPayment>()
}

export async function approve(c: Client, paymentId: string, body: Record<string, unknown> = {}): Promise<SupportPayment> {
  const response = await c.post(`/api/v1/support-payments/${paymentId}/approve`, body)
  expectStatus(response, 200)
  return response.json<SupportPayment>()
}

/** Every ledger entry of a programme, through the API. */
export async function readLedger(c: Client, programId: string): Promise<LedgerEntry[]> {
  const entries: LedgerEntry[] = []
  let cursor: string | null = null
  do {
    const response: LightMyRequestResponse = await c.get(`/api/v1/support-programs/${programId}/ledger?limit=100${cursor ? `&cursor=${cursor}` : ''}`)
    expectStatus(response, 200)
    const page = response.json<PageOf<LedgerEntry>>()
    entries.push(...page.items)
    cursor = page.nextCursor
  } while (cursor)
  return entries
}

/** The ledger's sums, straight from the table, beside the programme's stored totals. */
export async function ledgerAndTotals(ctx: TestContext, programId: string) {
  const [row] = await queryRows<{ proposed: string; approved: string; disbursed: string; p: string; a: string; d: string; budget: string }>(
    ctx,
    sql`SELECT coalesce(sum(l.proposed_delta_vnd), 0)::text AS proposed, coalesce(sum(l.approved_delta_vnd), 0)::text AS approved,
               coalesce(sum(l.disbursed_delta_vnd), 0)::text AS disbursed,
               p.proposed_vnd::text AS p, p.approved_vnd::text AS a, p.disbursed_vnd::text AS d, p.budget_vnd::text AS budget
          FROM support_programs p LEFT JOIN support_ledger l ON l.program_id = p.id
         WHERE p.id = ${programId}::uuid GROUP BY p.id`,
  )
  const n = (value: string | undefined) => Number(value ?? 0)
  return {
    ledger: { proposed: n(row?.proposed), approved: n(row?.approved), disbursed: n(row?.disbursed) },
    totals: { proposed: n(row?.p), approved: n(row?.a), disbursed: n(row?.d) },
    budget: n(row?.budget),
  }
}

/** Everything a request could write about a payment: proves a refused one changed nothing. */
export async function paymentFootprint(ctx: TestContext, paymentId: string) {
  const [row] = await queryRows<Record<string, unknown>>(
    ctx,
    sql`SELECT (SELECT row_to_json(p)::text FROM support_payments p WHERE p.id = ${paymentId}::uuid) AS payment,
               (SELECT count(*)::int FROM support_ledger l WHERE l.payment_id = ${paymentId}::uuid) AS ledger,
               (SELECT count(*)::int FROM audit_events e WHERE e.entity_id = ${paymentId}::uuid) AS audit,
               (SELECT row_to_json(g)::text FROM support_programs g WHERE g.id = (SELECT program_id FROM support_payments WHERE id = ${paymentId}::uuid)) AS program`,
  )
  return row
}
