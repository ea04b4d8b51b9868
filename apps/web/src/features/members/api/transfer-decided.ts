import type { QueryClient } from '@tanstack/react-query'
import type { Transfer } from '@liendoan/contracts'
import { refreshMember } from './member-changed'
import { memberKeys } from './member-keys'

/** A decision changes the inbox, the badge and (when accepted) the member's union. */
export function transferDecided(queryClient: QueryClient, transfer: Transfer): void {
  void queryClient.invalidateQueries({ queryKey: memberKeys.transfers() })
  refreshMember(queryClient, transfer.memberId)
}
