import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query'
import { supportRoutes } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { supportKeys } from './support-keys'

const ledgerQueryOptions = (programId: string) =>
  infiniteQueryOptions({
    queryKey: supportKeys.ledger(programId),
    queryFn: ({ pageParam, signal }) =>
      api.call(supportRoutes.ledger, { params: { id: programId }, query: { limit: 100, cursor: pageParam ?? undefined }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  })

/** `GET /support-programs/:id/ledger`: every state change of every payment, append-only. */
export const useLedger = (programId: string) => useInfiniteQuery(ledgerQueryOptions(programId))
