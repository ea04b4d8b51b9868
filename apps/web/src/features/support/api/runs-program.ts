import { useQuery } from '@tanstack/react-query'
import { unionRoutes } from '@liendoan/contracts'
import { isNotFound } from '../../../api/api-error'
import { api } from '../../../api/client'
import { supportKeys } from './support-keys'

/**
 * Whether the programme's union lies in the person's scope: its officers approve and disburse.
 * The API answers 404 for a union outside one's scope, exactly as for a missing one, so reading
 * the union is the check (a district officer sees the city's programme but does not run it).
 */
export const useRunsProgram = (unionId: string) =>
  useQuery({
    queryKey: supportKeys.runs(unionId),
    queryFn: async ({ signal }) => {
      try {
        await api.call(unionRoutes.get, { params: { id: unionId }, signal })
        return true
      } catch (error) {
        if (isNotFound(error)) return false
        throw error
      }
    },
    staleTime: 5 * 60_000,
    retry: false,
  })
