import { useMutation } from '@tanstack/react-query'
import { memberImportRoutes, type SpreadsheetFormat } from '@liendoan/contracts'
import { api } from '../../../api/client'

/** `GET /members/imports/template`: the empty sheet with the expected columns. */
export function useDownloadTemplate() {
  return useMutation({
    mutationFn: (format: SpreadsheetFormat) => api.download(memberImportRoutes.template, { query: { format } }),
  })
}
