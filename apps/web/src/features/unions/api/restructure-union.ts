import { useMutation, useQueryClient } from '@tanstack/react-query'
import { unionRoutes } from '@liendoan/contracts'
import { api } from '../../../api/client'
import type { BodyOf } from '../../../api/routes'
import { unionKeys } from './union-keys'

/** Each restructuring operation: its preview endpoint and the real one take the same body. */
export const restructureRoutes = {
  move: { preview: unionRoutes.previewMove, commit: unionRoutes.move },
  merge: { preview: unionRoutes.previewMerge, commit: unionRoutes.merge },
  dissolve: { preview: unionRoutes.previewDissolve, commit: unionRoutes.dissolve },
} as const

export type RestructureOperation = keyof typeof restructureRoutes
export type RestructureBody<Op extends RestructureOperation> = BodyOf<(typeof restructureRoutes)[Op]['commit']>
export type AnyRestructureRequest = { [Op in RestructureOperation]: { operation: Op; body: RestructureBody<Op> } }[RestructureOperation]

function preview(id: string, request: AnyRestructureRequest) {
  switch (request.operation) {
    case 'move':
      return api.call(unionRoutes.previewMove, { params: { id }, body: request.body })
    case 'merge':
      return api.call(unionRoutes.previewMerge, { params: { id }, body: request.body })
    case 'dissolve':
      return api.call(unionRoutes.previewDissolve, { params: { id }, body: request.body })
  }
}

function commit(id: string, request: AnyRestructureRequest) {
  switch (request.operation) {
    case 'move':
      return api.call(unionRoutes.move, { params: { id }, body: request.body })
    case 'merge':
      return api.call(unionRoutes.merge, { params: { id }, body: request.body })
    case 'dissolve':
      return api.call(unionRoutes.dissolve, { params: { id }, body: request.body })
  }
}

/** `POST /unions/:id/{move,merge,dissolve}/preview`: what would change, changing nothing. */
export function usePreviewRestructure(id: string) {
  return useMutation({ mutationFn: (request: AnyRestructureRequest) => preview(id, request) })
}

/** `POST /unions/:id/{move,merge,dissolve}`: the tree changes, so every cached union view is refreshed. */
export function useRestructureUnion(id: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (request: AnyRestructureRequest) => commit(id, request),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: unionKeys.all }),
  })
}
