import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { supportRoutes } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { supportKeys, type ReportInterval } from './support-keys'

/** `GET /support-programs/:id/report`: budget use over time, by month or quarter, and by role. */
export const useProgramReport = (programId: string, interval: ReportInterval) =>
  useQuery({
    queryKey: supportKeys.report(programId, interval),
    queryFn: ({ signal }) => api.call(supportRoutes.report, { params: { id: programId }, query: { interval }, signal }),
    placeholderData: keepPreviousData,
  })
