import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from '@tanstack/react-query'
import { agreementRoutes } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { agreementKeys, type AgreementFilters } from './agreement-keys'

const PAGE_SIZE = 50

/** `GET /agreements`: agreements of unions in scope, paged. */
export const agreementListQueryOptions = (filters: AgreementFilters) =>
  infiniteQueryOptions({
    queryKey: agreementKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      api.call(agreementRoutes.list, { query: { ...filters, limit: PAGE_SIZE, cursor: pageParam ?? undefined }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  })

export const useAgreementList = (filters: AgreementFilters) => useInfiniteQuery(agreementListQueryOptions(filters))
