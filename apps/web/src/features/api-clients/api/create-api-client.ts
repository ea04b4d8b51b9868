import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiClientRoutes, type CreateApiClientBody } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { apiClientKeys } from './api-client-keys'

/** `POST /api-clients`: the answer holds the secret, shown once. */
export function useCreateApiClient() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: CreateApiClientBody) => api.call(apiClientRoutes.create, { body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: apiClientKeys.lists() }),
  })
}
