import { describe, expect, it } from 'vitest'
import { AgreementStatuses, AgreementTransitions, type Agreement, type AgreementStatus } from '@liendoan/contracts'
import { availableActions, daysUntil, suggestedGrade } from './agreement-rules'

const TODAY = '2026-03-15'
const signedDates = { effectiveOn: '2026-03-01', expiresOn: '2029-02-28' }

function agreement(status: AgreementStatus, overrides: Partial<Pick<Agreement, 'effectiveOn' | 'expiresOn' | 'replacedBy'>> = {}) {
  return { status, replacedBy: null, ...(status === 'negotiating' ? { effectiveOn: null, expiresOn: null } : signedDates), ...overrides }
}

describe('which actions show', () => {
  it('offers a federation officer every transition the status allows, and grading where it may', () => {
    expect(availableActions(agreement('negotiating'), 'federation_officer', TODAY)).toEqual(['sign', 'edit', 'terminate', 'documents'])
    expect(availableActions(agreement('signed'), 'federation_officer', TODAY)).toEqual(['register', 'bringIntoForce', 'edit', 'terminate', 'documents'])
    expect(availableActions(agreement('registered'), 'federation_officer', TODAY)).toEqual(['bringIntoForce', 'grade', 'edit', 'terminate', 'documents'])
    expect(availableActions(agreement('in_force'), 'federation_officer', TODAY)).toEqual(['grade', 'renew', 'edit', 'terminate', 'documents'])
    expect(availableActions(agreement('expired'), 'federation_officer', TODAY)).toEqual(['grade', 'renew'])
    expect(availableActions(agreement('replaced'), 'federation_officer', TODAY)).toEqual([])
    expect(availableActions(agreement('terminated'), 'admin', TODAY)).toEqual([])
  })

  it('never offers what the transitions refuse', () => {
    const toStatus = { sign: 'signed', register: 'registered', bringIntoForce: 'in_force', terminate: 'terminated' } as const
    for (const status of AgreementStatuses) {
      for (const action of availableActions(agreement(status), 'admin', TODAY)) {
        if (action in toStatus) expect(AgreementTransitions[status]).toContain(toStatus[action as keyof typeof toStatus])
      }
    }
  })

  it('leaves registering and grading to the federation: a grassroots officer signs, brings into force, ends and renews', () => {
    expect(availableActions(agreement('signed'), 'union_officer', TODAY)).toEqual(['bringIntoForce', 'edit', 'terminate', 'documents'])
    expect(availableActions(agreement('in_force'), 'union_officer', TODAY)).toEqual(['renew', 'edit', 'terminate', 'documents'])
    expect(availableActions(agreement('expired'), 'union_officer', TODAY)).toEqual(['renew'])
  })

  it('shows a viewer nothing to do', () => {
    for (const status of AgreementStatuses) expect(availableActions(agreement(status), 'viewer', TODAY)).toEqual([])
  })

  it('waits for the effective date before bringing into force, and not after the last day', () => {
    expect(availableActions(agreement('signed', { effectiveOn: '2026-04-01' }), 'admin', TODAY)).not.toContain('bringIntoForce')
    expect(availableActions(agreement('signed', { effectiveOn: TODAY }), 'admin', TODAY)).toContain('bringIntoForce')
    expect(availableActions(agreement('registered', { effectiveOn: '2023-01-01', expiresOn: '2026-03-14' }), 'admin', TODAY)).not.toContain('bringIntoForce')
  })

  it('does not renew an agreement twice', () => {
    const renewed = agreement('in_force', { replacedBy: { id: '0192a000-0000-7000-8000-000000000009', title: 'Thỏa ước mới', status: 'negotiating' } })
    expect(availableActions(renewed, 'admin', TODAY)).not.toContain('renew')
  })
})

describe('grades and days', () => {
  const grades = [
    { code: 'C', minFavourableTerms: 1, sortOrder: 30 },
    { code: 'A', minFavourableTerms: 5, sortOrder: 10 },
    { code: 'D', minFavourableTerms: 0, sortOrder: 40 },
    { code: 'B', minFavourableTerms: 3, sortOrder: 20 },
  ]

  it('suggests the best grade whose minimum the favourable-term count reaches', () => {
    expect(suggestedGrade(grades, 6)?.code).toBe('A')
    expect(suggestedGrade(grades, 5)?.code).toBe('A')
    expect(suggestedGrade(grades, 4)?.code).toBe('B')
    expect(suggestedGrade(grades, 1)?.code).toBe('C')
    expect(suggestedGrade(grades, 0)?.code).toBe('D')
    expect(suggestedGrade([], 3)).toBeNull()
  })

  it('counts whole days to the last day in force', () => {
    expect(daysUntil('2026-03-15', TODAY)).toBe(0)
    expect(daysUntil('2026-04-14', TODAY)).toBe(30)
    expect(daysUntil('2026-03-14', TODAY)).toBe(-1)
  })
})
