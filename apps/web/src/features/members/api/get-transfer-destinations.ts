import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query'
import { memberRoutes, unionRoutes } from '@liendoan/contracts'
import { isNotFound } from '../../../api/api-error'
import { api } from '../../../api/client'
import { memberKeys } from './member-keys'

/** Grassroots unions anywhere in the system a member can be sent to (needs two typed characters). */
export const transferDestinationsQueryOptions = (q: string) =>
  queryOptions({
    queryKey: memberKeys.destinations(q),
    queryFn: async ({ signal }) => (await api.call(memberRoutes.transferDestinations, { query: { q }, signal })).items,
    placeholderData: keepPreviousData,
  })

export const useTransferDestinations = (q: string) =>
  useQuery({ ...transferDestinationsQueryOptions(q), enabled: q.length >= 2 })

/**
 * Whether the destination lies in the person's scope, which makes the transfer a
 * direct move rather than a request: the API shows a union only inside the scope
 * and answers 404 outside it.
 */
export const destinationInScopeQueryOptions = (unionId: string) =>
  queryOptions({
    queryKey: memberKeys.destinationInScope(unionId),
    queryFn: async ({ signal }) => {
      try {
        await api.call(unionRoutes.get, { params: { id: unionId }, signal })
        return true
      } catch (error) {
        if (isNotFound(error)) return false
        throw error
      }
    },
    staleTime: 5 * 60_000,
  })

export const useDestinationInScope = (unionId: string | null) =>
  useQuery({ ...destinationInScopeQueryOptions(unionId ?? ''), enabled: !!unionId })
