import { useMutation, useQueryClient } from '@tanstack/react-query'
import { agreementRoutes } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { refreshAgreement } from './agreement-changed'

/** `DELETE /agreements/:id/documents/:documentId`. */
export function useDeleteDocument(agreementId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (documentId: string) => api.call(agreementRoutes.deleteDocument, { params: { id: agreementId, documentId } }),
    onSuccess: () => refreshAgreement(queryClient, agreementId),
  })
}
