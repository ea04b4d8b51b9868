import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from '@tanstack/react-query'
import { targetRoutes } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { targetKeys, type TargetFilters } from './target-keys'

const PAGE_SIZE = 50

/** `GET /targets`: targets of units under the person's union, paged. */
export const targetListQueryOptions = (filters: TargetFilters) =>
  infiniteQueryOptions({
    queryKey: targetKeys.list(filters),
    queryFn: ({ pageParam, signal }) => api.call(targetRoutes.list, { query: { ...filters, limit: PAGE_SIZE, cursor: pageParam ?? undefined }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  })

export const useTargetList = (filters: TargetFilters) => useInfiniteQuery(targetListQueryOptions(filters))
