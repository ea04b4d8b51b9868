import { PaymentTransitions, type PaymentStatus, type Role, type SupportPayment } from '@liendoan/contracts'
import { can } from '../../lib/permissions'

export type PaymentAction = 'approve' | 'reject' | 'disburse' | 'cancel'

/** The order of the buttons: the usual next step first, withdrawing last. */
const ORDER: readonly PaymentAction[] = ['approve', 'reject', 'disburse', 'cancel']

const TARGET: Record<PaymentAction, PaymentStatus> = { approve: 'approved', reject: 'rejected', disburse: 'disbursed', cancel: 'cancelled' }

export interface ActingUser {
  id: string
  role: Role
}

/**
 * What a person may do with a payment now. Only the transitions PaymentTransitions allows, and:
 * - approving and rejecting take the approver permission, and never the proposer's own payment
 *   (maker-checker, whatever the proposer's role);
 * - disbursing takes the approver permission;
 * - the proposer may withdraw their own proposal; an approver may cancel a proposed or approved one.
 * `runsProgram` is whether the programme's union is in the person's scope (its officers pay out);
 * null when not known (a list across programmes): the API has the last word there.
 */
export function paymentActions(
  payment: Pick<SupportPayment, 'status' | 'proposedBy'>,
  user: ActingUser,
  runsProgram: boolean | null = null,
): PaymentAction[] {
  const allowed = (action: PaymentAction) => PaymentTransitions[payment.status].includes(TARGET[action])
  const own = payment.proposedBy.id === user.id
  const approver = can(user, 'support.approve') && runsProgram !== false
  const actions = new Set<PaymentAction>()
  if (approver && !own) {
    actions.add('approve')
    actions.add('reject')
  }
  if (approver) actions.add('disburse')
  if (approver || (own && payment.status === 'proposed' && can(user, 'support.propose'))) actions.add('cancel')
  return ORDER.filter((action) => actions.has(action) && allowed(action))
}

/** The proposal's amount differs from what the rule gives now: approving it needs a reason. */
export function needsOverride(payment: Pick<SupportPayment, 'amountVnd' | 'ruleAmountVnd'>): boolean {
  return payment.ruleAmountVnd !== null && payment.amountVnd !== payment.ruleAmountVnd
}

/** Who may propose under a programme: an officer who may propose, while the programme is open. */
export function canPropose(user: Pick<ActingUser, 'role'>, program: { status: 'open' | 'closed' }): boolean {
  return program.status === 'open' && can(user, 'support.propose')
}

/** Who may change a programme: a manager whose scope holds its union. */
export function canEditProgram(user: Pick<ActingUser, 'role'>, runsProgram: boolean | undefined): boolean {
  return can(user, 'support.manage') && runsProgram === true
}
