import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from '@tanstack/react-query'
import { officerRoutes } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { officerKeys, type OfficerFilters } from './officer-keys'

export const officerListQueryOptions = (filters: OfficerFilters) =>
  infiniteQueryOptions({
    queryKey: officerKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      api.call(officerRoutes.list, { query: { ...filters, limit: 50, cursor: pageParam ?? undefined }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  })

export const useOfficerList = (filters: OfficerFilters) => useInfiniteQuery(officerListQueryOptions(filters))
