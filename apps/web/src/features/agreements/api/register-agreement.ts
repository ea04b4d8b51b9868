import { useMutation, useQueryClient } from '@tanstack/react-query'
import { agreementRoutes, type RegisterAgreementBody } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { refreshAgreement } from './agreement-changed'

/** `POST /agreements/:id/registration`: signed → registered with the federation. */
export function useRegisterAgreement(id: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: RegisterAgreementBody) => api.call(agreementRoutes.register, { params: { id }, body }),
    onSuccess: () => refreshAgreement(queryClient, id),
  })
}
