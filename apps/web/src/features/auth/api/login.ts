import { useMutation, useQueryClient } from '@tanstack/react-query'
import { authRoutes, type LoginBody } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { authKeys } from './auth-keys'

export function useLogin() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: LoginBody) => api.call(authRoutes.login, { body }),
    onSuccess: (pair) => {
      // A different person may sign in on this browser: start from an empty cache.
      queryClient.clear()
      api.setSession(pair)
      queryClient.setQueryData(authKeys.me, pair.user)
    },
  })
}
