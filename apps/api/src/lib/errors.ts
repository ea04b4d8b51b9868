import type { ErrorCode, FieldError } from '@liendoan/contracts'

/**
 * An error a client can cause or should know about. The error plugin turns it into an
 * RFC 9457 problem; anything that is not a ProblemError becomes a plain 500.
 */
export class ProblemError extends Error {
  readonly status: number
  readonly code: ErrorCode
  readonly errors: FieldErrorInput[] | undefined
  readonly detail: string | undefined

  constructor(status: number, code: ErrorCode, detail?: string, errors?: FieldErrorInput[]) {
    super(detail ?? code)
    this.name = 'ProblemError'
    this.status = status
    this.code = code
    this.detail = detail
    this.errors = errors
  }
}

/** A field error before its message is rendered in the client's language. */
export type FieldErrorInput = Omit<FieldError, 'message'> & { message?: string }

export const notFound = (detail = 'The record does not exist or is outside your scope.') =>
  new ProblemError(404, 'not_found', detail)
export const forbidden = (detail = 'Your role does not allow this action.') => new ProblemError(403, 'forbidden', detail)
export const unauthorized = (code: ErrorCode = 'unauthorized', detail = 'Sign in to continue.') =>
  new ProblemError(401, code, detail)
export const badRequest = (field: string, code: string, detail?: string) =>
  new ProblemError(400, 'validation_failed', detail ?? 'The request is invalid.', [{ field, code }])
