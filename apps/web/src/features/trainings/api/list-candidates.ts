import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { trainingRoutes } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { trainingKeys, type CandidateFilters } from './training-keys'

/** `GET /trainings/:id/candidates`: who a bulk filter would enrol (first page and whether there are more). */
export const useCandidates = (classId: string, filters: CandidateFilters, enabled: boolean) =>
  useQuery({
    queryKey: trainingKeys.candidates(classId, filters),
    queryFn: ({ signal }) => api.call(trainingRoutes.candidates, { params: { id: classId }, query: { ...filters, limit: 100 }, signal }),
    enabled,
    placeholderData: keepPreviousData,
  })
