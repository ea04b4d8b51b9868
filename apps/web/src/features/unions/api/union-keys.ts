import type { UnionListQuery } from '@liendoan/contracts'

/** Filters of the union list as the UI keeps them (no pagination fields). */
export type UnionFilters = Omit<UnionListQuery, 'limit' | 'cursor'>

/** Query keys for everything union-related; mutations invalidate through these. */
export const unionKeys = {
  all: ['unions'] as const,
  lists: () => [...unionKeys.all, 'list'] as const,
  list: (filters: UnionFilters) => [...unionKeys.lists(), filters] as const,
  search: (filters: UnionFilters) => [...unionKeys.all, 'search', filters] as const,
  details: () => [...unionKeys.all, 'detail'] as const,
  detail: (id: string) => [...unionKeys.details(), id] as const,
  children: (id: string) => [...unionKeys.all, 'children', id] as const,
  history: (id: string) => [...unionKeys.all, 'history', id] as const,
  ratings: (id: string) => [...unionKeys.all, 'ratings', id] as const,
  unitTypes: () => ['unit-types'] as const,
  ratingScales: () => ['rating-scales'] as const,
}
