import { useMutation } from '@tanstack/react-query'
import { memberImportRoutes, type SpreadsheetFormat } from '@liendoan/contracts'
import { api } from '../../../api/client'
import type { MemberFilters } from './member-keys'

/** `GET /members/export`: the filtered list as a spreadsheet, fetched with the session's token. */
export function useExportMembers() {
  return useMutation({
    mutationFn: ({ filters, format }: { filters: MemberFilters; format: SpreadsheetFormat }) =>
      api.download(memberImportRoutes.export, { query: { ...filters, format } }),
  })
}
