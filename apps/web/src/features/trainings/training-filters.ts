import { TrainingStatuses, type TrainingStatus } from '@liendoan/contracts'
import { parseVnDate } from '../../lib/dates'
import type { TrainingFilters } from './api/training-keys'

/** Shared by the pages that keep filters in the URL. */
export { withParam } from '../../lib/search-params'

export const TRAINING_FILTER_KEYS = ['q', 'under', 'status', 'topicId', 'from', 'to'] as const satisfies readonly (keyof TrainingFilters)[]
export type TrainingFilterKey = (typeof TRAINING_FILTER_KEYS)[number]

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const isoDate = (value: string | null): string | undefined => (value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? (parseVnDate(value) ?? undefined) : undefined)

/** The class list's filters from the URL; values the API would refuse (a mistyped link) are dropped. */
export function trainingFiltersFromParams(params: URLSearchParams): TrainingFilters {
  const filters: TrainingFilters = {}
  const q = params.get('q')?.trim()
  if (q) filters.q = q.slice(0, 120)
  for (const key of ['under', 'topicId'] as const) {
    const id = params.get(key)
    if (id && UUID.test(id)) filters[key] = id
  }
  const status = params.get('status')
  if (status && (TrainingStatuses as readonly string[]).includes(status)) filters.status = status as TrainingStatus
  const from = isoDate(params.get('from'))
  const to = isoDate(params.get('to'))
  if (from) filters.from = from
  if (to && (!from || to >= from)) filters.to = to
  return filters
}
