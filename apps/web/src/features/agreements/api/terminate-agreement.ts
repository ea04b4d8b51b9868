import { useMutation, useQueryClient } from '@tanstack/react-query'
import { agreementRoutes, type TerminateAgreementBody } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { refreshAgreement } from './agreement-changed'

/** `POST /agreements/:id/termination`: ended early, or a negotiation abandoned. */
export function useTerminateAgreement(id: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: TerminateAgreementBody) => api.call(agreementRoutes.terminate, { params: { id }, body }),
    onSuccess: () => refreshAgreement(queryClient, id),
  })
}
