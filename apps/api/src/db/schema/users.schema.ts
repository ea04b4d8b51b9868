import { sql } from 'drizzle-orm'
import { check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { createdAt, id, updatedAt } from './columns.js'
import { unions } from './unions.schema.js'

export const users = pgTable(
  'users',
  {
    id: id(),
    email: text().notNull(),
    passwordHash: text().notNull(),
    fullName: text().notNull(),
    role: text({ enum: ['admin', 'federation_officer', 'union_officer', 'viewer'] }).notNull(),
    unionId: uuid()
      .notNull()
      .references(() => unions.id),
    status: text({ enum: ['active', 'disabled'] })
      .notNull()
      .default('active'),
    lastLoginAt: timestamp({ withTimezone: true, mode: 'date' }),
    version: integer().notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('users_email_key').on(sql`lower(${t.email})`),
    index('users_union_idx').on(t.unionId),
    check('users_role_valid', sql`${t.role} IN ('admin', 'federation_officer', 'union_officer', 'viewer')`),
    check('users_status_valid', sql`${t.status} IN ('active', 'disabled')`),
  ],
)

/**
 * Refresh tokens, stored as SHA-256 hashes. Each use rotates the token; a token of the
 * same family presented after rotation means it leaked, so the whole family is revoked.
 */
export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    familyId: uuid().notNull(),
    tokenHash: text().notNull(),
    expiresAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
    rotatedAt: timestamp({ withTimezone: true, mode: 'date' }),
    revokedAt: timestamp({ withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('refresh_tokens_hash_key').on(t.tokenHash), index('refresh_tokens_family_idx').on(t.familyId)],
)
