import { useMutation, useQueryClient } from '@tanstack/react-query'
import { agreementRoutes, type AgreementDocumentType } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { refreshAgreement } from './agreement-changed'

/** `POST /agreements/:id/documents` as multipart: the `type` field first, then the `file`. */
export function useUploadDocument(agreementId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async ({ file, type }: { file: File; type: AgreementDocumentType }) => {
      const form = new FormData()
      // Fields before the file: a streaming parser has them when the file arrives.
      form.append('type', type)
      form.append('file', file, file.name)
      return (await api.upload(agreementRoutes.uploadDocument, { params: { id: agreementId }, form })).data
    },
    onSuccess: () => refreshAgreement(queryClient, agreementId),
  })
}
