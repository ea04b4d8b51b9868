import { useQuery } from '@tanstack/react-query'
import { trainingRoutes, type TrainingParticipant } from '@liendoan/contracts'
import { api } from '../../../api/client'
import { trainingKeys } from './training-keys'

/**
 * Every participant of a class (withdrawn ones too), in name order as the API sorts them. The sheets
 * need the whole list at once; a class holds at most 10,000, read 500 at a time.
 */
export const useParticipants = (classId: string) =>
  useQuery({
    queryKey: trainingKeys.participants(classId),
    queryFn: async ({ signal }) => {
      const items: TrainingParticipant[] = []
      let cursor: string | undefined
      do {
        const page = await api.call(trainingRoutes.participants, { params: { id: classId }, query: { limit: 500, cursor }, signal })
        items.push(...page.items)
        cursor = page.nextCursor ?? undefined
      } while (cursor)
      return items
    },
  })
