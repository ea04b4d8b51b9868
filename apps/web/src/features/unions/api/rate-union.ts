import { useMutation, useQueryClient } from '@tanstack/react-query'
import { unionRoutes, type SetRatingBody } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { unionKeys } from './union-keys'

export function useRateUnion(id: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: SetRatingBody) => api.call(unionRoutes.rate, { params: { id }, body }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: unionKeys.ratings(id) })
      void queryClient.invalidateQueries({ queryKey: unionKeys.detail(id) })
      void queryClient.invalidateQueries({ queryKey: unionKeys.history(id) })
      void queryClient.invalidateQueries({ queryKey: unionKeys.lists() })
    },
  })
}
