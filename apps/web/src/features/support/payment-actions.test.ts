import { describe, expect, it } from 'vitest'
import { PaymentStatuses, type PaymentStatus, type Role } from '@liendoan/contracts'
import { canEditProgram, canPropose, needsOverride, paymentActions } from './payment-actions'

const PROPOSER = '0192a000-0000-7000-8000-00000000000a'
const OTHER = '0192a000-0000-7000-8000-00000000000b'
const payment = (status: PaymentStatus, proposer = PROPOSER) => ({ status, proposedBy: { id: proposer, name: 'Nguyễn Văn A' } })
const user = (role: Role, id = OTHER) => ({ id, role })

describe('paymentActions', () => {
  it('offers an approver of the programme approve, reject and cancel on a proposal by someone else', () => {
    expect(paymentActions(payment('proposed'), user('federation_officer'), true)).toEqual(['approve', 'reject', 'cancel'])
    expect(paymentActions(payment('proposed'), user('admin'), true)).toEqual(['approve', 'reject', 'cancel'])
  })

  it('never shows Approve or Reject to the proposer, whatever their role (maker-checker)', () => {
    for (const role of ['admin', 'federation_officer', 'union_officer'] as const) {
      const actions = paymentActions(payment('proposed'), user(role, PROPOSER), true)
      expect(actions, role).not.toContain('approve')
      expect(actions, role).not.toContain('reject')
      // The proposer may still withdraw their own proposal.
      expect(actions, role).toContain('cancel')
    }
  })

  it('lets the approver record the disbursement of an approved payment or cancel it, even one they proposed', () => {
    expect(paymentActions(payment('approved'), user('federation_officer'), true)).toEqual(['disburse', 'cancel'])
    expect(paymentActions(payment('approved'), user('federation_officer', PROPOSER), true)).toEqual(['disburse', 'cancel'])
  })

  it('leaves an approved payment alone for a proposer without the approver permission', () => {
    expect(paymentActions(payment('approved'), user('union_officer', PROPOSER), true)).toEqual([])
  })

  it('offers nothing on disbursed, rejected or cancelled payments', () => {
    for (const status of ['disbursed', 'rejected', 'cancelled'] as const) {
      expect(paymentActions(payment(status), user('admin'), true), status).toEqual([])
      expect(paymentActions(payment(status), user('admin', PROPOSER), true), status).toEqual([])
    }
  })

  it('gives nothing to viewers and no decisions to union officers', () => {
    for (const status of PaymentStatuses) expect(paymentActions(payment(status), user('viewer'), true)).toEqual([])
    expect(paymentActions(payment('proposed'), user('union_officer'), true)).toEqual([])
  })

  it('hides decisions from officers below the running union (they see the programme but do not run it)', () => {
    expect(paymentActions(payment('proposed'), user('federation_officer'), false)).toEqual([])
    expect(paymentActions(payment('approved'), user('federation_officer'), false)).toEqual([])
    // Their own proposal they may still withdraw.
    expect(paymentActions(payment('proposed'), user('federation_officer', PROPOSER), false)).toEqual(['cancel'])
  })

  it('leaves the decision to the API when it is not known who runs the programme', () => {
    expect(paymentActions(payment('proposed'), user('federation_officer'), null)).toEqual(['approve', 'reject', 'cancel'])
  })
})

describe('needsOverride', () => {
  it('asks for a reason only when the amount differs from what the rule gives', () => {
    expect(needsOverride({ amountVnd: 8_500_000, ruleAmountVnd: 8_500_000 })).toBe(false)
    expect(needsOverride({ amountVnd: 8_500_000, ruleAmountVnd: 6_000_000 })).toBe(true)
    // Hardship: any amount up to the cap, no rule amount.
    expect(needsOverride({ amountVnd: 700_000, ruleAmountVnd: null })).toBe(false)
  })
})

describe('programme permissions', () => {
  it('lets officers propose under an open programme only', () => {
    expect(canPropose({ role: 'union_officer' }, { status: 'open' })).toBe(true)
    expect(canPropose({ role: 'federation_officer' }, { status: 'closed' })).toBe(false)
    expect(canPropose({ role: 'viewer' }, { status: 'open' })).toBe(false)
  })

  it('lets managers who run the programme edit it', () => {
    expect(canEditProgram({ role: 'federation_officer' }, true)).toBe(true)
    expect(canEditProgram({ role: 'federation_officer' }, false)).toBe(false)
    expect(canEditProgram({ role: 'federation_officer' }, undefined)).toBe(false)
    expect(canEditProgram({ role: 'union_officer' }, true)).toBe(false)
  })
})
