import type { QueryClient } from '@tanstack/react-query'
import { memberKeys } from './member-keys'

/**
 * After a change that rewrites a member (status, card, transfer, erasure): their
 * record, timeline and cards are refetched, and every list that may show them.
 */
export function refreshMember(queryClient: QueryClient, id: string): void {
  queryClient.removeQueries({ queryKey: memberKeys.revealed(id) })
  void queryClient.invalidateQueries({ queryKey: memberKeys.detail(id) })
  void queryClient.invalidateQueries({ queryKey: memberKeys.timeline(id) })
  void queryClient.invalidateQueries({ queryKey: memberKeys.cards(id) })
  void queryClient.invalidateQueries({ queryKey: memberKeys.lists() })
}
