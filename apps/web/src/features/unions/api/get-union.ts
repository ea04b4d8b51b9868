import { queryOptions, useQuery } from '@tanstack/react-query'
import { unionRoutes, type Union } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { unionKeys } from './union-keys'

/** A union with the ETag of the version read, needed as If-Match when saving. */
export interface VersionedUnion {
  union: Union
  etag: string | null
}

export const unionQueryOptions = (id: string) =>
  queryOptions({
    queryKey: unionKeys.detail(id),
    queryFn: async ({ signal }): Promise<VersionedUnion> => {
      const { data, etag } = await api.request(unionRoutes.get, { params: { id }, signal })
      return { union: data, etag }
    },
  })

export const useUnion = (id: string, enabled = true) => useQuery({ ...unionQueryOptions(id), enabled: enabled && !!id })
