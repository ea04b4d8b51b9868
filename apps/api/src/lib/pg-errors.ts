/** A PostgreSQL error as drivers report it: a SQLSTATE code, and for constraints its name. */
export interface PgErrorLike {
  code: string
  constraint?: string
  detail?: string
}

/** The PostgreSQL error behind `error`, if any. Drivers and drizzle wrap it, so the chain of causes is walked. */
export function findPgError(error: unknown): PgErrorLike | undefined {
  let current: unknown = error
  for (let depth = 0; depth < 5 && current; depth++) {
    const candidate = current as { code?: unknown; cause?: unknown }
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) return candidate as PgErrorLike
    current = candidate.cause
  }
  return undefined
}

/**
 * The unique constraint a failed write broke (23505), or undefined. Services use it to turn a
 * race lost to a partial unique index into a 409 that says which rule was hit.
 */
export function violatedUniqueConstraint(error: unknown): string | undefined {
  const pgError = findPgError(error)
  return pgError?.code === '23505' ? (pgError.constraint ?? '') : undefined
}

/**
 * The CHECK constraint a failed write broke (23514), or undefined. Rules kept by the database
 * itself (a budget, maker-checker) surface this way, also from inside a trigger.
 */
export function violatedCheckConstraint(error: unknown): string | undefined {
  const pgError = findPgError(error)
  return pgError?.code === '23514' ? (pgError.constraint ?? '') : undefined
}
