import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiClientRoutes } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { apiClientKeys } from './api-client-keys'

/** `POST /api-clients/{id}/revoke`: the client and its tokens stop working at once. */
export function useRevokeApiClient() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => api.call(apiClientRoutes.revoke, { params: { id } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: apiClientKeys.lists() }),
  })
}
