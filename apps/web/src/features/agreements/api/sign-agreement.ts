import { useMutation, useQueryClient } from '@tanstack/react-query'
import { agreementRoutes, type SignAgreementBody } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { refreshAgreement } from './agreement-changed'

/** `POST /agreements/:id/signing`: negotiating → signed, with the three dates. */
export function useSignAgreement(id: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: SignAgreementBody) => api.call(agreementRoutes.sign, { params: { id }, body }),
    onSuccess: () => refreshAgreement(queryClient, id),
  })
}
