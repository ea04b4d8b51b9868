import type { CoverageMissingQuery, CoverageQuery, TrainingActivityQuery, TrainingCandidateQuery, TrainingListQuery } from '@liendoan/contracts'

/** Filters of the class list as the UI keeps them (no pagination). */
export type TrainingFilters = Omit<TrainingListQuery, 'limit' | 'cursor'>
export type CandidateFilters = Omit<TrainingCandidateQuery, 'limit' | 'cursor'>
export type CoverageFilters = CoverageQuery
export type MissingFilters = Omit<CoverageMissingQuery, 'limit' | 'cursor'>

/** Query keys for everything training-related; mutations invalidate through these. */
export const trainingKeys = {
  all: ['trainings'] as const,
  topics: () => ['training-topics'] as const,
  lists: () => [...trainingKeys.all, 'list'] as const,
  list: (filters: TrainingFilters) => [...trainingKeys.lists(), filters] as const,
  calendar: (from: string, to: string) => [...trainingKeys.lists(), 'calendar', from, to] as const,
  details: () => [...trainingKeys.all, 'detail'] as const,
  detail: (id: string) => [...trainingKeys.details(), id] as const,
  /** Everything hanging off one class (participants, candidates, certificates). */
  of: (id: string) => [...trainingKeys.all, 'of', id] as const,
  participants: (id: string) => [...trainingKeys.of(id), 'participants'] as const,
  candidates: (id: string, filters: CandidateFilters) => [...trainingKeys.of(id), 'candidates', filters] as const,
  certificates: (id: string) => [...trainingKeys.of(id), 'certificates'] as const,
  reports: () => [...trainingKeys.all, 'reports'] as const,
  coverage: (filters: CoverageFilters | null) => [...trainingKeys.reports(), 'coverage', filters] as const,
  missing: (filters: MissingFilters | null) => [...trainingKeys.reports(), 'missing', filters] as const,
  activity: (query: TrainingActivityQuery | null) => [...trainingKeys.reports(), 'activity', query] as const,
  // Under 'members' so that a member change refreshes it too.
  memberHistory: (memberId: string) => ['members', 'trainings', memberId] as const,
}
