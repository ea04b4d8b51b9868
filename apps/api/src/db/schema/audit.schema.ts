import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { id } from './columns.js'

/** Append-only record of every change and every reveal of a masked personal field. */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: id(),
    occurredAt: timestamp({ withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    actorUserId: uuid(),
    /** The API client that made the change, when one did (then actorUserId is null). */
    actorClientId: uuid(),
    action: text().notNull(),
    entityType: text().notNull(),
    entityId: uuid(),
    /** The union in whose subtree the change happened, for scoped reading of the log. */
    unionId: uuid(),
    before: jsonb().$type<unknown>(),
    after: jsonb().$type<unknown>(),
    requestId: text(),
  },
  (t) => [
    index('audit_events_entity_idx').on(t.entityType, t.entityId, t.occurredAt),
    index('audit_events_occurred_idx').on(t.occurredAt),
  ],
)
