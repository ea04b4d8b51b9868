import {
  EMPTY_AGREEMENT_TERMS,
  checkAgreementDates,
  type Agreement,
  type AgreementDatesProblem,
  type AgreementTerms,
} from '@liendoan/contracts'

/** One allowance row of the form; `key` keeps React rows stable while rows are added and removed. */
export interface AllowanceFormValues {
  key: string
  name: string
  amountVnd: number | ''
}

/** What the agreement form's inputs hold; converted to the contract bodies below. */
export interface AgreementFormValues {
  unionId: string | null
  title: string
  employerName: string
  employerTaxCode: string
  workersCovered: number | ''
  /** A new agreement is recorded while negotiating, or already signed with its three dates. */
  status: 'negotiating' | 'signed'
  signedOn: string | null
  effectiveOn: string | null
  expiresOn: string | null
  wageAboveMinimumPercent: number | ''
  annualRaisePercent: number | ''
  /** Months of salary with one decimal (1.5); the API keeps tenths (15). */
  tetBonusMonths: number | ''
  mealAllowanceVnd: number | ''
  allowances: AllowanceFormValues[]
  extraLeaveDays: number | ''
  healthCheckupsPerYear: number | ''
  extraInsurance: boolean
  otherTerms: string
  notes: string
}

/** Form fields the API's `errors[]` may point at; terms come as `terms.<field>`, allowances by row. */
const AGREEMENT_FORM_FIELDS: readonly string[] = [
  'unionId', 'title', 'employerName', 'employerTaxCode', 'workersCovered', 'status', 'signedOn', 'effectiveOn', 'expiresOn',
  'wageAboveMinimumPercent', 'annualRaisePercent', 'tetBonusMonths', 'mealAllowanceVnd', 'allowances', 'extraLeaveDays',
  'healthCheckupsPerYear', 'extraInsurance', 'otherTerms', 'notes',
]

let allowanceSeq = 0
export const newAllowanceKey = (): string => `a${++allowanceSeq}`
export const emptyAllowance = (): AllowanceFormValues => ({ key: newAllowanceKey(), name: '', amountVnd: '' })

/** Months with one decimal → tenths of a month, as the API keeps the Tết bonus (1.5 → 15). */
export function monthsToTenths(months: number): number {
  return Math.round(months * 10)
}

/** Tenths of a month → months (15 → 1.5). */
export function tenthsToMonths(tenths: number): number {
  return tenths / 10
}

/** A new agreement; the union (and with it the employer) may come from the union's page. */
export function emptyAgreementForm(unionId: string | null = null): AgreementFormValues {
  return {
    unionId, title: '', employerName: '', employerTaxCode: '', workersCovered: '', status: 'signed', signedOn: null, effectiveOn: null,
    expiresOn: null, wageAboveMinimumPercent: '', annualRaisePercent: '', tetBonusMonths: '', mealAllowanceVnd: '', allowances: [],
    extraLeaveDays: '', healthCheckupsPerYear: '', extraInsurance: false, otherTerms: '', notes: '',
  }
}

const blankIfNull = (value: number | null): number | '' => (value === null ? '' : value)

export function agreementToForm(agreement: Agreement): AgreementFormValues {
  const { terms } = agreement
  return {
    unionId: agreement.union.id,
    title: agreement.title,
    employerName: agreement.employerName,
    employerTaxCode: agreement.employerTaxCode ?? '',
    workersCovered: agreement.workersCovered,
    status: agreement.status === 'negotiating' ? 'negotiating' : 'signed',
    signedOn: agreement.signedOn,
    effectiveOn: agreement.effectiveOn,
    expiresOn: agreement.expiresOn,
    wageAboveMinimumPercent: blankIfNull(terms.wageAboveMinimumPercent),
    annualRaisePercent: blankIfNull(terms.annualRaisePercent),
    tetBonusMonths: terms.tetBonusTenthsOfMonth === null ? '' : tenthsToMonths(terms.tetBonusTenthsOfMonth),
    mealAllowanceVnd: blankIfNull(terms.mealAllowanceVnd),
    allowances: terms.allowances.map((allowance) => ({ key: newAllowanceKey(), name: allowance.name, amountVnd: allowance.amountVnd })),
    extraLeaveDays: blankIfNull(terms.extraLeaveDays),
    healthCheckupsPerYear: blankIfNull(terms.healthCheckupsPerYear),
    extraInsurance: terms.extraInsurance,
    otherTerms: terms.otherTerms ?? '',
    notes: agreement.notes ?? '',
  }
}

/** A text as typed, with runs of spaces collapsed. */
const clean = (value: string): string => value.trim().replace(/\s+/g, ' ')
const numberOrNull = (value: number | ''): number | null => (value === '' ? null : value)

/**
 * The structured terms as the API takes them. Empty figures are null ("nothing better than the
 * law"); allowance rows left wholly empty are dropped, half-filled ones are sent so the schema
 * names the missing part on its row.
 */
export function termsBody(values: AgreementFormValues): Record<string, unknown> {
  return {
    wageAboveMinimumPercent: numberOrNull(values.wageAboveMinimumPercent),
    annualRaisePercent: numberOrNull(values.annualRaisePercent),
    tetBonusTenthsOfMonth: values.tetBonusMonths === '' ? null : monthsToTenths(values.tetBonusMonths),
    mealAllowanceVnd: numberOrNull(values.mealAllowanceVnd),
    allowances: values.allowances
      .filter((row) => clean(row.name) !== '' || row.amountVnd !== '')
      .map((row) => {
        const allowance: Record<string, unknown> = { name: clean(row.name) }
        if (row.amountVnd !== '') allowance.amountVnd = row.amountVnd
        return allowance
      }),
    extraLeaveDays: numberOrNull(values.extraLeaveDays),
    healthCheckupsPerYear: numberOrNull(values.healthCheckupsPerYear),
    extraInsurance: values.extraInsurance,
    otherTerms: values.otherTerms.trim() || null,
  }
}

/** The terms as the favourable-term count reads them (rows not yet complete do not count). */
export function formTerms(values: AgreementFormValues): AgreementTerms {
  const body = termsBody(values)
  return {
    ...EMPTY_AGREEMENT_TERMS,
    ...(body as Partial<AgreementTerms>),
    allowances: values.allowances
      .filter((row) => clean(row.name).length >= 2 && typeof row.amountVnd === 'number' && row.amountVnd > 0)
      .map((row) => ({ name: clean(row.name), amountVnd: row.amountVnd as number })),
  }
}

function datesBody(values: AgreementFormValues): Record<string, string> {
  const body: Record<string, string> = {}
  // Missing dates are left out, so the schema says "required" on the right input.
  if (values.signedOn) body.signedOn = values.signedOn
  if (values.effectiveOn) body.effectiveOn = values.effectiveOn
  if (values.expiresOn) body.expiresOn = values.expiresOn
  return body
}

function commonBody(values: AgreementFormValues): Record<string, unknown> {
  const body: Record<string, unknown> = {
    title: clean(values.title),
    employerName: clean(values.employerName),
    employerTaxCode: values.employerTaxCode.trim() || null,
    terms: termsBody(values),
    notes: values.notes.trim() || null,
  }
  // An empty number box is left out, so the schema reports "required".
  if (values.workersCovered !== '') body.workersCovered = values.workersCovered
  return body
}

/**
 * Body for `POST /agreements`, not yet validated (the caller checks it against
 * CreateAgreementBody, whose messages then land on the right inputs). A signed
 * agreement carries its three dates; one still negotiating carries none.
 */
export function toCreateBody(values: AgreementFormValues): Record<string, unknown> {
  const body: Record<string, unknown> = { kind: 'enterprise', ...commonBody(values), status: values.status }
  if (values.unionId) body.unionId = values.unionId
  // The employer defaults to the union's on the API side too; an empty box is left to it.
  if (body.employerName === '') delete body.employerName
  if (values.status === 'signed') Object.assign(body, datesBody(values))
  return body
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b)

/**
 * Body for `PATCH /agreements/:id`: only what changed. The terms go whole when any term
 * changed (the API replaces them); dates only once the agreement is signed.
 */
export function toUpdateBody(initial: AgreementFormValues, values: AgreementFormValues, signed: boolean): Record<string, unknown> {
  const before: Record<string, unknown> = { ...commonBody(initial), ...(signed ? datesBody(initial) : {}) }
  const after: Record<string, unknown> = { ...commonBody(values), ...(signed ? datesBody(values) : {}) }
  const body: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(after)) if (!same(value, before[key])) body[key] = value
  return body
}

/** The date problem to show while typing, once the three dates are there (null: none, or not yet). */
export function datesProblem(values: Pick<AgreementFormValues, 'signedOn' | 'effectiveOn' | 'expiresOn'>): AgreementDatesProblem | null {
  const { signedOn, effectiveOn, expiresOn } = values
  if (!signedOn || !effectiveOn || !expiresOn) return null
  return checkAgreementDates({ signedOn, effectiveOn, expiresOn })
}

/** Which input a date problem belongs to. */
export function datesProblemField(problem: AgreementDatesProblem): 'effectiveOn' | 'expiresOn' {
  return problem === 'effective_before_signed' ? 'effectiveOn' : 'expiresOn'
}

/**
 * The last day of a usual term: the day before the same date `years` later (effective
 * 01/01/2025, three years: 31/12/2027). Offered as a one-click fill for the expiry date.
 */
export function expiryAfterYears(effectiveOn: string, years: number): string {
  const [year, month, day] = effectiveOn.split('-').map(Number) as [number, number, number]
  const lastDay = new Date(Date.UTC(year + years, month, 0)).getUTCDate()
  const date = new Date(Date.UTC(year + years, month - 1, Math.min(day, lastDay)))
  date.setUTCDate(date.getUTCDate() - 1)
  return date.toISOString().slice(0, 10)
}

/**
 * Where the API's field errors go: `/terms/mealAllowanceVnd` → `mealAllowanceVnd`,
 * `/terms/tetBonusTenthsOfMonth` → `tetBonusMonths`, `/terms/allowances/0/name` →
 * `allowances.0.name`. Other pointers keep their dotted path.
 */
export function formFieldOf(field: string): string {
  const path = field.replace(/^terms\./, '')
  return path === 'tetBonusTenthsOfMonth' ? 'tetBonusMonths' : path
}

/** The form's field paths, allowance rows included, for placing the API's field errors. */
export function agreementFormFields(values: AgreementFormValues): string[] {
  const rows = values.allowances.flatMap((_, index) => [`allowances.${index}.name`, `allowances.${index}.amountVnd`])
  return [...AGREEMENT_FORM_FIELDS, ...rows]
}

/** Moves errors keyed by the body's paths (`terms.x`) onto the form's inputs. */
export function toFormErrors(errors: Record<string, string>, tetMessage: string): Record<string, string> {
  const result: Record<string, string> = {}
  for (const [field, message] of Object.entries(errors)) {
    const target = formFieldOf(field)
    // The API's limits on the Tết bonus speak in tenths of a month; say it in months.
    result[target] ??= target === 'tetBonusMonths' ? tetMessage : message
  }
  return result
}

/** A signed agreement needs its three dates (the schema alone cannot say "required when signed"). */
export function missingDates(values: Pick<AgreementFormValues, 'signedOn' | 'effectiveOn' | 'expiresOn'>): ('signedOn' | 'effectiveOn' | 'expiresOn')[] {
  return (['signedOn', 'effectiveOn', 'expiresOn'] as const).filter((field) => !values[field])
}
