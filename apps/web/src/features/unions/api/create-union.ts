import { useMutation, useQueryClient } from '@tanstack/react-query'
import { unionRoutes, type CreateUnionBody } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { unionKeys } from './union-keys'

export function useCreateUnion() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: CreateUnionBody) => api.request(unionRoutes.create, { body }),
    onSuccess: ({ data, etag }) => {
      queryClient.setQueryData(unionKeys.detail(data.id), { union: data, etag })
      void queryClient.invalidateQueries({ queryKey: unionKeys.lists() })
      if (data.parentId) {
        void queryClient.invalidateQueries({ queryKey: unionKeys.children(data.parentId) })
        void queryClient.invalidateQueries({ queryKey: unionKeys.detail(data.parentId) })
      }
    },
  })
}
