import { queryOptions, useQuery } from '@tanstack/react-query'
import { trainingRoutes, type TrainingClass } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { trainingKeys } from './training-keys'

/** A class with the ETag of the version read, needed as If-Match when saving. */
export interface VersionedTraining {
  training: TrainingClass
  etag: string | null
}

export const trainingQueryOptions = (id: string) =>
  queryOptions({
    queryKey: trainingKeys.detail(id),
    queryFn: async ({ signal }): Promise<VersionedTraining> => {
      const { data, etag } = await api.request(trainingRoutes.get, { params: { id }, signal })
      return { training: data, etag }
    },
  })

export const useTraining = (id: string) => useQuery({ ...trainingQueryOptions(id), enabled: !!id })
