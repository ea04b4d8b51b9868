import { useQuery } from '@tanstack/react-query'
import { trainingRoutes } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { trainingKeys } from './training-keys'

/** `GET /members/:id/trainings`: a member's (or officer's) classes and certificates. */
export const useMemberTrainingHistory = (memberId: string) =>
  useQuery({
    queryKey: trainingKeys.memberHistory(memberId),
    queryFn: async ({ signal }) => (await api.call(trainingRoutes.memberHistory, { params: { id: memberId }, signal })).items,
  })
