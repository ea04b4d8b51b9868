import {
  type Agreement,
  type AgreementDocument,
  AgreementDocumentTypes,
  type AgreementEvent,
  type AgreementExpiryRunBody,
  type AgreementExpiryRunResult,
  type AgreementGrade,
  type AgreementListQuery,
  type AgreementSort,
  type AgreementStatus,
  type AgreementTerms,
  type AgreementTermsInput,
  type BringIntoForceBody,
  type CreateAgreementBody,
  EditableAgreementStatuses,
  GradableAgreementStatuses,
  type GradeAgreementBody,
  type PageOf,
  PendingAgreementStatuses,
  type RegisterAgreementBody,
  type RenewAgreementBody,
  RenewableAgreementStatuses,
  type SignAgreementBody,
  type TerminateAgreementBody,
  type UpdateAgreementBody,
  favourableTermCount,
} from '@liendoan/contracts'
import { type SQL, and, asc, desc, eq, gte, inArray, isNotNull, isNull, lte, sql } from 'drizzle-orm'
import type { Readable } from 'node:stream'
import { v7 as uuidv7 } from 'uuid'
import type { Database } from '../../db/client.js'
import { agreementDocuments, agreementGrades, agreements, unions } from '../../db/schema/index.js'
import { type RequestContext, requirePermission } from '../../lib/actor.js'
import { type AuditEntry, diff, recordAudit, recordAudits } from '../../lib/audit.js'
import { recordWebhookEvent } from '../webhooks/webhook-outbox.js'
import { todayInVietnam } from '../../lib/dates.js'
import { DocumentNotStoredError, type DocumentStorage } from '../../lib/document-storage.js'
import { staleVersion } from '../../lib/etag.js'
import { type FieldErrorInput, ProblemError, badRequest, notFound } from '../../lib/errors.js'
import { decodeCursor, pageSize, toPage } from '../../lib/pagination.js'
import { listSubtreePath, pathIncludesUnion } from '../unions/union-scope.js'
import type { UnionsService } from '../unions/unions.service.js'
import { runAgreementExpiry } from './agreement-expiry.js'
import {
  agreementConflict,
  checkSigningDates,
  enterIntoForce,
  inForceConflict,
  pendingConflict,
  requireStatus,
  requireTransition,
  throwIfInvalid,
} from './agreement-rules.js'
import {
  type AgreementEventInput,
  type AgreementRow,
  agreementAuditSnapshot,
  agreementTimeline,
  employerKeyOf,
  findDocument,
  findHolder,
  insertAgreementEvents,
  lockAgreement,
  presentAgreement,
  presentDocument,
  selectAgreements,
  selectDocuments,
  termsOf,
} from './agreements.repository.js'

export interface AgreementsServiceDeps {
  db: Database
  unions: UnionsService
  storage: DocumentStorage
}

/** A document already in the storage under `storageKey`, waiting for its record. */
export interface StoredUpload {
  /** The form's `type` field as sent (checked here). */
  type: string | undefined
  fileName: string
  mediaType: string
  storageKey: string
  sizeBytes: number
  sha256: string
}

/** Trimmed free text, empty meaning none. */
const optionalText = (value: string | null | undefined): string | null => {
  const trimmed = value?.trim()
  return trimmed ? trimmed : null
}

function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`)
  date.setUTCDate(date.getUTCDate() + days)
  return date.toISOString().slice(0, 10)
}

/** Terms as stored: the input with every missing field at its empty value, and their count. */
function termsFrom(input: AgreementTermsInput | undefined): { terms: AgreementTerms; favourableTerms: number } {
  const terms = termsOf(input)
  const cleaned: AgreementTerms = {
    ...terms,
    allowances: terms.allowances.map((allowance) => ({ name: allowance.name.trim(), amountVnd: allowance.amountVnd })),
    otherTerms: optionalText(terms.otherTerms),
  }
  return { terms: cleaned, favourableTerms: favourableTermCount(cleaned) }
}

interface SigningDates {
  signedOn: string
  effectiveOn: string
  expiresOn: string
}

/**
 * The dates of a new agreement: all three for a signed one (checked), none for one being negotiated.
 */
function datesForNew(
  body: { signedOn?: string; effectiveOn?: string; expiresOn?: string },
  status: 'negotiating' | 'signed',
  today: string,
  errors: FieldErrorInput[],
): SigningDates | null {
  const fields = ['signedOn', 'effectiveOn', 'expiresOn'] as const
  if (status === 'negotiating') {
    for (const field of fields) if (body[field] !== undefined) errors.push({ field: `/${field}`, code: 'signing_dates_not_allowed' })
    return null
  }
  const missing = fields.filter((field) => body[field] === undefined)
  for (const field of missing) errors.push({ field: `/${field}`, code: 'required' })
  if (missing.length) return null
  const dates = { signedOn: body.signedOn!, effectiveOn: body.effectiveOn!, expiresOn: body.expiresOn! }
  checkSigningDates(dates, today, errors)
  return dates
}

/** Vietnamese names of the fields an edit may change, for the timeline. */
const FIELD_NAMES: Record<string, string> = {
  title: 'tên thỏa ước',
  employerName: 'người sử dụng lao động',
  employerTaxCode: 'mã số thuế',
  workersCovered: 'số người lao động được áp dụng',
  terms: 'nội dung',
  favourableTerms: 'nội dung có lợi',
  notes: 'ghi chú',
  signedOn: 'ngày ký',
  effectiveOn: 'ngày có hiệu lực',
  expiresOn: 'ngày hết hạn',
}

/**
 * Collective labour agreements: the register, the lifecycle (only AgreementTransitions), grades,
 * renewals, documents and the timeline. Every change locks the agreement's row, writes a timeline
 * event and an audit entry, and bumps its version. Scope: an account sees the agreements of its
 * union's subtree; anything else answers 404 like a missing id.
 */
/**
 * Every word of the search, in any order, found without diacritics in the title, the employer,
 * its tax code, or the union's name or code; a word of four letters or more also matches a near
 * spelling (pg_trgm word similarity), so "mam non ngoc tau" finds "Mầm non Ngọc Tảo".
 */
function searchWordsMatch(q: string): SQL | undefined {
  const words = q.split(/\s+/).filter(Boolean).slice(0, 8)
  if (words.length === 0) return undefined
  const haystack = sql`(${agreements.searchText} || ' ' || ${unions.nameKey} || ' ' || lower(${unions.code}))`
  return and(
    ...words.map((word) =>
      word.length >= 4
        ? sql`(strpos(${haystack}, liendoan_normalize(${word})) > 0 OR liendoan_normalize(${word}) <% ${haystack})`
        : sql`strpos(${haystack}, liendoan_normalize(${word})) > 0`,
    ),
  )
}

export function createAgreementsService(deps: AgreementsServiceDeps) {
  const { db, unions: unionsService, storage } = deps

  /** The agreement if its union is in the actor's subtree; 404 otherwise. `lock` takes its row lock first. */
  async function findAgreement(executor: Database, context: RequestContext, id: string, options: { lock?: boolean } = {}): Promise<AgreementRow> {
    if (options.lock) await lockAgreement(executor, id)
    const [row] = await selectAgreements(executor).where(eq(agreements.id, id))
    if (!row || !pathIncludesUnion(row.unionPath, context.actor.unionId)) throw notFound()
    return row
  }

  async function reload(executor: Database, id: string): Promise<AgreementRow> {
    const [row] = await selectAgreements(executor).where(eq(agreements.id, id))
    if (!row) throw notFound()
    return row
  }

  /** Runs `work` in a transaction; the one-at-a-time indexes' refusals become 409s. */
  async function inTransaction<T>(work: (tx: Database) => Promise<T>): Promise<T> {
    try {
      return await db.transaction(work)
    } catch (error) {
      throw agreementConflict(error) ?? error
    }
  }

  async function bumpVersion(tx: Database, id: string): Promise<void> {
    await tx
      .update(agreements)
      .set({ version: sql`${agreements.version} + 1`, updatedAt: new Date() })
      .where(eq(agreements.id, id))
  }

  async function auditChange(tx: Database, context: RequestContext, action: string, before: AgreementRow | undefined, after: AgreementRow): Promise<void> {
    const changed = before ? diff(agreementAuditSnapshot(before), agreementAuditSnapshot(after)) : { before: undefined, after: agreementAuditSnapshot(after) }
    await recordAudit(tx, context, { action, entityType: 'agreement', entityId: after.id, unionId: after.unionId, before: changed.before, after: changed.after })
  }

  /** A pending agreement already holding the union + employer's place: 409 with its title. */
  async function refusePending(tx: Database, unionId: string, employerName: string, employerTaxCode: string | null): Promise<void> {
    const holder = await findHolder(tx, unionId, employerKeyOf(employerName, employerTaxCode), PendingAgreementStatuses)
    if (holder) throw pendingConflict(holder)
  }

  /** Inserts a new agreement (create and renewal) with its first events. */
  async function insertAgreement(
    tx: Database,
    context: RequestContext,
    values: {
      unionId: string
      kind: AgreementRow['kind']
      title: string
      employerName: string
      employerTaxCode: string | null
      workersCovered: number
      terms: AgreementTerms
      favourableTerms: number
      notes: string | null
      status: 'negotiating' | 'signed'
      dates: SigningDates | null
      replacesId: string | null
    },
    createdDetail: string | null,
  ): Promise<AgreementRow> {
    const id = uuidv7()
    const today = todayInVietnam()
    await tx.insert(agreements).values({
      id,
      kind: values.kind,
      title: values.title,
      unionId: values.unionId,
      employerName: values.employerName,
      employerTaxCode: values.employerTaxCode,
      status: values.status,
      signedOn: values.dates?.signedOn ?? null,
      effectiveOn: values.dates?.effectiveOn ?? null,
      expiresOn: values.dates?.expiresOn ?? null,
      workersCovered: values.workersCovered,
      terms: values.terms,
      favourableTerms: values.favourableTerms,
      notes: values.notes,
      replacesId: values.replacesId,
      createdByUserId: context.actor.userId,
    })
    const events: AgreementEventInput[] = [
      { agreementId: id, kind: 'created', onDate: today, toStatus: values.status === 'signed' ? 'signed' : 'negotiating', detail: createdDetail, actorUserId: context.actor.userId },
    ]
    if (values.dates) {
      events.push({ agreementId: id, kind: 'signed', onDate: values.dates.signedOn, toStatus: 'signed', actorUserId: context.actor.userId })
    }
    await insertAgreementEvents(tx, events)
    return reload(tx, id)
  }

  /** Lock, scope, permission and the allowed transition: the start of every status change. */
  async function startTransition(tx: Database, context: RequestContext, id: string, to: AgreementStatus, permission: 'agreements:write' | 'agreements:assess') {
    const current = await findAgreement(tx, context, id, { lock: true })
    requirePermission(context.actor, permission)
    requireTransition(current.status as AgreementStatus, to)
    return current
  }

  return {
    /** The grading scheme, in its order. */
    async grades(context: RequestContext): Promise<AgreementGrade[]> {
      requirePermission(context.actor, 'agreements:read')
      return db
        .select({
          code: agreementGrades.code,
          name: agreementGrades.name,
          criteria: agreementGrades.criteria,
          minFavourableTerms: agreementGrades.minFavourableTerms,
          sortOrder: agreementGrades.sortOrder,
        })
        .from(agreementGrades)
        .orderBy(asc(agreementGrades.sortOrder), asc(agreementGrades.code))
    },

    /**
     * Agreements of the actor's subtree (narrowed to `under`), filtered, searched and paged by
     * cursor in one of three orders. `expiringWithinDays` lists those in force whose last day falls
     * between today and today + N (Vietnam's date), soonest first unless another sort is asked for.
     */
    async list(context: RequestContext, query: AgreementListQuery): Promise<PageOf<Agreement>> {
      requirePermission(context.actor, 'agreements:read')
      if (query.under) await unionsService.findVisible(db, context, query.under)
      if (query.unionId) await unionsService.findVisible(db, context, query.unionId)
      const subtree = await listSubtreePath(db, context.actor.unionId, query.under)
      if (subtree === null) return { items: [], nextCursor: null }
      const limit = pageSize(query.limit)
      const sort: AgreementSort = query.sort ?? (query.expiringWithinDays !== undefined ? 'expiring' : 'recent')
      const cursor = decodeCursor(query.cursor, 2)
      if (cursor && typeof cursor[0] === 'number') throw badRequest('cursor', 'invalid', 'The cursor is not one this API issued.')
      const key = cursor ? (cursor[0] as string | null) : undefined
      const afterId = cursor ? String(cursor[1]) : undefined
      const today = todayInVietnam()
      const q = query.q?.trim()
      const titleKey = sql`liendoan_normalize(${agreements.title})`

      let after: SQL | undefined
      let order: SQL[]
      if (sort === 'recent') {
        order = [sql`${agreements.signedOn} DESC NULLS LAST`, desc(agreements.id)]
        if (afterId !== undefined) {
          after =
            key !== null
              ? sql`(${agreements.signedOn} < ${key}::date OR (${agreements.signedOn} = ${key}::date AND ${agreements.id} < ${afterId}::uuid) OR ${agreements.signedOn} IS NULL)`
              : sql`(${agreements.signedOn} IS NULL AND ${agreements.id} < ${afterId}::uuid)`
        }
      } else if (sort === 'expiring') {
        order = [sql`${agreements.expiresOn} ASC NULLS LAST`, asc(agreements.id)]
        if (afterId !== undefined) {
          after =
            key !== null
              ? sql`(${agreements.expiresOn} > ${key}::date OR (${agreements.expiresOn} = ${key}::date AND ${agreements.id} > ${afterId}::uuid) OR ${agreements.expiresOn} IS NULL)`
              : sql`(${agreements.expiresOn} IS NULL AND ${agreements.id} > ${afterId}::uuid)`
        }
      } else {
        order = [asc(titleKey), asc(agreements.id)]
        if (afterId !== undefined) {
          if (key === null) throw badRequest('cursor', 'invalid', 'The cursor is not one this API issued.')
          after = sql`(${titleKey}, ${agreements.id}) > (${key}, ${afterId}::uuid)`
        }
      }

      const rows = await selectAgreements(db)
        .where(
          and(
            // The subtree as index bounds on the union's path (read as a value first).
            sql`${unions.path} >= ${subtree} AND ${unions.path} < ${`${subtree}~`}`,
            query.unionId ? eq(agreements.unionId, query.unionId) : undefined,
            query.status ? inArray(agreements.status, [...query.status]) : undefined,
            query.grade ? eq(agreements.gradeCode, query.grade) : undefined,
            query.ungraded === true ? isNull(agreements.gradeCode) : query.ungraded === false ? isNotNull(agreements.gradeCode) : undefined,
            query.sector ? eq(unions.sector, query.sector) : undefined,
            query.expiringWithinDays !== undefined
              ? and(eq(agreements.status, 'in_force'), gte(agreements.expiresOn, today), lte(agreements.expiresOn, addDays(today, query.expiringWithinDays)))
              : undefined,
            query.signedFrom ? gte(agreements.signedOn, query.signedFrom) : undefined,
            query.signedTo ? lte(agreements.signedOn, query.signedTo) : undefined,
            q ? searchWordsMatch(q) : undefined,
            after,
          ),
        )
        .orderBy(...order)
        .limit(limit + 1)
      const cursorOf = (row: AgreementRow): (string | null)[] =>
        sort === 'recent' ? [row.signedOn, row.id] : sort === 'expiring' ? [row.expiresOn, row.id] : [row.titleKey, row.id]
      return toPage(rows, limit, cursorOf, presentAgreement)
    },

    async get(context: RequestContext, id: string): Promise<Agreement> {
      requirePermission(context.actor, 'agreements:read')
      return presentAgreement(await findAgreement(db, context, id))
    },

    /**
     * A new agreement of an active grassroots union in the actor's scope, negotiating or (with its
     * three dates) already signed. The employer defaults to the union's. At most one agreement on
     * its way per union and employer: a second is 409, also when two requests race.
     */
    async create(context: RequestContext, body: CreateAgreementBody): Promise<Agreement> {
      return inTransaction(async (tx) => {
        const union = await unionsService.findVisible(tx, context, body.unionId)
        requirePermission(context.actor, 'agreements:write')
        const errors: FieldErrorInput[] = []
        if (!union.unitType.isGrassroots) errors.push({ field: '/unionId', code: 'grassroots_required' })
        else if (union.status !== 'active') errors.push({ field: '/unionId', code: 'union_not_active' })
        const title = body.title.trim()
        if (title.length < 3) errors.push({ field: '/title', code: 'minLength', params: { limit: 3 } })
        const givenEmployer = optionalText(body.employerName)
        const employerName = givenEmployer ?? optionalText(union.employerName)
        if (!employerName) errors.push({ field: '/employerName', code: 'employer_required' })
        // The union's tax code goes with the union's employer only.
        const employerTaxCode = body.employerTaxCode !== undefined ? body.employerTaxCode : givenEmployer ? null : union.employerTaxCode
        const status = body.status ?? 'negotiating'
        const dates = datesForNew(body, status, todayInVietnam(), errors)
        throwIfInvalid(errors)
        await refusePending(tx, union.id, employerName!, employerTaxCode)
        const created = await insertAgreement(
          tx,
          context,
          {
            unionId: union.id,
            kind: 'enterprise',
            title,
            employerName: employerName!,
            employerTaxCode,
            workersCovered: body.workersCovered,
            ...termsFrom(body.terms),
            notes: optionalText(body.notes),
            status,
            dates,
            replacesId: null,
          },
          null,
        )
        await auditChange(tx, context, 'agreement.create', undefined, created)
        return presentAgreement(created)
      })
    },

    /**
     * Edits an agreement that is not final (If-Match). Terms are replaced whole; dates change only
     * once it is signed and are checked again, also against its registration and entry into force.
     */
    async update(context: RequestContext, id: string, expectedVersion: number, body: UpdateAgreementBody): Promise<Agreement> {
      return inTransaction(async (tx) => {
        const current = await findAgreement(tx, context, id, { lock: true })
        requirePermission(context.actor, 'agreements:write')
        if (current.version !== expectedVersion) throw staleVersion()
        const status = current.status as AgreementStatus
        requireStatus(status, EditableAgreementStatuses, 'Editing')
        const errors: FieldErrorInput[] = []
        const changes: Partial<typeof agreements.$inferInsert> = {}

        if (body.title !== undefined) {
          const title = body.title.trim()
          if (title.length < 3) errors.push({ field: '/title', code: 'minLength', params: { limit: 3 } })
          changes.title = title
        }
        if (body.employerName !== undefined) {
          const employerName = body.employerName.trim()
          if (employerName.length < 2) errors.push({ field: '/employerName', code: 'minLength', params: { limit: 2 } })
          changes.employerName = employerName
        }
        if (body.employerTaxCode !== undefined) changes.employerTaxCode = body.employerTaxCode
        if (body.workersCovered !== undefined) changes.workersCovered = body.workersCovered
        if (body.notes !== undefined) changes.notes = optionalText(body.notes)
        if (body.terms !== undefined) Object.assign(changes, termsFrom(body.terms))

        const dateFields = (['signedOn', 'effectiveOn', 'expiresOn'] as const).filter((field) => body[field] !== undefined)
        if (dateFields.length > 0) {
          if (status === 'negotiating' || current.signedOn === null || current.effectiveOn === null || current.expiresOn === null) {
            for (const field of dateFields) errors.push({ field: `/${field}`, code: 'signing_dates_not_allowed' })
          } else {
            const dates = {
              signedOn: body.signedOn ?? current.signedOn,
              effectiveOn: body.effectiveOn ?? current.effectiveOn,
              expiresOn: body.expiresOn ?? current.expiresOn,
            }
            checkSigningDates(dates, todayInVietnam(), errors)
            if (current.registeredOn !== null && dates.signedOn > current.registeredOn) errors.push({ field: '/signedOn', code: 'before_registered' })
            if (current.inForceOn !== null && dates.effectiveOn > current.inForceOn) errors.push({ field: '/effectiveOn', code: 'after_in_force' })
            if (current.inForceOn !== null && dates.expiresOn < current.inForceOn) errors.push({ field: '/expiresOn', code: 'before_in_force' })
            Object.assign(changes, dates)
          }
        }
        throwIfInvalid(errors)

        const updated = await tx
          .update(agreements)
          .set({ ...changes, version: sql`${agreements.version} + 1`, updatedAt: new Date() })
          .where(and(eq(agreements.id, id), eq(agreements.version, expectedVersion)))
          .returning({ id: agreements.id })
        if (updated.length === 0) throw staleVersion()
        const after = await reload(tx, id)
        const changed = diff(agreementAuditSnapshot(current), agreementAuditSnapshot(after))
        const names = Object.keys(changed.after)
          .map((field) => FIELD_NAMES[field])
          .filter((name): name is string => name !== undefined)
        await insertAgreementEvents(tx, [
          { agreementId: id, kind: 'updated', onDate: todayInVietnam(), detail: names.length ? `Sửa ${names.join(', ')}` : null, actorUserId: context.actor.userId },
        ])
        await recordAudit(tx, context, { action: 'agreement.update', entityType: 'agreement', entityId: id, unionId: after.unionId, before: changed.before, after: changed.after })
        return presentAgreement(after)
      })
    },

    /** negotiating → signed, with the three dates (checked) and optionally the workers covered. */
    async sign(context: RequestContext, id: string, body: SignAgreementBody): Promise<Agreement> {
      return inTransaction(async (tx) => {
        const current = await startTransition(tx, context, id, 'signed', 'agreements:write')
        const errors: FieldErrorInput[] = []
        const dates = { signedOn: body.signedOn, effectiveOn: body.effectiveOn, expiresOn: body.expiresOn }
        checkSigningDates(dates, todayInVietnam(), errors)
        throwIfInvalid(errors)
        await tx
          .update(agreements)
          .set({
            status: 'signed',
            ...dates,
            ...(body.workersCovered !== undefined ? { workersCovered: body.workersCovered } : {}),
            version: sql`${agreements.version} + 1`,
            updatedAt: new Date(),
          })
          .where(eq(agreements.id, id))
        await insertAgreementEvents(tx, [
          { agreementId: id, kind: 'signed', onDate: dates.signedOn, fromStatus: current.status as AgreementStatus, toStatus: 'signed', actorUserId: context.actor.userId },
        ])
        const after = await reload(tx, id)
        await auditChange(tx, context, 'agreement.sign', current, after)
        return presentAgreement(after)
      })
    },

    /** signed → registered: the federation has received it (federation accounts only). */
    async register(context: RequestContext, id: string, body: RegisterAgreementBody): Promise<Agreement> {
      return inTransaction(async (tx) => {
        const current = await startTransition(tx, context, id, 'registered', 'agreements:assess')
        const errors: FieldErrorInput[] = []
        if (body.registeredOn > todayInVietnam()) errors.push({ field: '/registeredOn', code: 'future_date' })
        else if (current.signedOn !== null && body.registeredOn < current.signedOn) errors.push({ field: '/registeredOn', code: 'before_signed' })
        throwIfInvalid(errors)
        const registrationNumber = optionalText(body.registrationNumber)
        await tx
          .update(agreements)
          .set({ status: 'registered', registeredOn: body.registeredOn, registrationNumber, version: sql`${agreements.version} + 1`, updatedAt: new Date() })
          .where(eq(agreements.id, id))
        await insertAgreementEvents(tx, [
          {
            agreementId: id,
            kind: 'registered',
            onDate: body.registeredOn,
            fromStatus: 'signed',
            toStatus: 'registered',
            detail: registrationNumber ? `Số đăng ký ${registrationNumber}` : null,
            actorUserId: context.actor.userId,
          },
        ])
        const after = await reload(tx, id)
        await recordWebhookEvent(tx, { type: 'agreement.registered', unionId: after.unionId, data: { agreement: presentAgreement(after) } })
        await auditChange(tx, context, 'agreement.register', current, after)
        return presentAgreement(after)
      })
    },

    /**
     * signed | registered → in_force from `inForceOn` (default its effective date; not before it,
     * not in the future, and not once its last day has passed). A renewal replaces the agreement it
     * renews in the same transaction; any other agreement in force for the union and employer is 409.
     */
    async bringIntoForce(context: RequestContext, id: string, body: BringIntoForceBody): Promise<Agreement> {
      return inTransaction(async (tx) => {
        const current = await startTransition(tx, context, id, 'in_force', 'agreements:write')
        const today = todayInVietnam()
        const effectiveOn = current.effectiveOn!
        const expiresOn = current.expiresOn!
        const inForceOn = body.inForceOn ?? effectiveOn
        const errors: FieldErrorInput[] = []
        if (expiresOn < today) errors.push({ field: '/inForceOn', code: 'agreement_expired', params: { expiresOn } })
        else if (inForceOn > today) errors.push({ field: '/inForceOn', code: body.inForceOn === undefined ? 'not_yet_effective' : 'future_date', params: { effectiveOn } })
        else if (inForceOn < effectiveOn) errors.push({ field: '/inForceOn', code: 'before_effective', params: { effectiveOn } })
        throwIfInvalid(errors)
        const holder = await findHolder(tx, current.unionId, current.employerKey, ['in_force'], current.replacesId)
        if (holder) throw inForceConflict(holder)
        const result = await enterIntoForce(tx, {
          agreement: { id, title: current.title, status: current.status as AgreementStatus, replacesId: current.replacesId },
          inForceOn,
          actorUserId: context.actor.userId,
        })
        const after = await reload(tx, id)
        await auditChange(tx, context, 'agreement.in_force', current, after)
        if (result.replaced) {
          await recordAudit(tx, context, {
            action: 'agreement.replace',
            entityType: 'agreement',
            entityId: result.replaced.id,
            unionId: result.replaced.unionId,
            before: { status: result.replaced.fromStatus },
            after: { status: 'replaced', endedOn: inForceOn, replacedBy: id },
          })
        }
        return presentAgreement(after)
      })
    },

    /** Ends an agreement early, or abandons a negotiation: any status but the final ones. */
    async terminate(context: RequestContext, id: string, body: TerminateAgreementBody): Promise<Agreement> {
      return inTransaction(async (tx) => {
        const current = await startTransition(tx, context, id, 'terminated', 'agreements:write')
        const errors: FieldErrorInput[] = []
        const reason = body.reason.trim()
        if (reason.length < 3) errors.push({ field: '/reason', code: 'minLength', params: { limit: 3 } })
        if (body.terminatedOn > todayInVietnam()) errors.push({ field: '/terminatedOn', code: 'future_date' })
        else if (current.signedOn !== null && body.terminatedOn < current.signedOn) errors.push({ field: '/terminatedOn', code: 'before_signed' })
        else if (current.inForceOn !== null && body.terminatedOn < current.inForceOn) errors.push({ field: '/terminatedOn', code: 'before_in_force' })
        throwIfInvalid(errors)
        await tx
          .update(agreements)
          .set({ status: 'terminated', endedOn: body.terminatedOn, endReason: reason, version: sql`${agreements.version} + 1`, updatedAt: new Date() })
          .where(eq(agreements.id, id))
        await insertAgreementEvents(tx, [
          {
            agreementId: id,
            kind: 'terminated',
            onDate: body.terminatedOn,
            fromStatus: current.status as AgreementStatus,
            toStatus: 'terminated',
            detail: reason,
            actorUserId: context.actor.userId,
          },
        ])
        const after = await reload(tx, id)
        await auditChange(tx, context, 'agreement.terminate', current, after)
        return presentAgreement(after)
      })
    },

    /**
     * The federation's assessment (federation accounts only), for registered, in-force or expired
     * agreements. A later one replaces the grade; each stays in the timeline.
     */
    async grade(context: RequestContext, id: string, body: GradeAgreementBody): Promise<Agreement> {
      return inTransaction(async (tx) => {
        const current = await findAgreement(tx, context, id, { lock: true })
        requirePermission(context.actor, 'agreements:assess')
        requireStatus(current.status as AgreementStatus, GradableAgreementStatuses, 'Grading')
        const errors: FieldErrorInput[] = []
        const [grade] = await tx.select({ code: agreementGrades.code, name: agreementGrades.name }).from(agreementGrades).where(eq(agreementGrades.code, body.grade))
        if (!grade) errors.push({ field: '/grade', code: 'grade_unknown' })
        const assessedOn = body.assessedOn ?? todayInVietnam()
        if (assessedOn > todayInVietnam()) errors.push({ field: '/assessedOn', code: 'future_date' })
        else if (current.signedOn !== null && assessedOn < current.signedOn) errors.push({ field: '/assessedOn', code: 'before_signed' })
        throwIfInvalid(errors)
        const note = optionalText(body.note)
        await tx
          .update(agreements)
          .set({
            gradeCode: body.grade,
            gradedOn: assessedOn,
            gradedByUserId: context.actor.userId,
            gradeNote: note,
            version: sql`${agreements.version} + 1`,
            updatedAt: new Date(),
          })
          .where(eq(agreements.id, id))
        const previous = current.gradeCode ? `${current.gradeCode} → ` : ''
        await insertAgreementEvents(tx, [
          { agreementId: id, kind: 'graded', onDate: assessedOn, detail: `${previous}${body.grade}${note ? `: ${note}` : ''}`, actorUserId: context.actor.userId },
        ])
        const after = await reload(tx, id)
        await auditChange(tx, context, 'agreement.grade', current, after)
        return presentAgreement(after)
      })
    },

    /**
     * Starts the agreement that renews an in-force or expired one: same union and employer, linked
     * by `replaces`; terms and workers covered copied unless given. 409 while another agreement
     * for that union and employer is on its way.
     */
    async renew(context: RequestContext, id: string, body: RenewAgreementBody): Promise<Agreement> {
      return inTransaction(async (tx) => {
        const current = await findAgreement(tx, context, id, { lock: true })
        requirePermission(context.actor, 'agreements:write')
        requireStatus(current.status as AgreementStatus, RenewableAgreementStatuses, 'Renewal')
        if (current.unionStatus !== 'active') {
          throw new ProblemError(409, 'invalid_state', 'The union has been dissolved or merged: its agreements cannot be renewed. (Công đoàn cơ sở đã giải thể hoặc sáp nhập.)')
        }
        const errors: FieldErrorInput[] = []
        const title = body.title.trim()
        if (title.length < 3) errors.push({ field: '/title', code: 'minLength', params: { limit: 3 } })
        const status = body.status ?? 'negotiating'
        const dates = datesForNew(body, status, todayInVietnam(), errors)
        throwIfInvalid(errors)
        await refusePending(tx, current.unionId, current.employerName, current.employerTaxCode)
        const terms = body.terms !== undefined ? termsFrom(body.terms) : { terms: termsOf(current.terms), favourableTerms: favourableTermCount(termsOf(current.terms)) }
        const created = await insertAgreement(
          tx,
          context,
          {
            unionId: current.unionId,
            kind: current.kind,
            title,
            employerName: current.employerName,
            employerTaxCode: current.employerTaxCode,
            workersCovered: body.workersCovered ?? current.workersCovered,
            ...terms,
            notes: optionalText(body.notes),
            status,
            dates,
            replacesId: current.id,
          },
          `Gia hạn, thay thế thỏa ước "${current.title}"`,
        )
        await bumpVersion(tx, current.id)
        await insertAgreementEvents(tx, [
          { agreementId: current.id, kind: 'renewal_started', onDate: todayInVietnam(), detail: title, actorUserId: context.actor.userId },
        ])
        await auditChange(tx, context, 'agreement.create', undefined, created)
        await recordAudit(tx, context, {
          action: 'agreement.renewal_started',
          entityType: 'agreement',
          entityId: current.id,
          unionId: current.unionId,
          after: { renewalId: created.id },
        })
        return presentAgreement(created)
      })
    },

    async timeline(context: RequestContext, id: string): Promise<AgreementEvent[]> {
      requirePermission(context.actor, 'agreements:read')
      await findAgreement(db, context, id)
      return agreementTimeline(db, id)
    },

    /* ---------- documents ---------- */

    async documents(context: RequestContext, id: string): Promise<AgreementDocument[]> {
      requirePermission(context.actor, 'agreements:read')
      await findAgreement(db, context, id)
      const rows = await selectDocuments(db)
        .where(eq(agreementDocuments.agreementId, id))
        .orderBy(asc(agreementDocuments.uploadedAt), asc(agreementDocuments.id))
      return rows.map(presentDocument)
    },

    /** Scope, permission and status for an upload, checked before its body is read. */
    async checkCanAddDocument(context: RequestContext, id: string): Promise<void> {
      const current = await findAgreement(db, context, id)
      requirePermission(context.actor, 'agreements:write')
      requireStatus(current.status as AgreementStatus, EditableAgreementStatuses, 'Adding a document')
    },

    /**
     * Records a document already written to the storage (checked there for size and content). On
     * any refusal here the stored bytes are deleted, so a refused upload leaves nothing.
     */
    async addDocument(context: RequestContext, id: string, upload: StoredUpload): Promise<AgreementDocument> {
      try {
        return await inTransaction(async (tx) => {
          const current = await findAgreement(tx, context, id, { lock: true })
          requirePermission(context.actor, 'agreements:write')
          requireStatus(current.status as AgreementStatus, EditableAgreementStatuses, 'Adding a document')
          const type = AgreementDocumentTypes.find((candidate) => candidate === upload.type)
          if (upload.type === undefined || upload.type.trim() === '') throwIfInvalid([{ field: 'type', code: 'required' }])
          if (!type) throwIfInvalid([{ field: 'type', code: 'enum', params: { allowedValues: AgreementDocumentTypes } }])
          const documentId = uuidv7()
          await tx.insert(agreementDocuments).values({
            id: documentId,
            agreementId: id,
            type: type!,
            fileName: upload.fileName,
            mediaType: upload.mediaType,
            sizeBytes: upload.sizeBytes,
            sha256: upload.sha256,
            storageKey: upload.storageKey,
            uploadedByUserId: context.actor.userId,
          })
          await bumpVersion(tx, id)
          await insertAgreementEvents(tx, [
            { agreementId: id, kind: 'document_added', onDate: todayInVietnam(), detail: upload.fileName, actorUserId: context.actor.userId },
          ])
          await recordAudit(tx, context, {
            action: 'agreement.document.add',
            entityType: 'agreement_document',
            entityId: documentId,
            unionId: current.unionId,
            after: { agreementId: id, type, fileName: upload.fileName, mediaType: upload.mediaType, sizeBytes: upload.sizeBytes, sha256: upload.sha256 },
          })
          const row = await findDocument(tx, id, documentId)
          if (!row) throw notFound()
          return presentDocument(row)
        })
      } catch (error) {
        await storage.delete(upload.storageKey).catch(() => undefined)
        throw error
      }
    },

    /** A document's record and its bytes, as a stream. */
    async openDocument(context: RequestContext, id: string, documentId: string): Promise<{ document: AgreementDocument; content: Readable }> {
      requirePermission(context.actor, 'agreements:read')
      await findAgreement(db, context, id)
      const row = await findDocument(db, id, documentId)
      if (!row) throw notFound()
      try {
        return { document: presentDocument(row), content: await storage.get(row.storageKey) }
      } catch (error) {
        if (error instanceof DocumentNotStoredError) throw notFound('The file of this document is missing from the storage.')
        throw error
      }
    },

    /** Removes a document while the agreement may still change; the bytes go once the record has. */
    async deleteDocument(context: RequestContext, id: string, documentId: string): Promise<void> {
      const storageKey = await inTransaction(async (tx) => {
        const current = await findAgreement(tx, context, id, { lock: true })
        requirePermission(context.actor, 'agreements:write')
        const row = await findDocument(tx, id, documentId)
        if (!row) throw notFound()
        requireStatus(current.status as AgreementStatus, EditableAgreementStatuses, 'Removing a document')
        await tx.delete(agreementDocuments).where(eq(agreementDocuments.id, documentId))
        await bumpVersion(tx, id)
        await insertAgreementEvents(tx, [
          { agreementId: id, kind: 'document_removed', onDate: todayInVietnam(), detail: row.fileName, actorUserId: context.actor.userId },
        ])
        await recordAudit(tx, context, {
          action: 'agreement.document.remove',
          entityType: 'agreement_document',
          entityId: documentId,
          unionId: current.unionId,
          before: { agreementId: id, type: row.type, fileName: row.fileName, mediaType: row.mediaType, sizeBytes: row.sizeBytes, sha256: row.sha256 },
        })
        return row.storageKey
      })
      // An orphaned file is harmless; a record without its file is not, hence this order.
      await storage.delete(storageKey).catch(() => undefined)
    },

    /* ---------- expiry ---------- */

    /** Runs the expiry job now, as of a day not in the future (administrators). */
    async runExpiry(context: RequestContext, body: AgreementExpiryRunBody): Promise<AgreementExpiryRunResult> {
      requirePermission(context.actor, 'agreements:run-expiry')
      const today = todayInVietnam()
      const asOf = body.asOf ?? today
      if (asOf > today) throwIfInvalid([{ field: '/asOf', code: 'future_date' }])
      return runAgreementExpiry(db, asOf, { audit: (tx, entries: readonly AuditEntry[]) => recordAudits(tx, context, entries) })
    },
  }
}

export type AgreementsService = ReturnType<typeof createAgreementsService>
