import { useMutation } from '@tanstack/react-query'
import { memberRoutes } from '@liendoan/contracts'
import { api } from '../../../api/client'

/**
 * `GET /members/:id/personal-data`: everything held about a member, for their
 * access request. Fetched on demand (a mutation, not a cached query): the copy
 * goes to the member, not into the app's cache.
 */
export function usePersonalDataExport(id: string) {
  return useMutation({ mutationFn: () => api.call(memberRoutes.personalData, { params: { id } }) })
}
