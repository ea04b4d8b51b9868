import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { trainingRoutes, type TrainingClass } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { trainingKeys, type TrainingFilters } from './training-keys'

/**
 * Every class with a session in a month, for the calendar. A month holds far fewer
 * classes than a page of 500 for any one federation; the pages are still followed.
 */
export const useTrainingCalendar = (from: string, to: string, filters: TrainingFilters) =>
  useQuery({
    queryKey: [...trainingKeys.calendar(from, to), filters],
    queryFn: async ({ signal }) => {
      const items: TrainingClass[] = []
      let cursor: string | undefined
      do {
        const page = await api.call(trainingRoutes.list, { query: { ...filters, from, to, limit: 500, cursor }, signal })
        items.push(...page.items)
        cursor = page.nextCursor ?? undefined
      } while (cursor)
      return items
    },
    placeholderData: keepPreviousData,
  })
