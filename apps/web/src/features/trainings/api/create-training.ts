import { useMutation, useQueryClient } from '@tanstack/react-query'
import { trainingRoutes, type CreateTrainingBody } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { storeClass } from './training-changed'
import { trainingKeys } from './training-keys'

/** `POST /trainings`. */
export function useCreateTraining() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: CreateTrainingBody) => api.request(trainingRoutes.create, { body }),
    onSuccess: ({ data, etag }) => {
      storeClass(queryClient, data, etag)
      void queryClient.invalidateQueries({ queryKey: trainingKeys.lists() })
    },
  })
}
