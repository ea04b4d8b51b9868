import { useMutation, useQueryClient } from '@tanstack/react-query'
import { trainingRoutes, type EnrolParticipantsBulkBody } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { randomKey } from '../../../lib/ids'
import { refreshTraining } from './training-changed'

/**
 * `POST /trainings/:id/participants/bulk`, all or nothing. One Idempotency-Key per
 * attempt, so a retry after a lost answer does not enrol twice.
 */
export function useEnrolBulk(classId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ body, key }: { body: EnrolParticipantsBulkBody; key?: string }) =>
      api.call(trainingRoutes.enrolBulk, { params: { id: classId }, body, headers: { 'Idempotency-Key': key ?? randomKey() } }),
    onSuccess: () => refreshTraining(queryClient, classId),
  })
}
