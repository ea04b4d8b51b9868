import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query'
import { memberRoutes } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { memberKeys } from './member-keys'

export const memberTimelineQueryOptions = (id: string) =>
  infiniteQueryOptions({
    queryKey: memberKeys.timeline(id),
    queryFn: ({ pageParam, signal }) =>
      api.call(memberRoutes.timeline, { params: { id }, query: { limit: 20, cursor: pageParam ?? undefined }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  })

export const useMemberTimeline = (id: string) => useInfiniteQuery(memberTimelineQueryOptions(id))
