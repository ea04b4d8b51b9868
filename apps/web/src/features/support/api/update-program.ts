import { useMutation, useQueryClient } from '@tanstack/react-query'
import { supportRoutes, type UpdateSupportProgramBody } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { refreshSupport, storeProgram } from './support-changed'

/** `PATCH /support-programs/:id` with the ETag read earlier; 412 when someone saved in between. */
export function useUpdateProgram(id: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ body, etag }: { body: UpdateSupportProgramBody; etag: string | null }) =>
      api.request(supportRoutes.updateProgram, { params: { id }, body, headers: etag ? { 'If-Match': etag } : {} }),
    onSuccess: ({ data, etag }) => {
      storeProgram(queryClient, data, etag)
      refreshSupport(queryClient)
    },
  })
}
