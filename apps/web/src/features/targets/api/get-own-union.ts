import { useQuery } from '@tanstack/react-query'
import { unionRoutes } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { targetKeys } from './target-keys'

/** The person's union, read through the shared client (features do not import each other). */
export const useOwnUnion = (id: string) =>
  useQuery({
    queryKey: targetKeys.ownUnion(id),
    queryFn: ({ signal }) => api.call(unionRoutes.get, { params: { id }, signal }),
    staleTime: 5 * 60_000,
  })
