import { useMutation, useQueryClient } from '@tanstack/react-query'
import { supportRoutes, type ProposePaymentBody } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { refreshSupport } from './support-changed'

/** `POST /support-payments`: one proposal (an organiser's payment, a member's hardship support). */
export function useProposePayment() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ body, key }: { body: ProposePaymentBody; key: string }) =>
      api.call(supportRoutes.propose, { body, headers: { 'Idempotency-Key': key } }),
    onSuccess: () => refreshSupport(queryClient),
  })
}
