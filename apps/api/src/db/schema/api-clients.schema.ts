import { sql } from 'drizzle-orm'
import { check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { createdAt, id, updatedAt } from './columns.js'
import { unions } from './unions.schema.js'
import { users } from './users.schema.js'

/**
 * Integrations that call the API with the client-credentials grant, bound to a union's subtree
 * and limited to their scopes. The secret is kept only as a SHA-256 hash.
 */
export const apiClients = pgTable(
  'api_clients',
  {
    id: id(),
    name: text().notNull(),
    unionId: uuid()
      .notNull()
      .references(() => unions.id),
    scopes: text().array().notNull(),
    /** SHA-256 (hex) of the secret: 256 random bits need no slow hash (see api-clients.service.ts). */
    secretHash: text().notNull(),
    /** `ldc_…` and the last four characters, to tell secrets apart in lists. */
    secretHint: text().notNull(),
    /** Increased by every rotation; tokens carry it, so a rotation ends the earlier ones. */
    secretGeneration: integer().notNull().default(1),
    rateLimitPerMinute: integer().notNull(),
    createdByUserId: uuid()
      .notNull()
      .references(() => users.id),
    version: integer().notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    rotatedAt: timestamp({ withTimezone: true, mode: 'date' }),
    revokedAt: timestamp({ withTimezone: true, mode: 'date' }),
  },
  (t) => [
    index('api_clients_union_idx').on(t.unionId),
    index('api_clients_name_idx').on(t.name, t.id),
    check('api_clients_rate_limit_positive', sql`${t.rateLimitPerMinute} > 0`),
  ],
)
