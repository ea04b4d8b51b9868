import { describe, expect, it } from 'vitest'
import { CreateUserBody, UpdateUserBody, type User } from '@liendoan/contracts'
import { checkBody, validateBody } from '../../lib/form-errors'
import { emptyUserForm, missingChoices, toCreateUserBody, toUpdateUserBody, userToForm } from './user-body'
import { userFiltersFromParams } from './users-page'

const unionId = '0190a000-0000-7000-8000-000000000002'
const otherUnion = '0190a000-0000-7000-8000-000000000009'
const user: User = {
  id: '0190a000-0000-7000-8000-000000000001',
  email: 'phuctho@liendoan.vn',
  fullName: 'Nguyễn Thị Lan Anh',
  role: 'federation_officer',
  unionId,
  unionName: 'LĐLĐ huyện Phúc Thọ',
  status: 'active',
  lastLoginAt: null,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
}

describe('create body', () => {
  it('trims names and passes the contract schema', () => {
    const values = { ...emptyUserForm(unionId), email: ' moi@liendoan.vn ', fullName: ' Trần Văn Bình ', role: 'viewer' as const, password: 'mat khau dai 2026' }
    const checked = checkBody(CreateUserBody, toCreateUserBody(values), 'vi')
    expect(checked).toEqual({
      ok: true,
      value: { email: 'moi@liendoan.vn', fullName: 'Trần Văn Bình', role: 'viewer', unionId, password: 'mat khau dai 2026' },
    })
  })

  it('reports empty and short inputs in Vietnamese, on their fields', () => {
    const errors = validateBody(CreateUserBody, toCreateUserBody({ ...emptyUserForm(null), password: 'ngan' }), 'vi')
    expect(errors).toEqual({
      email: 'Trường này là bắt buộc',
      fullName: 'Trường này là bắt buộc',
      role: 'Trường này là bắt buộc',
      unionId: 'Trường này là bắt buộc',
      password: 'Tối thiểu 10 ký tự',
    })
  })

  it('refuses a malformed email', () => {
    const values = { ...emptyUserForm(unionId), email: 'khong-phai-email', fullName: 'A', role: 'viewer' as const, password: '0123456789' }
    expect(validateBody(CreateUserBody, toCreateUserBody(values), 'vi')).toEqual({ email: 'Email không hợp lệ' })
  })
})

describe('update body', () => {
  const initial = userToForm(user)

  it('sends only what changed', () => {
    expect(toUpdateUserBody(initial, { ...initial }, false)).toEqual({})
    expect(toUpdateUserBody(initial, { ...initial, fullName: ' Nguyễn Thị Lan Anh ' }, false)).toEqual({})
    const body = toUpdateUserBody(initial, { ...initial, role: 'viewer', unionId: otherUnion, status: 'disabled' }, false)
    expect(body).toEqual({ role: 'viewer', unionId: otherUnion, status: 'disabled' })
    expect(checkBody(UpdateUserBody, body, 'vi').ok).toBe(true)
  })

  it('sends a new password only when one was typed, and checks its length', () => {
    expect(toUpdateUserBody(initial, { ...initial, password: '' }, false)).toEqual({})
    const body = toUpdateUserBody(initial, { ...initial, password: 'short' }, false)
    expect(validateBody(UpdateUserBody, body, 'vi')).toEqual({ password: 'Tối thiểu 10 ký tự' })
  })

  it('never sends role, union or status for one’s own account', () => {
    const body = toUpdateUserBody(initial, { ...initial, fullName: 'Tên mới', role: 'admin', unionId: otherUnion, status: 'disabled' }, true)
    expect(body).toEqual({ fullName: 'Tên mới' })
  })

  it('lists cleared choices so the form can ask for them', () => {
    expect(missingChoices({ ...initial, role: null, unionId: null })).toEqual(['role', 'unionId'])
    expect(missingChoices(initial)).toEqual([])
  })
})

describe('list filters from the URL', () => {
  it('keeps known roles and a search, drops the rest', () => {
    expect(userFiltersFromParams(new URLSearchParams('q=%20lan%20&role=viewer'))).toEqual({ q: 'lan', role: 'viewer' })
    expect(userFiltersFromParams(new URLSearchParams('role=superuser&q='))).toEqual({})
  })
})
