import { queryOptions, useQuery } from '@tanstack/react-query'
import { memberRoutes } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { memberKeys } from './member-keys'

export const memberCardsQueryOptions = (id: string) =>
  queryOptions({
    queryKey: memberKeys.cards(id),
    queryFn: async ({ signal }) => (await api.call(memberRoutes.cards, { params: { id }, signal })).items,
  })

export const useMemberCards = (id: string) => useQuery(memberCardsQueryOptions(id))
