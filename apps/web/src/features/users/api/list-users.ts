import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from '@tanstack/react-query'
import { userRoutes, type UserListQuery } from '@liendoan/contracts'
import { api } from '../../../api/client'

export type UserFilters = Omit<UserListQuery, 'limit' | 'cursor'>

export const userKeys = {
  all: ['users'] as const,
  list: (filters: UserFilters) => [...userKeys.all, 'list', filters] as const,
}

export const userListQueryOptions = (filters: UserFilters) =>
  infiniteQueryOptions({
    queryKey: userKeys.list(filters),
    queryFn: ({ pageParam, signal }) => api.call(userRoutes.list, { query: { ...filters, limit: 50, cursor: pageParam ?? undefined }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  })

export const useUserList = (filters: UserFilters, enabled = true) => useInfiniteQuery({ ...userListQueryOptions(filters), enabled })
