import { useMutation, useQueryClient } from '@tanstack/react-query'
import { memberRoutes, type MemberStatusBody } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { refreshMember } from './member-changed'

/** `POST /members/:id/status`: left, deceased or transferred out of the system. */
export function useChangeMemberStatus(id: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: MemberStatusBody) => api.call(memberRoutes.changeStatus, { params: { id }, body }),
    onSuccess: () => refreshMember(queryClient, id),
  })
}
