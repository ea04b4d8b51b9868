import type { UseFormReturnType } from '@mantine/form'
import type { TFunction } from 'i18next'
import type { TSchema } from 'typebox'
import type { FieldError, Locale } from '@liendoan/contracts'
import { checkBody, problemToFormErrors, type CheckResult } from '../../lib/form-errors'
import { duplicateGradeRows, isProgramFormField, periodProblem, type ProgramFormValues } from './program-body'

/**
 * Checks a body built from the programme form with the contract schema (the API's own wording),
 * plus what the schema cannot say: the period's order and a grade listed twice. Puts the messages
 * on the inputs and returns null when something is wrong.
 */
export function checkProgramBody<T extends TSchema>(
  schema: T,
  body: unknown,
  form: UseFormReturnType<ProgramFormValues>,
  options: { locale: Locale; t: TFunction },
): Extract<CheckResult<T>, { ok: true }>['value'] | null {
  const checked = checkBody(schema, body, options.locale)
  const errors = checked.ok ? {} : { ...checked.errors }
  if (periodProblem(form.values)) errors.periodTo ??= options.t('support.form.periodOrder')
  for (const index of duplicateGradeRows(form.values.rules)) errors[`rules.agreementGrade.amounts.${index}.grade`] ??= options.t('support.form.gradeTwice')
  if (Object.keys(errors).length > 0 || !checked.ok) {
    form.setErrors(errors)
    return null
  }
  return checked.value
}

/** Puts the API's field errors on the inputs; true when each found its input (nothing else to tell). */
export function applyProgramProblem(fieldErrors: readonly FieldError[], form: UseFormReturnType<ProgramFormValues>, locale: Locale): boolean {
  const all = problemToFormErrors(fieldErrors, locale)
  const onForm = Object.fromEntries(Object.entries(all).filter(([field]) => isProgramFormField(field)))
  form.setErrors(onForm)
  return fieldErrors.length > 0 && Object.keys(onForm).length === Object.keys(all).length
}
