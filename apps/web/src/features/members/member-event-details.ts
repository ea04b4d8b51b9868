import { CardKinds, MemberStatuses, type CardKind, type MemberEvent, type MemberStatus } from '@liendoan/contracts'

/**
 * One readable line under a timeline entry, from the event's kind-specific
 * details. Unknown or missing facts say nothing rather than something wrong.
 */
export type MemberEventLine =
  | { kind: 'union'; name: string }
  | { kind: 'fields'; fields: string[] }
  | { kind: 'status'; status: MemberStatus }
  | { kind: 'card'; cardNumber: string; cardKind: CardKind | null }
  | { kind: 'move'; from: string | null; to: string | null }
  | { kind: 'position'; name: string; termLabel: string | null }
  | { kind: 'reason'; text: string }
  | { kind: 'note'; text: string }

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null)

/** A union named in details: a `{ name }` reference, or a plain name. */
function unionName(details: Record<string, unknown>, prefix: 'from' | 'to'): string | null {
  const ref = details[`${prefix}Union`]
  if (ref && typeof ref === 'object' && 'name' in ref) return text((ref as { name: unknown }).name)
  return text(ref) ?? text(details[`${prefix}UnionName`])
}

function changedFields(details: Record<string, unknown>): string[] {
  const fields = details.fields ?? details.changed
  if (Array.isArray(fields)) return fields.filter((field): field is string => typeof field === 'string')
  if (fields && typeof fields === 'object') return Object.keys(fields)
  return []
}

function positionName(details: Record<string, unknown>): string | null {
  const position = details.position
  if (position && typeof position === 'object' && 'name' in position) return text((position as { name: unknown }).name)
  return text(details.positionName) ?? text(position)
}

export function describeMemberEvent(event: Pick<MemberEvent, 'kind' | 'details' | 'union'>): MemberEventLine[] {
  const d = event.details
  const lines: MemberEventLine[] = []
  switch (event.kind) {
    case 'admitted':
    case 'readmitted':
      if (event.union) lines.push({ kind: 'union', name: event.union.name })
      break
    case 'updated': {
      const fields = changedFields(d)
      if (fields.length > 0) lines.push({ kind: 'fields', fields })
      break
    }
    case 'status_changed': {
      const status = text(d.status) ?? text(d.to)
      if (status && (MemberStatuses as readonly string[]).includes(status)) lines.push({ kind: 'status', status: status as MemberStatus })
      break
    }
    case 'card_issued':
    case 'card_lost': {
      const cardNumber = text(d.cardNumber)
      const cardKind = text(d.cardKind) ?? text(d.kind)
      if (cardNumber) {
        lines.push({
          kind: 'card',
          cardNumber,
          cardKind: cardKind && (CardKinds as readonly string[]).includes(cardKind) ? (cardKind as CardKind) : null,
        })
      }
      break
    }
    case 'transfer_requested':
    case 'transfer_rejected':
    case 'transfer_cancelled':
    case 'transferred': {
      const from = unionName(d, 'from')
      const to = unionName(d, 'to')
      if (from || to) lines.push({ kind: 'move', from, to })
      const note = text(d.decisionNote) ?? text(d.note)
      if (note) lines.push({ kind: 'note', text: note })
      break
    }
    case 'position_started':
    case 'position_ended': {
      const name = positionName(d)
      if (name) lines.push({ kind: 'position', name, termLabel: text(d.termLabel) })
      if (event.union) lines.push({ kind: 'union', name: event.union.name })
      break
    }
    case 'erased':
      break
  }
  const reason = text(d.reason) ?? text(d.endReason)
  if (reason) lines.push({ kind: 'reason', text: reason })
  return lines
}
