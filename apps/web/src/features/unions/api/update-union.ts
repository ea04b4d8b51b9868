import { useMutation, useQueryClient } from '@tanstack/react-query'
import { unionRoutes, type UpdateUnionBody } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { unionKeys } from './union-keys'

/** Saves changes with the ETag read earlier; the API answers 412 if someone saved in between. */
export function useUpdateUnion(id: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ body, etag }: { body: UpdateUnionBody; etag: string | null }) =>
      api.request(unionRoutes.update, { params: { id }, body, headers: etag ? { 'If-Match': etag } : {} }),
    onSuccess: ({ data, etag }) => {
      queryClient.setQueryData(unionKeys.detail(id), { union: data, etag })
      void queryClient.invalidateQueries({ queryKey: unionKeys.lists() })
      void queryClient.invalidateQueries({ queryKey: unionKeys.history(id) })
      if (data.parentId) void queryClient.invalidateQueries({ queryKey: unionKeys.children(data.parentId) })
    },
  })
}
