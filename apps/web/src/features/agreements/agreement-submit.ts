import type { UseFormReturnType } from '@mantine/form'
import type { TFunction } from 'i18next'
import type { TSchema } from 'typebox'
import { validationMessage, type FieldError, type Locale } from '@liendoan/contracts'
import { checkBody, problemToFormErrors, type CheckResult } from '../../lib/form-errors'
import { agreementFormFields, datesProblem, datesProblemField, missingDates, toFormErrors, type AgreementFormValues } from './agreement-body'

/**
 * Checks a body built from the agreement form: the contract schema (the API's own wording) and
 * the one-to-three-year term rule. Puts the messages on the inputs and returns null when
 * something is wrong.
 */
export function checkAgreementBody<T extends TSchema>(
  schema: T,
  body: unknown,
  form: UseFormReturnType<AgreementFormValues>,
  options: { locale: Locale; t: TFunction; checkDates: boolean },
): Extract<CheckResult<T>, { ok: true }>['value'] | null {
  const checked = checkBody(schema, body, options.locale)
  const errors = toFormErrors(checked.ok ? {} : checked.errors, options.t('agreement.tetRange'))
  if (options.checkDates) for (const field of missingDates(form.values)) errors[field] ??= validationMessage('required', {}, options.locale)
  const problem = options.checkDates ? datesProblem(form.values) : null
  if (problem) errors[datesProblemField(problem)] ??= options.t(`agreement.datesProblems.${problem}`)
  if (Object.keys(errors).length > 0 || !checked.ok) {
    form.setErrors(errors)
    return null
  }
  return checked.value
}

/**
 * Puts the API's field errors on the form's inputs. Returns true when every error found its input
 * (nothing else to tell the person).
 */
export function applyAgreementProblem(
  fieldErrors: readonly FieldError[],
  form: UseFormReturnType<AgreementFormValues>,
  options: { locale: Locale; t: TFunction },
): boolean {
  const all = toFormErrors(problemToFormErrors(fieldErrors, options.locale), options.t('agreement.tetRange'))
  const fields = agreementFormFields(form.values)
  const onForm = Object.fromEntries(Object.entries(all).filter(([field]) => fields.includes(field)))
  form.setErrors(onForm)
  return Object.keys(onForm).length === Object.keys(all).length && fieldErrors.length > 0
}
