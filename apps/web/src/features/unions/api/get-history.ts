import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query'
import { unionRoutes } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { unionKeys } from './union-keys'

export const unionHistoryQueryOptions = (id: string) =>
  infiniteQueryOptions({
    queryKey: unionKeys.history(id),
    queryFn: ({ pageParam, signal }) =>
      api.call(unionRoutes.history, { params: { id }, query: { limit: 50, cursor: pageParam ?? undefined }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  })

export const useUnionHistory = (id: string) => useInfiniteQuery(unionHistoryQueryOptions(id))
