import { useMutation, useQueryClient } from '@tanstack/react-query'
import { memberRoutes, type RejectTransferBody, type Transfer } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { transferDecided } from './transfer-decided'

/** `POST /members/transfers/:id/reject`: the receiving union declines, with a reason. */
export function useRejectTransfer() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ transfer, body }: { transfer: Transfer; body: RejectTransferBody }) =>
      api.call(memberRoutes.rejectTransfer, { params: { id: transfer.id }, body }),
    onSuccess: (transfer) => transferDecided(queryClient, transfer),
  })
}
