import { v7 as uuidv7 } from 'uuid'
import type { Database } from '../db/client.js'
import { auditEvents } from '../db/schema/index.js'
import type { RequestContext } from './actor.js'

export interface AuditEntry {
  action: string
  entityType: string
  entityId: string | null
  unionId: string | null
  before?: unknown
  after?: unknown
}

/**
 * Appends an audit event. Pass the transaction that makes the change, so the event and the
 * change commit or roll back together.
 */
export async function recordAudit(tx: Database, context: RequestContext, entry: AuditEntry): Promise<void> {
  await recordAudits(tx, context, [entry])
}

/** Appends several audit events in one statement (e.g. one per member a list page revealed). */
export async function recordAudits(tx: Database, context: RequestContext, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return
  await tx.insert(auditEvents).values(
    entries.map((entry) => ({
      id: uuidv7(),
      actorUserId: context.actor.userId,
      actorClientId: context.actor.client?.id ?? null,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      unionId: entry.unionId,
      before: entry.before ?? null,
      after: entry.after ?? null,
      requestId: context.requestId,
    })),
  )
}

/**
 * Appends audit events for changes the system makes by itself (a scheduled job): no actor and
 * no request. A job started through the API records its caller with `recordAudits` instead.
 */
export async function recordSystemAudits(tx: Database, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return
  await tx.insert(auditEvents).values(
    entries.map((entry) => ({
      id: uuidv7(),
      actorUserId: null,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      unionId: entry.unionId,
      before: entry.before ?? null,
      after: entry.after ?? null,
      requestId: null,
    })),
  )
}

/** The fields that differ between two versions of a record, as `{ before, after }` halves. */
export function diff<T extends Record<string, unknown>>(before: T, after: T): { before: Partial<T>; after: Partial<T> } {
  const changedBefore: Partial<T> = {}
  const changedAfter: Partial<T> = {}
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      changedBefore[key] = before[key]
      changedAfter[key] = after[key]
    }
  }
  return { before: changedBefore, after: changedAfter }
}
