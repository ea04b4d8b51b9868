import { useMutation, useQueryClient } from '@tanstack/react-query'
import { agreementRoutes, type GradeAgreementBody } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { refreshAgreement } from './agreement-changed'

/** `PUT /agreements/:id/grade`: the federation's assessment; a later one replaces it. */
export function useGradeAgreement(id: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: GradeAgreementBody) => api.call(agreementRoutes.grade, { params: { id }, body }),
    onSuccess: () => refreshAgreement(queryClient, id),
  })
}
