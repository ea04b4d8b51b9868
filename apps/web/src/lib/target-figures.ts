import { TargetMetricDefinitions, type TargetMetric, type TargetMetricKind } from '@liendoan/contracts'
import type { Language } from '../i18n/types'
import { formatMoney, formatNumber, formatPercent } from './format'

/*
 * Targets and results as the dashboard and the targets page write them. The API computes every
 * result and achievement; these helpers only convert units and format, they never derive a
 * percentage of their own.
 */

/** Share targets travel in hundredths of a percent (80% → 8000, 64.94% → 6494); people type percent. */
export function percentToHundredths(percent: number): number {
  return Math.round(percent * 100)
}

/** 8000 → 80, 6494 → 64.94. */
export function hundredthsToPercent(hundredths: number): number {
  return hundredths / 100
}

/** The bar's fill for an achievement in percent: within 0–100 (an exceeded target shows full). */
export function progressValue(achievement: number | null | undefined): number {
  if (achievement == null || Number.isNaN(achievement)) return 0
  return Math.min(100, Math.max(0, achievement))
}

/** A result as its metric reads: a count, VND, or a share already in percent. */
export function formatFigure(value: number | null | undefined, kind: TargetMetricKind): string {
  if (kind === 'share') return formatPercent(value)
  if (kind === 'amount_vnd') return formatMoney(value)
  return formatNumber(value)
}

/** A target's figure: shares come in hundredths of a percent. */
export function formatTargetValue(targetValue: number | null | undefined, kind: TargetMetricKind): string {
  if (kind === 'share') return formatPercent(targetValue == null ? targetValue : hundredthsToPercent(targetValue))
  return formatFigure(targetValue, kind)
}

/** "result / target", e.g. `5 / 7`, `64,94% / 80%`. */
export function resultOfTarget(value: number, targetValue: number, kind: TargetMetricKind): string {
  return `${formatFigure(value, kind)} / ${formatTargetValue(targetValue, kind)}`
}

/** The metric's name in the interface language (defined once in the contracts). */
export function metricLabel(metric: TargetMetric, language: Language): string {
  const definition = TargetMetricDefinitions[metric]
  return language === 'en' ? definition.labelEn : definition.label
}
