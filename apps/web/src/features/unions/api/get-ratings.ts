import { queryOptions, useQuery } from '@tanstack/react-query'
import { unionRoutes } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { unionKeys } from './union-keys'

export const unionRatingsQueryOptions = (id: string) =>
  queryOptions({
    queryKey: unionKeys.ratings(id),
    queryFn: ({ signal }) => api.call(unionRoutes.ratings, { params: { id }, signal }),
  })

export const useUnionRatings = (id: string, enabled = true) => useQuery({ ...unionRatingsQueryOptions(id), enabled })
