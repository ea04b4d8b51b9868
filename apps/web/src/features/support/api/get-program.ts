import { queryOptions, useQuery } from '@tanstack/react-query'
import { supportRoutes, type SupportProgram } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { supportKeys } from './support-keys'

/** A programme with the ETag of the version read, needed as If-Match when saving. */
export interface VersionedProgram {
  program: SupportProgram
  etag: string | null
}

export const programQueryOptions = (id: string) =>
  queryOptions({
    queryKey: supportKeys.program(id),
    queryFn: async ({ signal }): Promise<VersionedProgram> => {
      const { data, etag } = await api.request(supportRoutes.getProgram, { params: { id }, signal })
      return { program: data, etag }
    },
  })

export const useProgram = (id: string) => useQuery({ ...programQueryOptions(id), enabled: !!id })
