import { Sectors, TargetMetricDefinitions, TargetMetrics, isShareMetric, type Sector, type Target, type TargetMetric, type TargetMetricKind } from '@liendoan/contracts'
import { formatDate } from '../../lib/format'
import { hundredthsToPercent, percentToHundredths } from '../../lib/target-figures'
import type { TargetFilters } from './api/target-keys'

export type PeriodKind = 'year' | 'range'

/** The create form's values as the inputs hold them; the names are the contract's, so the API's field errors land on the right input. */
export interface TargetFormValues {
  metric: TargetMetric | null
  unitId: string | null
  periodKind: PeriodKind
  year: number | string
  periodFrom: string | null
  periodTo: string | null
  /** As typed: a count, whole đồng, or a share in percent (80 or 64,94). */
  targetValue: number | string
  /** Share metrics only; null: every sector. */
  sector: Sector | null
  note: string
}

/** Inputs of the create form, for mapping the API's field errors. */
export const TARGET_FORM_FIELDS = ['metric', 'unitId', 'year', 'periodFrom', 'periodTo', 'targetValue', 'sector', 'note'] as const
/** Inputs of the edit form: the figure and the note (metric, unit, period and sector identify a target). */
export const TARGET_EDIT_FIELDS = ['targetValue', 'note'] as const

export const metricKind = (metric: TargetMetric): TargetMetricKind => TargetMetricDefinitions[metric].kind

export function emptyTargetForm(year: number): TargetFormValues {
  return { metric: null, unitId: null, periodKind: 'year', year, periodFrom: null, periodTo: null, targetValue: '', sector: null, note: '' }
}

/**
 * The figure the API takes from what was typed: share metrics in hundredths of a percent
 * (80 → 8000), counts and đồng as whole numbers. Undefined when empty or unreadable (the contract
 * schema then says "required").
 */
export function targetInputToValue(input: number | string, kind: TargetMetricKind): number | undefined {
  const value = typeof input === 'number' ? input : input.trim() === '' ? NaN : Number(input.replace(/\./g, '').replace(',', '.'))
  if (!Number.isFinite(value)) return undefined
  if (kind === 'share') return percentToHundredths(value)
  return Number.isSafeInteger(value) ? value : undefined
}

/** The figure in the form's terms: shares back in percent. */
export function targetValueToInput(targetValue: number, kind: TargetMetricKind): number {
  return kind === 'share' ? hundredthsToPercent(targetValue) : targetValue
}

/** A share target above 100%, which the API refuses. */
export function shareAbove100(values: Pick<TargetFormValues, 'targetValue'>, kind: TargetMetricKind | null): boolean {
  if (kind !== 'share') return false
  const value = targetInputToValue(values.targetValue, kind)
  return value !== undefined && value > 10_000
}

const definedOnly = (entries: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== undefined && value !== null && value !== ''))

/** The create body (unchecked: the contract schema validates it before sending). */
export function toCreateBody(values: TargetFormValues): Record<string, unknown> {
  const kind = values.metric ? metricKind(values.metric) : 'count'
  const note = values.note.trim()
  const year = typeof values.year === 'number' ? values.year : values.year.trim() === '' ? undefined : Number(values.year)
  return definedOnly({
    metric: values.metric ?? undefined,
    unitId: values.unitId ?? undefined,
    ...(values.periodKind === 'year' ? { year } : { periodFrom: values.periodFrom, periodTo: values.periodTo }),
    targetValue: targetInputToValue(values.targetValue, kind),
    sector: values.metric && isShareMetric(values.metric) ? values.sector : undefined,
    note: note || undefined,
  })
}

export interface TargetEditValues {
  targetValue: number | string
  note: string
}

export const targetToEditForm = (target: Target): TargetEditValues => ({
  targetValue: targetValueToInput(target.targetValue, target.kind),
  note: target.note ?? '',
})

/** Only what changed (an empty note clears it); the schema refuses an empty PATCH, so callers check for none first. */
export function toUpdateBody(target: Target, values: TargetEditValues): Record<string, unknown> {
  const changes: Record<string, unknown> = {}
  const targetValue = targetInputToValue(values.targetValue, target.kind)
  if (targetValue !== target.targetValue) changes.targetValue = targetValue
  const note = values.note.trim()
  if (note !== (target.note ?? '')) changes.note = note || null
  return changes
}

/** A calendar year reads "2026"; any other period (a congress term) as its two days. */
export function periodText(target: Pick<Target, 'periodFrom' | 'periodTo'>): string {
  const year = target.periodFrom.slice(0, 4)
  if (target.periodFrom === `${year}-01-01` && target.periodTo === `${year}-12-31`) return year
  return `${formatDate(target.periodFrom)} – ${formatDate(target.periodTo)}`
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** URL keys of the list's filters ("clear filters" removes these). */
export const TARGET_FILTER_KEYS = ['year', 'metric', 'unitId'] as const

/** The list's filters from the URL; values the API would refuse (a mistyped link) are dropped. */
export function targetFiltersFromParams(params: URLSearchParams): TargetFilters {
  const filters: TargetFilters = {}
  const year = Number(params.get('year'))
  if (Number.isInteger(year) && year >= 2000 && year <= 2100) filters.year = year
  const metric = TargetMetrics.find((candidate) => candidate === params.get('metric'))
  if (metric) filters.metric = metric
  const unitId = params.get('unitId')
  if (unitId && UUID.test(unitId)) filters.unitId = unitId
  return filters
}

/** Sector choices of a share target: every sector (null) or one. */
export const SECTOR_CHOICES: readonly (Sector | null)[] = [null, ...Sectors]
