import { targetRoutes, type Target } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { useTargetMutation } from './target-changed'

/** `DELETE /targets/:id`. */
export const useDeleteTarget = () => useTargetMutation((target: Target) => api.call(targetRoutes.delete, { params: { id: target.id } }))
