import { describe, expect, it } from 'vitest'
import type { Problem } from '@liendoan/contracts'
import { ApiError } from '../../api/api-error'
import i18n from '../../i18n'
import { asksForOverride, supportErrorCode, supportErrorMessage } from './support-errors'

const t = i18n.getFixedT('vi')

function problem(status: number, code: string, errors: Problem['errors'] = undefined): ApiError {
  return new ApiError(status, { type: 'about:blank', title: 'Lỗi', status, detail: 'detail', code, requestId: 'r1', ...(errors ? { errors } : {}) } as Problem)
}

describe('support errors in words', () => {
  it('explains maker-checker, budget and already-paid refusals in Vietnamese', () => {
    expect(supportErrorMessage(problem(403, 'maker_checker'), t)).toMatch(/^Người đề xuất không được tự phê duyệt/)
    expect(supportErrorMessage(problem(409, 'budget_exceeded'), t)).toMatch(/^Vượt kinh phí/)
    expect(supportErrorMessage(problem(409, 'already_paid'), t)).toMatch(/không chi hai lần/)
    expect(supportErrorMessage(problem(409, 'invalid_transition'), t)).toMatch(/người khác xử lý/)
    expect(supportErrorCode(problem(422, 'not_eligible'))).toBe('not_eligible')
  })

  it('falls back to the app’s message for other failures', () => {
    expect(supportErrorMessage(problem(403, 'forbidden'), t)).toBe('Bạn không có quyền thực hiện thao tác này.')
    expect(supportErrorMessage(new Error('boom'), t)).toBe('Thao tác không thành công. Vui lòng thử lại.')
  })

  it('recognises the API asking for an override reason', () => {
    const asked = problem(422, 'validation_failed', [{ field: '/overrideReason', code: 'override_reason_required', message: 'Cần lý do' }])
    expect(asksForOverride(asked)).toBe(true)
    expect(asksForOverride(problem(422, 'validation_failed', [{ field: '/reference', code: 'required', message: 'x' }]))).toBe(false)
    expect(asksForOverride(problem(409, 'budget_exceeded'))).toBe(false)
  })
})
