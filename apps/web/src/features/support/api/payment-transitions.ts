import { useMutation, useQueryClient } from '@tanstack/react-query'
import { supportRoutes, type ApprovePaymentBody, type ClosePaymentBody, type DisbursePaymentBody } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { refreshSupport } from './support-changed'

/**
 * `POST /support-payments/:id/approve`. The Idempotency-Key belongs to one opened approval form:
 * a retry after a lost answer replays it instead of failing as "already approved".
 */
export function useApprovePayment(id: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ body, key }: { body: ApprovePaymentBody; key: string }) =>
      api.call(supportRoutes.approve, { params: { id }, body, headers: { 'Idempotency-Key': key } }),
    onSettled: () => refreshSupport(queryClient),
  })
}

/** `POST /support-payments/:id/reject`: a proposal refused, with the reason. */
export function useRejectPayment(id: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: ClosePaymentBody) => api.call(supportRoutes.reject, { params: { id }, body }),
    onSettled: () => refreshSupport(queryClient),
  })
}

/** `POST /support-payments/:id/cancel`: a proposed or approved payment withdrawn, with the reason. */
export function useCancelPayment(id: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: ClosePaymentBody) => api.call(supportRoutes.cancel, { params: { id }, body }),
    onSettled: () => refreshSupport(queryClient),
  })
}

/** `POST /support-payments/:id/disburse`: the money went out (date, method, reference). */
export function useDisbursePayment(id: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ body, key }: { body: DisbursePaymentBody; key: string }) =>
      api.call(supportRoutes.disburse, { params: { id }, body, headers: { 'Idempotency-Key': key } }),
    onSettled: () => refreshSupport(queryClient),
  })
}
