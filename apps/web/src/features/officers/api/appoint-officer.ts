import { useMutation, useQueryClient } from '@tanstack/react-query'
import { officerRoutes, type AppointOfficerBody } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { officerKeys } from './officer-keys'

/** `POST /unions/:id/officers`: a member of the union takes a position for a term. */
export function useAppointOfficer(unionId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: AppointOfficerBody) => api.call(officerRoutes.appoint, { params: { id: unionId }, body }),
    onSuccess: (term) => {
      void queryClient.invalidateQueries({ queryKey: officerKeys.all })
      // The member's timeline and the position filter of the member list change too.
      void queryClient.invalidateQueries({ queryKey: ['members', 'timeline', term.memberId] })
      void queryClient.invalidateQueries({ queryKey: ['members', 'list'] })
    },
  })
}
