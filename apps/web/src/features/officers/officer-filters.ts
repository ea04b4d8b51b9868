import { Sectors, type Sector } from '@liendoan/contracts'
import type { OfficerFilters } from './api/officer-keys'

export const OFFICER_FILTER_KEYS = ['q', 'under', 'position', 'sector', 'grassroots', 'current'] as const
export type OfficerFilterKey = (typeof OFFICER_FILTER_KEYS)[number]

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** What the "term" filter shows: officers in office today (the default), past terms, or both. */
export type TermView = 'current' | 'past' | 'all'

export function termViewFromParams(params: URLSearchParams): TermView {
  const value = params.get('current')
  return value === 'false' ? 'past' : value === 'all' ? 'all' : 'current'
}

/**
 * Reads the officers list's filters from the URL. Without `current` the list shows
 * who holds a position today; `current=false` the past terms, `current=all` both.
 */
export function officerFiltersFromParams(params: URLSearchParams): OfficerFilters {
  const filters: OfficerFilters = {}
  const q = params.get('q')?.trim()
  if (q) filters.q = q.slice(0, 120)
  const under = params.get('under')
  if (under && UUID.test(under)) filters.under = under
  const position = params.get('position')?.trim()
  if (position) filters.position = position.slice(0, 40)
  const sector = params.get('sector')
  if (sector && (Sectors as readonly string[]).includes(sector)) filters.sector = sector as Sector
  if (params.get('grassroots') === 'true') filters.grassroots = true
  const view = termViewFromParams(params)
  if (view !== 'all') filters.current = view === 'current'
  return filters
}

/** Sets one filter in the URL query; the term view's default (current) is written as no parameter. */
export function withOfficerFilter(current: URLSearchParams, key: OfficerFilterKey, value: string | null): URLSearchParams {
  const next = new URLSearchParams(current)
  if (value === null || value === '' || (key === 'current' && value === 'true')) next.delete(key)
  else next.set(key, value)
  return next
}
