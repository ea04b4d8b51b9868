import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { agreementRoutes, type AgreementGradeDistributionQuery } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { agreementKeys } from './agreement-keys'

/** `GET /reports/agreements/grades`: the grades of the agreements in force on a day. */
export const useGradeDistribution = (query: AgreementGradeDistributionQuery) =>
  useQuery({
    queryKey: agreementKeys.gradeDistribution(query),
    queryFn: ({ signal }) => api.call(agreementRoutes.gradeDistribution, { query, signal }),
    placeholderData: keepPreviousData,
  })
