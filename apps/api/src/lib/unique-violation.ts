/**
 * The unique constraint a failed write broke (PostgreSQL 23505), or undefined. Drivers and
 * drizzle wrap the database error, so the chain of causes is walked. Services use it to turn a
 * race lost to a partial unique index into a 409 that says which rule was hit.
 */
export function violatedUniqueConstraint(error: unknown): string | undefined {
  let current: unknown = error
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const candidate = current as { code?: unknown; constraint?: unknown; cause?: unknown }
    if (candidate.code === '23505') return typeof candidate.constraint === 'string' ? candidate.constraint : ''
    current = candidate.cause
  }
  return undefined
}
