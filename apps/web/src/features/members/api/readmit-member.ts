import { useMutation, useQueryClient } from '@tanstack/react-query'
import { memberRoutes, type ReadmitMemberBody } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { refreshMember } from './member-changed'

/** `POST /members/:id/readmission`: a former member admitted again, history kept. */
export function useReadmitMember(id: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: ReadmitMemberBody) => api.call(memberRoutes.readmit, { params: { id }, body }),
    onSuccess: () => refreshMember(queryClient, id),
  })
}
