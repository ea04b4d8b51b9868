import type { SupportCandidateQuery, SupportPaymentListQuery, SupportProgramListQuery } from '@liendoan/contracts'

/** Filters as the UI keeps them (no pagination). */
export type ProgramFilters = Omit<SupportProgramListQuery, 'limit' | 'cursor'>
export type CandidateFilters = Omit<SupportCandidateQuery, 'limit' | 'cursor'>
export type PaymentFilters = Omit<SupportPaymentListQuery, 'limit' | 'cursor'>
export type ReportInterval = 'month' | 'quarter'

/**
 * Query keys for support programmes and payments; mutations invalidate through these. Everything
 * that moves money (a proposal, an approval, a disbursement) changes a programme's figures, its
 * candidates, its ledger and report, and the payment lists, so they share the `support` root.
 */
export const supportKeys = {
  all: ['support'] as const,
  programLists: () => [...supportKeys.all, 'programs', 'list'] as const,
  programList: (filters: ProgramFilters) => [...supportKeys.programLists(), filters] as const,
  programDetails: () => [...supportKeys.all, 'programs', 'detail'] as const,
  program: (id: string) => [...supportKeys.programDetails(), id] as const,
  /** Whether the person's scope holds the programme's union (they run it, so they may approve). */
  runs: (unionId: string) => ['unions', 'support-runs', unionId] as const,
  candidates: (programId: string, filters: CandidateFilters) => [...supportKeys.all, 'candidates', programId, filters] as const,
  paymentLists: () => [...supportKeys.all, 'payments', 'list'] as const,
  paymentList: (filters: PaymentFilters) => [...supportKeys.paymentLists(), filters] as const,
  ledger: (programId: string) => [...supportKeys.all, 'ledger', programId] as const,
  report: (programId: string, interval: ReportInterval) => [...supportKeys.all, 'report', programId, interval] as const,
  // Reference data read from the agreements API (the agreements feature is not imported).
  grades: () => ['agreement-grades', 'support'] as const,
}
