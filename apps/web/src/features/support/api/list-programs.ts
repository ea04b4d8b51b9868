import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from '@tanstack/react-query'
import { supportRoutes } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { supportKeys, type ProgramFilters } from './support-keys'

const PAGE_SIZE = 50

/** `GET /support-programs`: programmes the person may see, paged. */
export const programListQueryOptions = (filters: ProgramFilters) =>
  infiniteQueryOptions({
    queryKey: supportKeys.programList(filters),
    queryFn: ({ pageParam, signal }) =>
      api.call(supportRoutes.listPrograms, { query: { ...filters, limit: PAGE_SIZE, cursor: pageParam ?? undefined }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  })

export const useProgramList = (filters: ProgramFilters) => useInfiniteQuery(programListQueryOptions(filters))
