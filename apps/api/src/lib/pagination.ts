import { DEFAULT_PAGE_SIZE, type PageOf } from '@liendoan/contracts'
import { badRequest } from './errors.js'

/** Cursors are opaque to clients: the sort key of the last row, base64url-encoded JSON. */
export function encodeCursor(values: readonly (string | number | null)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url')
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * Decodes a cursor of `arity` values. The second value is always the row id (a UUID), the
 * tie-breaker of every sort; a
 * cursor that was tampered with is a 400, never a database error.
 */
export function decodeCursor(cursor: string | undefined, arity: number): (string | number | null)[] | undefined {
  if (cursor === undefined) return undefined
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    if (
      Array.isArray(decoded) &&
      decoded.length === arity &&
      decoded.every((v) => v === null || typeof v === 'string' || typeof v === 'number') &&
      typeof decoded[1] === 'string' &&
      UUID.test(decoded[1])
    ) {
      return decoded as (string | number | null)[]
    }
  } catch {
    // fall through to the 400 below
  }
  throw badRequest('cursor', 'invalid', 'The cursor is not one this API issued.')
}

export function pageSize(limit: number | undefined): number {
  return limit ?? DEFAULT_PAGE_SIZE
}

/** Rows were fetched with `limit + 1`: the extra row tells whether a next page exists. */
export function toPage<Row, Item>(
  rows: Row[],
  limit: number,
  cursorOf: (row: Row) => (string | number | null)[],
  present: (row: Row) => Item,
): PageOf<Item> {
  const hasMore = rows.length > limit
  const pageRows = hasMore ? rows.slice(0, limit) : rows
  const last = pageRows.at(-1)
  return {
    items: pageRows.map(present),
    nextCursor: hasMore && last !== undefined ? encodeCursor(cursorOf(last)) : null,
  }
}
