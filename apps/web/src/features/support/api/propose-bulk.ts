import { useMutation, useQueryClient } from '@tanstack/react-query'
import { supportRoutes, type ProposePaymentsBulkBody } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { refreshSupport } from './support-changed'

/**
 * `POST /support-payments/bulk`: the chosen candidates at the rule's amounts, all or nothing. One
 * Idempotency-Key per selection, so a retry after a lost answer proposes nothing twice.
 */
export function useProposeBulk() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ body, key }: { body: ProposePaymentsBulkBody; key: string }) =>
      api.call(supportRoutes.proposeBulk, { body, headers: { 'Idempotency-Key': key } }),
    onSettled: () => refreshSupport(queryClient),
  })
}
