import { queryOptions, useQuery } from '@tanstack/react-query'
import { agreementRoutes } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { agreementKeys } from './agreement-keys'

/** The grading scheme (A, B, C, D with their criteria) is reference data: read once per session. */
export const agreementGradesQueryOptions = () =>
  queryOptions({
    queryKey: agreementKeys.grades(),
    queryFn: async ({ signal }) => {
      const { items } = await api.call(agreementRoutes.grades, { signal })
      return [...items].sort((a, b) => a.sortOrder - b.sortOrder)
    },
    staleTime: Infinity,
  })

export const useAgreementGrades = () => useQuery(agreementGradesQueryOptions())
