import { queryOptions, useQuery } from '@tanstack/react-query'
import { trainingRoutes } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { trainingKeys } from './training-keys'

/** Training topics are reference data: read once per session. */
export const trainingTopicsQueryOptions = () =>
  queryOptions({
    queryKey: trainingKeys.topics(),
    queryFn: async ({ signal }) => {
      const { items } = await api.call(trainingRoutes.topics, { signal })
      return [...items].sort((a, b) => a.sortOrder - b.sortOrder)
    },
    staleTime: Infinity,
  })

export const useTrainingTopics = () => useQuery(trainingTopicsQueryOptions())
