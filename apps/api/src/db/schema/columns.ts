import { customType, timestamp, uuid } from 'drizzle-orm/pg-core'

/**
 * Materialized tree path, `/<rootId>/<childId>/.../`. Byte-order collation so a subtree is
 * the index range `[path, path || '~')` whatever the database's default collation is.
 */
export const treePath = customType<{ data: string }>({
  dataType: () => 'text COLLATE "C"',
})

export const id = () => uuid().primaryKey()
export const createdAt = () => timestamp({ withTimezone: true, mode: 'date' }).notNull().defaultNow()
export const updatedAt = () => timestamp({ withTimezone: true, mode: 'date' }).notNull().defaultNow()

/**
 * Normalized (lower-case, unaccented) text compared byte by byte: alphabetical for ASCII, and
 * a prefix is an index range (`LIKE 'nguyen thi%'` uses a plain btree).
 */
export const byteOrderText = customType<{ data: string }>({
  dataType: () => 'text COLLATE "C"',
})
