import type {
  CreateTransferBody,
  DecideTransferBody,
  PageOf,
  RejectTransferBody,
  Transfer,
  TransferDestination,
  TransferListQuery,
} from '@liendoan/contracts'
import { and, desc, eq, isNull, sql } from 'drizzle-orm'
import { v7 as uuidv7 } from 'uuid'
import type { Database } from '../../db/client.js'
import { memberTransfers, members, memberships } from '../../db/schema/index.js'
import { type RequestContext, requirePermission } from '../../lib/actor.js'
import { diff, recordAudit } from '../../lib/audit.js'
import { todayInVietnam } from '../../lib/dates.js'
import { type FieldErrorInput, ProblemError, badRequest, notFound } from '../../lib/errors.js'
import { decodeCursor, pageSize, toPage } from '../../lib/pagination.js'
import { violatedUniqueConstraint } from '../../lib/pg-errors.js'
import { endTermsOfMember } from '../officers/officers.service.js'
import { idsOfPath, pathIncludesUnion, pathWithinSubtree } from '../unions/union-scope.js'
import type { UnionsService } from '../unions/unions.service.js'
import { moveEvents, recordWebhookEvents } from '../webhooks/webhook-outbox.js'
import { recordMemberEvent } from './member-events.js'
import { type MemberRow, findMemberInScope, memberAuditSnapshot, presentMember, selectMembers } from './members.repository.js'
import type { MembersService } from './members.service.js'
import {
  type DestinationRow,
  type TransferRow,
  findDestination,
  findTransfer,
  fromUnion,
  presentTransfer,
  searchDestinations,
  selectTransfers,
  toUnion,
  transferAuditSnapshot,
} from './transfers.repository.js'

export interface TransfersServiceDeps {
  db: Database
  unions: UnionsService
  members: MembersService
}

const DESTINATIONS_LIMIT = 20

const pendingConflict = () =>
  new ProblemError(409, 'conflict', 'This member already has a transfer request waiting for an answer. Cancel it or wait for the receiving union to decide.')

/** Which side of a request an officer acts for: the receiving union decides, the sending one may withdraw. */
type Side = 'receiving' | 'sending'

/** Takes the member's row lock first, so every later read in the transaction sees the latest committed row. */
async function lockMember(tx: Database, memberId: string): Promise<void> {
  await tx.select({ id: members.id }).from(members).where(eq(members.id, memberId)).for('update')
}

/** Start of the member's open membership (admission when none is recorded): a transfer can't take effect before it. */
async function currentMembershipStart(tx: Database, member: MemberRow): Promise<string> {
  const [open] = await tx
    .select({ startedOn: memberships.startedOn })
    .from(memberships)
    .where(and(eq(memberships.memberId, member.id), isNull(memberships.endedOn)))
  return open?.startedOn ?? member.admittedOn
}

/** Transfers between unions (chuyển sinh hoạt công đoàn): direct inside a scope, requests across scopes. */
export function createTransfersService(deps: TransfersServiceDeps) {
  const { db } = deps

  /**
   * Moves the member to the destination on the effective date, in the caller's transaction: the
   * open membership closes, a new one opens, the member row follows (its tree path by trigger),
   * and the offices held in unions the member leaves end that day.
   */
  async function moveMember(
    tx: Database,
    context: RequestContext,
    member: MemberRow,
    transfer: { id: string; kind: 'direct' | 'request'; effectiveDate: string; to: { id: string; name: string; path: string } },
  ): Promise<void> {
    const closed = await tx
      .update(memberships)
      .set({ endedOn: transfer.effectiveDate, endReason: 'transferred', transferId: transfer.id })
      .where(
        and(
          eq(memberships.memberId, member.id),
          eq(memberships.unionId, member.unionId),
          isNull(memberships.endedOn),
          sql`${memberships.startedOn} <= ${transfer.effectiveDate}::date`,
        ),
      )
      .returning({ id: memberships.id })
    if (closed.length === 0) {
      throw new ProblemError(
        409,
        'invalid_state',
        "The member's current membership does not allow this transfer: it is not in the sending union or began after the effective date.",
      )
    }
    await tx.insert(memberships).values({
      id: uuidv7(),
      memberId: member.id,
      unionId: transfer.to.id,
      startedOn: transfer.effectiveDate,
      transferId: transfer.id,
    })
    await tx
      .update(members)
      .set({ unionId: transfer.to.id, version: sql`${members.version} + 1`, updatedAt: new Date() })
      .where(eq(members.id, member.id))

    // Offices of every union the member leaves: the sending union and the federations above it
    // that the receiving union is not under.
    const stayingUnder = new Set(idsOfPath(transfer.to.path))
    const leftUnions = idsOfPath(member.unionPath).filter((unionId) => !stayingUnder.has(unionId))
    await endTermsOfMember(tx, context, member.id, transfer.effectiveDate, 'transferred', { unionIds: leftUnions })

    const [after] = await selectMembers(tx).where(eq(members.id, member.id))
    if (!after) throw notFound()
    await recordMemberEvent(tx, context, {
      memberId: member.id,
      kind: 'transferred',
      occurredOn: transfer.effectiveDate,
      unionId: transfer.to.id,
      details: {
        transferId: transfer.id,
        kind: transfer.kind,
        fromUnion: { id: member.unionId, name: member.unionName },
        toUnion: { id: transfer.to.id, name: transfer.to.name },
      },
    })
    const common = { transferId: transfer.id, kind: transfer.kind, effectiveDate: transfer.effectiveDate }
    await recordWebhookEvents(
      tx,
      moveEvents('member.transferred', {
        fromUnionId: member.unionId,
        toUnionId: transfer.to.id,
        toSide: { ...common, member: presentMember(after), fromUnion: { id: member.unionId } },
        fromSide: { ...common, member: presentMember(member), toUnion: { id: transfer.to.id } },
      }),
    )
    const changed = diff(memberAuditSnapshot(member), memberAuditSnapshot(after))
    await recordAudit(tx, context, {
      action: 'member.transfer',
      entityType: 'member',
      entityId: member.id,
      unionId: transfer.to.id,
      before: changed.before,
      after: { ...changed.after, transferId: transfer.id },
    })
  }

  /** Field rules of a new transfer: a destination that can receive the member, and a date that fits. */
  async function checkRequest(tx: Database, member: MemberRow, body: CreateTransferBody): Promise<DestinationRow> {
    const errors: FieldErrorInput[] = []
    const destination = await findDestination(tx, body.toUnionId)
    if (!destination) errors.push({ field: '/toUnionId', code: 'not_found' })
    else if (!destination.isGrassroots) errors.push({ field: '/toUnionId', code: 'not_grassroots' })
    else if (destination.status !== 'active') errors.push({ field: '/toUnionId', code: 'union_not_active' })
    else if (destination.id === member.unionId) errors.push({ field: '/toUnionId', code: 'same_union' })
    if (body.effectiveDate > todayInVietnam()) errors.push({ field: '/effectiveDate', code: 'future_date' })
    else if (body.effectiveDate < (await currentMembershipStart(tx, member))) errors.push({ field: '/effectiveDate', code: 'date_order' })
    if (errors.length > 0 || !destination) throw new ProblemError(422, 'validation_failed', 'Some fields are invalid.', errors)
    return destination
  }

  /**
   * Locks a pending-or-not transfer and returns it when the actor acts for `side` of it: the
   * receiving union's scope decides, the sending union's scope withdraws. Anyone else gets 404.
   */
  async function lockTransferFor(tx: Database, context: RequestContext, id: string, side: Side): Promise<TransferRow> {
    // The lock comes first, alone: the read after it then sees the latest committed state.
    await tx.select({ id: memberTransfers.id }).from(memberTransfers).where(eq(memberTransfers.id, id)).for('update')
    const transfer = await findTransfer(tx, id)
    const sidePath = side === 'receiving' ? transfer?.toUnionPath : transfer?.fromUnionPath
    if (!transfer || !sidePath || !pathIncludesUnion(sidePath, context.actor.unionId)) throw notFound()
    requirePermission(context.actor, 'members:write')
    if (transfer.status !== 'pending') {
      throw new ProblemError(409, 'invalid_state', `This transfer is no longer waiting for an answer (it is ${transfer.status}).`)
    }
    return transfer
  }

  async function closeRequest(
    tx: Database,
    context: RequestContext,
    transfer: TransferRow,
    status: 'accepted' | 'rejected' | 'cancelled',
    note: string | undefined,
  ): Promise<Transfer> {
    await tx
      .update(memberTransfers)
      .set({ status, decisionNote: note?.trim() || null, decidedByUserId: context.actor.userId, decidedAt: new Date() })
      .where(eq(memberTransfers.id, transfer.id))
    const after = await findTransfer(tx, transfer.id)
    if (!after) throw notFound()
    const changed = diff(transferAuditSnapshot(transfer), transferAuditSnapshot(after))
    await recordAudit(tx, context, {
      action: `member_transfer.${status === 'accepted' ? 'accept' : status === 'rejected' ? 'reject' : 'cancel'}`,
      entityType: 'member_transfer',
      entityId: transfer.id,
      unionId: status === 'cancelled' ? transfer.fromUnionId : transfer.toUnionId,
      before: changed.before,
      after: changed.after,
    })
    return presentTransfer(after)
  }

  return {
    /**
     * Starts a transfer of a member of the actor's scope. Inside the scope it is done at once (a
     * direct move); to a union outside it, it becomes a request the receiving union decides on,
     * and the member stays where they are until then.
     */
    async create(context: RequestContext, memberId: string, body: CreateTransferBody): Promise<Transfer> {
      return db.transaction(async (tx) => {
        await lockMember(tx, memberId)
        const member = await findMemberInScope(tx, context.actor.unionId, memberId)
        if (!member) throw notFound()
        requirePermission(context.actor, 'members:write')
        if (member.status !== 'active') throw new ProblemError(409, 'invalid_state', 'Only an active member can be transferred.')
        const [pending] = await tx
          .select({ id: memberTransfers.id })
          .from(memberTransfers)
          .where(and(eq(memberTransfers.memberId, member.id), eq(memberTransfers.status, 'pending')))
        if (pending) throw pendingConflict()
        const destination = await checkRequest(tx, member, body)

        const direct = pathIncludesUnion(destination.path, context.actor.unionId)
        const id = uuidv7()
        try {
          await tx.insert(memberTransfers).values({
            id,
            memberId: member.id,
            fromUnionId: member.unionId,
            toUnionId: destination.id,
            kind: direct ? 'direct' : 'request',
            status: direct ? 'completed' : 'pending',
            effectiveDate: body.effectiveDate,
            reason: body.reason?.trim() || null,
            requestedByUserId: context.actor.userId,
            ...(direct ? { decidedByUserId: context.actor.userId, decidedAt: new Date() } : {}),
          })
        } catch (error) {
          // The member lock makes this unreachable in practice; the index is the last word.
          if (violatedUniqueConstraint(error) === 'member_transfers_one_pending_key') throw pendingConflict()
          throw error
        }

        if (direct) {
          await moveMember(tx, context, member, { id, kind: 'direct', effectiveDate: body.effectiveDate, to: destination })
        } else {
          await recordMemberEvent(tx, context, {
            memberId: member.id,
            kind: 'transfer_requested',
            occurredOn: body.effectiveDate,
            unionId: member.unionId,
            details: {
              transferId: id,
              fromUnion: { id: member.unionId, name: member.unionName },
              toUnion: { id: destination.id, name: destination.name },
            },
          })
        }
        const created = await findTransfer(tx, id)
        if (!created) throw notFound()
        await recordAudit(tx, context, {
          action: direct ? 'member_transfer.direct' : 'member_transfer.request',
          entityType: 'member_transfer',
          entityId: id,
          unionId: member.unionId,
          after: transferAuditSnapshot(created),
        })
        return presentTransfer(created)
      })
    },

    /** incoming: transfers to a union in the actor's scope (the receiving officers' inbox); outgoing: from one. Newest first. */
    async list(context: RequestContext, query: TransferListQuery): Promise<PageOf<Transfer>> {
      requirePermission(context.actor, 'members:read')
      requirePermission(context.actor, 'members:read')
      const limit = pageSize(query.limit)
      const cursor = decodeCursor(query.cursor, 2)
      const sidePath = query.direction === 'incoming' ? toUnion.path : fromUnion.path
      const rows = await selectTransfers(db)
        .where(
          and(
            pathWithinSubtree(sidePath, context.actor.unionId),
            query.status ? eq(memberTransfers.status, query.status) : undefined,
            cursor
              ? sql`(${memberTransfers.requestedAt}, ${memberTransfers.id}) < (${String(cursor[0])}::timestamptz, ${String(cursor[1])}::uuid)`
              : undefined,
          ),
        )
        .orderBy(desc(memberTransfers.requestedAt), desc(memberTransfers.id))
        .limit(limit + 1)
      return toPage(rows, limit, (row) => [row.requestedAtKey, row.id], presentTransfer)
    },

    /**
     * The receiving union takes the member: in one transaction the memberships, the member row
     * and the request change together. The request row is locked, so of two accepts at the same
     * moment one applies and the other finds it no longer pending.
     */
    async accept(context: RequestContext, id: string, body: DecideTransferBody): Promise<Transfer> {
      return db.transaction(async (tx) => {
        const transfer = await lockTransferFor(tx, context, id, 'receiving')
        await lockMember(tx, transfer.memberId)
        const [member] = await selectMembers(tx).where(eq(members.id, transfer.memberId))
        if (!member || member.status !== 'active' || member.unionId !== transfer.fromUnionId) {
          throw new ProblemError(409, 'invalid_state', 'The member has left or is no longer in the sending union; reject the request instead.')
        }
        const destination = await findDestination(tx, transfer.toUnionId)
        if (!destination || destination.status !== 'active') {
          throw new ProblemError(409, 'invalid_state', 'The receiving union is no longer active; reject the request instead.')
        }
        await moveMember(tx, context, member, { id, kind: 'request', effectiveDate: transfer.effectiveDate, to: destination })
        return closeRequest(tx, context, transfer, 'accepted', body.note)
      })
    },

    /** The receiving union declines; the member stays where they are. */
    async reject(context: RequestContext, id: string, body: RejectTransferBody): Promise<Transfer> {
      return db.transaction(async (tx) => {
        const transfer = await lockTransferFor(tx, context, id, 'receiving')
        // The sending union and the member are owed a reason.
        if (body.note.trim() === '') throw badRequest('/note', 'required', 'Give the reason for the refusal.')
        const decided = await closeRequest(tx, context, transfer, 'rejected', body.note)
        await recordMemberEvent(tx, context, {
          memberId: transfer.memberId,
          kind: 'transfer_rejected',
          occurredOn: todayInVietnam(),
          unionId: transfer.fromUnionId,
          details: { transferId: id, toUnion: { id: transfer.toUnionId, name: transfer.toUnionName }, note: decided.decisionNote },
        })
        return decided
      })
    },

    /** The sending union withdraws its request before the receiving one decides. */
    async cancel(context: RequestContext, id: string, body: DecideTransferBody): Promise<Transfer> {
      return db.transaction(async (tx) => {
        const transfer = await lockTransferFor(tx, context, id, 'sending')
        const decided = await closeRequest(tx, context, transfer, 'cancelled', body.note)
        await recordMemberEvent(tx, context, {
          memberId: transfer.memberId,
          kind: 'transfer_cancelled',
          occurredOn: todayInVietnam(),
          unionId: transfer.fromUnionId,
          details: { transferId: id, toUnion: { id: transfer.toUnionId, name: transfer.toUnionName }, note: decided.decisionNote },
        })
        return decided
      })
    },

    /**
     * Grassroots unions a member can be sent to, anywhere in the system: a sender must find a
     * receiving union outside their scope, and learns only its code, name and parent's name.
     * Typo-tolerant matches are tried only when the plain search finds nothing.
     */
    async destinations(q: string): Promise<{ items: TransferDestination[] }> {
      const term = q.trim()
      const exact = await searchDestinations(db, term, DESTINATIONS_LIMIT, 'exact')
      if (exact.length > 0 || term.length < 4) return { items: exact }
      return { items: await searchDestinations(db, term, DESTINATIONS_LIMIT, 'fuzzy') }
    },
  }
}

export type TransfersService = ReturnType<typeof createTransfersService>
