import type { SupportRules } from '@liendoan/contracts'
import { sql } from 'drizzle-orm'
import { bigint, check, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { createdAt, id, updatedAt } from './columns.js'
import { members } from './members.schema.js'
import { unions } from './unions.schema.js'
import { users } from './users.schema.js'

const vnd = () => bigint({ mode: 'number' })

/**
 * A support programme (Đề án) with its budget and rules. The three totals are kept by a trigger
 * on the ledger, in the same transaction as each payment's change, and the CHECK below is the
 * budget rule itself: two approvals racing for the last of the budget cannot both commit.
 */
export const supportPrograms = pgTable(
  'support_programs',
  {
    id: id(),
    name: text().notNull(),
    /** Normalized name and decision number, for the accent-insensitive search. */
    searchText: text()
      .notNull()
      .generatedAlwaysAs(sql`liendoan_normalize(name || ' ' || decision_number)`),
    description: text(),
    decisionNumber: text().notNull(),
    decisionDate: date({ mode: 'string' }).notNull(),
    periodFrom: date({ mode: 'string' }).notNull(),
    periodTo: date({ mode: 'string' }).notNull(),
    unionId: uuid()
      .notNull()
      .references(() => unions.id),
    budgetVnd: vnd().notNull(),
    rules: jsonb().$type<SupportRules>().notNull(),
    status: text({ enum: ['open', 'closed'] })
      .notNull()
      .default('open'),
    proposedVnd: vnd().notNull().default(0),
    approvedVnd: vnd().notNull().default(0),
    disbursedVnd: vnd().notNull().default(0),
    createdByUserId: uuid().references(() => users.id),
    version: integer().notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('support_programs_union_idx').on(t.unionId, t.periodFrom),
    check('support_programs_budget_positive', sql`${t.budgetVnd} > 0`),
    check('support_programs_period_order', sql`${t.periodTo} >= ${t.periodFrom}`),
    check('support_programs_totals_nonnegative', sql`${t.proposedVnd} >= 0 AND ${t.approvedVnd} >= 0 AND ${t.disbursedVnd} >= 0`),
    check('support_programs_within_budget', sql`${t.approvedVnd} + ${t.disbursedVnd} <= ${t.budgetVnd}`),
    check('support_programs_status_valid', sql`${t.status} IN ('open', 'closed')`),
  ],
)

/** A member's hardship, the reason of a hardship payment. */
export const supportHardshipCases = pgTable(
  'support_hardship_cases',
  {
    id: id(),
    programId: uuid()
      .notNull()
      .references(() => supportPrograms.id),
    memberId: uuid()
      .notNull()
      .references(() => members.id),
    unionId: uuid()
      .notNull()
      .references(() => unions.id),
    occurredOn: date({ mode: 'string' }).notNull(),
    description: text().notNull(),
    createdByUserId: uuid().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('support_hardship_cases_member_idx').on(t.memberId, t.occurredOn)],
)

/** A payment under a programme, from proposal to disbursement. */
export const supportPayments = pgTable(
  'support_payments',
  {
    id: id(),
    programId: uuid()
      .notNull()
      .references(() => supportPrograms.id),
    reasonKind: text({ enum: ['agreement', 'union_founding', 'hardship'] }).notNull(),
    /** The agreement, the founded union or the hardship case. */
    reasonId: uuid().notNull(),
    role: text({ enum: ['union', 'organiser', 'member'] }).notNull(),
    beneficiaryKind: text({ enum: ['union', 'member', 'officer'] }).notNull(),
    beneficiaryId: uuid().notNull(),
    /** The name when proposed (a union renamed later is still paid under the name it had). */
    beneficiaryName: text().notNull(),
    unionId: uuid()
      .notNull()
      .references(() => unions.id),
    amountVnd: vnd().notNull(),
    /** What the rule gave when the payment was last proposed or approved (null: hardship). */
    ruleAmountVnd: vnd(),
    overrideReason: text(),
    status: text({ enum: ['proposed', 'approved', 'disbursed', 'rejected', 'cancelled'] })
      .notNull()
      .default('proposed'),
    note: text(),
    proposedByUserId: uuid()
      .notNull()
      .references(() => users.id),
    proposedAt: timestamp({ withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    approvedByUserId: uuid().references(() => users.id),
    approvedAt: timestamp({ withTimezone: true, mode: 'date' }),
    closedByUserId: uuid().references(() => users.id),
    closedAt: timestamp({ withTimezone: true, mode: 'date' }),
    closeReason: text(),
    disbursedOn: date({ mode: 'string' }),
    disbursementMethod: text({ enum: ['bank_transfer', 'cash'] }),
    disbursementReference: text(),
    version: integer().notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // The same reason is paid once per programme and role: a second live payment cannot be inserted.
    uniqueIndex('support_payments_once_key')
      .on(t.programId, t.reasonKind, t.reasonId, t.role)
      .where(sql`${t.status} IN ('proposed', 'approved', 'disbursed')`),
    index('support_payments_program_idx').on(t.programId, t.status, t.proposedAt),
    index('support_payments_union_idx').on(t.unionId, t.proposedAt),
    index('support_payments_beneficiary_idx').on(t.beneficiaryId),
    index('support_payments_reason_idx').on(t.reasonId),
    check('support_payments_amount_positive', sql`${t.amountVnd} > 0`),
    check('support_payments_maker_checker', sql`${t.approvedByUserId} IS NULL OR ${t.approvedByUserId} <> ${t.proposedByUserId}`),
    check('support_payments_approved_by', sql`${t.status} NOT IN ('approved', 'disbursed') OR ${t.approvedByUserId} IS NOT NULL`),
    check(
      'support_payments_disbursed_fields',
      sql`(${t.status} = 'disbursed') = (${t.disbursedOn} IS NOT NULL AND ${t.disbursementMethod} IS NOT NULL AND ${t.disbursementReference} IS NOT NULL)`,
    ),
    check(
      'support_payments_override_reason',
      sql`${t.status} NOT IN ('approved', 'disbursed') OR ${t.ruleAmountVnd} IS NULL OR ${t.amountVnd} = ${t.ruleAmountVnd} OR ${t.overrideReason} IS NOT NULL`,
    ),
    check('support_payments_status_valid', sql`${t.status} IN ('proposed', 'approved', 'disbursed', 'rejected', 'cancelled')`),
    check('support_payments_role_valid', sql`${t.role} IN ('union', 'organiser', 'member')`),
    check('support_payments_reason_valid', sql`${t.reasonKind} IN ('agreement', 'union_founding', 'hardship')`),
  ],
)

/**
 * Every state change of every payment, append-only (a trigger refuses UPDATE and DELETE). An
 * insert here moves the programme's totals by its deltas (a trigger), so the totals are the sums
 * of the ledger by construction.
 */
export const supportLedger = pgTable(
  'support_ledger',
  {
    seq: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    programId: uuid()
      .notNull()
      .references(() => supportPrograms.id),
    paymentId: uuid()
      .notNull()
      .references(() => supportPayments.id),
    kind: text({ enum: ['proposed', 'approved', 'rejected', 'cancelled', 'disbursed'] }).notNull(),
    amountVnd: vnd().notNull(),
    proposedDeltaVnd: vnd().notNull().default(0),
    approvedDeltaVnd: vnd().notNull().default(0),
    disbursedDeltaVnd: vnd().notNull().default(0),
    actorUserId: uuid()
      .notNull()
      .references(() => users.id),
    at: timestamp({ withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('support_ledger_program_idx').on(t.programId, t.seq), index('support_ledger_payment_idx').on(t.paymentId, t.seq)],
)
