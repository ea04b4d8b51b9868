import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { trainingRoutes, type TrainingActivityQuery } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { trainingKeys } from './training-keys'

/** `GET /reports/trainings/activity`: classes held and participant-attendances in a period. */
export const useTrainingActivity = (query: TrainingActivityQuery | null) =>
  useQuery({
    queryKey: trainingKeys.activity(query),
    queryFn: ({ signal }) => api.call(trainingRoutes.activity, { query: query ?? undefined, signal }),
    enabled: !!query,
    placeholderData: keepPreviousData,
  })
