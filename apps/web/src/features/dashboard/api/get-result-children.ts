import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { targetRoutes, type ResultChildrenQuery } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { dashboardKeys, REPORT_STALE_TIME } from './dashboard-keys'

/** `GET /reports/results/children`: one metric for each direct child of the unit, with their targets. */
export const useResultChildren = (query: ResultChildrenQuery) =>
  useQuery({
    queryKey: dashboardKeys.children(query),
    queryFn: ({ signal }) => api.call(targetRoutes.resultChildren, { query, signal }),
    staleTime: REPORT_STALE_TIME,
    placeholderData: keepPreviousData,
  })
