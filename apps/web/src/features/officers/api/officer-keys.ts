import type { OfficerListQuery } from '@liendoan/contracts'

/** Filters of the officers list as the UI keeps them (no pagination). */
export type OfficerFilters = Omit<OfficerListQuery, 'limit' | 'cursor'>

/** Query keys for officer terms; mutations invalidate through these. */
export const officerKeys = {
  all: ['officers'] as const,
  lists: () => [...officerKeys.all, 'list'] as const,
  list: (filters: OfficerFilters) => [...officerKeys.lists(), filters] as const,
  ofUnion: (unionId: string, current: boolean) => [...officerKeys.all, 'union', unionId, { current }] as const,
  unions: () => [...officerKeys.all, 'union'] as const,
}
