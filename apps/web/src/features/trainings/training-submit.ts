import type { UseFormReturnType } from '@mantine/form'
import { validationMessage, type Locale } from '@liendoan/contracts'
import type { TSchema } from 'typebox'
import { checkBody, type CheckResult } from '../../lib/form-errors'
import { formRuleErrors, type TrainingFormValues } from './training-body'

/**
 * Checks a body built from the class form: the contract schema (the API's own
 * wording) and the rules it cannot express. Puts the messages on the form and
 * returns null when something is wrong.
 */
export function checkTrainingBody<T extends TSchema>(
  schema: T,
  body: unknown,
  form: UseFormReturnType<TrainingFormValues>,
  locale: Locale,
): Extract<CheckResult<T>, { ok: true }>['value'] | null {
  const checked = checkBody(schema, body, locale)
  const rules = Object.fromEntries(Object.entries(formRuleErrors(form.values)).map(([field, code]) => [field, validationMessage(code, {}, locale)]))
  const errors = { ...(checked.ok ? {} : checked.errors), ...rules }
  if (Object.keys(errors).length > 0 || !checked.ok) {
    form.setErrors(errors)
    return null
  }
  return checked.value
}
