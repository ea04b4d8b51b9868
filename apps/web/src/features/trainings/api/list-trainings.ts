import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from '@tanstack/react-query'
import { trainingRoutes } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { trainingKeys, type TrainingFilters } from './training-keys'

const PAGE_SIZE = 50

/** `GET /trainings`: classes in scope, newest first, paged. */
export const trainingListQueryOptions = (filters: TrainingFilters) =>
  infiniteQueryOptions({
    queryKey: trainingKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      api.call(trainingRoutes.list, { query: { ...filters, limit: PAGE_SIZE, cursor: pageParam ?? undefined }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  })

export const useTrainingList = (filters: TrainingFilters) => useInfiniteQuery(trainingListQueryOptions(filters))
