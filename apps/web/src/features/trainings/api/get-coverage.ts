import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { trainingRoutes } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { trainingKeys, type CoverageFilters } from './training-keys'

/** `GET /reports/trainings/coverage`: per year, the target group and how many hold a certificate. */
export const useCoverage = (filters: CoverageFilters | null) =>
  useQuery({
    queryKey: trainingKeys.coverage(filters),
    queryFn: ({ signal }) => api.call(trainingRoutes.coverage, { query: filters ?? undefined, signal }),
    enabled: !!filters,
    placeholderData: keepPreviousData,
  })
