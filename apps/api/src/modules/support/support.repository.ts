import type {
  BeneficiaryKind,
  BeneficiaryRole,
  DisbursementMethod,
  PaymentStatus,
  ReasonKind,
  SupportProgram,
  SupportProgramFigures,
  SupportPayment,
  SupportProgramStatus,
  SupportRules,
} from '@liendoan/contracts'
import { type SQL, eq, inArray, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import { type Database, selectRows } from '../../db/client.js'
import { agreements, supportHardshipCases, supportPayments, supportPrograms, unions, users } from '../../db/schema/index.js'
import { vietnameseDate } from '../trainings/training-rules.js'
import {
  type AgreementFacts,
  type FoundedUnionFacts,
  LIVE_PAYMENT_STATUSES,
  PAYABLE_AGREEMENT_STATUSES,
  agreementLabel,
  foundingAmount,
  foundingLabel,
  gradeAmount,
  hardshipLabel,
} from './support-rules.js'

/* ---------- programmes ---------- */

const programColumns = {
  id: supportPrograms.id,
  name: supportPrograms.name,
  description: supportPrograms.description,
  decisionNumber: supportPrograms.decisionNumber,
  decisionDate: supportPrograms.decisionDate,
  periodFrom: supportPrograms.periodFrom,
  periodTo: supportPrograms.periodTo,
  unionId: supportPrograms.unionId,
  unionCode: unions.code,
  unionName: unions.name,
  unionPath: unions.path,
  budgetVnd: supportPrograms.budgetVnd,
  rules: supportPrograms.rules,
  status: supportPrograms.status,
  proposedVnd: supportPrograms.proposedVnd,
  approvedVnd: supportPrograms.approvedVnd,
  disbursedVnd: supportPrograms.disbursedVnd,
  version: supportPrograms.version,
  createdAt: supportPrograms.createdAt,
  updatedAt: supportPrograms.updatedAt,
}

/** Programmes joined to the union that runs them; add `.where(...)`. */
export function selectPrograms(executor: Database) {
  return executor.select(programColumns).from(supportPrograms).innerJoin(unions, eq(unions.id, supportPrograms.unionId))
}

export type ProgramRow = Awaited<ReturnType<typeof selectPrograms>>[number]

export function programFigures(row: Pick<ProgramRow, 'budgetVnd' | 'proposedVnd' | 'approvedVnd' | 'disbursedVnd'>): SupportProgramFigures {
  const committed = row.approvedVnd + row.disbursedVnd
  return {
    budgetVnd: row.budgetVnd,
    proposedVnd: row.proposedVnd,
    approvedVnd: row.approvedVnd,
    disbursedVnd: row.disbursedVnd,
    committedVnd: committed,
    remainingVnd: row.budgetVnd - committed,
  }
}

/** Row → contract, the one place a programme's JSON shape is made. */
export function presentProgram(row: ProgramRow): SupportProgram {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    decisionNumber: row.decisionNumber,
    decisionDate: row.decisionDate,
    periodFrom: row.periodFrom,
    periodTo: row.periodTo,
    union: { id: row.unionId, code: row.unionCode, name: row.unionName },
    rules: row.rules,
    status: row.status as SupportProgramStatus,
    figures: programFigures(row),
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }
}

/** What the audit log keeps of a programme: its own fields, not the totals the ledger moves. */
export function programAuditSnapshot(row: ProgramRow): Record<string, unknown> {
  return {
    name: row.name,
    description: row.description,
    decisionNumber: row.decisionNumber,
    decisionDate: row.decisionDate,
    periodFrom: row.periodFrom,
    periodTo: row.periodTo,
    unionId: row.unionId,
    budgetVnd: row.budgetVnd,
    rules: row.rules,
    status: row.status,
  }
}

/* ---------- payments ---------- */

export const programUnion = alias(unions, 'program_union')
export const paymentUnion = alias(unions, 'payment_union')
const foundedUnion = alias(unions, 'founded_union')
const proposer = alias(users, 'proposer')
const approver = alias(users, 'approver')
const closer = alias(users, 'closer')

const paymentColumns = {
  id: supportPayments.id,
  programId: supportPayments.programId,
  programName: supportPrograms.name,
  programUnionId: supportPrograms.unionId,
  programUnionPath: programUnion.path,
  programRules: supportPrograms.rules,
  programPeriodFrom: supportPrograms.periodFrom,
  programPeriodTo: supportPrograms.periodTo,
  reasonKind: supportPayments.reasonKind,
  reasonId: supportPayments.reasonId,
  role: supportPayments.role,
  beneficiaryKind: supportPayments.beneficiaryKind,
  beneficiaryId: supportPayments.beneficiaryId,
  beneficiaryName: supportPayments.beneficiaryName,
  unionId: supportPayments.unionId,
  unionCode: paymentUnion.code,
  unionName: paymentUnion.name,
  unionPath: paymentUnion.path,
  amountVnd: supportPayments.amountVnd,
  ruleAmountVnd: supportPayments.ruleAmountVnd,
  overrideReason: supportPayments.overrideReason,
  status: supportPayments.status,
  note: supportPayments.note,
  proposedByUserId: supportPayments.proposedByUserId,
  proposerName: proposer.fullName,
  proposedAt: supportPayments.proposedAt,
  /** proposed_at to the microsecond, for cursors (a JavaScript Date keeps only milliseconds). */
  proposedAtKey: sql<string>`to_char(${supportPayments.proposedAt} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
  approvedByUserId: supportPayments.approvedByUserId,
  approverName: approver.fullName,
  approvedAt: supportPayments.approvedAt,
  closedByUserId: supportPayments.closedByUserId,
  closerName: closer.fullName,
  closedAt: supportPayments.closedAt,
  closeReason: supportPayments.closeReason,
  disbursedOn: supportPayments.disbursedOn,
  disbursementMethod: supportPayments.disbursementMethod,
  disbursementReference: supportPayments.disbursementReference,
  version: supportPayments.version,
  agreementTitle: agreements.title,
  agreementEmployer: agreements.employerName,
  agreementGrade: agreements.gradeCode,
  foundedUnionName: foundedUnion.name,
  foundedOn: sql<string | null>`coalesce(${foundedUnion.foundingDecisionDate}, ${foundedUnion.establishedOn})::text`,
  hardshipDescription: supportHardshipCases.description,
  hardshipMemberId: supportHardshipCases.memberId,
  hardshipOccurredOn: supportHardshipCases.occurredOn,
}

/** Payments with their programme, unions, people and reason record; add `.where(...)`. */
export function selectPayments(executor: Database) {
  return executor
    .select(paymentColumns)
    .from(supportPayments)
    .innerJoin(supportPrograms, eq(supportPrograms.id, supportPayments.programId))
    .innerJoin(programUnion, eq(programUnion.id, supportPrograms.unionId))
    .innerJoin(paymentUnion, eq(paymentUnion.id, supportPayments.unionId))
    .innerJoin(proposer, eq(proposer.id, supportPayments.proposedByUserId))
    .leftJoin(approver, eq(approver.id, supportPayments.approvedByUserId))
    .leftJoin(closer, eq(closer.id, supportPayments.closedByUserId))
    .leftJoin(agreements, sql`${supportPayments.reasonKind} = 'agreement' AND ${agreements.id} = ${supportPayments.reasonId}`)
    .leftJoin(foundedUnion, sql`${supportPayments.reasonKind} = 'union_founding' AND ${foundedUnion.id} = ${supportPayments.reasonId}`)
    .leftJoin(supportHardshipCases, sql`${supportPayments.reasonKind} = 'hardship' AND ${supportHardshipCases.id} = ${supportPayments.reasonId}`)
}

export type PaymentRow = Awaited<ReturnType<typeof selectPayments>>[number]

/**
 * What the rule gives for a payment: for one waiting for approval, what it gives today (the
 * grade may have changed since the proposal); afterwards, what the approver confirmed.
 */
export function currentRuleAmount(row: PaymentRow): number | null {
  if (row.status !== 'proposed') return row.ruleAmountVnd
  switch (row.reasonKind) {
    case 'agreement':
      return gradeAmount(row.programRules, row.agreementGrade)
    case 'union_founding':
      return foundingAmount(row.programRules, row.role as BeneficiaryRole)
    case 'hardship':
      return null
  }
}

export function reasonLabelOf(row: PaymentRow): string {
  switch (row.reasonKind) {
    case 'agreement':
      return agreementLabel({ title: row.agreementTitle ?? '', employerName: row.agreementEmployer ?? '', gradeCode: row.agreementGrade })
    case 'union_founding':
      return foundingLabel(row.foundedUnionName ?? row.beneficiaryName, row.foundedOn ? `ngày ${vietnameseDate(row.foundedOn)}` : '')
    case 'hardship':
      return hardshipLabel(row.hardshipDescription ?? '')
  }
}

const actorRef = (id: string | null, name: string | null) => (id === null ? null : { id, name: name ?? '' })

/** Row → contract, the one place a payment's JSON shape is made. */
export function presentPayment(row: PaymentRow): SupportPayment {
  return {
    id: row.id,
    program: { id: row.programId, name: row.programName },
    reason: { kind: row.reasonKind as ReasonKind, id: row.reasonId, label: reasonLabelOf(row) },
    role: row.role as BeneficiaryRole,
    beneficiary: { kind: row.beneficiaryKind as BeneficiaryKind, id: row.beneficiaryId, name: row.beneficiaryName },
    union: { id: row.unionId, code: row.unionCode, name: row.unionName },
    amountVnd: row.amountVnd,
    ruleAmountVnd: currentRuleAmount(row),
    overrideReason: row.overrideReason,
    status: row.status as PaymentStatus,
    note: row.note,
    proposedBy: { id: row.proposedByUserId, name: row.proposerName },
    proposedAt: row.proposedAt.toISOString(),
    approvedBy: actorRef(row.approvedByUserId, row.approverName),
    approvedAt: row.approvedAt?.toISOString() ?? null,
    closedBy: actorRef(row.closedByUserId, row.closerName),
    closedAt: row.closedAt?.toISOString() ?? null,
    closeReason: row.closeReason,
    disbursedOn: row.disbursedOn,
    disbursementMethod: row.disbursementMethod as DisbursementMethod | null,
    disbursementReference: row.disbursementReference,
    version: row.version,
  }
}

/** What the audit log keeps of a payment's state. */
export function paymentAuditSnapshot(row: PaymentRow): Record<string, unknown> {
  return {
    programId: row.programId,
    reasonKind: row.reasonKind,
    reasonId: row.reasonId,
    role: row.role,
    beneficiaryKind: row.beneficiaryKind,
    beneficiaryId: row.beneficiaryId,
    amountVnd: row.amountVnd,
    ruleAmountVnd: row.ruleAmountVnd,
    overrideReason: row.overrideReason,
    status: row.status,
    approvedByUserId: row.approvedByUserId,
    closeReason: row.closeReason,
    disbursedOn: row.disbursedOn,
    disbursementMethod: row.disbursementMethod,
    disbursementReference: row.disbursementReference,
  }
}

/* ---------- the records rules look at ---------- */

const uuidList = (ids: readonly string[]): SQL => sql.join(
  ids.map((id) => sql`${id}::uuid`),
  sql`, `,
)

/** Agreements by id, with what the agreement-grade rule reads (read-only: the agreements module owns them). */
export async function loadAgreementFacts(executor: Database, ids: readonly string[]): Promise<Map<string, AgreementFacts>> {
  if (ids.length === 0) return new Map()
  const rows = await selectRows<AgreementFacts>(
    executor,
    sql`SELECT a.id, a.title, a.employer_name AS "employerName", a.status, a.registered_on::text AS "registeredOn",
               a.grade_code AS "gradeCode", u.id AS "unionId", u.code AS "unionCode", u.name AS "unionName", u.path AS "unionPath"
          FROM agreements a JOIN unions u ON u.id = a.union_id
         WHERE a.id IN (${uuidList(ids)})`,
  )
  return new Map(rows.map((row) => [row.id, row]))
}

/** Unions by id, with what the new-union rule reads: kind, status, sector, founding date, active members now. */
export async function loadFoundedUnionFacts(executor: Database, ids: readonly string[]): Promise<Map<string, FoundedUnionFacts>> {
  if (ids.length === 0) return new Map()
  const rows = await selectRows<FoundedUnionFacts>(
    executor,
    sql`SELECT u.id, u.code, u.name, u.path, t.is_grassroots AS "isGrassroots", u.status, u.sector,
               coalesce(u.founding_decision_date, u.established_on)::text AS "foundedOn",
               (SELECT count(*)::int FROM members m WHERE m.union_id = u.id AND m.status = 'active') AS "activeMembers"
          FROM unions u JOIN unit_types t ON t.id = u.unit_type_id
         WHERE u.id IN (${uuidList(ids)})`,
  )
  return new Map(rows.map((row) => [row.id, row]))
}

export interface AccountFacts {
  id: string
  fullName: string
  unionId: string
}

export async function loadAccounts(executor: Database, ids: readonly string[]): Promise<Map<string, AccountFacts>> {
  if (ids.length === 0) return new Map()
  const rows = await executor.select({ id: users.id, fullName: users.fullName, unionId: users.unionId }).from(users).where(inArray(users.id, [...ids]))
  return new Map(rows.map((row) => [row.id, row]))
}

export interface MemberFacts {
  id: string
  fullName: string
  status: string
  unionId: string
  unionPath: string
}

/**
 * The member, locked (FOR UPDATE) until the transaction ends: hardship proposals for one member
 * queue here, so the yearly limit is counted by one of them at a time.
 */
export async function lockMember(executor: Database, id: string): Promise<MemberFacts | undefined> {
  const [row] = await selectRows<MemberFacts>(
    executor,
    sql`SELECT id, full_name AS "fullName", status, union_id AS "unionId", union_path AS "unionPath"
          FROM members WHERE id = ${id}::uuid FOR UPDATE`,
  )
  return row
}

/** Live hardship payments of a member under a programme for hardships of one calendar year. */
export async function hardshipPaymentsInYear(executor: Database, programId: string, memberId: string, year: number): Promise<number> {
  const [row] = await selectRows<{ n: number }>(
    executor,
    sql`SELECT count(*)::int AS n
          FROM support_payments p JOIN support_hardship_cases c ON c.id = p.reason_id
         WHERE p.program_id = ${programId}::uuid AND p.reason_kind = 'hardship' AND c.member_id = ${memberId}::uuid
           AND c.occurred_on >= make_date(${year}::int, 1, 1) AND c.occurred_on < make_date(${year + 1}::int, 1, 1)
           AND p.status IN ('proposed', 'approved', 'disbursed')`,
  )
  return row?.n ?? 0
}

export interface ReasonKey {
  kind: ReasonKind
  reasonId: string
  role: BeneficiaryRole
}

export const reasonKeyText = (key: ReasonKey) => `${key.kind}:${key.reasonId}:${key.role}`

/** Which of these reasons already hold a live payment under the programme. */
export async function livePaymentKeys(executor: Database, programId: string, keys: readonly ReasonKey[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set()
  const rows = await executor
    .select({ kind: supportPayments.reasonKind, reasonId: supportPayments.reasonId, role: supportPayments.role })
    .from(supportPayments)
    .where(
      sql`${supportPayments.programId} = ${programId} AND ${inArray(supportPayments.reasonId, [...new Set(keys.map((key) => key.reasonId))])}
          AND ${inArray(supportPayments.status, [...LIVE_PAYMENT_STATUSES])}`,
    )
  return new Set(rows.map((row) => reasonKeyText({ kind: row.kind as ReasonKind, reasonId: row.reasonId, role: row.role as BeneficiaryRole })))
}

/* ---------- candidates ---------- */

export interface CandidateRow {
  kind_order: number
  kind: 'agreement' | 'union_founding'
  reason_id: string
  role: 'union' | 'organiser'
  union_id: string
  union_code: string
  union_name: string
  sort_key: string
  title: string | null
  employer_name: string | null
  grade_code: string | null
  on_date: string
  members: number | null
  amount: string
}

export interface CandidateParams {
  programId: string
  terms: { periodFrom: string; periodTo: string; rules: SupportRules }
  /** Path of the subtree searched: the programme's and the caller's, narrowed to `under`. */
  rootPath: string
  kind: 'agreement' | 'union_founding' | undefined
  after: { kindOrder: number; sortKey: string; reasonId: string; role: string } | undefined
  limit: number
}

const noLivePayment = (programId: string, kind: string, reasonId: SQL, role: SQL) => sql`NOT EXISTS (
  SELECT 1 FROM support_payments sp
   WHERE sp.program_id = ${programId}::uuid AND sp.reason_kind = ${kind} AND sp.reason_id = ${reasonId} AND sp.role = ${role}
     AND sp.status IN ('proposed', 'approved', 'disbursed'))`

/**
 * The records that qualify and hold no live payment, one page in (kind, union name, record,
 * role) order. The rules here are evaluateAgreement and evaluateUnionFounding of support-rules.ts
 * said in SQL: the same statuses, the same inclusive period, the same member count.
 */
export function candidateStatement(params: CandidateParams): SQL | undefined {
  const { programId, terms, rootPath } = params
  const inSubtree = (path: SQL) => sql`${path} >= ${rootPath} AND ${path} < ${`${rootPath}~`}`
  const branches: SQL[] = []
  const gradeRule = terms.rules.agreementGrade
  if (gradeRule && params.kind !== 'union_founding') {
    const amounts = sql.join(
      gradeRule.amounts.map((entry) => sql`(${entry.grade}::text, ${entry.amountVnd}::bigint)`),
      sql`, `,
    )
    branches.push(sql`
      SELECT 1 AS kind_order, 'agreement'::text AS kind, a.id AS reason_id, 'union'::text AS role,
             u.id AS union_id, u.code AS union_code, u.name AS union_name, u.name_key AS sort_key,
             a.title, a.employer_name, a.grade_code, a.registered_on::text AS on_date, NULL::int AS members, g.amount_vnd::text AS amount
        FROM agreements a
        JOIN unions u ON u.id = a.union_id
        JOIN (VALUES ${amounts}) AS g(grade, amount_vnd) ON g.grade = a.grade_code
       WHERE a.status IN (${sql.join(
         PAYABLE_AGREEMENT_STATUSES.map((status) => sql`${status}`),
         sql`, `,
       )})
         AND a.registered_on >= ${terms.periodFrom}::date AND a.registered_on <= ${terms.periodTo}::date
         AND ${inSubtree(sql`u.path`)}
         AND ${noLivePayment(programId, 'agreement', sql`a.id`, sql`'union'`)}`)
  }
  const unionRule = terms.rules.newUnion
  if (unionRule && params.kind !== 'agreement') {
    const roles = [sql`('union'::text, ${unionRule.unionAmountVnd}::bigint)`]
    if (unionRule.organiserAmountVnd !== null) roles.push(sql`('organiser'::text, ${unionRule.organiserAmountVnd}::bigint)`)
    branches.push(sql`
      SELECT 2 AS kind_order, 'union_founding'::text AS kind, u.id AS reason_id, r.role,
             u.id AS union_id, u.code AS union_code, u.name AS union_name, u.name_key AS sort_key,
             NULL::text AS title, NULL::text AS employer_name, NULL::text AS grade_code,
             coalesce(u.founding_decision_date, u.established_on)::text AS on_date, mc.members, r.amount_vnd::text AS amount
        FROM unions u
        JOIN unit_types t ON t.id = u.unit_type_id AND t.is_grassroots
        CROSS JOIN LATERAL (SELECT count(*)::int AS members FROM members m WHERE m.union_id = u.id AND m.status = 'active') mc
        CROSS JOIN (VALUES ${sql.join(roles, sql`, `)}) AS r(role, amount_vnd)
       WHERE u.status = 'active'
         AND coalesce(u.founding_decision_date, u.established_on) >= ${terms.periodFrom}::date
         AND coalesce(u.founding_decision_date, u.established_on) <= ${terms.periodTo}::date
         ${unionRule.sector !== null ? sql`AND u.sector = ${unionRule.sector}` : sql``}
         AND mc.members >= ${unionRule.minMembers}::int
         AND ${inSubtree(sql`u.path`)}
         AND ${noLivePayment(programId, 'union_founding', sql`u.id`, sql`r.role`)}`)
  }
  if (branches.length === 0) return undefined
  const after = params.after
  return sql`SELECT * FROM (${sql.join(branches, sql` UNION ALL `)}) c
    ${after ? sql`WHERE (c.kind_order, c.sort_key, c.reason_id, c.role) > (${after.kindOrder}::int, ${after.sortKey}::text, ${after.reasonId}::uuid, ${after.role}::text)` : sql``}
    ORDER BY c.kind_order, c.sort_key, c.reason_id, c.role
    LIMIT ${params.limit + 1}`
}
