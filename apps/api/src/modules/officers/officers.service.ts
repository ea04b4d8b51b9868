import type {
  AppointOfficerBody,
  OfficerListQuery,
  OfficerPosition,
  OfficerTerm,
  PageOf,
  UnionOfficersQuery,
  UpdateOfficerTermBody,
} from '@liendoan/contracts'
import { type SQL, and, asc, eq, gt, inArray, isNull, or, sql } from 'drizzle-orm'
import { v7 as uuidv7 } from 'uuid'
import type { Database } from '../../db/client.js'
import { members, memberships, officerPositions, officerTerms, unions, unitTypes } from '../../db/schema/index.js'
import { type RequestContext, requirePermission } from '../../lib/actor.js'
import { diff, recordAudit } from '../../lib/audit.js'
import { todayInVietnam } from '../../lib/dates.js'
import { staleVersion } from '../../lib/etag.js'
import { type FieldErrorInput, ProblemError, badRequest, notFound } from '../../lib/errors.js'
import { decodeCursor, pageSize, toPage } from '../../lib/pagination.js'
import { violatedUniqueConstraint } from '../../lib/pg-errors.js'
import { recordMemberEvent } from '../members/member-events.js'
import { type MemberRow, selectMembers } from '../members/members.repository.js'
import type { MembersService } from '../members/members.service.js'
import { pathIncludesUnion, pathWithinSubtree } from '../unions/union-scope.js'
import type { UnionsService } from '../unions/unions.service.js'
import {
  type TermRow,
  presentTerm,
  selectTerms,
  termAuditSnapshot,
  termCurrentOn,
  termCursor,
  termOrder,
  termPastOn,
  termsAfter,
} from './officers.repository.js'

export interface OfficersServiceDeps {
  db: Database
  unions: UnionsService
  members: MembersService
}

/** What each partial unique index of officer_terms means, for the 409 a lost race gets. */
const UNIQUE_TERM_RULES: Record<string, string> = {
  officer_terms_one_holder_key: 'This position has one holder at a time in a union, and it is held now. End the current term first.',
  officer_terms_member_position_key: 'This member already holds this position in this union.',
}

const TERM_LABEL = /^([0-9]{4})[–-]([0-9]{4})$/

/** `2023-2028` or `2023–2028` → `2023–2028` (the en dash the federation writes), or null when the years run backwards. */
function normalizeTermLabel(label: string): string | null {
  const match = TERM_LABEL.exec(label)
  if (!match) return null
  const [, from, to] = match
  return Number(from) < Number(to) ? `${from}–${to}` : null
}

/** The term label after checking its years, or a field error. */
function checkedTermLabel(label: string | null | undefined, errors: FieldErrorInput[]): string | null | undefined {
  if (label === undefined || label === null) return label
  const normalized = normalizeTermLabel(label)
  if (normalized === null) errors.push({ field: '/termLabel', code: 'term_years_order' })
  return normalized
}

function throwIfInvalid(errors: FieldErrorInput[]): void {
  if (errors.length) throw new ProblemError(422, 'validation_failed', 'Some fields are invalid.', errors)
}

/** The term if its union is in the actor's scope, else undefined (answer 404). `lock` takes a row lock. */
async function findTermInScope(executor: Database, context: RequestContext, id: string, options: { lock?: boolean } = {}) {
  const query = selectTerms(executor).where(eq(officerTerms.id, id))
  const [row] = options.lock ? await query.for('update', { of: officerTerms }) : await query
  return row && pathIncludesUnion(row.unionPath, context.actor.unionId) ? row : undefined
}

export interface EndTermsOptions {
  /** Only terms held in these unions (a transfer ends the terms of the unions the member leaves). */
  unionIds?: readonly string[]
}

/**
 * Ends the terms a member holds (a member who leaves, dies or transfers out stops holding office),
 * in the caller's transaction: each gets `endedOn` (never before its own start), the reason, a
 * 'position_ended' event on the member's timeline and an audit event. Terms already ended before
 * `endedOn` are left alone; one scheduled to end later is ended now. Returns the ended term ids.
 */
export async function endTermsOfMember(
  tx: Database,
  context: RequestContext,
  memberId: string,
  endedOn: string,
  reason: string,
  options: EndTermsOptions = {},
): Promise<string[]> {
  if (options.unionIds && options.unionIds.length === 0) return []
  const open = await selectTerms(tx)
    .where(
      and(
        eq(officerTerms.memberId, memberId),
        or(isNull(officerTerms.endedOn), gt(officerTerms.endedOn, endedOn)),
        options.unionIds ? inArray(officerTerms.unionId, [...options.unionIds]) : undefined,
      ),
    )
    .for('update', { of: officerTerms })
  for (const term of open) {
    const termEnd = term.startedOn > endedOn ? term.startedOn : endedOn
    await tx
      .update(officerTerms)
      .set({ endedOn: termEnd, endReason: reason, version: sql`${officerTerms.version} + 1`, updatedAt: new Date() })
      .where(eq(officerTerms.id, term.id))
    await recordMemberEvent(tx, context, {
      memberId,
      kind: 'position_ended',
      occurredOn: termEnd,
      unionId: term.unionId,
      details: positionDetails(term, { reason }),
    })
    await recordAudit(tx, context, {
      action: 'officer.end',
      entityType: 'officer_term',
      entityId: term.id,
      unionId: term.unionId,
      before: { endedOn: term.endedOn, endReason: term.endReason, version: term.version },
      after: { endedOn: termEnd, endReason: reason, version: term.version + 1 },
    })
  }
  return open.map((term) => term.id)
}

/** Timeline facts of a position event: which position, in which union. Never personal fields. */
function positionDetails(term: TermRow, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    termId: term.id,
    position: { code: term.positionCode, name: term.positionName },
    union: { id: term.unionId, name: term.unionName },
    termLabel: term.termLabel,
    ...extra,
  }
}

/** Union officers: positions as data, terms, one chairperson at a time. */
export function createOfficersService(deps: OfficersServiceDeps) {
  const { db, unions: unionsService } = deps

  async function page(conditions: (SQL | undefined)[], query: { limit?: number; cursor?: string }): Promise<PageOf<OfficerTerm>> {
    const limit = pageSize(query.limit)
    const cursor = decodeCursor(query.cursor, 3)
    if (cursor && (typeof cursor[0] !== 'number' || typeof cursor[2] !== 'string')) {
      throw badRequest('cursor', 'invalid', 'The cursor is not one this API issued.')
    }
    const rows = await selectTerms(db)
      .where(and(...conditions, cursor ? termsAfter(cursor) : undefined))
      .orderBy(...termOrder.map((column) => asc(column)))
      .limit(limit + 1)
    const today = todayInVietnam()
    return toPage(rows, limit, termCursor, (row) => presentTerm(row, today))
  }

  function currentFilter(current: boolean | undefined, today: string): SQL | undefined {
    if (current === undefined) return undefined
    return current ? termCurrentOn(today) : termPastOn(today)
  }

  /**
   * Officers across the actor's scope, narrowed by `under`, position code, sector, grassroots and
   * current/past; e.g. "current chairpersons of non-state grassroots unions under X". Exported
   * for other modules (trainings pick their invitees with it).
   */
  async function listOfficers(context: RequestContext, query: OfficerListQuery): Promise<PageOf<OfficerTerm>> {
    requirePermission(context.actor, 'unions:read')
    const q = query.q?.trim()
    return page(
      [
        pathWithinSubtree(unions.path, context.actor.unionId),
        // Both bounds apply: `under` above the actor still shows only the actor's subtree, apart shows nothing.
        query.under ? pathWithinSubtree(unions.path, query.under) : undefined,
        query.position ? eq(officerPositions.code, query.position) : undefined,
        query.sector ? eq(unions.sector, query.sector) : undefined,
        query.grassroots !== undefined ? eq(unitTypes.isGrassroots, query.grassroots) : undefined,
        currentFilter(query.current, todayInVietnam()),
        q ? sql`strpos(${members.nameKey}, liendoan_normalize(${q})) > 0` : undefined,
      ],
      query,
    )
  }

  /**
   * The member, locked (a transfer or a departure can't take them away mid-appointment), if they
   * may hold office in `union`: an active member of it, of a unit below it (a federation's bodies
   * are drawn from its grassroots unions), or of the grassroots union above it (a union group's
   * leader is a member of the grassroots union the group belongs to).
   */
  async function eligibleMember(tx: Database, union: { id: string; path: string }, memberId: string) {
    const [member] = await selectMembers(tx).where(eq(members.id, memberId)).for('update', { of: members })
    if (!member || member.status !== 'active') return undefined
    const belongs = pathIncludesUnion(member.unionPath, union.id) || pathIncludesUnion(union.path, member.unionId)
    return belongs ? member : undefined
  }

  /**
   * The earliest a term can start: when the member joined the grassroots union the post belongs
   * to (their open membership), or their admission for a federation's posts.
   */
  async function memberSince(tx: Database, member: MemberRow, union: { path: string }): Promise<string> {
    if (!pathIncludesUnion(union.path, member.unionId)) return member.admittedOn
    const [open] = await tx
      .select({ startedOn: memberships.startedOn })
      .from(memberships)
      .where(and(eq(memberships.memberId, member.id), isNull(memberships.endedOn)))
    return open?.startedOn ?? member.admittedOn
  }

  return {
    listOfficers,
    endTermsOfMember,

    async positions(): Promise<OfficerPosition[]> {
      return db
        .select({
          id: officerPositions.id,
          code: officerPositions.code,
          name: officerPositions.name,
          nameEn: officerPositions.nameEn,
          singleHolder: officerPositions.singleHolder,
          sortOrder: officerPositions.sortOrder,
        })
        .from(officerPositions)
        .orderBy(asc(officerPositions.sortOrder), asc(officerPositions.code))
    },

    async ofUnion(context: RequestContext, unionId: string, query: UnionOfficersQuery): Promise<PageOf<OfficerTerm>> {
      requirePermission(context.actor, 'unions:read')
      await unionsService.findVisible(db, context, unionId)
      return page([eq(officerTerms.unionId, unionId), currentFilter(query.current, todayInVietnam())], query)
    },

    async get(context: RequestContext, id: string): Promise<OfficerTerm> {
      requirePermission(context.actor, 'unions:read')
      const row = await findTermInScope(db, context, id)
      if (!row) throw notFound()
      return presentTerm(row, todayInVietnam())
    },

    /**
     * Appoints a member of the union (of its subtree, for a federation's own bodies) to a position.
     * A single-holder position (the chairperson) has one open term per union: checked here for a
     * clear answer, and by a partial unique index for two appointments made at the same moment.
     */
    async appoint(context: RequestContext, unionId: string, body: AppointOfficerBody): Promise<OfficerTerm> {
      return db.transaction(async (tx) => {
        const union = await unionsService.findVisible(tx, context, unionId)
        requirePermission(context.actor, 'officers:manage')
        if (union.status !== 'active') throw new ProblemError(409, 'invalid_state', 'The union is no longer active.')
        const today = todayInVietnam()
        const errors: FieldErrorInput[] = []
        const [position] = await tx.select().from(officerPositions).where(eq(officerPositions.id, body.positionId))
        if (!position) errors.push({ field: '/positionId', code: 'not_found' })
        const member = await eligibleMember(tx, union, body.memberId)
        if (!member) errors.push({ field: '/memberId', code: 'not_member_of_union' })
        if (body.startedOn > today) errors.push({ field: '/startedOn', code: 'future_date' })
        else if (member && body.startedOn < (await memberSince(tx, member, union))) errors.push({ field: '/startedOn', code: 'date_order' })
        const termLabel = checkedTermLabel(body.termLabel, errors)
        // Both are known here whenever no error was collected; the test keeps TypeScript informed.
        if (errors.length > 0 || !position || !member) throw new ProblemError(422, 'validation_failed', 'Some fields are invalid.', errors)

        // Terms of this position here that are still running on the new start date.
        const overlapping = await tx
          .select({ memberId: officerTerms.memberId })
          .from(officerTerms)
          .where(
            and(
              eq(officerTerms.unionId, union.id),
              eq(officerTerms.positionId, position.id),
              or(isNull(officerTerms.endedOn), gt(officerTerms.endedOn, body.startedOn)),
            ),
          )
        if (overlapping.some((term) => term.memberId === member.id)) {
          throw new ProblemError(409, 'conflict', UNIQUE_TERM_RULES.officer_terms_member_position_key)
        }
        if (position.singleHolder && overlapping.length > 0) {
          throw new ProblemError(409, 'conflict', `${position.nameEn} (${position.name}): ${UNIQUE_TERM_RULES.officer_terms_one_holder_key}`)
        }

        const id = uuidv7()
        try {
          await tx.insert(officerTerms).values({
            id,
            unionId: union.id,
            memberId: member.id,
            positionId: position.id,
            singleHolder: position.singleHolder,
            startedOn: body.startedOn,
            termLabel: termLabel ?? null,
            employment: body.employment,
          })
        } catch (error) {
          const rule = UNIQUE_TERM_RULES[violatedUniqueConstraint(error) ?? '']
          if (rule) throw new ProblemError(409, 'conflict', rule)
          throw error
        }
        const [created] = await selectTerms(tx).where(eq(officerTerms.id, id))
        if (!created) throw notFound()
        await recordMemberEvent(tx, context, {
          memberId: member.id,
          kind: 'position_started',
          occurredOn: created.startedOn,
          unionId: union.id,
          details: positionDetails(created, { employment: created.employment }),
        })
        await recordAudit(tx, context, {
          action: 'officer.appoint',
          entityType: 'officer_term',
          entityId: id,
          unionId: union.id,
          after: termAuditSnapshot(created),
        })
        return presentTerm(created, today)
      })
    },

    /** Ends a term or corrects its label and employment. An ended term stays ended: a new term is a new appointment. */
    async update(context: RequestContext, id: string, expectedVersion: number, body: UpdateOfficerTermBody): Promise<OfficerTerm> {
      return db.transaction(async (tx) => {
        const current = await findTermInScope(tx, context, id, { lock: true })
        if (!current) throw notFound()
        requirePermission(context.actor, 'officers:manage')
        if (current.version !== expectedVersion) throw staleVersion()
        const alreadyEnded = current.endedOn !== null
        if (alreadyEnded && body.endedOn !== undefined && body.endedOn !== current.endedOn) {
          throw new ProblemError(409, 'invalid_state', 'This term has ended; its end date cannot be changed and it cannot be reopened. Appoint a new term instead.')
        }
        const ending = !alreadyEnded && body.endedOn !== undefined
        const errors: FieldErrorInput[] = []
        if (ending && body.endedOn !== undefined && body.endedOn < current.startedOn) errors.push({ field: '/endedOn', code: 'date_order' })
        if (!alreadyEnded && !ending && body.endReason !== undefined) errors.push({ field: '/endReason', code: 'end_date_required' })
        const termLabel = checkedTermLabel(body.termLabel, errors)
        throwIfInvalid(errors)

        const changes: Partial<typeof officerTerms.$inferInsert> = {}
        if (ending) changes.endedOn = body.endedOn
        if (body.endReason !== undefined) changes.endReason = body.endReason.trim() || null
        if (termLabel !== undefined) changes.termLabel = termLabel
        if (body.employment !== undefined) changes.employment = body.employment
        const updated = await tx
          .update(officerTerms)
          .set({ ...changes, version: sql`${officerTerms.version} + 1`, updatedAt: new Date() })
          .where(and(eq(officerTerms.id, id), eq(officerTerms.version, expectedVersion)))
          .returning({ id: officerTerms.id })
        if (updated.length === 0) throw staleVersion()
        const [after] = await selectTerms(tx).where(eq(officerTerms.id, id))
        if (!after) throw notFound()
        if (ending && after.endedOn) {
          await recordMemberEvent(tx, context, {
            memberId: after.memberId,
            kind: 'position_ended',
            occurredOn: after.endedOn,
            unionId: after.unionId,
            details: positionDetails(after, { reason: after.endReason }),
          })
        }
        const changed = diff(termAuditSnapshot(current), termAuditSnapshot(after))
        await recordAudit(tx, context, {
          action: ending ? 'officer.end' : 'officer.update',
          entityType: 'officer_term',
          entityId: id,
          unionId: after.unionId,
          before: changed.before,
          after: changed.after,
        })
        return presentTerm(after, todayInVietnam())
      })
    },
  }
}

export type OfficersService = ReturnType<typeof createOfficersService>
