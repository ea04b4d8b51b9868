import { infiniteQueryOptions, keepPreviousData, queryOptions, useInfiniteQuery, useQuery } from '@tanstack/react-query'
import { unionRoutes } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { unionKeys, type UnionFilters } from './union-keys'

const PAGE_SIZE = 50

export const unionListQueryOptions = (filters: UnionFilters) =>
  infiniteQueryOptions({
    queryKey: unionKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      api.call(unionRoutes.list, { query: { ...filters, limit: PAGE_SIZE, cursor: pageParam ?? undefined }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    // Keep the previous results on screen while a new search loads, so the table does not flash.
    placeholderData: keepPreviousData,
  })

export const useUnionList = (filters: UnionFilters) => useInfiniteQuery(unionListQueryOptions(filters))

/** First page only, for pickers that search as you type. */
export const unionSearchQueryOptions = (filters: UnionFilters, limit = 20) =>
  queryOptions({
    queryKey: unionKeys.search({ ...filters }),
    queryFn: ({ signal }) => api.call(unionRoutes.list, { query: { ...filters, limit }, signal }),
    placeholderData: keepPreviousData,
  })

export const useUnionSearch = (filters: UnionFilters, enabled = true) => useQuery({ ...unionSearchQueryOptions(filters), enabled })
