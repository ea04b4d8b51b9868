import { useMutation, useQueryClient } from '@tanstack/react-query'
import { userRoutes, type CreateUserBody } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { userKeys } from './user-keys'

/** `POST /users`. */
export function useCreateUser() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: CreateUserBody) => api.request(userRoutes.create, { body }),
    onSuccess: ({ data, etag }) => {
      queryClient.setQueryData(userKeys.detail(data.id), { user: data, etag })
      void queryClient.invalidateQueries({ queryKey: userKeys.lists() })
    },
  })
}
