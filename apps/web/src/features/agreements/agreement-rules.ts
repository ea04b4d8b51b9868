import {
  AgreementTransitions,
  EditableAgreementStatuses,
  GradableAgreementStatuses,
  RenewableAgreementStatuses,
  type Agreement,
  type AgreementStatus,
  type Role,
} from '@liendoan/contracts'
import { can } from '../../lib/permissions'

/** What the detail page may offer, each a button opening its own small form. */
export type AgreementAction = 'edit' | 'sign' | 'register' | 'bringIntoForce' | 'grade' | 'renew' | 'terminate' | 'documents'

/** The order of the buttons: the usual next step first, ending last. */
export const ACTION_ORDER: readonly AgreementAction[] = ['sign', 'register', 'bringIntoForce', 'grade', 'renew', 'edit', 'terminate']

const allows = (status: AgreementStatus, to: AgreementStatus): boolean => AgreementTransitions[status].includes(to)
const isIn = (list: readonly AgreementStatus[], status: AgreementStatus): boolean => list.includes(status)

/**
 * The actions a person with this role may take on an agreement in its current state: only the
 * transitions AgreementTransitions allows (expiry and replacement happen by themselves, so they
 * are never buttons), and only those the role may do. Bringing into force waits for the
 * effective date, and a renewed agreement is not renewed twice.
 */
export function availableActions(
  agreement: Pick<Agreement, 'status' | 'effectiveOn' | 'expiresOn' | 'replacedBy'>,
  role: Role,
  today: string,
): AgreementAction[] {
  const user = { role }
  const manage = can(user, 'agreement.manage')
  const assess = can(user, 'agreement.assess')
  const { status } = agreement
  const actions = new Set<AgreementAction>()
  if (manage && allows(status, 'signed')) actions.add('sign')
  if (assess && allows(status, 'registered')) actions.add('register')
  if (manage && allows(status, 'in_force') && intoForceDue(agreement, today)) actions.add('bringIntoForce')
  if (assess && isIn(GradableAgreementStatuses, status)) actions.add('grade')
  if (manage && isIn(RenewableAgreementStatuses, status) && agreement.replacedBy === null) actions.add('renew')
  if (manage && isIn(EditableAgreementStatuses, status)) {
    actions.add('edit')
    actions.add('documents')
  }
  if (manage && allows(status, 'terminated')) actions.add('terminate')
  return [...ACTION_ORDER, 'documents' as const].filter((action) => actions.has(action))
}

/** Its effective date has come and its last day has not passed (what the API asks to bring it into force). */
export function intoForceDue(agreement: Pick<Agreement, 'effectiveOn' | 'expiresOn'>, today: string): boolean {
  return !!agreement.effectiveOn && agreement.effectiveOn <= today && (!agreement.expiresOn || agreement.expiresOn >= today)
}

/** Signed but waiting for its effective date: the page says when it can be brought into force. */
export function waitingForEffectiveDate(agreement: Pick<Agreement, 'status' | 'effectiveOn'>, today: string): boolean {
  return (agreement.status === 'signed' || agreement.status === 'registered') && !!agreement.effectiveOn && agreement.effectiveOn > today
}

/** Whole days from `today` to the last day in force (0 on the last day, negative once past). */
export function daysUntil(date: string, today: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000)
}

/** The grade the scheme suggests for a favourable-term count: the first grade whose minimum it reaches. */
export function suggestedGrade<G extends { code: string; minFavourableTerms: number; sortOrder: number }>(
  grades: readonly G[],
  favourableTerms: number,
): G | null {
  return [...grades].sort((a, b) => a.sortOrder - b.sortOrder).find((grade) => favourableTerms >= grade.minFavourableTerms) ?? null
}
