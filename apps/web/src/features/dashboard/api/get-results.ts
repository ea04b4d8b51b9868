import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { targetRoutes, type ResultsQuery } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { dashboardKeys, REPORT_STALE_TIME } from './dashboard-keys'

/** `GET /reports/results`: each metric's result for the unit and period, with its target and achievement. */
export const useResults = (query: ResultsQuery) =>
  useQuery({
    queryKey: dashboardKeys.results(query),
    queryFn: ({ signal }) => api.call(targetRoutes.results, { query, signal }),
    staleTime: REPORT_STALE_TIME,
    placeholderData: keepPreviousData,
  })
