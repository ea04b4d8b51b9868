import { useMutation } from '@tanstack/react-query'
import { trainingRoutes } from '@liendoan/contracts'
import { api } from '../../../api/client'

/** The printable PDF, fetched with the session's token (a plain link cannot carry it). */
export function useCertificatePdf() {
  return useMutation({ mutationFn: (id: string) => api.download(trainingRoutes.certificatePdf, { params: { id } }) })
}
