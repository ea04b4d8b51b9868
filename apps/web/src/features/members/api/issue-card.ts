import { useMutation, useQueryClient } from '@tanstack/react-query'
import { memberRoutes, type IssueCardBody } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { refreshMember } from './member-changed'

/** `POST /members/:id/cards`: issue (cấp thẻ), renewal (đổi thẻ) or reissue after a loss (cấp lại). */
export function useIssueCard(id: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: IssueCardBody) => api.call(memberRoutes.issueCard, { params: { id }, body }),
    onSuccess: () => refreshMember(queryClient, id),
  })
}
