import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from '@tanstack/react-query'
import { memberRoutes } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { memberKeys, type MemberFilters } from './member-keys'

const PAGE_SIZE = 50

export const memberListQueryOptions = (filters: MemberFilters) =>
  infiniteQueryOptions({
    queryKey: memberKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      api.call(memberRoutes.list, { query: { ...filters, limit: PAGE_SIZE, cursor: pageParam ?? undefined }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    // Keep the previous results on screen while a new search loads, so the table does not flash.
    placeholderData: keepPreviousData,
  })

export const useMemberList = (filters: MemberFilters) => useInfiniteQuery(memberListQueryOptions(filters))
