import type { TargetListQuery } from '@liendoan/contracts'

/** Filters of the target list as the UI keeps them (no pagination). */
export type TargetFilters = Omit<TargetListQuery, 'limit' | 'cursor'>

/**
 * Query keys for targets; mutations invalidate the 'targets' root, which also holds the
 * dashboard's results (a new or changed target moves their achievement).
 */
export const targetKeys = {
  all: ['targets'] as const,
  lists: () => [...targetKeys.all, 'list'] as const,
  list: (filters: TargetFilters) => [...targetKeys.lists(), filters] as const,
  metrics: () => ['target-metrics'] as const,
  // Under 'unions': the person's union, whose ancestors assigned targets they may not change.
  ownUnion: (id: string) => ['unions', 'targets-own', id] as const,
}
