import type { UserListQuery } from '@liendoan/contracts'

/** Filters of the user list as the UI keeps them (no pagination fields). */
export type UserFilters = Omit<UserListQuery, 'limit' | 'cursor'>

/** Query keys for accounts; mutations invalidate through these. */
export const userKeys = {
  all: ['users'] as const,
  lists: () => [...userKeys.all, 'list'] as const,
  list: (filters: UserFilters) => [...userKeys.lists(), filters] as const,
  details: () => [...userKeys.all, 'detail'] as const,
  detail: (id: string) => [...userKeys.details(), id] as const,
}
