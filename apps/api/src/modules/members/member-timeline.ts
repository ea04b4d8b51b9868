import type { MemberEvent, MemberEventKind, PageOf } from '@liendoan/contracts'
import { type SQL, and, desc, eq, sql } from 'drizzle-orm'
import type { Database } from '../../db/client.js'
import { memberEvents, unions, users } from '../../db/schema/index.js'
import { decodeCursor, pageSize, toPage } from '../../lib/pagination.js'

/** A member's timeline read back: newest first, with the union and the actor's name. */

function selectEvents(executor: Database) {
  return executor
    .select({
      event: memberEvents,
      // The timestamp as PostgreSQL prints it, to the microsecond: a cursor made from a JS Date
      // (milliseconds) would skip events recorded in the same millisecond.
      cursorAt: sql<string>`${memberEvents.recordedAt}::text`,
      unionCode: unions.code,
      unionName: unions.name,
      actorName: users.fullName,
    })
    .from(memberEvents)
    .leftJoin(unions, eq(unions.id, memberEvents.unionId))
    .leftJoin(users, eq(users.id, memberEvents.actorUserId))
}

type EventRow = Awaited<ReturnType<typeof selectEvents>>[number]

function presentEvent({ event, unionCode, unionName, actorName }: EventRow): MemberEvent {
  return {
    id: event.id,
    kind: event.kind as MemberEventKind,
    occurredOn: event.occurredOn,
    union: event.unionId && unionCode !== null && unionName !== null ? { id: event.unionId, code: unionCode, name: unionName } : null,
    details: event.details,
    actorName,
    recordedAt: event.recordedAt.toISOString(),
  }
}

const newestFirst = [desc(memberEvents.recordedAt), desc(memberEvents.id)]

export async function timelinePage(db: Database, memberId: string, query: { limit?: number; cursor?: string }): Promise<PageOf<MemberEvent>> {
  const limit = pageSize(query.limit)
  const cursor = decodeCursor(query.cursor, 2)
  const conditions: SQL[] = [eq(memberEvents.memberId, memberId)]
  if (cursor) {
    conditions.push(sql`(${memberEvents.recordedAt}, ${memberEvents.id}) < (${String(cursor[0])}::timestamptz, ${String(cursor[1])}::uuid)`)
  }
  const rows = await selectEvents(db)
    .where(and(...conditions))
    .orderBy(...newestFirst)
    .limit(limit + 1)
  return toPage(rows, limit, (row) => [row.cursorAt, row.event.id], presentEvent)
}

/** The whole timeline (for the personal-data export). */
export async function allEvents(db: Database, memberId: string): Promise<MemberEvent[]> {
  const rows = await selectEvents(db)
    .where(eq(memberEvents.memberId, memberId))
    .orderBy(...newestFirst)
  return rows.map(presentEvent)
}
