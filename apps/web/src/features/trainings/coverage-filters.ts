import { Sectors, type Sector } from '@liendoan/contracts'
import type { CoverageFilters } from './api/training-keys'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const year = (value: string | null, fallback: number): number => {
  const number = Number(value)
  return value && Number.isInteger(number) && number >= 1990 && number <= 2100 ? number : fallback
}

/**
 * The coverage report's question from the URL, with the federation's usual defaults:
 * current chairpersons of non-state grassroots unions over the last five years. Null
 * until a topic is picked (the API needs one).
 */
export function coverageFiltersFromParams(params: URLSearchParams, currentYear: number): { filters: CoverageFilters | null; topicId: string | null } & Omit<CoverageFilters, 'topicId'> {
  const topicId = params.get('topicId')
  const under = params.get('under')
  const position = params.get('position') ?? 'chairperson'
  const sectorParam = params.get('sector') ?? 'non_state'
  const sector = (Sectors as readonly string[]).includes(sectorParam) ? (sectorParam as Sector) : undefined
  const grassroots = params.get('grassroots') !== 'false'
  const toYear = year(params.get('toYear'), currentYear)
  const fromYear = Math.min(year(params.get('fromYear'), toYear - 4), toYear)
  const rest = {
    ...(under && UUID.test(under) ? { under } : {}),
    ...(position ? { position: [position] } : {}),
    ...(sector ? { sector } : {}),
    grassroots,
    fromYear,
    toYear,
  }
  const validTopic = topicId && UUID.test(topicId) ? topicId : null
  return { ...rest, topicId: validTopic, filters: validTopic ? { ...rest, topicId: validTopic } : null }
}
