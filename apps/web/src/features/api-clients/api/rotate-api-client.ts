import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiClientRoutes } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { apiClientKeys } from './api-client-keys'

/** `POST /api-clients/{id}/rotate`: a new secret, shown once; the old one stops working. */
export function useRotateApiClient() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => api.call(apiClientRoutes.rotate, { params: { id } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: apiClientKeys.lists() }),
  })
}
