import { AgreementSorts, AgreementStatuses, Sectors, type AgreementSort, type AgreementStatus, type Sector } from '@liendoan/contracts'
import { parseVnDate } from '../../lib/dates'
import type { AgreementFilters } from './api/agreement-keys'

/** Shared by the pages that keep filters in the URL. */
export { withParam } from '../../lib/search-params'

/** URL keys of the list's filters ("clear filters" removes these, and keeps the view). */
export const AGREEMENT_FILTER_KEYS = ['q', 'under', 'status', 'grade', 'sector', 'signedFrom', 'signedTo', 'sort'] as const
/** The "expiring soon" choices, in days. */
export const EXPIRY_WINDOWS = [30, 60, 90] as const
export type ExpiryWindow = (typeof EXPIRY_WINDOWS)[number]
/** `grade=none` in the URL: agreements not graded yet. */
export const UNGRADED = 'none'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const GRADE = /^[A-Z][A-Z0-9+]{0,7}$/
const isoDate = (value: string | null): string | undefined => (value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? (parseVnDate(value) ?? undefined) : undefined)

export type AgreementView = 'all' | 'expiring'

export function viewFromParams(params: URLSearchParams): AgreementView {
  return params.get('view') === 'expiring' ? 'expiring' : 'all'
}

export function expiryWindowFromParams(params: URLSearchParams): ExpiryWindow {
  const days = Number(params.get('days'))
  return EXPIRY_WINDOWS.find((window) => window === days) ?? 30
}

/**
 * The list's filters from the URL; values the API would refuse (a mistyped link) are dropped.
 * The "expiring soon" view asks for agreements in force expiring within 30, 60 or 90 days,
 * soonest first: status, signing dates and sort do not apply there.
 */
export function agreementFiltersFromParams(params: URLSearchParams): AgreementFilters {
  const filters: AgreementFilters = {}
  const q = params.get('q')?.trim()
  if (q) filters.q = q.slice(0, 120)
  for (const key of ['under', 'unionId'] as const) {
    const id = params.get(key)
    if (id && UUID.test(id)) filters[key] = id
  }
  const grade = params.get('grade')
  if (grade === UNGRADED) filters.ungraded = true
  else if (grade && GRADE.test(grade)) filters.grade = grade
  const sector = params.get('sector')
  if (sector && (Sectors as readonly string[]).includes(sector)) filters.sector = sector as Sector

  if (viewFromParams(params) === 'expiring') {
    filters.expiringWithinDays = expiryWindowFromParams(params)
    filters.sort = 'expiring'
    return filters
  }
  const statuses = [...new Set(params.getAll('status'))].filter((status): status is AgreementStatus =>
    (AgreementStatuses as readonly string[]).includes(status),
  )
  if (statuses.length > 0) filters.status = statuses
  const from = isoDate(params.get('signedFrom'))
  const to = isoDate(params.get('signedTo'))
  if (from) filters.signedFrom = from
  if (to && (!from || to >= from)) filters.signedTo = to
  const sort = params.get('sort')
  if (sort && (AgreementSorts as readonly string[]).includes(sort)) filters.sort = sort as AgreementSort
  return filters
}
