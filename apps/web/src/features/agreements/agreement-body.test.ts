import { describe, expect, it } from 'vitest'
import Value from 'typebox/value'
import { CreateAgreementBody, UpdateAgreementBody, favourableTermCount, type Agreement } from '@liendoan/contracts'
import { validateBody } from '../../lib/form-errors'
import {
  agreementToForm,
  datesProblem,
  datesProblemField,
  emptyAgreementForm,
  emptyAllowance,
  expiryAfterYears,
  formTerms,
  missingDates,
  monthsToTenths,
  tenthsToMonths,
  toCreateBody,
  toFormErrors,
  toUpdateBody,
  type AgreementFormValues,
} from './agreement-body'

const UNION = '0192a000-0000-7000-8000-000000000001'

function filled(): AgreementFormValues {
  return {
    ...emptyAgreementForm(UNION),
    title: '  Thỏa ước lao động tập thể   Công ty Thái Sơn 2025–2028 ',
    employerName: ' Công ty CP sản xuất thương mại  Thái Sơn ',
    employerTaxCode: '0101234567',
    workersCovered: 320,
    status: 'signed',
    signedOn: '2025-01-10',
    effectiveOn: '2025-02-01',
    expiresOn: '2028-01-31',
    wageAboveMinimumPercent: 8,
    tetBonusMonths: 1.5,
    mealAllowanceVnd: 30_000,
    allowances: [
      { ...emptyAllowance(), name: ' Phụ cấp nhà ở ', amountVnd: 500_000 },
      { ...emptyAllowance(), name: '', amountVnd: '' },
    ],
    extraInsurance: true,
  }
}

describe('Tết bonus in tenths of a month', () => {
  it('turns months with one decimal into the tenths the API keeps, and back', () => {
    expect(monthsToTenths(1.5)).toBe(15)
    expect(monthsToTenths(2)).toBe(20)
    expect(monthsToTenths(0.1)).toBe(1)
    // 1.3 × 10 is 13.000000000000002 in floating point: rounded, never sent as a fraction.
    expect(monthsToTenths(1.3)).toBe(13)
    expect(monthsToTenths(24)).toBe(240)
    expect(tenthsToMonths(15)).toBe(1.5)
    expect(tenthsToMonths(13)).toBe(1.3)
  })
})

describe('agreement form → body', () => {
  it('builds a valid create body for a signed agreement, with cleaned texts, the dates and the terms', () => {
    const body = toCreateBody(filled())
    expect(Value.Check(CreateAgreementBody, body)).toBe(true)
    expect(body).toMatchObject({
      unionId: UNION,
      kind: 'enterprise',
      status: 'signed',
      title: 'Thỏa ước lao động tập thể Công ty Thái Sơn 2025–2028',
      employerName: 'Công ty CP sản xuất thương mại Thái Sơn',
      employerTaxCode: '0101234567',
      workersCovered: 320,
      signedOn: '2025-01-10',
      effectiveOn: '2025-02-01',
      expiresOn: '2028-01-31',
      notes: null,
    })
    expect(body.terms).toEqual({
      wageAboveMinimumPercent: 8,
      annualRaisePercent: null,
      tetBonusTenthsOfMonth: 15,
      mealAllowanceVnd: 30_000,
      allowances: [{ name: 'Phụ cấp nhà ở', amountVnd: 500_000 }],
      extraLeaveDays: null,
      healthCheckupsPerYear: null,
      extraInsurance: true,
      otherTerms: null,
    })
  })

  it('sends no dates for an agreement still being negotiated, and leaves an empty employer to the union’s', () => {
    const body = toCreateBody({ ...filled(), status: 'negotiating', employerName: '  ' })
    expect(body).not.toHaveProperty('signedOn')
    expect(body).not.toHaveProperty('expiresOn')
    expect(body).not.toHaveProperty('employerName')
    expect(Value.Check(CreateAgreementBody, body)).toBe(true)
  })

  it('leaves empty inputs out so the schema names the missing fields, on the form’s inputs', () => {
    const values = { ...emptyAgreementForm(null), allowances: [{ ...emptyAllowance(), name: 'Phụ cấp đi lại', amountVnd: '' as const }] }
    const errors = toFormErrors(validateBody(CreateAgreementBody, toCreateBody(values), 'vi'), 'tet')
    expect(errors.unionId).toBe('Trường này là bắt buộc')
    expect(errors.title).toBe('Trường này là bắt buộc')
    expect(errors.workersCovered).toBe('Trường này là bắt buộc')
    expect(missingDates(values)).toEqual(['signedOn', 'effectiveOn', 'expiresOn'])
    expect(missingDates({ signedOn: '2025-01-10', effectiveOn: null, expiresOn: '2026-01-09' })).toEqual(['effectiveOn'])
    expect(errors['allowances.0.amountVnd']).toBe('Trường này là bắt buộc')
  })

  it('puts term errors on their inputs and speaks of the Tết bonus in months', () => {
    const values = { ...filled(), mealAllowanceVnd: -1, tetBonusMonths: 30 }
    const errors = toFormErrors(validateBody(CreateAgreementBody, toCreateBody(values), 'vi'), 'Thưởng Tết từ 0 đến 24 tháng lương')
    expect(errors.mealAllowanceVnd).toBe('Giá trị tối thiểu là 0')
    expect(errors.tetBonusMonths).toBe('Thưởng Tết từ 0 đến 24 tháng lương')
  })

  it('counts the favourable terms as typed, complete allowance rows only', () => {
    const values = filled()
    // wage, Tết, meal, one allowance, insurance.
    expect(favourableTermCount(formTerms(values))).toBe(5)
    values.allowances[1] = { ...values.allowances[1]!, name: 'Phụ cấp con nhỏ' }
    expect(favourableTermCount(formTerms(values))).toBe(5)
    expect(favourableTermCount(formTerms(emptyAgreementForm()))).toBe(0)
  })
})

describe('agreement ↔ form for edit', () => {
  const agreement: Agreement = {
    id: '0192a000-0000-7000-8000-000000000003',
    kind: 'enterprise',
    title: 'Thỏa ước lao động tập thể Công ty Thái Sơn',
    union: { id: UNION, code: 'PT-TS', name: 'CĐCS Công ty Thái Sơn', sector: 'non_state' },
    employerName: 'Công ty Thái Sơn',
    employerTaxCode: null,
    status: 'in_force',
    signedOn: '2025-01-10',
    effectiveOn: '2025-02-01',
    expiresOn: '2028-01-31',
    registeredOn: '2025-01-20',
    registrationNumber: '12/ĐK',
    inForceOn: '2025-02-01',
    endedOn: null,
    endReason: null,
    workersCovered: 320,
    terms: {
      wageAboveMinimumPercent: 8,
      annualRaisePercent: null,
      tetBonusTenthsOfMonth: 15,
      mealAllowanceVnd: 30_000,
      allowances: [{ name: 'Phụ cấp nhà ở', amountVnd: 500_000 }],
      extraLeaveDays: 2,
      healthCheckupsPerYear: null,
      extraInsurance: false,
      otherTerms: null,
    },
    favourableTerms: 5,
    notes: null,
    grade: null,
    replaces: null,
    replacedBy: null,
    documentCount: 0,
    version: 3,
    createdAt: '2025-01-10T00:00:00.000Z',
    updatedAt: '2025-01-10T00:00:00.000Z',
  }

  it('reads the record into the form (tenths back to months) and sends nothing when nothing changed', () => {
    const initial = agreementToForm(agreement)
    expect(initial.tetBonusMonths).toBe(1.5)
    expect(initial.annualRaisePercent).toBe('')
    expect(initial.employerTaxCode).toBe('')
    expect(toUpdateBody(initial, initial, true)).toEqual({})
  })

  it('sends the changed fields, the terms whole when one term changed, dates only once signed', () => {
    const initial = agreementToForm(agreement)
    const body = toUpdateBody(initial, { ...initial, workersCovered: 350, tetBonusMonths: 2, expiresOn: '2027-01-31' }, true)
    expect(Object.keys(body).sort()).toEqual(['expiresOn', 'terms', 'workersCovered'])
    expect(body.terms).toMatchObject({ tetBonusTenthsOfMonth: 20, wageAboveMinimumPercent: 8, allowances: [{ name: 'Phụ cấp nhà ở', amountVnd: 500_000 }] })
    expect(Value.Check(UpdateAgreementBody, body)).toBe(true)
    expect(toUpdateBody(initial, { ...initial, expiresOn: '2027-01-31' }, false)).toEqual({})
  })
})

describe('the term rule while typing', () => {
  it('waits for the three dates, then names the problem and its input', () => {
    expect(datesProblem({ signedOn: '2025-01-10', effectiveOn: '2025-02-01', expiresOn: null })).toBeNull()
    expect(datesProblem({ signedOn: '2025-01-10', effectiveOn: '2025-02-01', expiresOn: '2028-01-31' })).toBeNull()
    expect(datesProblem({ signedOn: '2025-03-01', effectiveOn: '2025-02-01', expiresOn: '2026-01-31' })).toBe('effective_before_signed')
    expect(datesProblem({ signedOn: '2025-01-10', effectiveOn: '2025-02-01', expiresOn: '2026-01-30' })).toBe('term_too_short')
    expect(datesProblem({ signedOn: '2025-01-10', effectiveOn: '2025-02-01', expiresOn: '2028-02-01' })).toBe('term_too_long')
    expect(datesProblemField('effective_before_signed')).toBe('effectiveOn')
    expect(datesProblemField('term_too_long')).toBe('expiresOn')
  })

  it('fills the last day of a one- to three-year term, leap days included', () => {
    expect(expiryAfterYears('2025-01-01', 3)).toBe('2027-12-31')
    expect(expiryAfterYears('2025-02-01', 1)).toBe('2026-01-31')
    expect(expiryAfterYears('2024-02-29', 1)).toBe('2025-02-27')
    for (const years of [1, 2, 3]) {
      expect(datesProblem({ signedOn: '2024-02-29', effectiveOn: '2024-02-29', expiresOn: expiryAfterYears('2024-02-29', years) })).toBeNull()
    }
  })
})
