import { describe, expect, it } from 'vitest'
import Value from 'typebox/value'
import { CreateMemberBody, UpdateMemberBody, type Member } from '@liendoan/contracts'
import { emptyMemberForm, memberToForm, toCreateBody, toUpdateBody } from './member-body'

const unionId = '0190a000-0000-7000-8000-000000000003'

const member: Member = {
  id: '0190a000-0000-7000-8000-000000000010',
  union: { id: unionId, code: 'HN-PT-0001', name: 'CĐCS Công ty Thái Sơn' },
  fullName: 'Trần Văn Hùng',
  dateOfBirth: '1990-05-12',
  gender: 'male',
  citizenId: '********4567',
  phone: '09******78',
  revealed: [],
  ethnicity: 'Kinh',
  occupation: 'Công nhân',
  admittedOn: '2015-03-01',
  status: 'active',
  statusDate: null,
  statusReason: null,
  cardNumber: null,
  cardIssuedOn: null,
  cardStatus: 'none',
  erased: false,
  version: 3,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
}

describe('admission body', () => {
  it('builds a body the contract accepts from what an officer types', () => {
    const values = {
      ...emptyMemberForm(unionId, '2026-03-02'),
      fullName: '  Trần  Văn Hùng ',
      dateOfBirth: '1990-05-12',
      gender: 'male' as const,
      citizenId: '001 090 004 567',
      phone: ' 0912 345 678 ',
      cardNumber: ' dv20260000123 ',
      cardIssuedOn: '2026-03-02',
    }
    const body = toCreateBody(values)
    expect(body).toEqual({
      unionId,
      fullName: 'Trần Văn Hùng',
      dateOfBirth: '1990-05-12',
      gender: 'male',
      citizenId: '001090004567',
      phone: '0912 345 678',
      ethnicity: 'Kinh',
      admittedOn: '2026-03-02',
      cardNumber: 'DV20260000123',
      cardIssuedOn: '2026-03-02',
    })
    expect(Value.Check(CreateMemberBody, body)).toBe(true)
  })

  it('leaves out empty inputs so the schema reports them as required', () => {
    const body = toCreateBody({ ...emptyMemberForm(null, '2026-03-02'), ethnicity: '' })
    expect(body).toEqual({ fullName: '', citizenId: '', admittedOn: '2026-03-02' })
    expect(Value.Check(CreateMemberBody, body)).toBe(false)
  })

  it('sends no card issue date without a card number', () => {
    const body = toCreateBody({ ...emptyMemberForm(unionId, '2026-03-02'), cardIssuedOn: '2026-03-02' })
    expect(body).not.toHaveProperty('cardIssuedOn')
  })
})

describe('edit body', () => {
  it('sends only the fields that changed', () => {
    const initial = memberToForm(member)
    expect(toUpdateBody(initial, initial)).toEqual({})
    const body = toUpdateBody(initial, { ...initial, fullName: 'Trần Văn Hưng', occupation: '' })
    expect(body).toEqual({ fullName: 'Trần Văn Hưng', occupation: null })
    expect(Value.Check(UpdateMemberBody, body)).toBe(true)
  })

  it('never sends the masked CCCD or phone back; a typed value replaces them', () => {
    const initial = memberToForm(member)
    expect(initial.citizenId).toBe('')
    expect(initial.phone).toBe('')
    expect(toUpdateBody(initial, { ...initial, citizenId: '001090004568' })).toEqual({ citizenId: '001090004568' })
  })

  it('removes the phone when asked, whatever its box holds', () => {
    const initial = memberToForm(member)
    const body = toUpdateBody(initial, { ...initial, phone: '0912345678', clearPhone: true })
    expect(body).toEqual({ phone: null })
    expect(Value.Check(UpdateMemberBody, body)).toBe(true)
    expect(toUpdateBody(initial, { ...initial, phone: '0912 345 678' })).toEqual({ phone: '0912 345 678' })
  })
})
