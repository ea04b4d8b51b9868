import { useMutation } from '@tanstack/react-query'
import { supportRoutes } from '@liendoan/contracts'
import { api } from '../../../api/client'

/** The programme's payments as XLSX for the accountants, fetched with the session's token. */
export function useExportPayments(programId: string) {
  return useMutation({
    mutationFn: () => api.download(supportRoutes.exportPayments, { params: { id: programId } }),
  })
}
