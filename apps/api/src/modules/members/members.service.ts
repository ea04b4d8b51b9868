import type {
  CreateMemberBody,
  EraseMemberBody,
  IssueCardBody,
  Member,
  MemberEvent,
  MemberGetQuery,
  MemberListQuery,
  MemberPersonalData,
  MemberStatusBody,
  MembershipCard,
  PageOf,
  ReadmitMemberBody,
  ReportCardLostBody,
  UpdateMemberBody,
} from '@liendoan/contracts'
import { and, desc, eq, isNull, lt, ne, sql } from 'drizzle-orm'
import { v7 as uuidv7 } from 'uuid'
import type { Config } from '../../config.js'
import type { Database } from '../../db/client.js'
import { memberTransfers, members, memberships } from '../../db/schema/index.js'
import { type RequestContext, requirePermission } from '../../lib/actor.js'
import { diff, recordAudit } from '../../lib/audit.js'
import { todayInVietnam } from '../../lib/dates.js'
import { staleVersion } from '../../lib/etag.js'
import { type FieldErrorInput, ProblemError, notFound } from '../../lib/errors.js'
import { MEMBER_MIN_AGE, ageOn, parseReveal } from '../../lib/personal-data.js'
import type { UnionRow } from '../unions/unions.repository.js'
import type { UnionsService } from '../unions/unions.service.js'
import { issueCard, listCards, reportCardLost } from './member-cards.js'
import { recordWebhookEvent } from '../webhooks/webhook-outbox.js'
import { recordMemberEvent } from './member-events.js'
import { auditCitizenIdLookup, auditReveal, eraseMember, personalDataDocument, requireReveal } from './member-privacy.js'
import { checkCitizenIdField, checkLifeDates, checkPastDate, checkPhoneField, normalizeName, throwIfInvalid } from './member-rules.js'
import { endTermsOfMember } from '../officers/officers.service.js'
import { listMemberRows } from './member-search.js'
import { timelinePage } from './member-timeline.js'
import { type MemberRow, findMemberInScope, memberAuditSnapshot, memberInScope, presentMember, selectMembers } from './members.repository.js'

export interface MembersServiceDeps {
  db: Database
  config: Config
  unions: UnionsService
}

/** Optional free text as stored: trimmed, empty means none. */
const optionalText = (value: string | null | undefined): string | null => {
  const trimmed = value?.trim()
  return trimmed ? trimmed : null
}

/** Members and their cards: admission, reads with masking, status, timeline, personal-data rights. */
export function createMembersService(deps: MembersServiceDeps) {
  const { db, config, unions } = deps

  /** The member if the actor may see it; 404 otherwise, exactly like a missing id. `lock` for a change in `executor`'s transaction. */
  // The hottest read of members, prepared once on the shared handle: by primary key alone, the
  // scope checked on the row's union path.
  const memberByIdPrepared = selectMembers(db).where(eq(members.id, sql.placeholder('id'))).prepare('member_by_id')

  async function findVisible(executor: Database, context: RequestContext, id: string, options: { lock?: boolean } = {}): Promise<MemberRow> {
    if (executor === db && !options.lock) {
      const [row] = await memberByIdPrepared.execute({ id })
      if (!row || !memberInScope(row, context.actor.unionId)) throw notFound()
      return row
    }
    const row = await findMemberInScope(executor, context.actor.unionId, id, options)
    if (!row) throw notFound()
    return row
  }

  /** The member as it stands after a change made in `tx`. */
  async function reload(tx: Database, id: string): Promise<MemberRow> {
    const [row] = await selectMembers(tx).where(eq(members.id, id))
    if (!row) throw notFound()
    return row
  }

  /** A union members can join is grassroots and active (its scope was checked when it was read). */
  function checkAdmissionUnion(union: UnionRow): void {
    if (!union.unitType.isGrassroots) {
      throw new ProblemError(422, 'validation_failed', 'Members are admitted into a grassroots union.', [{ field: '/unionId', code: 'grassroots_required' }])
    }
    if (union.status !== 'active') {
      throw new ProblemError(422, 'invalid_state', 'The union is no longer active.', [{ field: '/unionId', code: 'invalid' }])
    }
  }

  /**
   * 409 when another member holds this citizen ID. The answer names that member only when the
   * actor may see them; otherwise it says nothing of where the record lives.
   */
  async function checkCitizenIdFree(tx: Database, context: RequestContext, citizenId: string, exceptMemberId?: string): Promise<void> {
    const [other] = await selectMembers(tx)
      .where(and(eq(members.citizenId, citizenId), exceptMemberId ? ne(members.id, exceptMemberId) : undefined))
      .limit(1)
    if (!other) return
    if (memberInScope(other, context.actor.unionId)) {
      const hint = other.status === 'active' ? '' : ' Re-admit that member instead of admitting a new one.'
      throw new ProblemError(409, 'duplicate', `${other.fullName} (${other.unionName}) is already recorded with this citizen ID.${hint}`, [
        { field: '/citizenId', code: 'unique', params: { memberId: other.id, unionId: other.unionId } },
      ])
    }
    throw new ProblemError(409, 'duplicate', 'A member with this citizen ID is already recorded in a union outside your scope.', [
      { field: '/citizenId', code: 'member_exists_elsewhere' },
    ])
  }

  function requireChangeable(member: MemberRow): void {
    if (member.erasedAt !== null) throw new ProblemError(409, 'invalid_state', 'The member was erased: the record can no longer change.')
  }

  async function hasPendingTransfer(tx: Database, memberId: string): Promise<boolean> {
    const [row] = await tx
      .select({ id: memberTransfers.id })
      .from(memberTransfers)
      .where(and(eq(memberTransfers.memberId, memberId), eq(memberTransfers.status, 'pending')))
      .limit(1)
    return row !== undefined
  }

  async function auditChange(tx: Database, context: RequestContext, action: string, before: MemberRow, after: MemberRow): Promise<void> {
    const changed = diff(memberAuditSnapshot(before), memberAuditSnapshot(after))
    delete changed.before.version
    delete changed.after.version
    await recordAudit(tx, context, { action, entityType: 'member', entityId: after.id, unionId: after.unionId, before: changed.before, after: changed.after })
  }

  /**
   * Checks a new admission date against the memberships it bounds: the one the latest admission
   * opened starts on it and must not end before it; an earlier one must have ended by then.
   * Returns the membership to move, if any.
   */
  async function checkAdmissionDateChange(tx: Database, member: MemberRow, admittedOn: string, errors: FieldErrorInput[]) {
    const [opened] = await tx
      .select()
      .from(memberships)
      .where(and(eq(memberships.memberId, member.id), eq(memberships.startedOn, member.admittedOn)))
      .orderBy(desc(memberships.createdAt))
      .limit(1)
    const [earlier] = await tx
      .select({ endedOn: memberships.endedOn })
      .from(memberships)
      .where(and(eq(memberships.memberId, member.id), lt(memberships.startedOn, member.admittedOn)))
      .orderBy(desc(memberships.endedOn))
      .limit(1)
    if ((opened?.endedOn && admittedOn > opened.endedOn) || (earlier?.endedOn && admittedOn < earlier.endedOn)) {
      errors.push({ field: '/admittedOn', code: 'date_order' })
    }
    return opened
  }

  return {
    findVisible,

    async list(context: RequestContext, query: MemberListQuery): Promise<PageOf<Member>> {
      requirePermission(context.actor, 'members:read')
      const reveal = parseReveal(query.reveal)
      requireReveal(context, reveal)
      // Looking a person up by full CCCD proves whose number it is: the same permission as seeing it.
      if (query.citizenId) requirePermission(context.actor, 'members:reveal')
      const page = await listMemberRows(db, context.actor.unionId, query, {
        renewalYears: config.MEMBER_CARD_RENEWAL_YEARS,
        smallScope: config.MEMBER_SEARCH_SMALL_SCOPE,
      })
      if (query.citizenId) await auditCitizenIdLookup(db, context, query.citizenId, page.rows)
      await auditReveal(db, context, page.rows, reveal)
      return { items: page.rows.map((row) => presentMember(row, reveal)), nextCursor: page.nextCursor }
    },

    async get(context: RequestContext, id: string, query: MemberGetQuery): Promise<Member> {
      requirePermission(context.actor, 'members:read')
      const row = await findVisible(db, context, id)
      const reveal = parseReveal(query.reveal)
      requireReveal(context, reveal)
      await auditReveal(db, context, [row], reveal)
      return presentMember(row, reveal)
    },

    /** Admission (kết nạp) into a grassroots union of the actor's scope, with a paper card when one was already issued. */
    async create(context: RequestContext, body: CreateMemberBody): Promise<Member> {
      return db.transaction(async (tx) => {
        const union = await unions.findVisible(tx, context, body.unionId)
        requirePermission(context.actor, 'members:write')
        checkAdmissionUnion(union)
        const today = todayInVietnam()
        const errors: FieldErrorInput[] = []
        const citizenId = checkCitizenIdField(body.citizenId, errors)
        const phone = checkPhoneField(body.phone ?? null, errors)
        checkLifeDates({ dateOfBirth: body.dateOfBirth, admittedOn: body.admittedOn, currentMember: true }, today, errors)
        if (body.cardIssuedOn !== undefined && body.cardNumber === undefined) errors.push({ field: '/cardNumber', code: 'required' })
        const cardIssuedOn = body.cardNumber !== undefined ? (body.cardIssuedOn ?? body.admittedOn) : undefined
        if (cardIssuedOn !== undefined) {
          checkPastDate(cardIssuedOn, today, '/cardIssuedOn', errors)
          if (cardIssuedOn < body.admittedOn) errors.push({ field: '/cardIssuedOn', code: 'card_before_admission' })
        }
        throwIfInvalid(errors)
        await checkCitizenIdFree(tx, context, citizenId)

        const id = uuidv7()
        await tx.insert(members).values({
          id,
          unionId: union.id,
          fullName: normalizeName(body.fullName),
          dateOfBirth: body.dateOfBirth,
          gender: body.gender,
          citizenId,
          phone,
          ethnicity: optionalText(body.ethnicity),
          occupation: optionalText(body.occupation),
          admittedOn: body.admittedOn,
        })
        await tx.insert(memberships).values({ id: uuidv7(), memberId: id, unionId: union.id, startedOn: body.admittedOn })
        await recordMemberEvent(tx, context, { memberId: id, kind: 'admitted', occurredOn: body.admittedOn, unionId: union.id })
        if (body.cardNumber !== undefined && cardIssuedOn !== undefined) {
          await issueCard(
            tx,
            context,
            await reload(tx, id),
            { kind: 'issue', issuedOn: cardIssuedOn, cardNumber: body.cardNumber },
            { format: config.MEMBER_CARD_NUMBER_FORMAT, audit: false },
          )
        }
        const created = await reload(tx, id)
        await recordWebhookEvent(tx, { type: 'member.admitted', unionId: union.id, data: { member: presentMember(created) } })
        await recordAudit(tx, context, { action: 'member.create', entityType: 'member', entityId: id, unionId: union.id, after: memberAuditSnapshot(created) })
        return presentMember(created)
      })
    },

    async update(context: RequestContext, id: string, expectedVersion: number, body: UpdateMemberBody): Promise<Member> {
      return db.transaction(async (tx) => {
        const current = await findVisible(tx, context, id, { lock: true })
        requirePermission(context.actor, 'members:write')
        requireChangeable(current)
        if (current.version !== expectedVersion) throw staleVersion()

        const today = todayInVietnam()
        const errors: FieldErrorInput[] = []
        const changes: Partial<typeof members.$inferInsert> = {}
        if (body.fullName !== undefined) changes.fullName = normalizeName(body.fullName)
        if (body.gender !== undefined) changes.gender = body.gender
        if (body.citizenId !== undefined) changes.citizenId = checkCitizenIdField(body.citizenId, errors)
        if (body.phone !== undefined) changes.phone = checkPhoneField(body.phone, errors)
        if (body.ethnicity !== undefined) changes.ethnicity = optionalText(body.ethnicity)
        if (body.occupation !== undefined) changes.occupation = optionalText(body.occupation)
        if (body.dateOfBirth !== undefined) changes.dateOfBirth = body.dateOfBirth
        let movedMembership: Awaited<ReturnType<typeof checkAdmissionDateChange>>
        if (body.admittedOn !== undefined && body.admittedOn !== current.admittedOn) {
          changes.admittedOn = body.admittedOn
          movedMembership = await checkAdmissionDateChange(tx, current, body.admittedOn, errors)
        }
        if (changes.dateOfBirth !== undefined || changes.admittedOn !== undefined) {
          checkLifeDates(
            {
              dateOfBirth: changes.dateOfBirth ?? current.dateOfBirth,
              admittedOn: changes.admittedOn ?? current.admittedOn,
              currentMember: current.status === 'active',
            },
            today,
            errors,
          )
        }
        throwIfInvalid(errors)
        if (changes.citizenId && changes.citizenId !== current.citizenId) {
          await checkCitizenIdFree(tx, context, changes.citizenId, id)
        }

        const updated = await tx
          .update(members)
          .set({ ...changes, version: sql`${members.version} + 1`, updatedAt: new Date() })
          .where(and(eq(members.id, id), eq(members.version, expectedVersion)))
          .returning({ id: members.id })
        if (updated.length === 0) throw staleVersion()
        if (movedMembership && changes.admittedOn !== undefined) {
          await tx.update(memberships).set({ startedOn: changes.admittedOn }).where(eq(memberships.id, movedMembership.id))
        }
        const after = await reload(tx, id)
        // Field names only: the timeline is shown unmasked, so it never carries values.
        const fields = Object.keys(diff(memberAuditSnapshot(current), memberAuditSnapshot(after)).after).filter((field) => field !== 'version')
        await recordMemberEvent(tx, context, { memberId: id, kind: 'updated', occurredOn: today, unionId: after.unionId, details: { fields } })
        await auditChange(tx, context, 'member.update', current, after)
        return presentMember(after)
      })
    },

    /** An active member leaves, moves out of the system or dies: the open membership closes, the record and its cards stay. */
    async changeStatus(context: RequestContext, id: string, body: MemberStatusBody): Promise<Member> {
      return db.transaction(async (tx) => {
        const current = await findVisible(tx, context, id, { lock: true })
        requirePermission(context.actor, 'members:write')
        requireChangeable(current)
        if (current.status !== 'active') throw new ProblemError(409, 'invalid_state', 'Only an active member changes status; bring the member back by re-admission.')
        if (await hasPendingTransfer(tx, id)) throw new ProblemError(409, 'invalid_state', 'The member has a pending transfer: it must be decided or cancelled first.')
        const [open] = await tx
          .select()
          .from(memberships)
          .where(and(eq(memberships.memberId, id), isNull(memberships.endedOn)))
        const errors: FieldErrorInput[] = []
        checkPastDate(body.effectiveDate, todayInVietnam(), '/effectiveDate', errors)
        if (open && body.effectiveDate < open.startedOn) errors.push({ field: '/effectiveDate', code: 'before_membership_start' })
        throwIfInvalid(errors)
        const reason = body.reason.trim()
        if (open) await tx.update(memberships).set({ endedOn: body.effectiveDate, endReason: body.status }).where(eq(memberships.id, open.id))
        await tx
          .update(members)
          .set({ status: body.status, statusDate: body.effectiveDate, statusReason: reason, version: sql`${members.version} + 1`, updatedAt: new Date() })
          .where(eq(members.id, id))
        // A member who leaves or dies holds no office any more: their open terms end the same day.
        await endTermsOfMember(tx, context, id, body.effectiveDate, reason)
        await recordMemberEvent(tx, context, {
          memberId: id,
          kind: 'status_changed',
          occurredOn: body.effectiveDate,
          unionId: current.unionId,
          details: { from: current.status, to: body.status, reason },
        })
        const after = await reload(tx, id)
        await recordWebhookEvent(tx, { type: 'member.left', unionId: current.unionId, data: { member: presentMember(after), status: body.status, effectiveDate: body.effectiveDate } })
        await auditChange(tx, context, 'member.status', current, after)
        return presentMember(after)
      })
    },

    /** A member who left (or moved out of the system) is admitted again: a new membership, the history kept. */
    async readmit(context: RequestContext, id: string, body: ReadmitMemberBody): Promise<Member> {
      return db.transaction(async (tx) => {
        const current = await findVisible(tx, context, id, { lock: true })
        requirePermission(context.actor, 'members:write')
        requireChangeable(current)
        if (current.status !== 'left' && current.status !== 'transferred_out') {
          throw new ProblemError(409, 'invalid_state', 'Only a member who left or was transferred out can be re-admitted.')
        }
        const union = await unions.findVisible(tx, context, body.unionId)
        checkAdmissionUnion(union)
        const errors: FieldErrorInput[] = []
        checkPastDate(body.admittedOn, todayInVietnam(), '/admittedOn', errors)
        if (current.statusDate && body.admittedOn < current.statusDate) errors.push({ field: '/admittedOn', code: 'before_status_date' })
        if (ageOn(current.dateOfBirth, body.admittedOn) < MEMBER_MIN_AGE) errors.push({ field: '/admittedOn', code: 'admitted_before_birth' })
        throwIfInvalid(errors)
        const reason = optionalText(body.reason)
        await tx.insert(memberships).values({ id: uuidv7(), memberId: id, unionId: union.id, startedOn: body.admittedOn })
        await tx
          .update(members)
          .set({
            unionId: union.id,
            admittedOn: body.admittedOn,
            status: 'active',
            statusDate: body.admittedOn,
            statusReason: reason,
            version: sql`${members.version} + 1`,
            updatedAt: new Date(),
          })
          .where(eq(members.id, id))
        await recordMemberEvent(tx, context, {
          memberId: id,
          kind: 'readmitted',
          occurredOn: body.admittedOn,
          unionId: union.id,
          details: { previousStatus: current.status, previousUnionId: current.unionId, ...(reason ? { reason } : {}) },
        })
        const after = await reload(tx, id)
        // Only the union that takes the member back hears of it: the one they left may be in another subtree.
        await recordWebhookEvent(tx, { type: 'member.readmitted', unionId: union.id, data: { member: presentMember(after) } })
        await auditChange(tx, context, 'member.readmit', current, after)
        return presentMember(after)
      })
    },

    async timeline(context: RequestContext, id: string, query: { limit?: number; cursor?: string }): Promise<PageOf<MemberEvent>> {
      requirePermission(context.actor, 'members:read')
      await findVisible(db, context, id)
      return timelinePage(db, id, query)
    },

    /** Everything held on the member, unmasked (right of access); needs the reveal permission and is audited. */
    async personalData(context: RequestContext, id: string): Promise<MemberPersonalData> {
      const member = await findVisible(db, context, id)
      requirePermission(context.actor, 'members:reveal')
      const document = await personalDataDocument(db, member)
      await recordAudit(db, context, {
        action: 'member.personal_data_export',
        entityType: 'member',
        entityId: id,
        unionId: member.unionId,
        after: { sections: ['member', 'memberships', 'cards', 'transfers', 'officerTerms', 'events'] },
      })
      return document
    },

    /** Erasure on the member's request: anonymised in place where the law allows. */
    async erase(context: RequestContext, id: string, body: EraseMemberBody): Promise<Member> {
      return db.transaction(async (tx) => {
        const member = await findVisible(tx, context, id, { lock: true })
        requirePermission(context.actor, 'members:erase')
        await eraseMember(tx, context, member, body)
        return presentMember(await reload(tx, id))
      })
    },

    async cards(context: RequestContext, id: string): Promise<MembershipCard[]> {
      requirePermission(context.actor, 'members:read')
      await findVisible(db, context, id)
      return listCards(db, id)
    },

    async issueCard(context: RequestContext, id: string, body: IssueCardBody): Promise<MembershipCard> {
      return db.transaction(async (tx) => {
        const member = await findVisible(tx, context, id, { lock: true })
        requirePermission(context.actor, 'members:write')
        return issueCard(tx, context, member, body, { format: config.MEMBER_CARD_NUMBER_FORMAT })
      })
    },

    async reportCardLost(context: RequestContext, id: string, body: ReportCardLostBody): Promise<MembershipCard> {
      return db.transaction(async (tx) => {
        const member = await findVisible(tx, context, id, { lock: true })
        requirePermission(context.actor, 'members:write')
        return reportCardLost(tx, context, member, body)
      })
    },
  }
}

export type MembersService = ReturnType<typeof createMembersService>
