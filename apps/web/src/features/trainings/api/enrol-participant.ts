import { useMutation, useQueryClient } from '@tanstack/react-query'
import { trainingRoutes } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { refreshTraining } from './training-changed'

/** `POST /trainings/:id/participants`. */
export function useEnrol(classId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (memberId: string) => api.call(trainingRoutes.enrol, { params: { id: classId }, body: { memberId } }),
    onSuccess: () => refreshTraining(queryClient, classId),
  })
}
