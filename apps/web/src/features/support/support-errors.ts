import type { TFunction } from 'i18next'
import { isApiError } from '../../api/api-error'
import { errorMessage } from '../../lib/notify'

/** The refusals the support API gives in its own words, put in the person's language. */
const KNOWN = ['maker_checker', 'budget_exceeded', 'already_paid', 'not_eligible', 'invalid_transition', 'invalid_state', 'conflict'] as const
type KnownCode = (typeof KNOWN)[number]

export function supportErrorCode(error: unknown): KnownCode | null {
  if (!isApiError(error)) return null
  return (KNOWN as readonly string[]).includes(error.code) ? (error.code as KnownCode) : null
}

/** A message for a refused payment step: maker-checker and budget first, else the app's usual message. */
export function supportErrorMessage(error: unknown, t: TFunction): string {
  const code = supportErrorCode(error)
  if (code === 'maker_checker') return t('support.errors.makerChecker')
  if (code === 'budget_exceeded') return t('support.errors.budgetExceeded')
  if (code === 'already_paid') return t('support.errors.alreadyPaid')
  if (code === 'not_eligible') return t('support.errors.notEligible')
  if (code === 'invalid_transition' || code === 'invalid_state' || code === 'conflict') return t('support.errors.changed')
  return errorMessage(error, t)
}

/**
 * The API refuses an approval whose amount differs from the rule's without a reason: a 422 (or
 * 400) pointing at `overrideReason`. The form then asks for one.
 */
export function asksForOverride(error: unknown): boolean {
  if (!isApiError(error) || (error.status !== 422 && error.status !== 400)) return false
  return error.fieldErrors.some((field) => field.field.replace(/^#?\//, '') === 'overrideReason') || error.code === 'override_required'
}
