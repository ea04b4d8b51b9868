import { describe, expect, it } from 'vitest'
import { describeEvent, referencedUnionIds } from './union-event-details'

const A = '0190a000-0000-7000-8000-00000000000a'
const B = '0190a000-0000-7000-8000-00000000000b'
const C = '0190a000-0000-7000-8000-00000000000c'

describe('history event details', () => {
  it('describes a move with both parents and the units that went along', () => {
    const event = { kind: 'moved' as const, details: { fromParentId: A, toParentId: B, affectedUnitCount: 4 } }
    expect(describeEvent(event)).toEqual([
      { kind: 'moved', fromId: A, toId: B },
      { kind: 'affected', count: 3 },
    ])
    // A leaf moved alone: nothing went with it.
    expect(describeEvent({ kind: 'moved', details: { fromParentId: A, toParentId: B, affectedUnitCount: 1 } })).toHaveLength(1)
  })

  it('says when a unit moved because its parent merged', () => {
    expect(describeEvent({ kind: 'moved', details: { fromParentId: A, toParentId: B, becauseOfMerge: true } })).toContainEqual({
      kind: 'movedWithParent',
    })
  })

  it('lists changed fields, rating year and grade, merge partners', () => {
    expect(describeEvent({ kind: 'updated', details: { fields: ['address', 'workersEmployed'] } })).toEqual([
      { kind: 'fields', fields: ['address', 'workersEmployed'] },
    ])
    expect(describeEvent({ kind: 'rated', details: { year: 2025, gradeCode: 'good', gradeLabel: 'Hoàn thành tốt nhiệm vụ' } })).toEqual([
      { kind: 'rated', year: 2025, grade: 'Hoàn thành tốt nhiệm vụ' },
    ])
    expect(describeEvent({ kind: 'merged_into', details: { targetId: A, movedChildren: 2 } })).toEqual([
      { kind: 'mergedInto', unionId: A },
      { kind: 'movedChildren', count: 2 },
    ])
    expect(describeEvent({ kind: 'absorbed', details: { sourceId: B, movedChildren: 0 } })).toEqual([{ kind: 'absorbed', unionId: B }])
  })

  it('says nothing about details it does not understand', () => {
    expect(describeEvent({ kind: 'dissolved', details: { anything: 1 } })).toEqual([])
    expect(describeEvent({ kind: 'moved', details: { toParentId: 42 } })).toEqual([])
    expect(describeEvent({ kind: 'rated', details: { year: '2025' } })).toEqual([])
  })

  it('collects each referenced union once', () => {
    const events = [
      { kind: 'created' as const, details: { parentId: A } },
      { kind: 'moved' as const, details: { fromParentId: A, toParentId: B } },
      { kind: 'absorbed' as const, details: { sourceId: C } },
    ]
    expect(referencedUnionIds(events)).toEqual([A, B, C])
  })
})
