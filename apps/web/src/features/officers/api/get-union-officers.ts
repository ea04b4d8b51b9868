import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query'
import { officerRoutes } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { officerKeys } from './officer-keys'

/** A union's officers: the current ones, or the past terms. */
export const unionOfficersQueryOptions = (unionId: string, current: boolean) =>
  infiniteQueryOptions({
    queryKey: officerKeys.ofUnion(unionId, current),
    queryFn: ({ pageParam, signal }) =>
      api.call(officerRoutes.ofUnion, {
        params: { id: unionId },
        query: { current, limit: 100, cursor: pageParam ?? undefined },
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  })

export const useUnionOfficers = (unionId: string, current: boolean) => useInfiniteQuery(unionOfficersQueryOptions(unionId, current))
