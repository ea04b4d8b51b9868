import { queryOptions, useQuery } from '@tanstack/react-query'
import { unitTypeRoutes } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { unionKeys } from './union-keys'

/** Unit types are reference data that rarely change: cache them for the session. */
export const unitTypesQueryOptions = () =>
  queryOptions({
    queryKey: unionKeys.unitTypes(),
    queryFn: async ({ signal }) => {
      const { items } = await api.call(unitTypeRoutes.list, { signal })
      return [...items].sort((a, b) => a.level - b.level || a.sortOrder - b.sortOrder)
    },
    staleTime: Infinity,
  })

export const useUnitTypes = () => useQuery(unitTypesQueryOptions())
