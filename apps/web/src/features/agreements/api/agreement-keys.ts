import type {
  AgreementCoverageQuery,
  AgreementCoverageUnionsQuery,
  AgreementGradeDistributionQuery,
  AgreementListQuery,
  AgreementSignedQuery,
} from '@liendoan/contracts'

/** Filters of the agreement list as the UI keeps them (no pagination). */
export type AgreementFilters = Omit<AgreementListQuery, 'limit' | 'cursor'>
export type CoverageUnionsFilters = Omit<AgreementCoverageUnionsQuery, 'limit' | 'cursor'>

/** Query keys for everything agreement-related; mutations invalidate through these. */
export const agreementKeys = {
  all: ['agreements'] as const,
  grades: () => ['agreement-grades'] as const,
  lists: () => [...agreementKeys.all, 'list'] as const,
  list: (filters: AgreementFilters) => [...agreementKeys.lists(), filters] as const,
  details: () => [...agreementKeys.all, 'detail'] as const,
  detail: (id: string) => [...agreementKeys.details(), id] as const,
  /** Everything hanging off one agreement (timeline, documents). */
  of: (id: string) => [...agreementKeys.all, 'of', id] as const,
  timeline: (id: string) => [...agreementKeys.of(id), 'timeline'] as const,
  documents: (id: string) => [...agreementKeys.of(id), 'documents'] as const,
  reports: () => [...agreementKeys.all, 'reports'] as const,
  coverage: (query: AgreementCoverageQuery) => [...agreementKeys.reports(), 'coverage', query] as const,
  coverageUnions: (filters: CoverageUnionsFilters) => [...agreementKeys.reports(), 'coverage-unions', filters] as const,
  signed: (query: AgreementSignedQuery | null) => [...agreementKeys.reports(), 'signed', query] as const,
  gradeDistribution: (query: AgreementGradeDistributionQuery) => [...agreementKeys.reports(), 'grades', query] as const,
  // Under 'unions' so that a union change (its employer) refreshes the form's defaults too.
  unionDefaults: (unionId: string) => ['unions', 'agreement-defaults', unionId] as const,
}
