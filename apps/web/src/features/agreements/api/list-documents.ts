import { useQuery } from '@tanstack/react-query'
import { agreementRoutes } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { agreementKeys } from './agreement-keys'

/** `GET /agreements/:id/documents`. */
export const useAgreementDocuments = (id: string) =>
  useQuery({
    queryKey: agreementKeys.documents(id),
    queryFn: async ({ signal }) => (await api.call(agreementRoutes.documents, { params: { id }, signal })).items,
  })
