import { useMutation, useQueryClient } from '@tanstack/react-query'
import { officerRoutes, type OfficerTerm, type UpdateOfficerTermBody } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { etagOfVersion } from '../../../api/etag'
import { officerKeys } from './officer-keys'

/** `PATCH /officers/:id` with If-Match, e.g. to end a term. */
export function useUpdateOfficerTerm() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ term, body }: { term: OfficerTerm; body: UpdateOfficerTermBody }) =>
      api.call(officerRoutes.update, { params: { id: term.id }, body, headers: { 'If-Match': etagOfVersion(term.version) } }),
    onSuccess: (term) => {
      void queryClient.invalidateQueries({ queryKey: officerKeys.all })
      void queryClient.invalidateQueries({ queryKey: ['members', 'timeline', term.memberId] })
      void queryClient.invalidateQueries({ queryKey: ['members', 'list'] })
    },
  })
}
