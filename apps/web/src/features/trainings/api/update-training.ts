import { useMutation, useQueryClient } from '@tanstack/react-query'
import { trainingRoutes, type UpdateTrainingBody } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { storeClass } from './training-changed'
import { trainingKeys } from './training-keys'

/** `PATCH /trainings/:id` with the ETag read earlier; 412 when someone saved in between. */
export function useUpdateTraining(id: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ body, etag }: { body: UpdateTrainingBody; etag: string | null }) =>
      api.request(trainingRoutes.update, { params: { id }, body, headers: etag ? { 'If-Match': etag } : {} }),
    onSuccess: ({ data, etag }) => {
      storeClass(queryClient, data, etag)
      void queryClient.invalidateQueries({ queryKey: trainingKeys.lists() })
    },
  })
}
