import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { agreementRoutes, type AgreementSignedQuery } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { agreementKeys } from './agreement-keys'

/** `GET /reports/agreements/signed`: agreements signed in a period, and the unions that signed them. */
export const useSignedReport = (query: AgreementSignedQuery | null) =>
  useQuery({
    queryKey: agreementKeys.signed(query),
    queryFn: ({ signal }) => api.call(agreementRoutes.signed, { query: query ?? undefined, signal }),
    enabled: !!query,
    placeholderData: keepPreviousData,
  })
