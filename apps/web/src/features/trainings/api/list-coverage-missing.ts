import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query'
import { trainingRoutes } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { trainingKeys, type MissingFilters } from './training-keys'

const missingQueryOptions = (filters: MissingFilters | null) =>
  infiniteQueryOptions({
    queryKey: trainingKeys.missing(filters),
    queryFn: ({ pageParam, signal }) =>
      api.call(trainingRoutes.coverageMissing, { query: filters ? { ...filters, limit: 50, cursor: pageParam ?? undefined } : undefined, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  })

/** `GET /reports/trainings/coverage/missing`: who in the group lacks the certificate that year. */
export const useCoverageMissing = (filters: MissingFilters | null) =>
  useInfiniteQuery({ ...missingQueryOptions(filters), enabled: !!filters })
