import { infiniteQueryOptions, keepPreviousData, queryOptions, useInfiniteQuery, useQuery } from '@tanstack/react-query'
import { memberRoutes } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { memberKeys, type TransferFilters } from './member-keys'

export const transferListQueryOptions = (filters: TransferFilters) =>
  infiniteQueryOptions({
    queryKey: memberKeys.transferList(filters),
    queryFn: ({ pageParam, signal }) =>
      api.call(memberRoutes.listTransfers, { query: { ...filters, limit: 50, cursor: pageParam ?? undefined }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  })

export const useTransferList = (filters: TransferFilters) => useInfiniteQuery(transferListQueryOptions(filters))

const BADGE_LIMIT = 100

/** Pending requests waiting for the person's decision, for the inbox badge: up to 100, then "100+". */
export const pendingIncomingQueryOptions = () =>
  queryOptions({
    queryKey: [...memberKeys.transfers(), 'pending-incoming-count'] as const,
    queryFn: async ({ signal }) => {
      const page = await api.call(memberRoutes.listTransfers, {
        query: { direction: 'incoming', status: 'pending', limit: BADGE_LIMIT },
        signal,
      })
      return { count: page.items.length, more: page.nextCursor !== null }
    },
  })

export const usePendingIncomingCount = () => useQuery(pendingIncomingQueryOptions())
