import { targetRoutes, type Target, type UpdateTargetBody } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { etagOfVersion } from '../../../api/etag'
import { useTargetMutation } from './target-changed'

/** `PATCH /targets/:id` with the version the list showed as If-Match; 412 when someone saved in between. */
export const useUpdateTarget = () =>
  useTargetMutation(({ target, body }: { target: Target; body: UpdateTargetBody }) =>
    api.call(targetRoutes.update, { params: { id: target.id }, body, headers: { 'If-Match': etagOfVersion(target.version) } }),
  )
