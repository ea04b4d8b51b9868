import type { UnitType } from '@liendoan/contracts'
import { GRASSROOTS_FIELDS, numberOrNull, textOrNull, type UnionFormValues } from './union-form'

/** The editable fields as the API stores them (null for "no value"). */
function normalise(values: UnionFormValues) {
  return {
    code: values.code.trim(),
    name: values.name.trim(),
    address: textOrNull(values.address),
    phone: textOrNull(values.phone),
    employerName: textOrNull(values.employerName),
    employerTaxCode: textOrNull(values.employerTaxCode),
    sector: values.sector,
    sectorKind: values.sectorKind,
    workersEmployed: numberOrNull(values.workersEmployed),
    foundingDecisionNumber: textOrNull(values.foundingDecisionNumber),
    foundingDecisionDate: values.foundingDecisionDate || null,
    foundingIssuerId: values.foundingIssuerId,
  }
}

/**
 * Body for `POST /unions`, not yet validated (the caller checks it against
 * CreateUnionBody). Missing required ids are left out so the schema reports
 * "required" rather than "invalid identifier".
 */
export function toCreateBody(values: UnionFormValues, unitType: UnitType | undefined): Record<string, unknown> {
  const normalised = normalise(values)
  const body: Record<string, unknown> = { code: normalised.code, name: normalised.name }
  if (values.unitTypeId) body.unitTypeId = values.unitTypeId
  if (values.parentId) body.parentId = values.parentId
  if (values.establishedOn) body.establishedOn = values.establishedOn
  if (normalised.address) body.address = normalised.address
  if (normalised.phone) body.phone = normalised.phone
  if (unitType?.isGrassroots) {
    for (const field of GRASSROOTS_FIELDS) if (normalised[field] !== null) body[field] = normalised[field]
  }
  return body
}

/** Body for `PATCH /unions/:id`: only the fields the person changed. */
export function toUpdateBody(initial: UnionFormValues, values: UnionFormValues, isGrassroots: boolean): Record<string, unknown> {
  const before = normalise(initial)
  const after = normalise(values)
  const body: Record<string, unknown> = {}
  for (const key of Object.keys(after) as (keyof typeof after)[]) {
    if (!isGrassroots && (GRASSROOTS_FIELDS as readonly string[]).includes(key)) continue
    if (after[key] !== before[key]) body[key] = after[key]
  }
  return body
}
