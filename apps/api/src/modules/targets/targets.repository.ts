import type { Target, TargetMetric } from '@liendoan/contracts'
import { TargetMetricDefinitions } from '@liendoan/contracts'
import { type SQL, and, eq, inArray, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { Database } from '../../db/client.js'
import { targets, unions } from '../../db/schema/index.js'

const unit = alias(unions, 'target_unit')
const assigner = alias(unions, 'target_assigner')

const columns = {
  id: targets.id,
  metric: targets.metric,
  unitId: targets.unitId,
  unitCode: unit.code,
  unitName: unit.name,
  unitPath: unit.path,
  assignedById: targets.assignedById,
  assignerCode: assigner.code,
  assignerName: assigner.name,
  assignerPath: assigner.path,
  periodFrom: targets.periodFrom,
  periodTo: targets.periodTo,
  sector: targets.sector,
  targetValue: targets.targetValue,
  params: targets.params,
  note: targets.note,
  version: targets.version,
  createdAt: targets.createdAt,
  updatedAt: targets.updatedAt,
}

/** Targets with their unit and assigning union (names and paths, for the scope checks). */
export function selectTargets(executor: Database) {
  return executor.select(columns).from(targets).innerJoin(unit, eq(unit.id, targets.unitId)).innerJoin(assigner, eq(assigner.id, targets.assignedById))
}

export type TargetRow = Awaited<ReturnType<ReturnType<typeof selectTargets>['where']>>[number]

export const unitPathColumn = unit.path

export function presentTarget(row: TargetRow): Target {
  const metric = row.metric as TargetMetric
  return {
    id: row.id,
    metric,
    kind: TargetMetricDefinitions[metric].kind,
    unit: { id: row.unitId, code: row.unitCode, name: row.unitName },
    assignedBy: { id: row.assignedById, code: row.assignerCode, name: row.assignerName },
    periodFrom: row.periodFrom,
    periodTo: row.periodTo,
    targetValue: row.targetValue,
    sector: row.sector,
    params: row.params,
    note: row.note,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }
}

/** The targets of some units for one exact period (all metrics and sectors, or one metric). */
export function targetsForPeriod(executor: Database, unitIds: readonly string[], from: string, to: string, metric?: TargetMetric): Promise<TargetRow[]> {
  if (unitIds.length === 0) return Promise.resolve([])
  const conditions: SQL[] = [inArray(targets.unitId, [...unitIds]), eq(targets.periodFrom, from), eq(targets.periodTo, to)]
  if (metric) conditions.push(eq(targets.metric, metric))
  return selectTargets(executor).where(and(...conditions)).orderBy(targets.metric, sql`${targets.sector} NULLS FIRST`)
}
