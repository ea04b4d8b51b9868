import type { MemberListQuery, TransferListQuery } from '@liendoan/contracts'

/** Filters of the member list as the UI keeps them (no pagination, no personal-data lookups). */
export type MemberFilters = Omit<MemberListQuery, 'limit' | 'cursor' | 'reveal' | 'citizenId'>
export type TransferFilters = Omit<TransferListQuery, 'limit' | 'cursor'>

/** Query keys for everything member-related; mutations invalidate through these. */
export const memberKeys = {
  all: ['members'] as const,
  lists: () => [...memberKeys.all, 'list'] as const,
  list: (filters: MemberFilters) => [...memberKeys.lists(), filters] as const,
  details: () => [...memberKeys.all, 'detail'] as const,
  detail: (id: string) => [...memberKeys.details(), id] as const,
  /** The same member with CCCD and phone unmasked: under `detail(id)` so invalidating it covers both. */
  revealed: (id: string) => [...memberKeys.detail(id), 'revealed'] as const,
  timeline: (id: string) => [...memberKeys.all, 'timeline', id] as const,
  cards: (id: string) => [...memberKeys.all, 'cards', id] as const,
  transfers: () => [...memberKeys.all, 'transfers'] as const,
  transferList: (filters: TransferFilters) => [...memberKeys.transfers(), filters] as const,
  destinations: (q: string) => [...memberKeys.all, 'transfer-destinations', q] as const,
  destinationInScope: (unionId: string) => [...memberKeys.all, 'destination-in-scope', unionId] as const,
  imports: () => ['member-imports'] as const,
  import: (id: string) => [...memberKeys.imports(), id] as const,
  importErrors: (id: string) => [...memberKeys.import(id), 'errors'] as const,
}
