import { type AgreementStatus, AgreementTransitions, checkAgreementDates } from '@liendoan/contracts'
import { eq, sql } from 'drizzle-orm'
import type { Database } from '../../db/client.js'
import { agreements } from '../../db/schema/index.js'
import { type FieldErrorInput, ProblemError } from '../../lib/errors.js'
import { violatedUniqueConstraint } from '../../lib/pg-errors.js'
import { type AgreementEventInput, insertAgreementEvents } from './agreements.repository.js'

/** The lifecycle rules of an agreement that the service and the expiry job share. */

const STATUS_NAMES: Record<AgreementStatus, string> = {
  negotiating: 'đang thương lượng',
  signed: 'đã ký',
  registered: 'đã đăng ký',
  in_force: 'đang có hiệu lực',
  expired: 'đã hết hạn',
  replaced: 'đã được thay thế',
  terminated: 'đã chấm dứt',
}

export function canTransition(from: AgreementStatus, to: AgreementStatus): boolean {
  return AgreementTransitions[from].includes(to)
}

/** 409 unless AgreementTransitions allows `from` → `to`. */
export function requireTransition(from: AgreementStatus, to: AgreementStatus): void {
  if (canTransition(from, to)) return
  const allowed = AgreementTransitions[from]
  throw new ProblemError(
    409,
    'invalid_transition',
    `An agreement cannot go from ${from} to ${to}. ` +
      (allowed.length ? `From ${from} it can go to: ${allowed.join(', ')}.` : `${from} is final.`) +
      ` (Thỏa ước ${STATUS_NAMES[from]} không thể chuyển sang trạng thái ${STATUS_NAMES[to]}.)`,
  )
}

/** 409 unless the agreement's status is one of `allowed` (edits, documents, grading, renewal). */
export function requireStatus(status: AgreementStatus, allowed: readonly AgreementStatus[], action: string): void {
  if (!allowed.includes(status)) {
    throw new ProblemError(
      409,
      'invalid_state',
      `${action} is possible only while the agreement is ${allowed.join(', ')}; it is ${status}. (Thỏa ước đang ở trạng thái "${STATUS_NAMES[status]}".)`,
    )
  }
}

/**
 * The three dates of a signed agreement: signed not in the future, effective not before signed,
 * a term of one to three years (checkAgreementDates, shared with the web app).
 */
export function checkSigningDates(dates: { signedOn: string; effectiveOn: string; expiresOn: string }, today: string, errors: FieldErrorInput[]): void {
  if (dates.signedOn > today) errors.push({ field: '/signedOn', code: 'future_date' })
  const problem = checkAgreementDates(dates)
  if (problem === 'effective_before_signed') errors.push({ field: '/effectiveOn', code: problem })
  else if (problem) errors.push({ field: '/expiresOn', code: problem })
}

export function throwIfInvalid(errors: FieldErrorInput[]): void {
  if (errors.length) throw new ProblemError(422, 'validation_failed', 'Some fields are invalid.', errors)
}

/**
 * The partial unique indexes' refusals as 409s that say which rule was hit. Two requests racing
 * past the service's own check meet here: the database lets one through.
 */
export function agreementConflict(error: unknown): ProblemError | undefined {
  switch (violatedUniqueConstraint(error)) {
    case 'agreements_one_in_force_key':
      return inForceConflict()
    case 'agreements_one_pending_key':
      return pendingConflict()
    default:
      return undefined
  }
}

export function inForceConflict(holder?: { title: string }): ProblemError {
  return new ProblemError(
    409,
    'conflict',
    `Công đoàn cơ sở này đã có một thỏa ước đang có hiệu lực với người sử dụng lao động này${holder ? ` ("${holder.title}")` : ''}: ` +
      'mỗi lúc chỉ một thỏa ước có hiệu lực. Hãy gia hạn (thay thế) thỏa ước đó hoặc chấm dứt nó trước. ' +
      '(An agreement with this employer is already in force for this union.)',
  )
}

export function pendingConflict(holder?: { title: string; status: AgreementStatus }): ProblemError {
  return new ProblemError(
    409,
    'conflict',
    `Công đoàn cơ sở này đã có một thỏa ước với người sử dụng lao động này chưa có hiệu lực${
      holder ? ` ("${holder.title}", ${STATUS_NAMES[holder.status]})` : ''
    }: hãy tiếp tục hoặc chấm dứt thỏa ước đó trước khi lập thỏa ước mới. ` +
      '(Another agreement with this employer is already being negotiated, signed or registered for this union.)',
  )
}

export interface EntryIntoForce {
  /** The agreement entering into force (already locked by the caller). */
  agreement: { id: string; title: string; status: AgreementStatus; replacesId: string | null }
  inForceOn: string
  /** null: the system (the expiry job). */
  actorUserId: string | null
}

export interface EntryIntoForceResult {
  /** The agreement it renews, when that one was in force or expired and is now replaced. */
  replaced: { id: string; unionId: string; fromStatus: AgreementStatus } | undefined
}

/**
 * signed | registered → in_force on `inForceOn`. If it renews an agreement that is in force or
 * expired, that one becomes replaced from the same day, in the same transaction and before this
 * one takes the union + employer's in-force place (the unique index checks each statement).
 * Locks the predecessor after the successor: every path locks in that order.
 */
export async function enterIntoForce(tx: Database, entry: EntryIntoForce): Promise<EntryIntoForceResult> {
  const { agreement, inForceOn, actorUserId } = entry
  const events: AgreementEventInput[] = []
  let replaced: EntryIntoForceResult['replaced']
  if (agreement.replacesId) {
    const [predecessor] = await tx
      .select({ id: agreements.id, unionId: agreements.unionId, status: agreements.status, inForceOn: agreements.inForceOn })
      .from(agreements)
      .where(eq(agreements.id, agreement.replacesId))
      .for('update')
    if (predecessor && (predecessor.status === 'in_force' || predecessor.status === 'expired')) {
      if (predecessor.inForceOn !== null && inForceOn < predecessor.inForceOn) {
        throwIfInvalid([{ field: '/inForceOn', code: 'before_predecessor_in_force', params: { date: predecessor.inForceOn } }])
      }
      await tx
        .update(agreements)
        .set({ status: 'replaced', endedOn: inForceOn, version: sql`${agreements.version} + 1`, updatedAt: new Date() })
        .where(eq(agreements.id, predecessor.id))
      events.push({
        agreementId: predecessor.id,
        kind: 'replaced',
        onDate: inForceOn,
        fromStatus: predecessor.status,
        toStatus: 'replaced',
        detail: agreement.title,
        actorUserId,
      })
      replaced = { id: predecessor.id, unionId: predecessor.unionId, fromStatus: predecessor.status }
    }
  }
  await tx
    .update(agreements)
    .set({ status: 'in_force', inForceOn, version: sql`${agreements.version} + 1`, updatedAt: new Date() })
    .where(eq(agreements.id, agreement.id))
  events.push({ agreementId: agreement.id, kind: 'in_force', onDate: inForceOn, fromStatus: agreement.status, toStatus: 'in_force', actorUserId })
  await insertAgreementEvents(tx, events)
  return { replaced }
}
