import { queryOptions, useQuery } from '@tanstack/react-query'
import { agreementRoutes, type Agreement } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { agreementKeys } from './agreement-keys'

/** An agreement with the ETag of the version read, needed as If-Match when saving. */
export interface VersionedAgreement {
  agreement: Agreement
  etag: string | null
}

export const agreementQueryOptions = (id: string) =>
  queryOptions({
    queryKey: agreementKeys.detail(id),
    queryFn: async ({ signal }): Promise<VersionedAgreement> => {
      const { data, etag } = await api.request(agreementRoutes.get, { params: { id }, signal })
      return { agreement: data, etag }
    },
  })

export const useAgreement = (id: string) => useQuery({ ...agreementQueryOptions(id), enabled: !!id })
