import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query'
import { agreementRoutes } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { agreementKeys, type CoverageUnionsFilters } from './agreement-keys'

const coverageUnionsQueryOptions = (filters: CoverageUnionsFilters) =>
  infiniteQueryOptions({
    queryKey: agreementKeys.coverageUnions(filters),
    queryFn: ({ pageParam, signal }) =>
      api.call(agreementRoutes.coverageUnions, { query: { ...filters, limit: 50, cursor: pageParam ?? undefined }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  })

/** `GET /reports/agreements/coverage/unions`: the unions behind a coverage figure, covered or not. */
export const useCoverageUnions = (filters: CoverageUnionsFilters | null) =>
  useInfiniteQuery({ ...coverageUnionsQueryOptions(filters ?? { covered: true }), enabled: !!filters })
