import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from '@tanstack/react-query'
import { supportRoutes } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { supportKeys, type CandidateFilters } from './support-keys'

const PAGE_SIZE = 100

const candidatesQueryOptions = (programId: string, filters: CandidateFilters) =>
  infiniteQueryOptions({
    queryKey: supportKeys.candidates(programId, filters),
    queryFn: ({ pageParam, signal }) =>
      api.call(supportRoutes.candidates, { params: { id: programId }, query: { ...filters, limit: PAGE_SIZE, cursor: pageParam ?? undefined }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  })

/** `GET /support-programs/:id/candidates`: records that qualify and are not paid (or proposed) yet. */
export const useCandidates = (programId: string, filters: CandidateFilters) => useInfiniteQuery(candidatesQueryOptions(programId, filters))
