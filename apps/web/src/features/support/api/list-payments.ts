import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from '@tanstack/react-query'
import { supportRoutes } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { supportKeys, type PaymentFilters } from './support-keys'

const PAGE_SIZE = 50

const paymentListQueryOptions = (filters: PaymentFilters) =>
  infiniteQueryOptions({
    queryKey: supportKeys.paymentList(filters),
    queryFn: ({ pageParam, signal }) =>
      api.call(supportRoutes.listPayments, { query: { ...filters, limit: PAGE_SIZE, cursor: pageParam ?? undefined }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  })

/** `GET /support-payments`: a programme's payments, a record's (union, member, agreement), or the approval queue. */
export const usePaymentList = (filters: PaymentFilters, enabled = true) => useInfiniteQuery({ ...paymentListQueryOptions(filters), enabled })
