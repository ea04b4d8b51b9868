import { useQuery } from '@tanstack/react-query'
import { targetRoutes } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { targetKeys } from './target-keys'

/** `GET /target-metrics`: what a target can measure, with its labels; defined in code, so read once. */
export const useTargetMetrics = () =>
  useQuery({
    queryKey: targetKeys.metrics(),
    queryFn: ({ signal }) => api.call(targetRoutes.metrics, { signal }),
    staleTime: Infinity,
  })
