import { useMutation, useQueryClient } from '@tanstack/react-query'
import { supportRoutes, type CreateSupportProgramBody } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { refreshSupport, storeProgram } from './support-changed'

/** `POST /support-programs`. */
export function useCreateProgram() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: CreateSupportProgramBody) => api.request(supportRoutes.createProgram, { body }),
    onSuccess: ({ data, etag }) => {
      storeProgram(queryClient, data, etag)
      refreshSupport(queryClient)
    },
  })
}
