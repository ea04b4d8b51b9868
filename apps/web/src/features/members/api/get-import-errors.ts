import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query'
import { memberImportRoutes } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { memberKeys } from './member-keys'

/** The dry run's bad cells, in row order, a page at a time. */
export const importErrorsQueryOptions = (id: string) =>
  infiniteQueryOptions({
    queryKey: memberKeys.importErrors(id),
    queryFn: ({ pageParam, signal }) =>
      api.call(memberImportRoutes.errors, { params: { id }, query: { limit: 200, cursor: pageParam ?? undefined }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  })

export const useImportErrors = (id: string, enabled: boolean) => useInfiniteQuery({ ...importErrorsQueryOptions(id), enabled })
