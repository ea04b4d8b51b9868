import type { EraseMemberBody, MemberPersonalData, RevealableField, Transfer } from '@liendoan/contracts'
import { RevealableFields } from '@liendoan/contracts'
import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { Database } from '../../db/client.js'
import { memberTransfers, members, membershipCards, memberships, officerPositions, officerTerms, unions, users } from '../../db/schema/index.js'
import { type RequestContext, requirePermission } from '../../lib/actor.js'
import { type AuditEntry, recordAudit, recordAudits } from '../../lib/audit.js'
import { ProblemError, badRequest } from '../../lib/errors.js'
import { maskCitizenId } from '../../lib/personal-data.js'
import { todayInVietnam } from '../../lib/dates.js'
import { presentCard } from './member-cards.js'
import { recordMemberEvent } from './member-events.js'
import { allEvents } from './member-timeline.js'
import { type MemberRow, presentMember } from './members.repository.js'

/**
 * The Personal Data Protection Law (Luật Bảo vệ dữ liệu cá nhân 2025) as the members module
 * applies it: personal fields masked unless a role that may see them asks, every look audited,
 * a member's data exportable as one document, and erasure by anonymisation in place.
 */

/** Name an anonymised member carries: lists and reports still count them, nobody can tell who. */
export const ERASED_MEMBER_NAME = 'Đoàn viên đã ẩn danh'

/** 403 when fields are asked for by a role that may not see them. Call after the scope check. */
export function requireReveal(context: RequestContext, fields: ReadonlySet<RevealableField>): void {
  if (fields.size > 0) requirePermission(context.actor, 'members:reveal')
}

/** One audit event per member whose personal fields a response shows in full. */
export async function auditReveal(db: Database, context: RequestContext, rows: MemberRow[], fields: ReadonlySet<RevealableField>): Promise<void> {
  if (fields.size === 0) return
  const revealed = RevealableFields.filter((field) => fields.has(field))
  const entries: AuditEntry[] = rows
    // Nothing is revealed of an erased member: there is nothing left to see.
    .filter((row) => revealed.some((field) => row[field] !== null))
    .map((row) => ({
      action: 'member.reveal',
      entityType: 'member',
      entityId: row.id,
      unionId: row.unionId,
      after: { fields: revealed.filter((field) => row[field] !== null) },
    }))
  await recordAudits(db, context, entries)
}

/** A lookup by full citizen ID is audited like a reveal: it proves whose number it is. Only the masked number is kept. */
export async function auditCitizenIdLookup(db: Database, context: RequestContext, citizenId: string, found: MemberRow[]): Promise<void> {
  await recordAudit(db, context, {
    action: 'member.lookup_citizen_id',
    entityType: 'member',
    entityId: found[0]?.id ?? null,
    unionId: found[0]?.unionId ?? context.actor.unionId,
    after: { citizenId: maskCitizenId(citizenId), found: found.length },
  })
}

const fromUnion = alias(unions, 'from_union')
const toUnion = alias(unions, 'to_union')
const requester = alias(users, 'requester')
const decider = alias(users, 'decider')

async function transfersOf(db: Database, member: MemberRow): Promise<Transfer[]> {
  const rows = await db
    .select({
      transfer: memberTransfers,
      fromCode: fromUnion.code,
      fromName: fromUnion.name,
      toCode: toUnion.code,
      toName: toUnion.name,
      requestedByName: requester.fullName,
      decidedByName: decider.fullName,
    })
    .from(memberTransfers)
    .innerJoin(fromUnion, eq(fromUnion.id, memberTransfers.fromUnionId))
    .innerJoin(toUnion, eq(toUnion.id, memberTransfers.toUnionId))
    .leftJoin(requester, eq(requester.id, memberTransfers.requestedByUserId))
    .leftJoin(decider, eq(decider.id, memberTransfers.decidedByUserId))
    .where(eq(memberTransfers.memberId, member.id))
    .orderBy(desc(memberTransfers.requestedAt), desc(memberTransfers.id))
  return rows.map(({ transfer, ...names }) => ({
    id: transfer.id,
    memberId: transfer.memberId,
    memberName: member.fullName,
    fromUnion: { id: transfer.fromUnionId, code: names.fromCode, name: names.fromName },
    toUnion: { id: transfer.toUnionId, code: names.toCode, name: names.toName },
    kind: transfer.kind,
    status: transfer.status,
    effectiveDate: transfer.effectiveDate,
    reason: transfer.reason,
    decisionNote: transfer.decisionNote,
    requestedByName: names.requestedByName,
    decidedByName: names.decidedByName,
    requestedAt: transfer.requestedAt.toISOString(),
    decidedAt: transfer.decidedAt?.toISOString() ?? null,
  }))
}

/** Everything the system holds on one member, unmasked: the member's right of access. */
export async function personalDataDocument(db: Database, member: MemberRow): Promise<MemberPersonalData> {
  const [membershipRows, cardRows, transfers, termRows, events] = await Promise.all([
    db
      .select({ membership: memberships, unionCode: unions.code, unionName: unions.name })
      .from(memberships)
      .innerJoin(unions, eq(unions.id, memberships.unionId))
      .where(eq(memberships.memberId, member.id))
      .orderBy(asc(memberships.startedOn), asc(memberships.createdAt)),
    db.select().from(membershipCards).where(eq(membershipCards.memberId, member.id)).orderBy(asc(membershipCards.issuedOn), asc(membershipCards.createdAt)),
    transfersOf(db, member),
    db
      .select({ term: officerTerms, positionName: officerPositions.name, unionCode: unions.code, unionName: unions.name })
      .from(officerTerms)
      .innerJoin(officerPositions, eq(officerPositions.id, officerTerms.positionId))
      .innerJoin(unions, eq(unions.id, officerTerms.unionId))
      .where(eq(officerTerms.memberId, member.id))
      .orderBy(asc(officerTerms.startedOn)),
    allEvents(db, member.id),
  ])
  return {
    exportedAt: new Date().toISOString(),
    member: presentMember(member, new Set(RevealableFields)),
    memberships: membershipRows.map(({ membership, unionCode, unionName }) => ({
      union: { id: membership.unionId, code: unionCode, name: unionName },
      startedOn: membership.startedOn,
      endedOn: membership.endedOn,
      endReason: membership.endReason,
    })),
    cards: cardRows.map(presentCard),
    transfers,
    officerTerms: termRows.map(({ term, positionName, unionCode, unionName }) => ({
      union: { id: term.unionId, code: unionCode, name: unionName },
      positionName,
      startedOn: term.startedOn,
      endedOn: term.endedOn,
      termLabel: term.termLabel,
    })),
    events,
  }
}

/**
 * Why the law does not let this member be erased now, if it doesn't: records a union still
 * needs (an active member, a current officer, a transfer in progress) are kept.
 */
async function erasureRefusal(tx: Database, member: MemberRow): Promise<string | undefined> {
  if (member.erasedAt !== null) return 'The member was already erased.'
  if (member.status === 'active') return 'An active member cannot be erased: record the member leaving first.'
  const [position] = await tx
    .select({ id: officerTerms.id })
    .from(officerTerms)
    .where(and(eq(officerTerms.memberId, member.id), isNull(officerTerms.endedOn)))
    .limit(1)
  if (position) return 'The member holds a current officer position: end it first.'
  const [transfer] = await tx
    .select({ id: memberTransfers.id })
    .from(memberTransfers)
    .where(and(eq(memberTransfers.memberId, member.id), eq(memberTransfers.status, 'pending')))
    .limit(1)
  if (transfer) return 'The member has a pending transfer: it must be decided or cancelled first.'
  return undefined
}

/**
 * Anonymises a member locked by the caller. Union, gender, admission date, status, memberships
 * and cards stay, so every count and report stays true; the birth date keeps only its year
 * (1 July), so age bands do too.
 */
export async function eraseMember(tx: Database, context: RequestContext, member: MemberRow, body: EraseMemberBody): Promise<void> {
  const refusal = await erasureRefusal(tx, member)
  if (refusal) throw new ProblemError(409, 'invalid_state', refusal)
  if (body.requestedOn > todayInVietnam()) throw badRequest('/requestedOn', 'future_date')
  await tx
    .update(members)
    .set({
      fullName: ERASED_MEMBER_NAME,
      citizenId: null,
      phone: null,
      ethnicity: null,
      occupation: null,
      dateOfBirth: `${member.dateOfBirth.slice(0, 4)}-07-01`,
      erasedAt: new Date(),
      version: sql`${members.version} + 1`,
      updatedAt: new Date(),
    })
    .where(eq(members.id, member.id))
  await recordMemberEvent(tx, context, {
    memberId: member.id,
    kind: 'erased',
    occurredOn: todayInVietnam(),
    unionId: member.unionId,
    details: { requestedOn: body.requestedOn },
  })
  // No before-image: the audit log must not keep what was just erased.
  await recordAudit(tx, context, {
    action: 'member.erase',
    entityType: 'member',
    entityId: member.id,
    unionId: member.unionId,
    after: { requestedOn: body.requestedOn, reason: body.reason, fields: ['fullName', 'citizenId', 'phone', 'ethnicity', 'occupation', 'dateOfBirth'] },
  })
}
