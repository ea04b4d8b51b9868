import type { CardKind, MembershipCard, ReportCardLostBody } from '@liendoan/contracts'
import { and, desc, eq, sql } from 'drizzle-orm'
import { v7 as uuidv7 } from 'uuid'
import type { Database } from '../../db/client.js'
import { membershipCards, members } from '../../db/schema/index.js'
import type { RequestContext } from '../../lib/actor.js'
import { recordAudit } from '../../lib/audit.js'
import { todayInVietnam } from '../../lib/dates.js'
import { type FieldErrorInput, ProblemError } from '../../lib/errors.js'
import { recordMemberEvent } from './member-events.js'
import { checkPastDate, throwIfInvalid } from './member-rules.js'
import type { MemberRow } from './members.repository.js'

/**
 * Membership cards (thẻ đoàn viên): issue (cấp mới), renewal (đổi thẻ), loss and reissue (cấp lại).
 * Every card ever issued is a row of membership_cards; the member row copies the current one
 * (number, issue date, status) in the same transaction, for lists and search.
 */

/**
 * A card number in the configured format: `{yyyy}` the year of issue, `{yy}` its last two
 * digits, `{seq:N}` the sequence number zero-padded to N digits (never cut: past N digits it
 * simply grows longer).
 */
export function formatCardNumber(format: string, issuedOn: string, seq: number | bigint): string {
  const year = issuedOn.slice(0, 4)
  return format
    .replaceAll('{yyyy}', year)
    .replaceAll('{yy}', year.slice(2))
    .replace(/\{seq:(\d)\}/g, (_match, width: string) => String(seq).padStart(Number(width), '0'))
}

export type CardRow = typeof membershipCards.$inferSelect

export function presentCard(row: CardRow): MembershipCard {
  return {
    id: row.id,
    memberId: row.memberId,
    cardNumber: row.cardNumber,
    kind: row.kind,
    issuedOn: row.issuedOn,
    status: row.status,
    endedOn: row.endedOn,
    reason: row.reason,
    createdAt: row.createdAt.toISOString(),
  }
}

/** Whether a number was ever given to a card: numbers are never reused, even of lost cards. */
export async function cardNumberTaken(executor: Database, cardNumber: string): Promise<boolean> {
  const result = await executor.execute(sql`
    SELECT 1 FROM membership_cards WHERE card_number = ${cardNumber}
    UNION ALL SELECT 1 FROM members WHERE card_number = ${cardNumber}
    LIMIT 1`)
  return (result as unknown as { rows: unknown[] }).rows.length > 0
}

const cardNumberTakenError = () =>
  new ProblemError(409, 'duplicate', 'This card number was already given to a card.', [{ field: '/cardNumber', code: 'card_number_taken' }])

/**
 * The number for a new card: the one given (409 when taken), or the next free one of the
 * configured series. Numbers typed by hand may sit in the series, so taken ones are skipped.
 */
async function chooseCardNumber(tx: Database, format: string, issuedOn: string, given: string | undefined): Promise<string> {
  if (given !== undefined) {
    if (await cardNumberTaken(tx, given)) throw cardNumberTakenError()
    return given
  }
  for (let attempt = 0; attempt < 50; attempt++) {
    const result = await tx.execute(sql`SELECT nextval('member_card_number_seq')::text AS seq`)
    const [row] = (result as unknown as { rows: { seq: string }[] }).rows
    const candidate = formatCardNumber(format, issuedOn, BigInt(row?.seq ?? '0'))
    if (!(await cardNumberTaken(tx, candidate))) return candidate
  }
  throw new ProblemError(409, 'conflict', 'No free card number was found in the configured series. Give a number explicitly.')
}

/**
 * The member's active card. Records imported or written before card history existed carry a
 * card on the member row only: that card gets its history row here, so a renewal or a loss
 * has a row to close.
 */
async function activeCard(tx: Database, member: MemberRow): Promise<CardRow | undefined> {
  const [card] = await tx
    .select()
    .from(membershipCards)
    .where(and(eq(membershipCards.memberId, member.id), eq(membershipCards.status, 'active')))
  if (card || member.cardStatus !== 'active' || !member.cardNumber) return card
  const [created] = await tx
    .insert(membershipCards)
    .values({
      id: uuidv7(),
      memberId: member.id,
      cardNumber: member.cardNumber,
      kind: 'issue',
      issuedOn: member.cardIssuedOn ?? member.admittedOn,
      status: 'active',
    })
    .returning()
  return created
}

export async function listCards(executor: Database, memberId: string): Promise<MembershipCard[]> {
  const rows = await executor
    .select()
    .from(membershipCards)
    .where(eq(membershipCards.memberId, memberId))
    .orderBy(desc(membershipCards.issuedOn), desc(membershipCards.createdAt), desc(membershipCards.id))
  return rows.map(presentCard)
}

export interface IssueCardInput {
  kind: CardKind
  issuedOn: string
  cardNumber?: string | undefined
  reason?: string | undefined
}

/**
 * Issues a card to a member locked by the caller: checks the kind against the member's cards,
 * closes the card it replaces, records the event and copies the card onto the member row.
 * `audit: false` when the caller audits the whole change itself (an admission with a card).
 */
export async function issueCard(
  tx: Database,
  context: RequestContext,
  member: MemberRow,
  input: IssueCardInput,
  options: { format: string; audit?: boolean },
): Promise<MembershipCard> {
  if (member.status !== 'active' || member.erasedAt !== null) {
    throw new ProblemError(409, 'invalid_state', 'Cards are issued to active members only.')
  }
  const current = await activeCard(tx, member)
  if (input.kind === 'renewal' && !current) {
    throw new ProblemError(409, 'invalid_state', 'The member holds no active card to renew: issue or reissue one.')
  }
  if (input.kind === 'issue' && current) {
    throw new ProblemError(409, 'invalid_state', 'The member already holds an active card: renew it instead.')
  }
  if (input.kind === 'reissue' && (current || member.cardStatus !== 'lost')) {
    throw new ProblemError(409, 'invalid_state', 'A card is reissued only after the last one was reported lost.')
  }
  const errors: FieldErrorInput[] = []
  checkPastDate(input.issuedOn, todayInVietnam(), '/issuedOn', errors)
  if (input.issuedOn < member.admittedOn) errors.push({ field: '/issuedOn', code: 'card_before_admission' })
  else if (current && input.issuedOn < current.issuedOn) errors.push({ field: '/issuedOn', code: 'date_order' })
  throwIfInvalid(errors)

  const cardNumber = await chooseCardNumber(tx, options.format, input.issuedOn, input.cardNumber)
  if (current) {
    await tx
      .update(membershipCards)
      .set({ status: 'replaced', endedOn: input.issuedOn })
      .where(eq(membershipCards.id, current.id))
  }
  const [card] = await tx
    .insert(membershipCards)
    .values({
      id: uuidv7(),
      memberId: member.id,
      cardNumber,
      kind: input.kind,
      issuedOn: input.issuedOn,
      status: 'active',
      reason: input.reason ?? null,
      issuedByUserId: context.actor.userId,
    })
    .returning()
  if (!card) throw new Error('card insert returned nothing')
  await tx
    .update(members)
    .set({ cardNumber, cardIssuedOn: input.issuedOn, cardStatus: 'active', version: sql`${members.version} + 1`, updatedAt: new Date() })
    .where(eq(members.id, member.id))
  const details = { kind: input.kind, cardNumber, ...(current ? { replacedCardNumber: current.cardNumber } : {}) }
  await recordMemberEvent(tx, context, { memberId: member.id, kind: 'card_issued', occurredOn: input.issuedOn, unionId: member.unionId, details })
  if (options.audit !== false) {
    await recordAudit(tx, context, {
      action: `member.card_${input.kind}`,
      entityType: 'member',
      entityId: member.id,
      unionId: member.unionId,
      before: current ? { cardNumber: current.cardNumber, cardStatus: member.cardStatus } : { cardStatus: member.cardStatus },
      after: { ...details, issuedOn: input.issuedOn, cardStatus: 'active' },
    })
  }
  return presentCard(card)
}

/** Reports the member's active card lost: the card closes, the member is left without one until a reissue. */
export async function reportCardLost(tx: Database, context: RequestContext, member: MemberRow, body: ReportCardLostBody): Promise<MembershipCard> {
  if (member.status !== 'active' || member.erasedAt !== null) {
    throw new ProblemError(409, 'invalid_state', 'Cards of members who are no longer active are not managed.')
  }
  const current = await activeCard(tx, member)
  if (!current) throw new ProblemError(409, 'invalid_state', 'The member holds no active card.')
  const errors: FieldErrorInput[] = []
  checkPastDate(body.reportedOn, todayInVietnam(), '/reportedOn', errors)
  if (body.reportedOn < current.issuedOn) errors.push({ field: '/reportedOn', code: 'date_order' })
  throwIfInvalid(errors)
  const [card] = await tx
    .update(membershipCards)
    .set({ status: 'lost', endedOn: body.reportedOn, reason: body.reason ?? current.reason })
    .where(eq(membershipCards.id, current.id))
    .returning()
  if (!card) throw new Error('card update returned nothing')
  await tx
    .update(members)
    .set({ cardStatus: 'lost', version: sql`${members.version} + 1`, updatedAt: new Date() })
    .where(eq(members.id, member.id))
  await recordMemberEvent(tx, context, {
    memberId: member.id,
    kind: 'card_lost',
    occurredOn: body.reportedOn,
    unionId: member.unionId,
    details: { cardNumber: current.cardNumber, ...(body.reason ? { reason: body.reason } : {}) },
  })
  await recordAudit(tx, context, {
    action: 'member.card_lost',
    entityType: 'member',
    entityId: member.id,
    unionId: member.unionId,
    before: { cardNumber: current.cardNumber, cardStatus: 'active' },
    after: { cardNumber: current.cardNumber, cardStatus: 'lost', reportedOn: body.reportedOn },
  })
  return presentCard(card)
}
