import { useMutation, useQueryClient } from '@tanstack/react-query'
import { trainingRoutes } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { refreshTraining } from './training-changed'

/** `POST /trainings/:id/participants/:participantId/withdrawal`. */
export function useWithdraw(classId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (participantId: string) => api.call(trainingRoutes.withdraw, { params: { id: classId, participantId } }),
    onSuccess: () => refreshTraining(queryClient, classId),
  })
}
