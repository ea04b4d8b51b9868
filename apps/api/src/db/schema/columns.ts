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
