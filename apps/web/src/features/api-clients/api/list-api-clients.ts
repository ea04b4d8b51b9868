import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from '@tanstack/react-query'
import { apiClientRoutes } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { apiClientKeys } from './api-client-keys'

const PAGE_SIZE = 50

/** `GET /api-clients`: clients in the admin's subtree, ordered by name, cursor-paginated. */
export const apiClientListQueryOptions = () =>
  infiniteQueryOptions({
    queryKey: apiClientKeys.lists(),
    queryFn: ({ pageParam, signal }) => api.call(apiClientRoutes.list, { query: { limit: PAGE_SIZE, cursor: pageParam ?? undefined }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  })

export const useApiClientList = (enabled = true) => useInfiniteQuery({ ...apiClientListQueryOptions(), enabled })
