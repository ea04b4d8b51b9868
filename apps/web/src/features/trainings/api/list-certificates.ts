import { useQuery } from '@tanstack/react-query'
import { trainingRoutes } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { trainingKeys } from './training-keys'

/** `GET /trainings/:id/certificates`. */
export const useCertificates = (classId: string) =>
  useQuery({
    queryKey: trainingKeys.certificates(classId),
    queryFn: async ({ signal }) => (await api.call(trainingRoutes.certificates, { params: { id: classId }, signal })).items,
  })
