import { useMutation } from '@tanstack/react-query'
import { dashboardRoutes, type ResultsQuery } from '@liendoan/contracts'
import { api } from '../../../api/client'

/** `GET /reports/results.xlsx`: the results and each metric's drill-down as one workbook, fetched with the session's token. */
export function useExportResults() {
  return useMutation({
    mutationFn: (query: ResultsQuery) => api.download(dashboardRoutes.resultsWorkbook, { query }),
  })
}
