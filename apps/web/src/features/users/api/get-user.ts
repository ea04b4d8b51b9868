import { queryOptions, useQuery } from '@tanstack/react-query'
import { userRoutes, type User } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { userKeys } from './user-keys'

/** An account with the ETag of the version read, needed as If-Match when saving. */
export interface VersionedUser {
  user: User
  etag: string | null
}

/** `GET /users/:id`. */
export const userQueryOptions = (id: string) =>
  queryOptions({
    queryKey: userKeys.detail(id),
    queryFn: async ({ signal }): Promise<VersionedUser> => {
      const { data, etag } = await api.request(userRoutes.get, { params: { id }, signal })
      return { user: data, etag }
    },
  })

export const useUser = (id: string, enabled = true) => useQuery({ ...userQueryOptions(id), enabled: enabled && !!id })
