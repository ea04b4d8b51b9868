import { useMutation, useQueryClient } from '@tanstack/react-query'
import { userRoutes, type UpdateUserBody } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { userKeys } from './user-keys'

/** `PATCH /users/:id` with the ETag read earlier; the API answers 412 if someone saved in between. */
export function useUpdateUser(id: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ body, etag }: { body: UpdateUserBody; etag: string | null }) =>
      api.request(userRoutes.update, { params: { id }, body, headers: etag ? { 'If-Match': etag } : {} }),
    onSuccess: ({ data, etag }) => {
      queryClient.setQueryData(userKeys.detail(id), { user: data, etag })
      void queryClient.invalidateQueries({ queryKey: userKeys.lists() })
    },
  })
}
