import type { ProposePaymentsBulkBody, SupportCandidate } from '@liendoan/contracts'

/** One candidate's identity: a reason is paid once per role (a founding pays the union and its organiser). */
export const candidateKey = (candidate: Pick<SupportCandidate, 'reason' | 'role'>): string =>
  `${candidate.reason.kind}:${candidate.reason.id}:${candidate.role}`

/**
 * Whether the bulk "propose" takes this candidate. An organiser's payment needs the officer who
 * organised the union, which the candidate does not name: it is proposed on its own, with the
 * officer's account.
 */
export function bulkSelectable(candidate: Pick<SupportCandidate, 'role' | 'beneficiary' | 'reason'>): boolean {
  return candidate.role !== 'organiser' && candidate.beneficiary !== null && candidate.reason.kind !== 'hardship'
}

/** The bulk body for the selected candidates, in the order they were picked. */
export function bulkBody(programId: string, selected: Iterable<SupportCandidate>): ProposePaymentsBulkBody {
  const items: ProposePaymentsBulkBody['items'] = []
  for (const candidate of selected) {
    if (!bulkSelectable(candidate) || candidate.reason.kind === 'hardship') continue
    items.push({ kind: candidate.reason.kind, reasonId: candidate.reason.id, role: candidate.role })
  }
  return { programId, items }
}

/** Toggles a set of candidates in the selection: all on when any of them is off, else all off. */
export function toggleAll(selection: ReadonlyMap<string, SupportCandidate>, shown: readonly SupportCandidate[]): Map<string, SupportCandidate> {
  const next = new Map(selection)
  const selectable = shown.filter(bulkSelectable)
  const allOn = selectable.length > 0 && selectable.every((candidate) => next.has(candidateKey(candidate)))
  for (const candidate of selectable) {
    if (allOn) next.delete(candidateKey(candidate))
    else next.set(candidateKey(candidate), candidate)
  }
  return next
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** An account id typed or pasted (spaces trimmed, any case); null when it is not a UUID. */
export function parseAccountId(text: string): string | null {
  const value = text.trim().toLowerCase()
  return UUID.test(value) ? value : null
}
