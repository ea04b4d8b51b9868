import { useMutation, useQueryClient } from '@tanstack/react-query'
import { memberRoutes, type CreateMemberBody } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { memberKeys } from './member-keys'

/** `POST /members`: admits a member (kết nạp). */
export function useCreateMember() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: CreateMemberBody) => api.request(memberRoutes.create, { body }),
    onSuccess: ({ data, etag }) => {
      queryClient.setQueryData(memberKeys.detail(data.id), { member: data, etag })
      void queryClient.invalidateQueries({ queryKey: memberKeys.lists() })
    },
  })
}
