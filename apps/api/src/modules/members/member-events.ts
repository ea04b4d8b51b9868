import type { MemberEventKind } from '@liendoan/contracts'
import { v7 as uuidv7 } from 'uuid'
import type { Database } from '../../db/client.js'
import { memberEvents } from '../../db/schema/index.js'
import type { RequestContext } from '../../lib/actor.js'

export interface MemberEventInput {
  memberId: string
  kind: MemberEventKind
  occurredOn: string
  unionId: string | null
  /** Facts for the timeline. Never personal fields (CCCD, phone): the timeline is not masked. */
  details?: Record<string, unknown>
}

/** Appends to a member's timeline, in the transaction that makes the change. */
export async function recordMemberEvent(tx: Database, context: RequestContext, event: MemberEventInput): Promise<void> {
  await tx.insert(memberEvents).values({
    id: uuidv7(),
    memberId: event.memberId,
    kind: event.kind,
    occurredOn: event.occurredOn,
    unionId: event.unionId,
    details: event.details ?? {},
    actorUserId: context.actor.userId,
  })
}
