import { useMutation, useQueryClient } from '@tanstack/react-query'
import { agreementRoutes, type CreateAgreementBody } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { refreshAgreement, storeAgreement } from './agreement-changed'

/**
 * `POST /agreements`. One Idempotency-Key per filled-in form, so a retry after a lost
 * answer does not register the agreement twice.
 */
export function useCreateAgreement() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ body, key }: { body: CreateAgreementBody; key: string }) =>
      api.request(agreementRoutes.create, { body, headers: { 'Idempotency-Key': key } }),
    onSuccess: ({ data, etag }) => {
      storeAgreement(queryClient, data, etag)
      refreshAgreement(queryClient, data.id)
    },
  })
}
