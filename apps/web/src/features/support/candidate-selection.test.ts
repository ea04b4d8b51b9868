import { describe, expect, it } from 'vitest'
import Value from 'typebox/value'
import { ProposePaymentsBulkBody, type SupportCandidate } from '@liendoan/contracts'
import { bulkBody, bulkSelectable, candidateKey, parseAccountId, toggleAll } from './candidate-selection'

const PROGRAM = '0192a000-0000-7000-8000-0000000000aa'
const union = { id: '0192a000-0000-7000-8000-000000000011', code: 'PT-001', name: 'CĐCS Công ty Thái Sơn' }

const agreement = (n: number, amount = 8_500_000): SupportCandidate => ({
  reason: { kind: 'agreement', id: `0192a000-0000-7000-8000-0000000001${String(n).padStart(2, '0')}`, label: `Thỏa ước ${n} (loại A)` },
  role: 'union',
  beneficiary: { kind: 'union', id: union.id, name: union.name },
  union,
  amountVnd: amount,
  basis: 'Loại A, đăng ký 12/03/2025',
})
const founding = (role: 'union' | 'organiser'): SupportCandidate => ({
  reason: { kind: 'union_founding', id: union.id, label: 'Thành lập CĐCS Công ty Thái Sơn (32 đoàn viên)' },
  role,
  beneficiary: role === 'union' ? { kind: 'union', id: union.id, name: union.name } : null,
  union,
  amountVnd: role === 'union' ? 5_000_000 : 1_000_000,
  basis: '32 đoàn viên, thành lập 01/06/2021',
})

describe('candidate selection', () => {
  it('tells the founding union and its organiser apart', () => {
    expect(candidateKey(founding('union'))).not.toBe(candidateKey(founding('organiser')))
  })

  it('leaves organisers (no named officer yet) out of the bulk proposal', () => {
    expect(bulkSelectable(agreement(1))).toBe(true)
    expect(bulkSelectable(founding('union'))).toBe(true)
    expect(bulkSelectable(founding('organiser'))).toBe(false)
  })

  it('builds a bulk body the contract accepts', () => {
    const body = bulkBody(PROGRAM, [agreement(1), founding('union'), founding('organiser')])
    expect(body.items).toEqual([
      { kind: 'agreement', reasonId: agreement(1).reason.id, role: 'union' },
      { kind: 'union_founding', reasonId: union.id, role: 'union' },
    ])
    expect(Value.Check(ProposePaymentsBulkBody, body)).toBe(true)
  })

  it('selects every selectable row shown, or clears them when all are selected', () => {
    const shown = [agreement(1), agreement(2), founding('organiser')]
    const all = toggleAll(new Map(), shown)
    expect([...all.keys()]).toEqual([candidateKey(agreement(1)), candidateKey(agreement(2))])
    expect(toggleAll(all, shown).size).toBe(0)
    // A selection from an earlier page survives.
    const earlier = new Map([[candidateKey(agreement(9)), agreement(9)]])
    expect(toggleAll(earlier, shown).size).toBe(3)
  })

  it('reads an account id as pasted', () => {
    expect(parseAccountId(' 0192A000-0000-7000-8000-0000000000AA ')).toBe('0192a000-0000-7000-8000-0000000000aa')
    expect(parseAccountId('phuctho@liendoan.vn')).toBeNull()
  })
})
