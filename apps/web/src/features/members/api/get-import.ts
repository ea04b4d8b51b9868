import { queryOptions, useQuery } from '@tanstack/react-query'
import { memberImportRoutes, type ImportJob } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { memberKeys } from './member-keys'

/** How often a running job is polled: often enough to move the progress bar smoothly. */
export const IMPORT_POLL_MS = 700

/** A job is still working in the background while validating or committing. */
export const importIsRunning = (job: Pick<ImportJob, 'status'> | undefined): boolean =>
  job?.status === 'validating' || job?.status === 'committing'

export const importJobQueryOptions = (id: string) =>
  queryOptions({
    queryKey: memberKeys.import(id),
    queryFn: ({ signal }) => api.call(memberImportRoutes.get, { params: { id }, signal }),
    refetchInterval: (query) => (importIsRunning(query.state.data) ? IMPORT_POLL_MS : false),
    staleTime: 0,
  })

export const useImportJob = (id: string | null) => useQuery({ ...importJobQueryOptions(id ?? ''), enabled: !!id })
