import { useMutation, useQueryClient } from '@tanstack/react-query'
import { agreementRoutes, type BringIntoForceBody } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { refreshAgreement } from './agreement-changed'

/** `POST /agreements/:id/entry-into-force`: signed or registered → in force. */
export function useBringIntoForce(id: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: BringIntoForceBody) => api.call(agreementRoutes.bringIntoForce, { params: { id }, body }),
    onSuccess: () => refreshAgreement(queryClient, id),
  })
}
