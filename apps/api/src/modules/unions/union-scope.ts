import { type SQL, type SQLWrapper, sql } from 'drizzle-orm'

/**
 * Subtree predicates over the materialized path. `path` uses byte-order collation, so
 * "everything under X" is the index range [X.path, X.path || '~'): '~' sorts after every
 * character a path holds (hex digits, '-' and '/').
 *
 * These are the unions module's way of letting other modules scope their queries without
 * reading its tables themselves.
 */
const pathOf = (unionId: string | SQLWrapper) => sql`(SELECT scope_root.path FROM unions scope_root WHERE scope_root.id = ${unionId})`

/** The unit whose path is `pathColumn` is `rootUnionId` or below it. */
export function pathWithinSubtree(pathColumn: SQLWrapper, rootUnionId: string | SQLWrapper): SQL {
  return sql`(${pathColumn} >= ${pathOf(rootUnionId)} AND ${pathColumn} < (${pathOf(rootUnionId)} || '~'))`
}

/** A row whose `unionIdColumn` points at `rootUnionId` or a unit below it. */
export function unionIdWithinSubtree(unionIdColumn: SQLWrapper, rootUnionId: string | SQLWrapper): SQL {
  return sql`${unionIdColumn} IN (SELECT scoped.id FROM unions scoped WHERE ${pathWithinSubtree(sql`scoped.path`, rootUnionId)})`
}

/** Whether a unit whose path is `path` is `unionId` or below it: the path names all its ancestors. */
export function pathIncludesUnion(path: string, unionId: string): boolean {
  return path.includes(`/${unionId}/`)
}

/** Path segments to ids: `/a/b/c/` → ['a', 'b', 'c']. */
export function idsOfPath(path: string): string[] {
  return path.split('/').filter(Boolean)
}
