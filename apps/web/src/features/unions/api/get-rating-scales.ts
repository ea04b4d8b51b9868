import { queryOptions, useQuery } from '@tanstack/react-query'
import { ratingScaleRoutes, type RatingScale } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { unionKeys } from './union-keys'

export const ratingScalesQueryOptions = () =>
  queryOptions({
    queryKey: unionKeys.ratingScales(),
    queryFn: async ({ signal }) => (await api.call(ratingScaleRoutes.list, { signal })).items,
    staleTime: Infinity,
  })

export const useRatingScales = () => useQuery(ratingScalesQueryOptions())

/** The scale in force for a year: scales are configured per range of years, not hard-coded. */
export function scaleForYear(scales: readonly RatingScale[] | undefined, year: number | null | undefined): RatingScale | undefined {
  if (!scales || !year) return undefined
  return scales.find((scale) => scale.fromYear <= year && (scale.toYear === null || year <= scale.toYear))
}
