import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from '@tanstack/react-query'
import { userRoutes } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { userKeys, type UserFilters } from './user-keys'

const PAGE_SIZE = 50

/** `GET /users`: accounts in the admin's subtree, ordered by email, cursor-paginated. */
export const userListQueryOptions = (filters: UserFilters) =>
  infiniteQueryOptions({
    queryKey: userKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      api.call(userRoutes.list, { query: { ...filters, limit: PAGE_SIZE, cursor: pageParam ?? undefined }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  })

export const useUserList = (filters: UserFilters, enabled = true) => useInfiniteQuery({ ...userListQueryOptions(filters), enabled })
