import type { QueryClient } from '@tanstack/react-query'
import type { TrainingClass } from '@liendoan/contracts'
import { trainingKeys } from './training-keys'

/** After any change to a class: its record, what hangs off it, the lists and the reports are refetched. */
export function refreshTraining(queryClient: QueryClient, id: string): void {
  void queryClient.invalidateQueries({ queryKey: trainingKeys.detail(id) })
  void queryClient.invalidateQueries({ queryKey: trainingKeys.of(id) })
  void queryClient.invalidateQueries({ queryKey: trainingKeys.lists() })
  void queryClient.invalidateQueries({ queryKey: trainingKeys.reports() })
  void queryClient.invalidateQueries({ queryKey: ['members', 'trainings'] })
}

/** Puts a class just saved into the cache with its new ETag. */
export function storeClass(queryClient: QueryClient, data: TrainingClass, etag: string | null): void {
  queryClient.setQueryData(trainingKeys.detail(data.id), { training: data, etag })
}
