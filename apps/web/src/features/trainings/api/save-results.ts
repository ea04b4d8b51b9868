import { useMutation, useQueryClient } from '@tanstack/react-query'
import { trainingRoutes, type TrainingResultsBody } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { refreshTraining } from './training-changed'

/** `PUT /trainings/:id/results`: test scores out of 100. */
export function useSaveResults(classId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: TrainingResultsBody) => api.call(trainingRoutes.results, { params: { id: classId }, body }),
    // Attendance and scores feed the participants' rows, the activity report and the members' histories.
    onSuccess: () => refreshTraining(queryClient, classId),
  })
}
