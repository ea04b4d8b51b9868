import { useQuery } from '@tanstack/react-query'
import { unionRoutes } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { dashboardKeys } from './dashboard-keys'

/** The unit shown, for its ancestors in the breadcrumbs (features do not import each other: read through the shared client). */
export const useDashboardUnion = (id: string | null) =>
  useQuery({
    queryKey: dashboardKeys.union(id ?? ''),
    queryFn: ({ signal }) => api.call(unionRoutes.get, { params: { id: id ?? '' }, signal }),
    enabled: !!id,
  })
