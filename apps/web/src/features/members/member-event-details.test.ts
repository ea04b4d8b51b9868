import { describe, expect, it } from 'vitest'
import { describeMemberEvent } from './member-event-details'

const union = { id: '0190a000-0000-7000-8000-000000000003', code: 'HN-PT-0001', name: 'CĐCS Công ty Thái Sơn' }

describe('member timeline lines', () => {
  it('names both unions of a transfer, from references or plain names', () => {
    expect(
      describeMemberEvent({
        kind: 'transferred',
        union,
        details: { fromUnion: { id: 'a', code: 'A', name: 'CĐCS A' }, toUnion: { id: 'b', code: 'B', name: 'CĐCS B' }, reason: 'Chuyển công tác' },
      }),
    ).toEqual([
      { kind: 'move', from: 'CĐCS A', to: 'CĐCS B' },
      { kind: 'reason', text: 'Chuyển công tác' },
    ])
    expect(describeMemberEvent({ kind: 'transfer_rejected', union, details: { toUnionName: 'CĐCS B', decisionNote: 'Sai đơn vị' } })).toEqual([
      { kind: 'move', from: null, to: 'CĐCS B' },
      { kind: 'note', text: 'Sai đơn vị' },
    ])
  })

  it('shows the card number and what kind of issue it was', () => {
    expect(describeMemberEvent({ kind: 'card_issued', union, details: { cardNumber: 'DV20260000001', kind: 'renewal' } })).toEqual([
      { kind: 'card', cardNumber: 'DV20260000001', cardKind: 'renewal' },
    ])
    expect(describeMemberEvent({ kind: 'card_lost', union, details: { cardNumber: 'DV1', kind: 'stolen' } })).toEqual([
      { kind: 'card', cardNumber: 'DV1', cardKind: null },
    ])
  })

  it('describes status changes, positions and edits', () => {
    expect(describeMemberEvent({ kind: 'status_changed', union, details: { status: 'left', reason: 'Nghỉ việc' } })).toEqual([
      { kind: 'status', status: 'left' },
      { kind: 'reason', text: 'Nghỉ việc' },
    ])
    expect(describeMemberEvent({ kind: 'position_started', union, details: { positionName: 'Chủ tịch', termLabel: '2023–2028' } })).toEqual([
      { kind: 'position', name: 'Chủ tịch', termLabel: '2023–2028' },
      { kind: 'union', name: union.name },
    ])
    expect(describeMemberEvent({ kind: 'updated', union, details: { fields: ['fullName', 3, 'phone'] } })).toEqual([
      { kind: 'fields', fields: ['fullName', 'phone'] },
    ])
  })

  it('says nothing about shapes it does not know', () => {
    expect(describeMemberEvent({ kind: 'status_changed', union: null, details: { status: 'retired' } })).toEqual([])
    expect(describeMemberEvent({ kind: 'erased', union: null, details: { anything: 1 } })).toEqual([])
  })
})
