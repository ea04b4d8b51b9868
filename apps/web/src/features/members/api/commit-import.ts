import { useMutation, useQueryClient } from '@tanstack/react-query'
import { memberImportRoutes } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { memberKeys } from './member-keys'

/**
 * `POST /members/imports/:id/commit`. The caller keeps one Idempotency-Key for the
 * whole click sequence, so a double click or a retry after a timeout imports once.
 */
export function useCommitImport(id: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (idempotencyKey: string) =>
      api.call(memberImportRoutes.commit, { params: { id }, headers: { 'Idempotency-Key': idempotencyKey } }),
    onSuccess: (job) => {
      queryClient.setQueryData(memberKeys.import(id), job)
      void queryClient.invalidateQueries({ queryKey: memberKeys.lists() })
    },
  })
}
