import type { UnionEvent } from '@liendoan/contracts'

/**
 * One readable line under a history entry. Events store other unions by id only,
 * so lines carry ids and the component fills in names it has read.
 */
export type EventLine =
  | { kind: 'fields'; fields: string[] }
  | { kind: 'createdUnder'; unionId: string }
  | { kind: 'moved'; fromId: string | null; toId: string }
  | { kind: 'movedWithParent' }
  | { kind: 'affected'; count: number }
  | { kind: 'mergedInto'; unionId: string }
  | { kind: 'absorbed'; unionId: string }
  | { kind: 'movedChildren'; count: number }
  | { kind: 'rated'; year: number; grade: string }

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null)
const count = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null)

/** Changed field names from an `updated` event (`details.fields`; older shapes tolerated). */
export function changedFields(details: Record<string, unknown>): string[] {
  const fields = details.fields ?? details.changed ?? details.changes
  if (Array.isArray(fields)) return fields.filter((field): field is string => typeof field === 'string')
  if (fields && typeof fields === 'object') return Object.keys(fields)
  return []
}

/** What to say about an event beyond its title, from its kind-specific details. Unknown shapes say nothing. */
export function describeEvent(event: Pick<UnionEvent, 'kind' | 'details'>): EventLine[] {
  const d = event.details
  switch (event.kind) {
    case 'created': {
      const parent = text(d.parentId)
      return parent ? [{ kind: 'createdUnder', unionId: parent }] : []
    }
    case 'updated': {
      const fields = changedFields(d)
      return fields.length > 0 ? [{ kind: 'fields', fields }] : []
    }
    case 'moved': {
      const to = text(d.toParentId)
      const lines: EventLine[] = to ? [{ kind: 'moved', fromId: text(d.fromParentId), toId: to }] : []
      if (d.becauseOfMerge === true) lines.push({ kind: 'movedWithParent' })
      const affected = count(d.affectedUnitCount)
      // The unit itself is counted: only say so when others moved with it.
      if (affected !== null && affected > 1) lines.push({ kind: 'affected', count: affected - 1 })
      return lines
    }
    case 'merged_into': {
      const target = text(d.targetId)
      const lines: EventLine[] = target ? [{ kind: 'mergedInto', unionId: target }] : []
      const moved = count(d.movedChildren)
      if (moved) lines.push({ kind: 'movedChildren', count: moved })
      return lines
    }
    case 'absorbed': {
      const source = text(d.sourceId)
      const lines: EventLine[] = source ? [{ kind: 'absorbed', unionId: source }] : []
      const moved = count(d.movedChildren)
      if (moved) lines.push({ kind: 'movedChildren', count: moved })
      return lines
    }
    case 'rated': {
      const year = count(d.year)
      const grade = text(d.gradeLabel) ?? text(d.gradeCode)
      return year !== null && grade ? [{ kind: 'rated', year, grade }] : []
    }
    case 'dissolved':
      return []
  }
}

/** Every union id the lines of these events mention, once each. */
export function referencedUnionIds(events: readonly Pick<UnionEvent, 'kind' | 'details'>[]): string[] {
  const ids = new Set<string>()
  for (const event of events) {
    for (const line of describeEvent(event)) {
      if (line.kind === 'moved') {
        if (line.fromId) ids.add(line.fromId)
        ids.add(line.toId)
      }
      if (line.kind === 'createdUnder' || line.kind === 'mergedInto' || line.kind === 'absorbed') ids.add(line.unionId)
    }
  }
  return [...ids]
}
