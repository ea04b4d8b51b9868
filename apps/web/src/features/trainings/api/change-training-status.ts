import { useMutation, useQueryClient } from '@tanstack/react-query'
import { trainingRoutes, type TrainingStatusBody } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { refreshTraining } from './training-changed'

/** `POST /trainings/:id/status`: planned → open → running → completed, or cancelled. */
export function useChangeTrainingStatus(id: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: TrainingStatusBody) => api.call(trainingRoutes.changeStatus, { params: { id }, body }),
    onSuccess: () => refreshTraining(queryClient, id),
  })
}
