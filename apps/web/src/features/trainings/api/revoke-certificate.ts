import { useMutation, useQueryClient } from '@tanstack/react-query'
import { trainingRoutes, type RevokeCertificateBody } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { refreshTraining } from './training-changed'

/** `POST /certificates/:id/revocation`: the number stays taken. */
export function useRevokeCertificate(classId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: RevokeCertificateBody }) =>
      api.call(trainingRoutes.revokeCertificate, { params: { id }, body }),
    onSuccess: () => refreshTraining(queryClient, classId),
  })
}
