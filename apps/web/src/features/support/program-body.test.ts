import { describe, expect, it } from 'vitest'
import Value from 'typebox/value'
import { CreateSupportProgramBody, SupportRules, UpdateSupportProgramBody, validationMessage, type SupportProgram } from '@liendoan/contracts'
import { validateBody } from '../../lib/form-errors'
import {
  duplicateGradeRows,
  emptyGradeRow,
  emptyProgramForm,
  emptyRulesForm,
  formToRules,
  isProgramFormField,
  periodProblem,
  programToForm,
  rulesToForm,
  toCreateBody,
  toUpdateBody,
  type ProgramFormValues,
} from './program-body'

const HANOI = { id: '0192a000-0000-7000-8000-000000000001', code: 'HN', name: 'LĐLĐ thành phố Hà Nội' }

const agreementRules: SupportRules = {
  agreementGrade: {
    amounts: [
      { grade: 'A', amountVnd: 8_500_000 },
      { grade: 'B', amountVnd: 6_000_000 },
    ],
  },
}
const newUnionRules: SupportRules = { newUnion: { sector: 'non_state', minMembers: 25, unionAmountVnd: 5_000_000, organiserAmountVnd: 1_000_000 } }
const hardshipRules: SupportRules = { hardship: { maxAmountVnd: 1_000_000, maxPerYear: 1 } }

function program(rules: SupportRules): SupportProgram {
  return {
    id: '0192a000-0000-7000-8000-0000000000aa',
    name: 'Đề án thí điểm thỏa ước',
    description: null,
    decisionNumber: '2312/QĐ-LĐLĐ',
    decisionDate: '2022-12-28',
    periodFrom: '2023-01-01',
    periodTo: '2026-12-31',
    union: HANOI,
    rules,
    status: 'open',
    figures: { budgetVnd: 800_000_000, proposedVnd: 0, approvedVnd: 0, disbursedVnd: 0, committedVnd: 0, remainingVnd: 800_000_000 },
    version: 3,
    createdAt: '2022-12-28T03:00:00Z',
    updatedAt: '2022-12-28T03:00:00Z',
  }
}

function filled(): ProgramFormValues {
  const values = emptyProgramForm()
  return {
    ...values,
    name: '  Đề án   hỗ trợ thỏa ước ',
    decisionNumber: ' 2312/QĐ-LĐLĐ ',
    decisionDate: '2022-12-28',
    periodFrom: '2023-01-01',
    periodTo: '2026-12-31',
    budgetVnd: 800_000_000,
    rules: rulesToForm(agreementRules),
  }
}

describe('rules ↔ form', () => {
  it('gives back each kind of rule unchanged after a round trip through the editor', () => {
    for (const rules of [agreementRules, newUnionRules, hardshipRules, { ...agreementRules, ...newUnionRules, ...hardshipRules }]) {
      const back = formToRules(rulesToForm(rules))
      expect(back).toEqual(rules)
      expect(Value.Check(SupportRules, back)).toBe(true)
    }
  })

  it('keeps a new union rule for any sector and without an organiser amount', () => {
    const rules: SupportRules = { newUnion: { sector: null, minMembers: 5, unionAmountVnd: 2_000_000, organiserAmountVnd: null } }
    const form = rulesToForm(rules)
    expect(form.newUnion.organiserAmountVnd).toBe('')
    expect(formToRules(form)).toEqual(rules)
  })

  it('leaves switched-off kinds out and keeps their defaults for when they are switched on', () => {
    const form = rulesToForm(hardshipRules)
    expect(form.agreementGrade.enabled).toBe(false)
    expect(form.agreementGrade.amounts.map((row) => row.grade)).toEqual(['A', 'B'])
    expect(form.newUnion).toMatchObject({ enabled: false, sector: 'non_state', minMembers: 25 })
    expect(Object.keys(formToRules(form))).toEqual(['hardship'])
  })

  it('reads amounts typed as text and upper-cases grades', () => {
    const form = emptyRulesForm()
    form.agreementGrade = { enabled: true, amounts: [{ ...emptyGradeRow(' a '), amountVnd: '8.500.000' }] }
    expect(formToRules(form)).toEqual({ agreementGrade: { amounts: [{ grade: 'A', amountVnd: 8_500_000 }] } })
  })

  it('puts schema errors on the rule inputs, at the same paths as the API', () => {
    const form = emptyRulesForm()
    form.agreementGrade = { enabled: true, amounts: [{ ...emptyGradeRow('A'), amountVnd: '' }, { ...emptyGradeRow('B'), amountVnd: 0 }] }
    const errors = validateBody(SupportRules, formToRules(form), 'vi')
    expect(Object.keys(errors).sort()).toEqual(['agreementGrade.amounts.0.amountVnd', 'agreementGrade.amounts.1.amountVnd'])
    // An empty box is "required"; a zero is below the minimum.
    expect(errors['agreementGrade.amounts.0.amountVnd']).toBe(validationMessage('required', {}, 'vi'))
    expect(errors['agreementGrade.amounts.1.amountVnd']).toBe(validationMessage('minimum', { limit: 1 }, 'vi'))
  })

  it('refuses rules with no kind switched on', () => {
    expect(Value.Check(SupportRules, formToRules(emptyRulesForm()))).toBe(false)
  })

  it('finds a grade listed twice', () => {
    const form = emptyRulesForm()
    form.agreementGrade.amounts = [emptyGradeRow('A'), emptyGradeRow('B'), emptyGradeRow('a')]
    expect(duplicateGradeRows(form)).toEqual([2])
  })
})

describe('programme bodies', () => {
  it('builds a create body the contract accepts, trimmed, without empty optional fields', () => {
    const body = toCreateBody(filled())
    expect(Value.Check(CreateSupportProgramBody, body)).toBe(true)
    expect(body).toEqual({
      name: 'Đề án hỗ trợ thỏa ước',
      decisionNumber: '2312/QĐ-LĐLĐ',
      decisionDate: '2022-12-28',
      periodFrom: '2023-01-01',
      periodTo: '2026-12-31',
      budgetVnd: 800_000_000,
      rules: agreementRules,
    })
    expect(toCreateBody({ ...filled(), unionId: HANOI.id, description: ' Hỗ trợ ' })).toMatchObject({ unionId: HANOI.id, description: 'Hỗ trợ' })
  })

  it('says which fields are missing, in Vietnamese, for an empty form', () => {
    const errors = validateBody(CreateSupportProgramBody, toCreateBody(emptyProgramForm()), 'vi')
    expect(Object.keys(errors)).toEqual(expect.arrayContaining(['name', 'decisionNumber', 'decisionDate', 'periodFrom', 'periodTo', 'budgetVnd']))
    expect(errors.budgetVnd).toBe(validationMessage('required', {}, 'vi'))
    expect(errors.decisionDate).toBe(validationMessage('required', {}, 'vi'))
  })

  it('sends only what changed on edit, rules only when they changed', () => {
    const initial = programToForm(program(agreementRules))
    expect(toUpdateBody(initial, initial)).toEqual({})
    const budget = toUpdateBody(initial, { ...initial, budgetVnd: 900_000_000, status: 'closed' })
    expect(budget).toEqual({ budgetVnd: 900_000_000, status: 'closed' })
    expect(Value.Check(UpdateSupportProgramBody, budget)).toBe(true)
    const raised = structuredClone(initial)
    raised.rules.agreementGrade.amounts[0]!.amountVnd = 9_000_000
    expect(toUpdateBody(initial, raised)).toEqual({
      rules: {
        agreementGrade: {
          amounts: [
            { grade: 'A', amountVnd: 9_000_000 },
            { grade: 'B', amountVnd: 6_000_000 },
          ],
        },
      },
    })
    expect(toUpdateBody({ ...initial, description: 'Cũ' }, { ...initial, description: '  ' })).toEqual({ description: null })
  })

  it('checks the period order and knows the form’s fields', () => {
    expect(periodProblem({ periodFrom: '2023-01-01', periodTo: '2022-12-31' })).toBe(true)
    expect(periodProblem({ periodFrom: '2023-01-01', periodTo: '2023-01-01' })).toBe(false)
    expect(isProgramFormField('rules.agreementGrade.amounts.0.amountVnd')).toBe(true)
    expect(isProgramFormField('budgetVnd')).toBe(true)
    expect(isProgramFormField('programId')).toBe(false)
  })
})
