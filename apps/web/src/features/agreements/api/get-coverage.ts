import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { agreementRoutes, type AgreementCoverageQuery } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { agreementKeys } from './agreement-keys'

/** `GET /reports/agreements/coverage`: per sector and in total, unions with an agreement in force on a day. */
export const useAgreementCoverage = (query: AgreementCoverageQuery) =>
  useQuery({
    queryKey: agreementKeys.coverage(query),
    queryFn: ({ signal }) => api.call(agreementRoutes.coverage, { query, signal }),
    placeholderData: keepPreviousData,
  })
