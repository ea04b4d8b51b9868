import type { Union } from '@liendoan/contracts'
import { type SQL, type SQLWrapper, and, eq, gt, isNull, lte, or, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { Database } from '../../db/client.js'
import { unionPlacements, unions, unitTypes } from '../../db/schema/index.js'
import { idsOfPath, pathWithinSubtree } from './union-scope.js'

/**
 * Queries over the union tree. Every read comes in two flavours: the tree as it is now
 * (`unions.path`), and the tree as it stood on a date (the placement valid then).
 */

const issuer = alias(unions, 'issuer')

/** The placement valid on `date`: from <= date < to. */
export function placementValidOn(date: string | SQLWrapper): SQL {
  return and(
    lte(unionPlacements.validFrom, sql`${date}::date`),
    or(isNull(unionPlacements.validTo), gt(unionPlacements.validTo, sql`${date}::date`)),
  )!
}

/** Path of a union on a date, as a scalar subquery. */
export function pathOnDate(unionId: string | SQLWrapper, date: string): SQL {
  return sql`(SELECT pd.path FROM union_placements pd WHERE pd.union_id = ${unionId} AND pd.valid_from <= ${date}::date AND (pd.valid_to IS NULL OR pd.valid_to > ${date}::date))`
}

export function pathWithinSubtreeOnDate(pathColumn: SQLWrapper, rootUnionId: string | SQLWrapper, date: string): SQL {
  const rootPath = pathOnDate(rootUnionId, date)
  return sql`(${pathColumn} >= ${rootPath} AND ${pathColumn} < (${rootPath} || '~'))`
}

/** Ancestors (id and current name) along a path, root first. */
const ancestorsAlong = (pathColumn: SQLWrapper) => sql<{ id: string; name: string }[]>`(
  SELECT coalesce(json_agg(json_build_object('id', a.id, 'name', a.name) ORDER BY p.ord), '[]'::json)
  FROM unnest(string_to_array(trim(both '/' from ${pathColumn}), '/')::uuid[]) WITH ORDINALITY AS p(id, ord)
  JOIN unions a ON a.id = p.id
  WHERE p.id <> ${unions.id})`

const commonColumns = {
  id: unions.id,
  code: unions.code,
  name: unions.name,
  nameKey: unions.nameKey,
  unitType: {
    id: unitTypes.id,
    code: unitTypes.code,
    name: unitTypes.name,
    nameEn: unitTypes.nameEn,
    level: unitTypes.level,
    isGrassroots: unitTypes.isGrassroots,
    sortOrder: unitTypes.sortOrder,
  },
  employerName: unions.employerName,
  employerTaxCode: unions.employerTaxCode,
  sector: unions.sector,
  sectorKind: unions.sectorKind,
  workersEmployed: unions.workersEmployed,
  address: unions.address,
  phone: unions.phone,
  foundingDecisionNumber: unions.foundingDecisionNumber,
  foundingDecisionDate: unions.foundingDecisionDate,
  foundingIssuerId: unions.foundingIssuerId,
  foundingIssuerName: issuer.name,
  establishedOn: unions.establishedOn,
  statusEffectiveDate: unions.statusEffectiveDate,
  statusReason: unions.statusReason,
  mergedIntoId: unions.mergedIntoId,
  version: unions.version,
  createdAt: unions.createdAt,
  updatedAt: unions.updatedAt,
}

const currentColumns = {
  ...commonColumns,
  parentId: unions.parentId,
  path: unions.path,
  status: unions.status,
  ancestors: unions.ancestors,
  childCount: unions.childCount,
  latestRating: unions.latestRating,
}

function onDateColumns(date: string) {
  return {
    ...commonColumns,
    parentId: unionPlacements.parentId,
    path: unionPlacements.path,
    status: sql<Union['status']>`CASE WHEN ${unions.statusEffectiveDate} <= ${date}::date THEN ${unions.status} ELSE 'active' END`,
    // On a past date the tree is read from placements: ancestors along the path held then.
    ancestors: ancestorsAlong(unionPlacements.path),
    childCount: sql<number>`(SELECT count(*)::int FROM union_placements c WHERE c.parent_id = ${unions.id} AND c.valid_from <= ${date}::date AND (c.valid_to IS NULL OR c.valid_to > ${date}::date))`,
    latestRating: unions.latestRating,
  }
}

/** The current tree: one row per union, its summaries included. */
export function selectCurrent(executor: Database) {
  return executor
    .select(currentColumns)
    .from(unions)
    .innerJoin(unitTypes, eq(unitTypes.id, unions.unitTypeId))
    .leftJoin(issuer, eq(issuer.id, unions.foundingIssuerId))
}

/** The tree as it stood on `date`; the caller adds `placementValidOn(date)`. */
export function selectOnDate(executor: Database, date: string) {
  return executor
    .select(onDateColumns(date))
    .from(unionPlacements)
    .innerJoin(unions, eq(unions.id, unionPlacements.unionId))
    .innerJoin(unitTypes, eq(unitTypes.id, unions.unitTypeId))
    .leftJoin(issuer, eq(issuer.id, unions.foundingIssuerId))
}

export type UnionRow = Awaited<ReturnType<typeof selectCurrent>>[number]
/** A list of UUIDs as one PostgreSQL array literal: one parameter, one plan, whatever the page size. */
export function uuidArray(ids: readonly string[]): string {
  return `{${ids.join(',')}}`
}

const anyId = (column: SQLWrapper, ids: SQLWrapper | string) => sql`${column} = ANY(${ids}::uuid[])`

/** Statements every list page runs, prepared once per database handle. */
export function pageStatements(db: Database) {
  return {
    currentRows: selectCurrent(db).where(anyId(unions.id, sql.placeholder('ids'))).prepare('union_page_rows'),
  }
}

/** Row → contract. The one place a union's JSON shape is made. */
export function presentUnion(row: UnionRow): Union {
  const ids = idsOfPath(row.path)
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    unitType: row.unitType,
    parentId: row.parentId,
    ancestorIds: ids.slice(0, -1),
    ancestors: row.ancestors,
    parentName: row.ancestors.at(-1)?.name ?? null,
    depth: ids.length - 1,
    employerName: row.employerName,
    employerTaxCode: row.employerTaxCode,
    sector: row.sector,
    sectorKind: row.sectorKind as Union['sectorKind'],
    workersEmployed: row.workersEmployed,
    address: row.address,
    phone: row.phone,
    foundingDecisionNumber: row.foundingDecisionNumber,
    foundingDecisionDate: row.foundingDecisionDate,
    foundingIssuerId: row.foundingIssuerId,
    foundingIssuerName: row.foundingIssuerName,
    establishedOn: row.establishedOn,
    status: row.status,
    statusEffectiveDate: row.statusEffectiveDate,
    statusReason: row.statusReason,
    mergedIntoId: row.mergedIntoId,
    childCount: row.childCount,
    latestRating: row.latestRating,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }
}

/** Scope predicate for the current tree or for a date. */
export function visibleTo(actorUnionId: string, asOf: string | undefined): SQL {
  return asOf
    ? and(placementValidOn(asOf), pathWithinSubtreeOnDate(unionPlacements.path, actorUnionId, asOf))!
    : pathWithinSubtree(unions.path, actorUnionId)
}
