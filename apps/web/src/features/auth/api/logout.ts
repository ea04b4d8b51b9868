import { useMutation, useQueryClient } from '@tanstack/react-query'
import { authRoutes } from '@liendoan/contracts'
import { api, tokenStore } from '../../../api/client'

export function useLogout() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async () => {
      const refreshToken = tokenStore.getRefreshToken()
      // Revoke server-side when we can; signing out locally must work even offline.
      if (refreshToken) await api.call(authRoutes.logout, { body: { refreshToken } }).catch(() => undefined)
    },
    onSettled: () => {
      tokenStore.clear()
      queryClient.clear()
    },
  })
}
