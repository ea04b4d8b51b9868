import { useMutation, useQueryClient } from '@tanstack/react-query'
import { memberRoutes, type ReportCardLostBody } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { refreshMember } from './member-changed'

/** `POST /members/:id/cards/report-lost`: the current card is lost (báo mất). */
export function useReportCardLost(id: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: ReportCardLostBody) => api.call(memberRoutes.reportCardLost, { params: { id }, body }),
    onSuccess: () => refreshMember(queryClient, id),
  })
}
