import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { dashboardRoutes, type DashboardQuery } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { dashboardKeys, REPORT_STALE_TIME } from './dashboard-keys'

/** `GET /reports/dashboard`: the unit's branch at a glance, as of today. */
export const useDashboard = (query: DashboardQuery) =>
  useQuery({
    queryKey: dashboardKeys.report(query),
    queryFn: ({ signal }) => api.call(dashboardRoutes.dashboard, { query, signal }),
    staleTime: REPORT_STALE_TIME,
    placeholderData: keepPreviousData,
  })
