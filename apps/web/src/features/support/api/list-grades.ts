import { useQuery } from '@tanstack/react-query'
import { agreementRoutes } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { supportKeys } from './support-keys'

/** The agreement grading scheme (A, B, …) for the rules editor, read from the agreements API. */
export const useGradeOptions = () =>
  useQuery({
    queryKey: supportKeys.grades(),
    queryFn: async ({ signal }) => {
      const { items } = await api.call(agreementRoutes.grades, { signal })
      return [...items].sort((a, b) => a.sortOrder - b.sortOrder).map((grade) => ({ code: grade.code, name: grade.name }))
    },
    staleTime: Infinity,
  })
