import { queryOptions, useQuery } from '@tanstack/react-query'
import { authRoutes } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { authKeys } from './auth-keys'

export const meQueryOptions = (enabled: boolean) =>
  queryOptions({
    queryKey: authKeys.me,
    queryFn: ({ signal }) => api.call(authRoutes.me, { signal }),
    enabled,
    staleTime: 5 * 60_000,
  })

export const useMe = (enabled: boolean) => useQuery(meQueryOptions(enabled))
