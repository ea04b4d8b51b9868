import { PaymentStatuses, SupportProgramStatuses, type PaymentStatus, type SupportProgramStatus } from '@liendoan/contracts'
import type { ProgramFilters, ReportInterval } from './api/support-keys'

/** Shared by the pages that keep filters in the URL. */
export { withParam } from '../../lib/search-params'

/** URL keys of the programme list's filters ("clear filters" removes these). */
export const PROGRAM_FILTER_KEYS = ['q', 'status'] as const

/** The programme list's filters from the URL; values the API would refuse (a mistyped link) are dropped. */
export function programFiltersFromParams(params: URLSearchParams): ProgramFilters {
  const filters: ProgramFilters = {}
  const q = params.get('q')?.trim()
  if (q) filters.q = q.slice(0, 120)
  const status = params.get('status')
  if (status && (SupportProgramStatuses as readonly string[]).includes(status)) filters.status = status as SupportProgramStatus
  return filters
}

/** The payment statuses picked in a payments tab (`?paymentStatus=approved&paymentStatus=…`). */
export function paymentStatusesFromParams(params: URLSearchParams): PaymentStatus[] {
  return [...new Set(params.getAll('paymentStatus'))].filter((status): status is PaymentStatus => (PaymentStatuses as readonly string[]).includes(status))
}

export const PROGRAM_TABS = ['candidates', 'payments', 'ledger', 'report'] as const
export type ProgramTab = (typeof PROGRAM_TABS)[number]

/** The tab from the URL; the candidates tab only where the rules have candidates and the person may propose. */
export function programTabFromParams(params: URLSearchParams, hasCandidates: boolean): ProgramTab {
  const tab = PROGRAM_TABS.find((value) => value === params.get('tab'))
  if (tab && (tab !== 'candidates' || hasCandidates)) return tab
  return hasCandidates ? 'candidates' : 'payments'
}

export function reportIntervalFromParams(params: URLSearchParams): ReportInterval {
  return params.get('interval') === 'quarter' ? 'quarter' : 'month'
}
