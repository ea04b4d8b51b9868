import { useMutation } from '@tanstack/react-query'
import { agreementRoutes } from '@liendoan/contracts'
import { api } from '../../../api/client'

/** A stored document, fetched with the session's token (a plain link cannot carry it). */
export function useDownloadDocument(agreementId: string) {
  return useMutation({
    mutationFn: (documentId: string) => api.download(agreementRoutes.downloadDocument, { params: { id: agreementId, documentId } }),
  })
}
