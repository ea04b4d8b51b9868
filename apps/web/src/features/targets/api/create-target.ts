import { targetRoutes, type CreateTargetBody } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { useTargetMutation } from './target-changed'

/** `POST /targets`: a target for a unit strictly below the person's union. */
export const useCreateTarget = () => useTargetMutation((body: CreateTargetBody) => api.call(targetRoutes.create, { body }))
