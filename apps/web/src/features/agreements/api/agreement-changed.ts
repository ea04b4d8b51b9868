import type { QueryClient } from '@tanstack/react-query'
import type { Agreement } from '@liendoan/contracts'
import { agreementKeys } from './agreement-keys'

/**
 * After any change to an agreement: its record, its timeline and documents, the lists and the
 * reports are refetched. A renewal or a replacement changes the linked agreement too, so every
 * detail is marked stale (refetched when shown).
 */
export function refreshAgreement(queryClient: QueryClient, id: string): void {
  void queryClient.invalidateQueries({ queryKey: agreementKeys.detail(id) })
  void queryClient.invalidateQueries({ queryKey: agreementKeys.details(), refetchType: 'none' })
  void queryClient.invalidateQueries({ queryKey: agreementKeys.of(id) })
  void queryClient.invalidateQueries({ queryKey: agreementKeys.lists() })
  void queryClient.invalidateQueries({ queryKey: agreementKeys.reports() })
}

/** Puts an agreement just saved into the cache with its new ETag. */
export function storeAgreement(queryClient: QueryClient, data: Agreement, etag: string | null): void {
  queryClient.setQueryData(agreementKeys.detail(data.id), { agreement: data, etag })
}
