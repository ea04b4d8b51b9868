import { type SQL, type SQLWrapper, inArray, sql } from 'drizzle-orm'
import type { Database } from '../../db/client.js'
import { unions } from '../../db/schema/index.js'

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

/**
 * The narrower of two subtrees given by their paths: the actor's scope and a requested `under`.
 * Null when neither contains the other (a list over them is empty).
 */
export function narrowerSubtree(actorPath: string | undefined, underPath: string | undefined): string | null {
  if (!actorPath || !underPath) return null
  if (underPath.startsWith(actorPath)) return underPath
  if (actorPath.startsWith(underPath)) return actorPath
  return null
}

/**
 * Path of the subtree a list of the current tree covers: the actor's, narrowed to `under`.
 * Read as a value first, so the list's statement has real index bounds for the planner.
 */
export async function listSubtreePath(db: Database, actorUnionId: string, under: string | undefined): Promise<string | null> {
  const ids = under && under !== actorUnionId ? [actorUnionId, under] : [actorUnionId]
  const rows = await db.select({ id: unions.id, path: unions.path }).from(unions).where(inArray(unions.id, ids))
  const actorPath = rows.find((row) => row.id === actorUnionId)?.path
  return narrowerSubtree(actorPath, under ? rows.find((row) => row.id === under)?.path : actorPath)
}
