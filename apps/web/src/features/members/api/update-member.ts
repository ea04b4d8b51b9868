import { useMutation, useQueryClient } from '@tanstack/react-query'
import { memberRoutes, type UpdateMemberBody } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { memberKeys } from './member-keys'

/** Saves changes with the ETag read earlier; the API answers 412 if someone saved in between. */
export function useUpdateMember(id: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ body, etag }: { body: UpdateMemberBody; etag: string | null }) =>
      api.request(memberRoutes.update, { params: { id }, body, headers: etag ? { 'If-Match': etag } : {} }),
    onSuccess: ({ data, etag }) => {
      queryClient.removeQueries({ queryKey: memberKeys.revealed(id) })
      queryClient.setQueryData(memberKeys.detail(id), { member: data, etag })
      void queryClient.invalidateQueries({ queryKey: memberKeys.lists() })
      void queryClient.invalidateQueries({ queryKey: memberKeys.timeline(id) })
    },
  })
}
