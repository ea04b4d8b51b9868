import { useMutation, useQueryClient } from '@tanstack/react-query'
import { agreementRoutes, type UpdateAgreementBody } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { refreshAgreement, storeAgreement } from './agreement-changed'

/** `PATCH /agreements/:id` with the ETag read earlier; 412 when someone saved in between. */
export function useUpdateAgreement(id: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ body, etag }: { body: UpdateAgreementBody; etag: string | null }) =>
      api.request(agreementRoutes.update, { params: { id }, body, headers: etag ? { 'If-Match': etag } : {} }),
    onSuccess: ({ data, etag }) => {
      storeAgreement(queryClient, data, etag)
      refreshAgreement(queryClient, id)
    },
  })
}
