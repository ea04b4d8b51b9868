import { useMutation, useQueryClient } from '@tanstack/react-query'
import { memberRoutes, type EraseMemberBody } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { refreshMember } from './member-changed'

/** `POST /members/:id/erasure`: personal data erased at the member's request; counts stay true. */
export function useEraseMember(id: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: EraseMemberBody) => api.call(memberRoutes.erase, { params: { id }, body }),
    onSuccess: () => refreshMember(queryClient, id),
  })
}
