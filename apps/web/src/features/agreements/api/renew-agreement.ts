import { useMutation, useQueryClient } from '@tanstack/react-query'
import { agreementRoutes, type RenewAgreementBody } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { refreshAgreement, storeAgreement } from './agreement-changed'

/** `POST /agreements/:id/renewal`: the new agreement, linked to the one it replaces. */
export function useRenewAgreement(id: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: RenewAgreementBody) => api.request(agreementRoutes.renew, { params: { id }, body }),
    onSuccess: ({ data, etag }) => {
      storeAgreement(queryClient, data, etag)
      refreshAgreement(queryClient, id)
    },
  })
}
