import { useQuery } from '@tanstack/react-query'
import { agreementRoutes } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { agreementKeys } from './agreement-keys'

/** `GET /agreements/:id/timeline`: every step of the agreement's life. */
export const useAgreementTimeline = (id: string) =>
  useQuery({
    queryKey: agreementKeys.timeline(id),
    queryFn: async ({ signal }) => (await api.call(agreementRoutes.timeline, { params: { id }, signal })).items,
  })
