import type { FieldError, Problem } from '@liendoan/contracts'

/**
 * A failed API call. Carries the problem+json body when the server sent one;
 * network failures get status 0 and code `network_error`.
 */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly problem: Problem | null

  constructor(status: number, problem: Problem | null, fallbackMessage?: string) {
    super(problem?.detail ?? problem?.title ?? fallbackMessage ?? `HTTP ${status}`)
    this.name = 'ApiError'
    this.status = status
    this.code = problem?.code ?? (status === 0 ? 'network_error' : 'http_error')
    this.problem = problem
  }

  get fieldErrors(): FieldError[] {
    return this.problem?.errors ?? []
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError
}

export function isNotFound(error: unknown): boolean {
  return isApiError(error) && error.status === 404
}

/** Narrow check that a parsed JSON body looks like problem details. */
export function asProblem(body: unknown): Problem | null {
  if (typeof body !== 'object' || body === null) return null
  const candidate = body as Partial<Problem>
  return typeof candidate.status === 'number' && typeof candidate.title === 'string' && typeof candidate.code === 'string'
    ? (body as Problem)
    : null
}
