import { useMutation, useQueryClient } from '@tanstack/react-query'
import { trainingRoutes, type SessionAttendanceBody } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { refreshTraining } from './training-changed'

/** `PUT /trainings/:id/sessions/:sessionId/attendance`: one save per session. */
export function useSaveAttendance(classId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ sessionId, body }: { sessionId: string; body: SessionAttendanceBody }) =>
      api.call(trainingRoutes.attendance, { params: { id: classId, sessionId }, body }),
    // Attendance and scores feed the participants' rows, the activity report and the members' histories.
    onSuccess: () => refreshTraining(queryClient, classId),
  })
}
