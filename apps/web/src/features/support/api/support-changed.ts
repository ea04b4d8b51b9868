import type { QueryClient } from '@tanstack/react-query'
import type { SupportProgram } from '@liendoan/contracts'
import { supportKeys } from './support-keys'

/**
 * After money moved (a proposal, approval, rejection, cancellation or disbursement): everything
 * under the `support` root is refetched: the figures, candidates, payments, ledger and report.
 */
export function refreshSupport(queryClient: QueryClient): void {
  void queryClient.invalidateQueries({ queryKey: supportKeys.all })
}

/** Puts a programme just saved into the cache with its new ETag. */
export function storeProgram(queryClient: QueryClient, data: SupportProgram, etag: string | null): void {
  queryClient.setQueryData(supportKeys.program(data.id), { program: data, etag })
}
