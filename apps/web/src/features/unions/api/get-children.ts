import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query'
import { unionRoutes } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { unionKeys } from './union-keys'

const PAGE_SIZE = 100

export const unionChildrenQueryOptions = (id: string) =>
  infiniteQueryOptions({
    queryKey: unionKeys.children(id),
    queryFn: ({ pageParam, signal }) =>
      api.call(unionRoutes.children, { params: { id }, query: { limit: PAGE_SIZE, cursor: pageParam ?? undefined }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  })

export const useUnionChildren = (id: string, enabled = true) =>
  useInfiniteQuery({ ...unionChildrenQueryOptions(id), enabled })
