import { ProblemError } from './errors.js'

/** Strong ETag from a row's version counter. */
export function etagOf(version: number): string {
  return `"${version}"`
}

/**
 * The version a client read, from `If-Match`. Writes without it are refused (428) so that
 * two officers editing one record can't silently overwrite each other.
 */
export function versionFromIfMatch(header: string | undefined): number {
  if (header === undefined || header.trim() === '') {
    throw new ProblemError(428, 'precondition_required', 'Send the If-Match header with the ETag you read.')
  }
  const match = /^(?:W\/)?"(\d{1,9})"$/.exec(header.trim())
  if (!match) {
    throw new ProblemError(412, 'precondition_failed', 'The If-Match header does not match the current version.')
  }
  return Number(match[1])
}

export const staleVersion = () =>
  new ProblemError(412, 'precondition_failed', 'The record was changed since you read it. Reload and try again.')
