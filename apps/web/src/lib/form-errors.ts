import Value from 'typebox/value'
import type { Static, TSchema } from 'typebox'
import { validationMessage, type FieldError, type Locale } from '@liendoan/contracts'

/** Field name → message, the shape Mantine's `form.setErrors` takes. */
export type FormErrors = Record<string, string>

/** `/foundingDecisionDate` → `foundingDecisionDate`; nested pointers become dotted paths. */
export function pointerToField(pointer: string): string {
  return pointer
    .replace(/^#?\//, '')
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.')
}

/**
 * Maps the API's `errors[]` onto form fields. The API already wrote the message in
 * the negotiated language; we still re-derive it from the code so a language switch
 * after the request shows one wording. The first error per field wins.
 */
export function problemToFormErrors(errors: readonly FieldError[], locale: Locale): FormErrors {
  const result: FormErrors = {}
  for (const error of errors) {
    const field = pointerToField(error.field)
    if (result[field]) continue
    result[field] = knownCode(error.code) ? validationMessage(error.code, error.params ?? {}, locale) : error.message
  }
  return result
}

const KNOWN = new Set([
  'required', 'type', 'minLength', 'maxLength', 'minimum', 'maximum', 'exclusiveMinimum', 'pattern', 'format', 'enum',
  'additionalProperties', 'minProperties', 'minItems', 'maxItems', 'unique', 'not_found', 'invalid', 'date_order',
  'future_date', 'sector_mismatch', 'not_grassroots',
  // Members and officers (personal-data rules the API checks beyond the schema).
  'citizen_id_format', 'citizen_id_province', 'citizen_id_leading_zero', 'phone_invalid', 'birth_date_implausible',
  'admitted_before_birth', 'date_invalid', 'gender_invalid', 'card_number_taken', 'not_member_of_union',
  'member_exists_elsewhere', 'grassroots_required', 'card_before_admission', 'before_membership_start', 'before_status_date',
  'term_years_order', 'end_date_required', 'same_union', 'union_not_active', 'range_order',
  // Targets (the period, the figure and who may be assigned one).
  'period_required', 'period_either', 'period_span', 'sector_share_only', 'share_above_100', 'target_not_below',
  'params_not_applicable', 'topic_unknown',
])
function knownCode(code: string): boolean {
  return KNOWN.has(code)
}

/**
 * Validates a request body against the contract schema the API uses and returns
 * field messages in the same wording as the API's. For nullable fields TypeBox
 * reports one error per branch (e.g. "must be null") plus an `anyOf` summary: we
 * keep the first branch error, which is the one a person can act on.
 */
export function validateBody(schema: TSchema, body: unknown, locale: Locale): FormErrors {
  const result: FormErrors = {}
  for (const error of Value.Errors(schema, body)) {
    if (error.keyword === 'required') {
      for (const name of (error.params as { requiredProperties: string[] }).requiredProperties) {
        const field = pointerToField(`${error.instancePath}/${name}`)
        result[field] ??= validationMessage('required', {}, locale)
      }
      continue
    }
    if (error.keyword === 'anyOf') continue
    if (error.keyword === 'type' && (error.params as { type: unknown }).type === 'null') continue
    const field = pointerToField(error.instancePath) || '_form'
    // An empty box is "required" to the person, whatever minimum length the schema sets.
    const empty = error.keyword === 'minLength' && valueAt(body, error.instancePath) === ''
    result[field] ??= empty ? validationMessage('required', {}, locale) : validationMessage(error.keyword, error.params as Record<string, unknown>, locale)
  }
  return result
}

function valueAt(body: unknown, pointer: string): unknown {
  let current = body
  for (const part of pointer.split('/').slice(1)) {
    if (current === null || typeof current !== 'object') return undefined
    current = (current as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')]
  }
  return current
}

/**
 * Puts the API's field errors on the form. Returns the errors that matched no
 * field on this form (so the caller can still tell the person about them).
 */
export function applyProblemToForm(
  fieldErrors: readonly FieldError[],
  formFields: readonly string[],
  setErrors: (errors: FormErrors) => void,
  locale: Locale,
): FormErrors {
  const all = problemToFormErrors(fieldErrors, locale)
  const onForm: FormErrors = {}
  const rest: FormErrors = {}
  for (const [field, message] of Object.entries(all)) {
    if (formFields.includes(field)) onForm[field] = message
    else rest[field] = message
  }
  setErrors(onForm)
  return rest
}

export type CheckResult<T extends TSchema> = { ok: true; value: Static<T> } | { ok: false; errors: FormErrors }

/** Validates a body built from form inputs; on success it is typed as the contract's body. */
export function checkBody<T extends TSchema>(schema: T, body: unknown, locale: Locale): CheckResult<T> {
  if (Value.Check(schema, body)) return { ok: true, value: body }
  return { ok: false, errors: validateBody(schema, body, locale) }
}
