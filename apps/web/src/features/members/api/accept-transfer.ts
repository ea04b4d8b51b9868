import { useMutation, useQueryClient } from '@tanstack/react-query'
import { memberRoutes, type DecideTransferBody, type Transfer } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { transferDecided } from './transfer-decided'

/** `POST /members/transfers/:id/accept`: the receiving union takes the member in. */
export function useAcceptTransfer() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ transfer, body }: { transfer: Transfer; body: DecideTransferBody }) =>
      api.call(memberRoutes.acceptTransfer, { params: { id: transfer.id }, body }),
    onSuccess: (transfer) => transferDecided(queryClient, transfer),
  })
}
