import type { DashboardQuery, ResultChildrenQuery, ResultsQuery } from '@liendoan/contracts'

/**
 * Query keys of the dashboard. Results sit under the 'targets' root, so assigning, changing or
 * removing a target (the targets feature invalidates its root) refreshes them; the breadcrumbs'
 * union sits under 'unions' for the same reason.
 */
export const dashboardKeys = {
  all: ['dashboard'] as const,
  report: (query: DashboardQuery) => [...dashboardKeys.all, 'report', query] as const,
  results: (query: ResultsQuery) => ['targets', 'results', query] as const,
  children: (query: ResultChildrenQuery) => ['targets', 'results', 'children', query] as const,
  union: (id: string) => ['unions', 'dashboard', id] as const,
}

/**
 * The figures are computed from every module's records (members, unions, agreements, trainings,
 * payments), and no one change can name every report it moves: each visit reads them afresh,
 * showing the last figures meanwhile.
 */
export const REPORT_STALE_TIME = 0
