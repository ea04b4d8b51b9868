import { describe, expect, it, vi } from 'vitest'
import { CreateUnionBody, UpdateUnionBody, type FieldError } from '@liendoan/contracts'
import { applyProblemToForm, checkBody, pointerToField, problemToFormErrors, validateBody } from './form-errors'

describe('problem+json errors on form fields', () => {
  const errors: FieldError[] = [
    { field: '/foundingDecisionDate', code: 'format', message: 'Ngày không hợp lệ', params: { format: 'date' } },
    { field: '/name', code: 'minLength', message: 'Không được để trống', params: { limit: 1 } },
    { field: '/name', code: 'maxLength', message: 'second error for the same field is ignored' },
    { field: '/employerTaxCode', code: 'some_new_code', message: 'Thông điệp từ máy chủ' },
  ]

  it('maps JSON pointers to field names', () => {
    expect(pointerToField('/name')).toBe('name')
    expect(pointerToField('/grades/0/label')).toBe('grades.0.label')
  })

  it('uses the shared Vietnamese messages, first error per field', () => {
    expect(problemToFormErrors(errors, 'vi')).toEqual({
      foundingDecisionDate: 'Ngày không hợp lệ (định dạng YYYY-MM-DD)',
      name: 'Không được để trống',
      employerTaxCode: 'Thông điệp từ máy chủ',
    })
  })

  it('follows the language switch', () => {
    expect(problemToFormErrors(errors, 'en').name).toBe('Must not be empty')
  })

  it('sets errors on fields the form has and returns the others', () => {
    const setErrors = vi.fn()
    const rest = applyProblemToForm(errors, ['name', 'foundingDecisionDate'], setErrors, 'vi')
    expect(setErrors).toHaveBeenCalledWith({
      name: 'Không được để trống',
      foundingDecisionDate: 'Ngày không hợp lệ (định dạng YYYY-MM-DD)',
    })
    expect(rest).toEqual({ employerTaxCode: 'Thông điệp từ máy chủ' })
  })
})

describe('client-side validation with the contract schemas', () => {
  it('reports required fields by name', () => {
    const result = validateBody(CreateUnionBody, { name: 'CĐCS Công ty Thái Sơn' }, 'vi')
    expect(result).toMatchObject({
      code: 'Trường này là bắt buộc',
      unitTypeId: 'Trường này là bắt buộc',
      parentId: 'Trường này là bắt buộc',
    })
  })

  it('reports the actionable error for nullable fields, not "must be null"', () => {
    const result = validateBody(UpdateUnionBody, { employerTaxCode: '12', workersEmployed: -1 }, 'vi')
    expect(result.employerTaxCode).toBe('Sai định dạng')
    expect(result.workersEmployed).toBe('Giá trị tối thiểu là 0')
  })

  it('types a valid body as the contract body', () => {
    const result = checkBody(UpdateUnionBody, { address: 'Thị trấn Phúc Thọ' }, 'vi')
    expect(result.ok).toBe(true)
  })
})
