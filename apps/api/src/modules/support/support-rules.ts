import {
  type BeneficiaryRole,
  type LedgerEntryKind,
  type PaymentStatus,
  PaymentTransitions,
  type ReasonKind,
  type SupportRules,
} from '@liendoan/contracts'
import { vietnameseDate } from '../trainings/training-rules.js'
import { pathIncludesUnion } from '../unions/union-scope.js'

/*
 * The programme rules, evaluated. These functions are the definition of who qualifies and for
 * how much; the candidates list (support.repository.ts, `candidateStatement`) says the same in SQL
 * so that it can page, and the tests hold the two to the same boundaries.
 */

/** Payments that hold their reason: a second one for the same reason and role is refused. */
export const LIVE_PAYMENT_STATUSES = ['proposed', 'approved', 'disbursed'] as const satisfies readonly PaymentStatus[]
/** Payments counted against the budget. */
export const COMMITTED_PAYMENT_STATUSES = ['approved', 'disbursed'] as const satisfies readonly PaymentStatus[]

/**
 * Agreements that were registered and not abandoned: registered, in force, expired after their
 * term, or replaced by their renewal. A terminated agreement is not paid for.
 */
export const PAYABLE_AGREEMENT_STATUSES = ['registered', 'in_force', 'expired', 'replaced'] as const

/** What the rules need of a programme. */
export interface ProgramTerms {
  unionId: string
  periodFrom: string
  periodTo: string
  rules: SupportRules
}

/** Why a record does not qualify: a field-error code (validation-messages) and its parameters. */
export interface RuleFailure {
  code: string
  params?: Record<string, unknown>
  detail: string
}

export type RuleOutcome = { ok: true; amountVnd: number; basis: string } | { ok: false; failure: RuleFailure }

const fail = (code: string, detail: string, params?: Record<string, unknown>): RuleOutcome => ({
  ok: false,
  failure: params ? { code, detail, params } : { code, detail },
})

const withinPeriod = (date: string, terms: ProgramTerms) => date >= terms.periodFrom && date <= terms.periodTo

/* ---------- graded agreements ---------- */

export interface AgreementFacts {
  id: string
  title: string
  employerName: string
  status: string
  registeredOn: string | null
  gradeCode: string | null
  unionId: string
  unionCode: string
  unionName: string
  unionPath: string
}

/** The amount the agreement-grade rule gives for a grade, or null (grade not listed, or no such rule). */
export function gradeAmount(rules: SupportRules, gradeCode: string | null): number | null {
  if (!gradeCode) return null
  return rules.agreementGrade?.amounts.find((entry) => entry.grade === gradeCode)?.amountVnd ?? null
}

/**
 * A graded agreement of a union in the programme's subtree, registered within the period (both
 * days included) and not terminated: the amount its grade is given. The payment goes to the union.
 */
export function evaluateAgreement(terms: ProgramTerms, facts: AgreementFacts): RuleOutcome {
  if (!terms.rules.agreementGrade) return fail('rule_missing', 'The programme pays nothing for agreements.')
  if (!pathIncludesUnion(facts.unionPath, terms.unionId)) {
    return fail('not_in_program_scope', "The agreement's union is outside the scope of the union running the programme.")
  }
  if (!(PAYABLE_AGREEMENT_STATUSES as readonly string[]).includes(facts.status) || facts.registeredOn === null) {
    return fail('agreement_not_registered', `The agreement is ${facts.status}: only registered agreements are paid for.`)
  }
  if (!withinPeriod(facts.registeredOn, terms)) {
    return fail('registered_outside_period', `The agreement was registered on ${facts.registeredOn}, outside ${terms.periodFrom} – ${terms.periodTo}.`)
  }
  const amount = gradeAmount(terms.rules, facts.gradeCode)
  if (amount === null) {
    return fail(
      'grade_not_paid',
      facts.gradeCode ? `The programme pays nothing for a grade ${facts.gradeCode} agreement.` : 'The agreement is not graded yet.',
      { grade: facts.gradeCode },
    )
  }
  return { ok: true, amountVnd: amount, basis: `Loại ${facts.gradeCode ?? ''}, đăng ký ngày ${vietnameseDate(facts.registeredOn)}` }
}

export function agreementLabel(facts: { title: string; employerName: string; gradeCode: string | null }): string {
  // Titles usually start with "Thỏa ước ..." already; the word is added only when they do not.
  const title = /^thỏa ước|^thoả ước/i.test(facts.title.trim()) ? facts.title.trim() : `Thỏa ước ${facts.title.trim()}`
  return `${title} – ${facts.employerName}${facts.gradeCode ? ` (loại ${facts.gradeCode})` : ''}`
}

/* ---------- newly founded grassroots unions ---------- */

export interface FoundedUnionFacts {
  id: string
  code: string
  name: string
  path: string
  isGrassroots: boolean
  status: string
  sector: string | null
  /** The founding decision's date, or the establishment date when the decision's is unknown. */
  foundedOn: string
  /** Active members now. */
  activeMembers: number
}

/** The amount the new-union rule gives to `role`, or null. */
export function foundingAmount(rules: SupportRules, role: BeneficiaryRole): number | null {
  const rule = rules.newUnion
  if (!rule) return null
  if (role === 'union') return rule.unionAmountVnd
  if (role === 'organiser') return rule.organiserAmountVnd
  return null
}

/**
 * An active grassroots union in the programme's subtree, founded within the period (both days
 * included), in the rule's sector (null: any), with at least `minMembers` active members now:
 * the union's amount, or the organiser's.
 */
export function evaluateUnionFounding(terms: ProgramTerms, facts: FoundedUnionFacts, role: BeneficiaryRole): RuleOutcome {
  const rule = terms.rules.newUnion
  const amount = foundingAmount(terms.rules, role)
  if (!rule || amount === null) {
    return fail('rule_missing', role === 'organiser' ? 'The programme pays nothing to organisers.' : 'The programme pays nothing for new unions.')
  }
  if (!pathIncludesUnion(facts.path, terms.unionId)) {
    return fail('not_in_program_scope', 'The union is outside the scope of the union running the programme.')
  }
  if (!facts.isGrassroots) return fail('not_grassroots', 'Only grassroots unions are paid for their founding.')
  if (facts.status !== 'active') return fail('union_not_active', `The union is ${facts.status}.`)
  if (!withinPeriod(facts.foundedOn, terms)) {
    return fail('founded_outside_period', `The union was founded on ${facts.foundedOn}, outside ${terms.periodFrom} – ${terms.periodTo}.`)
  }
  if (rule.sector !== null && facts.sector !== rule.sector) {
    return fail('program_sector_mismatch', `The programme supports ${rule.sector} unions only.`, { sector: rule.sector })
  }
  if (facts.activeMembers < rule.minMembers) {
    return fail('too_few_members', `The union has ${facts.activeMembers} active members; the programme requires ${rule.minMembers}.`, {
      min: rule.minMembers,
      count: facts.activeMembers,
    })
  }
  return { ok: true, amountVnd: amount, basis: `Thành lập ngày ${vietnameseDate(facts.foundedOn)}, ${facts.activeMembers} đoàn viên` }
}

export function foundingLabel(name: string, detail: string): string {
  return `Thành lập ${name} (${detail})`
}

/**
 * The organiser of a founding is an account of an upper-level union of it: its parent or any
 * unit above. `unionPath` is the founded union's path, which names all its ancestors.
 */
export function isUpperLevelAccount(foundedUnion: { id: string; path: string }, accountUnionId: string): boolean {
  return accountUnionId !== foundedUnion.id && pathIncludesUnion(foundedUnion.path, accountUnionId)
}

/* ---------- hardship ---------- */

export function hardshipLabel(description: string): string {
  return `Hoàn cảnh khó khăn: ${description}`
}

/** The calendar year a hardship counts against (its date's). */
export function hardshipYear(occurredOn: string): number {
  return Number(occurredOn.slice(0, 4))
}

/* ---------- what a payment's reason is ---------- */

/** The roles each reason may pay, the first being the default. */
export const ROLES_OF_REASON: Readonly<Record<ReasonKind, readonly BeneficiaryRole[]>> = {
  agreement: ['union'],
  union_founding: ['union', 'organiser'],
  hardship: ['member'],
}

/* ---------- transitions and the ledger ---------- */

export function canTransition(from: PaymentStatus, to: PaymentStatus): boolean {
  return PaymentTransitions[from].includes(to)
}

export interface LedgerDeltas {
  proposedDeltaVnd: number
  approvedDeltaVnd: number
  disbursedDeltaVnd: number
}

/**
 * How a state change moves the programme's three totals: the money moves from one column to the
 * next, so proposed + approved + disbursed is what the live payments hold, and nothing is lost
 * or counted twice.
 */
export function ledgerDeltas(kind: LedgerEntryKind, from: PaymentStatus | null, amount: number): LedgerDeltas {
  switch (kind) {
    case 'proposed':
      return { proposedDeltaVnd: amount, approvedDeltaVnd: 0, disbursedDeltaVnd: 0 }
    case 'approved':
      return { proposedDeltaVnd: -amount, approvedDeltaVnd: amount, disbursedDeltaVnd: 0 }
    case 'rejected':
      return { proposedDeltaVnd: -amount, approvedDeltaVnd: 0, disbursedDeltaVnd: 0 }
    case 'cancelled':
      return from === 'approved'
        ? { proposedDeltaVnd: 0, approvedDeltaVnd: -amount, disbursedDeltaVnd: 0 }
        : { proposedDeltaVnd: -amount, approvedDeltaVnd: 0, disbursedDeltaVnd: 0 }
    case 'disbursed':
      return { proposedDeltaVnd: 0, approvedDeltaVnd: -amount, disbursedDeltaVnd: amount }
  }
}

/** `8500000` → `8,500,000 VND`, for problem details (which are in English). */
export function vndText(amount: number): string {
  return `${amount.toLocaleString('en-US')} VND`
}

/** A whole amount from a raw SQL row: int8 and numeric arrive as text (or bigint), never as floats. */
export function vndValue(value: unknown): number {
  const amount = typeof value === 'number' ? value : Number(typeof value === 'bigint' ? value : String(value ?? 0))
  if (!Number.isSafeInteger(amount)) throw new Error(`Not a whole VND amount: ${String(value)}`)
  return amount
}
