import { useMutation, useQueryClient } from '@tanstack/react-query'
import { memberRoutes, type CreateTransferBody } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { refreshMember } from './member-changed'
import { memberKeys } from './member-keys'

/** `POST /members/:id/transfers`: a direct move inside the person's scope, or a request to another scope. */
export function useCreateTransfer(id: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: CreateTransferBody) => api.call(memberRoutes.createTransfer, { params: { id }, body }),
    onSuccess: () => {
      refreshMember(queryClient, id)
      void queryClient.invalidateQueries({ queryKey: memberKeys.transfers() })
    },
  })
}
