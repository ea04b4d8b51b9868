import { type ErrorCode, type FieldError, type Problem, validationMessage } from '@liendoan/contracts'
import { sql } from 'drizzle-orm'
import type { InjectOptions, LightMyRequestResponse } from 'fastify'
import { v7 as uuidv7 } from 'uuid'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { todayInVietnam } from '../src/lib/dates.js'
import {
  type Client,
  type TestContext,
  createTestApp,
  createTree,
  loginAs,
  readUnion,
  subtreeSnapshot,
} from './helpers/app.js'

/**
 * Bad input on every union route: each answer is a 4xx problem+json with a stable code,
 * field errors in Vietnamese for schema failures, no stack trace or SQL, and nothing written.
 * The caller is an admin at the root of the tree, so authorization is never what refuses.
 */

type Tree = Awaited<ReturnType<typeof createTree>>
type Body = Record<string, unknown>

interface Fixture {
  tree: Tree
  types: TestContext['types']
  tomorrow: string
  nextYear: number
}

let ctx: TestContext
let admin: Client
let f: Fixture

beforeAll(async () => {
  ctx = await createTestApp()
  const tree = await createTree(ctx)
  admin = await loginAs(ctx, 'admin', tree.root)
  const tomorrow = new Date(`${todayInVietnam()}T00:00:00Z`)
  tomorrow.setUTCDate(tomorrow.getUTCDate() + 1)
  f = {
    tree,
    types: ctx.types,
    tomorrow: tomorrow.toISOString().slice(0, 10),
    nextYear: Number(todayInVietnam().slice(0, 4)) + 1,
  }
})
afterAll(async () => {
  await ctx.close()
})

/* ---------- assertions ---------- */

const VIETNAMESE_LETTER = /[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i

/** A response body must never reveal internals: stack frames, source files or SQL. */
function expectNoInternals(body: string) {
  expect(body).not.toMatch(/\bat .*:\d+:\d+/)
  expect(body).not.toMatch(/\.(?:ts|js|mjs|cjs):\d+/)
  expect(body).not.toContain('node_modules')
  expect(body).not.toMatch(/\bSELECT\b/)
  expect(body).not.toMatch(/insert into/i)
  expect(body).not.toMatch(/\bupdate "?\w+"? set\b/i)
  expect(body).not.toMatch(/violates|constraint|syntax error|relation "/i)
}

function expectProblem(response: LightMyRequestResponse, status: number, code: ErrorCode): Problem {
  expect(response.statusCode, response.body).toBe(status)
  expect(response.headers['content-type']).toContain('application/problem+json')
  expectNoInternals(response.body)
  const problem = response.json<Problem>()
  expect(problem).toMatchObject({
    type: expect.stringMatching(/\S/) as unknown,
    title: expect.stringMatching(/\S/) as unknown,
    status,
    code,
    requestId: expect.stringMatching(/\S/) as unknown,
  })
  expect(problem.requestId).toBe(response.headers['x-request-id'])
  return problem
}

/** Every field error carries a field pointer and a Vietnamese message from the shared table. */
function expectVietnameseFieldErrors(problem: Problem): FieldError[] {
  const errors = problem.errors ?? []
  expect(errors.length, JSON.stringify(problem)).toBeGreaterThan(0)
  for (const error of errors) {
    expect(error.field).toMatch(/\S/)
    expect(error.message).toBe(validationMessage(error.code, error.params ?? {}, 'vi'))
    expect(error.message).toMatch(VIETNAMESE_LETTER)
  }
  return errors
}

function expectFieldError(problem: Problem, field: string, code?: string) {
  const errors = expectVietnameseFieldErrors(problem)
  const error = errors.find((candidate) => candidate.field === field)
  expect(error, `no error for ${field} in ${JSON.stringify(errors)}`).toBeDefined()
  if (code) expect(error?.code, JSON.stringify(errors)).toBe(code)
}

async function count(query: ReturnType<typeof sql>): Promise<number> {
  const result = (await ctx.db.execute(query)) as unknown as { rows: { n: number }[] }
  return Number(result.rows[0]?.n ?? 0)
}

/**
 * Everything a refused request could have written: the test tree (unions, placements, events,
 * ratings, audit, versions, paths), audit events by this admin (reference data has no union),
 * and reference rows with this file's codes. Never a global count: files share a PostgreSQL.
 */
async function writes() {
  return {
    subtree: await subtreeSnapshot(ctx, f.tree.root),
    auditByAdmin: await count(sql`SELECT count(*)::int AS n FROM audit_events WHERE actor_user_id = ${admin.user.id}`),
    unitTypes: await count(sql`SELECT count(*)::int AS n FROM unit_types WHERE code LIKE ${'val\\_%'}`),
    ratingScales: await count(sql`SELECT count(*)::int AS n FROM rating_scales WHERE code LIKE ${'val\\_%'}`),
    renamedUnitTypes: await count(sql`SELECT count(*)::int AS n FROM unit_types WHERE name = ${'Tên đã đổi'}`),
  }
}

/* ---------- the table: routes × bad inputs ---------- */

interface BadInput {
  name: string
  /** JSON body, built from the route's valid body. */
  body?: (valid: Body) => unknown
  /** Raw payload with its own content type. */
  raw?: { payload: (valid: Body) => string; contentType: string }
  /** Unit the request is about, when not the route's default. */
  target?: (fx: Fixture) => string
  status: number
  code: ErrorCode
  /** Field pointer expected in errors[]; every 400 validation_failed must have at least one. */
  field?: string
  fieldCode?: string
}

interface BodyRoute {
  route: string
  method: 'POST' | 'PATCH'
  url: (id: string) => string
  /** Default unit for `:id`; absent for routes without one. */
  target?: (fx: Fixture) => string
  /** Send the unit's current ETag in If-Match. */
  ifMatch?: boolean
  valid: (fx: Fixture) => Body
  cases: BadInput[]
}

const TEN_MB = 10 * 1024 * 1024
const long = (length: number) => 'x'.repeat(length)
const without = (body: Body, key: string): Body => Object.fromEntries(Object.entries(body).filter(([k]) => k !== key))

/** Inputs every route with a JSON body must refuse. */
function commonCases(hasId: boolean): BadInput[] {
  const cases: BadInput[] = [
    { name: 'malformed JSON', raw: { payload: () => '{"name": "Phúc Thọ",', contentType: 'application/json' }, status: 400, code: 'invalid_json' },
    { name: 'an empty JSON body', raw: { payload: () => '', contentType: 'application/json' }, status: 400, code: 'invalid_json' },
    { name: 'a JSON null body', raw: { payload: () => 'null', contentType: 'application/json' }, status: 400, code: 'validation_failed', field: '/' },
    { name: 'a JSON array body', body: (valid) => [valid], status: 400, code: 'validation_failed', field: '/', fieldCode: 'type' },
    {
      name: 'a __proto__ key',
      raw: { payload: (valid) => JSON.stringify(valid).replace(/^\{/, '{"__proto__":{"isAdmin":true},'), contentType: 'application/json' },
      status: 400,
      code: 'invalid_json',
    },
    { name: 'an unknown field', body: (valid) => ({ ...valid, isAdmin: true }), status: 400, code: 'validation_failed', field: '/isAdmin', fieldCode: 'additionalProperties' },
    { name: 'an XML body', raw: { payload: () => '<union><name>x</name></union>', contentType: 'application/xml' }, status: 415, code: 'unsupported_media_type' },
    { name: 'a form-encoded body', raw: { payload: () => 'name=x', contentType: 'application/x-www-form-urlencoded' }, status: 415, code: 'unsupported_media_type' },
    {
      name: 'a 10 MB body',
      raw: { payload: (valid) => JSON.stringify({ ...valid, padding: long(TEN_MB) }), contentType: 'application/json' },
      status: 413,
      code: 'payload_too_large',
    },
  ]
  if (hasId) {
    cases.push(
      { name: 'an invalid UUID in the path', target: () => 'not-a-uuid', body: (valid) => valid, status: 400, code: 'validation_failed', field: 'id', fieldCode: 'format' },
      { name: 'a UUID without dashes in the path', target: () => '0190a0b0c0d07e0f8a0b0c0d0e0f0a0b', body: (valid) => valid, status: 400, code: 'validation_failed', field: 'id', fieldCode: 'format' },
    )
  }
  return cases
}

const restructureSchemaCases = (idField: string): BadInput[] => [
  { name: `${idField} that is not a UUID`, body: (v) => ({ ...v, [idField]: 'abc' }), status: 400, code: 'validation_failed', field: `/${idField}`, fieldCode: 'format' },
  { name: `${idField} as a number`, body: (v) => ({ ...v, [idField]: 42 }), status: 400, code: 'validation_failed', field: `/${idField}`, fieldCode: 'type' },
  { name: `no ${idField}`, body: (v) => without(v, idField), status: 400, code: 'validation_failed', field: `/${idField}`, fieldCode: 'required' },
  ...dateSchemaCases(),
]

const dateSchemaCases = (): BadInput[] => [
  { name: 'the impossible date 2023-02-30', body: (v) => ({ ...v, effectiveDate: '2023-02-30' }), status: 400, code: 'validation_failed', field: '/effectiveDate', fieldCode: 'format' },
  { name: 'February 29 of a common year', body: (v) => ({ ...v, effectiveDate: '2023-02-29' }), status: 400, code: 'validation_failed', field: '/effectiveDate', fieldCode: 'format' },
  { name: 'month 13', body: (v) => ({ ...v, effectiveDate: '2023-13-01' }), status: 400, code: 'validation_failed', field: '/effectiveDate', fieldCode: 'format' },
  { name: 'a day-first date', body: (v) => ({ ...v, effectiveDate: '01/03/2024' }), status: 400, code: 'validation_failed', field: '/effectiveDate' },
  { name: 'a timestamp instead of a date', body: (v) => ({ ...v, effectiveDate: '2024-03-01T00:00:00Z' }), status: 400, code: 'validation_failed', field: '/effectiveDate' },
  { name: 'a date as a number', body: (v) => ({ ...v, effectiveDate: 20240301 }), status: 400, code: 'validation_failed', field: '/effectiveDate', fieldCode: 'type' },
  { name: 'no effectiveDate', body: (v) => without(v, 'effectiveDate'), status: 400, code: 'validation_failed', field: '/effectiveDate', fieldCode: 'required' },
  { name: 'an overlong reason', body: (v) => ({ ...v, reason: long(1001) }), status: 400, code: 'validation_failed', field: '/reason', fieldCode: 'maxLength' },
  { name: 'an overlong decision number', body: (v) => ({ ...v, decisionNumber: long(61) }), status: 400, code: 'validation_failed', field: '/decisionNumber', fieldCode: 'maxLength' },
  { name: 'a null decision number', body: (v) => ({ ...v, decisionNumber: null }), status: 400, code: 'validation_failed', field: '/decisionNumber', fieldCode: 'type' },
]

const unknownId = () => uuidv7()

const ROUTES: BodyRoute[] = [
  {
    route: 'POST /api/v1/unions',
    method: 'POST',
    url: () => '/api/v1/unions',
    valid: (fx) => ({
      code: 'VAL-NEW-1',
      unitTypeId: fx.types.grassroots,
      parentId: fx.tree.districtA.id,
      name: 'Công đoàn cơ sở Công ty TNHH Thử nghiệm',
      sector: 'non_state',
      sectorKind: 'private_enterprise',
      workersEmployed: 120,
      foundingDecisionDate: '2020-01-15',
    }),
    cases: [
      { name: 'a code of the wrong type', body: (v) => ({ ...v, code: 123 }), status: 400, code: 'validation_failed', field: '/code', fieldCode: 'type' },
      { name: 'a code with spaces', body: (v) => ({ ...v, code: 'AB CD' }), status: 400, code: 'validation_failed', field: '/code', fieldCode: 'pattern' },
      { name: 'an overlong code', body: (v) => ({ ...v, code: long(33) }), status: 400, code: 'validation_failed', field: '/code', fieldCode: 'maxLength' },
      { name: 'no name', body: (v) => without(v, 'name'), status: 400, code: 'validation_failed', field: '/name', fieldCode: 'required' },
      { name: 'an empty name', body: (v) => ({ ...v, name: '' }), status: 400, code: 'validation_failed', field: '/name', fieldCode: 'minLength' },
      { name: 'a null name', body: (v) => ({ ...v, name: null }), status: 400, code: 'validation_failed', field: '/name', fieldCode: 'type' },
      { name: 'an overlong name', body: (v) => ({ ...v, name: long(256) }), status: 400, code: 'validation_failed', field: '/name', fieldCode: 'maxLength' },
      { name: 'an overlong address', body: (v) => ({ ...v, address: long(501) }), status: 400, code: 'validation_failed', field: '/address', fieldCode: 'maxLength' },
      { name: 'an overlong employer name', body: (v) => ({ ...v, employerName: long(256) }), status: 400, code: 'validation_failed', field: '/employerName', fieldCode: 'maxLength' },
      { name: 'a parentId that is not a UUID', body: (v) => ({ ...v, parentId: 'district-a' }), status: 400, code: 'validation_failed', field: '/parentId', fieldCode: 'format' },
      { name: 'a unitTypeId given as a code', body: (v) => ({ ...v, unitTypeId: 'grassroots' }), status: 400, code: 'validation_failed', field: '/unitTypeId', fieldCode: 'format' },
      { name: 'a foundingIssuerId that is not a UUID', body: (v) => ({ ...v, foundingIssuerId: '1' }), status: 400, code: 'validation_failed', field: '/foundingIssuerId', fieldCode: 'format' },
      { name: 'a negative worker count', body: (v) => ({ ...v, workersEmployed: -1 }), status: 400, code: 'validation_failed', field: '/workersEmployed', fieldCode: 'minimum' },
      { name: 'a fractional worker count', body: (v) => ({ ...v, workersEmployed: 1.5 }), status: 400, code: 'validation_failed', field: '/workersEmployed', fieldCode: 'type' },
      { name: 'a worker count as text', body: (v) => ({ ...v, workersEmployed: '120' }), status: 400, code: 'validation_failed', field: '/workersEmployed', fieldCode: 'type' },
      { name: 'a worker count above the maximum', body: (v) => ({ ...v, workersEmployed: 1_000_001 }), status: 400, code: 'validation_failed', field: '/workersEmployed', fieldCode: 'maximum' },
      { name: 'the impossible founding date 2023-02-30', body: (v) => ({ ...v, foundingDecisionDate: '2023-02-30' }), status: 400, code: 'validation_failed', field: '/foundingDecisionDate', fieldCode: 'format' },
      { name: 'a founding date in another format', body: (v) => ({ ...v, foundingDecisionDate: '15/01/2020' }), status: 400, code: 'validation_failed', field: '/foundingDecisionDate' },
      { name: 'the impossible establishedOn 2024-04-31', body: (v) => ({ ...v, establishedOn: '2024-04-31' }), status: 400, code: 'validation_failed', field: '/establishedOn', fieldCode: 'format' },
      { name: 'a tax code of the wrong shape', body: (v) => ({ ...v, employerTaxCode: '12345' }), status: 400, code: 'validation_failed', field: '/employerTaxCode', fieldCode: 'pattern' },
      { name: 'an unknown sector', body: (v) => ({ ...v, sector: 'public' }), status: 400, code: 'validation_failed', field: '/sector', fieldCode: 'enum' },
      { name: 'an unknown sector kind', body: (v) => ({ ...v, sectorKind: 'ngo' }), status: 400, code: 'validation_failed', field: '/sectorKind', fieldCode: 'enum' },
      { name: 'a phone number with letters', body: (v) => ({ ...v, phone: 'call me maybe' }), status: 400, code: 'validation_failed', field: '/phone', fieldCode: 'pattern' },
      { name: 'a status set on create', body: (v) => ({ ...v, status: 'dissolved' }), status: 400, code: 'validation_failed', field: '/status', fieldCode: 'additionalProperties' },
      { name: 'several bad fields at once', body: (v) => ({ ...v, name: '', workersEmployed: -5 }), status: 400, code: 'validation_failed', field: '/workersEmployed', fieldCode: 'minimum' },
      { name: 'a name with a NUL character', body: (v) => ({ ...v, name: 'Công đoàn\u0000cơ sở' }), status: 400, code: 'validation_failed', field: '/name' },
      { name: 'a sector kind from the other sector', body: (v) => ({ ...v, sector: 'state', sectorKind: 'private_enterprise' }), status: 422, code: 'validation_failed', field: '/sectorKind', fieldCode: 'sector_mismatch' },
      { name: 'a sector kind without a sector', body: (v) => ({ ...without(v, 'sector'), sectorKind: 'agency' }), status: 422, code: 'validation_failed', field: '/sectorKind', fieldCode: 'sector_mismatch' },
      { name: 'a founding date in the future', body: (v) => ({ ...v, foundingDecisionDate: f.tomorrow }), status: 422, code: 'validation_failed', field: '/foundingDecisionDate', fieldCode: 'future_date' },
      { name: 'an establishedOn in the future', body: (v) => ({ ...v, establishedOn: f.tomorrow }), status: 422, code: 'validation_failed', field: '/establishedOn', fieldCode: 'future_date' },
      {
        name: 'grassroots-only fields on a district federation',
        body: (v) => ({ ...v, unitTypeId: f.types.district_federation, parentId: f.tree.root.id }),
        status: 422,
        code: 'validation_failed',
        field: '/sector',
        fieldCode: 'not_grassroots',
      },
      { name: 'an unknown unit type', body: (v) => ({ ...v, unitTypeId: unknownId() }), status: 422, code: 'validation_failed', field: '/unitTypeId', fieldCode: 'not_found' },
      { name: 'a unit type that cannot sit under the parent', body: (v) => ({ ...v, unitTypeId: f.types.city_federation }), status: 422, code: 'validation_failed', field: '/unitTypeId', fieldCode: 'invalid' },
      { name: 'an unknown founding issuer', body: (v) => ({ ...v, foundingIssuerId: unknownId() }), status: 422, code: 'validation_failed', field: '/foundingIssuerId', fieldCode: 'not_found' },
      { name: 'an unknown parent', body: (v) => ({ ...v, parentId: unknownId() }), status: 404, code: 'not_found' },
      { name: 'a code already in use', body: (v) => ({ ...v, code: f.tree.grassrootsA1.code }), status: 409, code: 'duplicate', field: '/code', fieldCode: 'unique' },
    ],
  },
  {
    route: 'PATCH /api/v1/unions/:id',
    method: 'PATCH',
    url: (id) => `/api/v1/unions/${id}`,
    target: (fx) => fx.tree.grassrootsA1.id,
    ifMatch: true,
    valid: () => ({ name: 'Tên mới không được lưu' }),
    cases: [
      { name: 'no fields', body: () => ({}), status: 400, code: 'validation_failed', field: '/', fieldCode: 'minProperties' },
      { name: 'an empty name', body: () => ({ name: '' }), status: 400, code: 'validation_failed', field: '/name', fieldCode: 'minLength' },
      { name: 'a null name', body: () => ({ name: null }), status: 400, code: 'validation_failed', field: '/name', fieldCode: 'type' },
      { name: 'an overlong name', body: () => ({ name: long(256) }), status: 400, code: 'validation_failed', field: '/name', fieldCode: 'maxLength' },
      { name: 'a null code', body: () => ({ code: null }), status: 400, code: 'validation_failed', field: '/code', fieldCode: 'type' },
      { name: 'a negative worker count', body: () => ({ workersEmployed: -5 }), status: 400, code: 'validation_failed', field: '/workersEmployed', fieldCode: 'minimum' },
      { name: 'a worker count as a boolean', body: () => ({ workersEmployed: true }), status: 400, code: 'validation_failed', field: '/workersEmployed', fieldCode: 'type' },
      { name: 'the impossible founding date 2023-02-30', body: () => ({ foundingDecisionDate: '2023-02-30' }), status: 400, code: 'validation_failed', field: '/foundingDecisionDate', fieldCode: 'format' },
      { name: 'an overlong decision number', body: () => ({ foundingDecisionNumber: long(61) }), status: 400, code: 'validation_failed', field: '/foundingDecisionNumber', fieldCode: 'maxLength' },
      { name: 'an issuer that is not a UUID', body: () => ({ foundingIssuerId: 'hanoi' }), status: 400, code: 'validation_failed', field: '/foundingIssuerId', fieldCode: 'format' },
      { name: 'a changed unit type', body: () => ({ unitTypeId: f.types.district_federation }), status: 400, code: 'validation_failed', field: '/unitTypeId', fieldCode: 'additionalProperties' },
      { name: 'a new parent (moves go through /move)', body: () => ({ parentId: f.tree.districtB.id }), status: 400, code: 'validation_failed', field: '/parentId', fieldCode: 'additionalProperties' },
      { name: 'a status (dissolving goes through /dissolve)', body: () => ({ status: 'dissolved' }), status: 400, code: 'validation_failed', field: '/status', fieldCode: 'additionalProperties' },
      { name: 'a version', body: () => ({ version: 99 }), status: 400, code: 'validation_failed', field: '/version', fieldCode: 'additionalProperties' },
      { name: 'a sector kind from the other sector', body: () => ({ sectorKind: 'agency' }), status: 422, code: 'validation_failed', field: '/sectorKind', fieldCode: 'sector_mismatch' },
      { name: 'a founding date in the future', body: () => ({ foundingDecisionDate: f.tomorrow }), status: 422, code: 'validation_failed', field: '/foundingDecisionDate', fieldCode: 'future_date' },
      { name: 'an unknown founding issuer', body: () => ({ foundingIssuerId: unknownId() }), status: 422, code: 'validation_failed', field: '/foundingIssuerId', fieldCode: 'not_found' },
      {
        name: 'employer fields on a district federation',
        target: (fx) => fx.tree.districtA.id,
        body: () => ({ employerName: 'Công ty TNHH Không thuộc về đây' }),
        status: 422,
        code: 'validation_failed',
        field: '/employerName',
        fieldCode: 'not_grassroots',
      },
      { name: 'a name with a NUL character', body: () => ({ name: 'Tên\u0000mới' }), status: 400, code: 'validation_failed', field: '/name' },
      { name: 'a code already in use', body: () => ({ code: f.tree.grassrootsB1.code }), status: 409, code: 'duplicate', field: '/code', fieldCode: 'unique' },
      { name: 'an unknown union', target: () => unknownId(), body: (v) => v, status: 404, code: 'not_found' },
    ],
  },
  {
    route: 'POST /api/v1/unions/:id/move',
    method: 'POST',
    url: (id) => `/api/v1/unions/${id}/move`,
    target: (fx) => fx.tree.grassrootsA1.id,
    valid: (fx) => ({ newParentId: fx.tree.districtB.id, effectiveDate: '2024-03-01' }),
    cases: [
      ...restructureSchemaCases('newParentId'),
      { name: 'an effective date in the future', body: (v) => ({ ...v, effectiveDate: f.tomorrow }), status: 422, code: 'invalid_restructure' },
      { name: 'an effective date before the unit was placed', body: (v) => ({ ...v, effectiveDate: '2010-01-01' }), status: 422, code: 'invalid_restructure' },
      { name: 'a move under itself', body: (v) => ({ ...v, newParentId: f.tree.grassrootsA1.id }), status: 422, code: 'invalid_restructure' },
      { name: 'a move under its current parent', body: (v) => ({ ...v, newParentId: f.tree.districtA.id }), status: 422, code: 'invalid_restructure' },
      { name: 'a move under a unit of the same level', body: (v) => ({ ...v, newParentId: f.tree.grassrootsB1.id }), status: 422, code: 'invalid_restructure' },
      { name: 'a district moved under its own child', target: (fx) => fx.tree.districtA.id, body: (v) => ({ ...v, newParentId: f.tree.grassrootsA1.id }), status: 422, code: 'invalid_restructure' },
      { name: 'an unknown new parent', body: (v) => ({ ...v, newParentId: unknownId() }), status: 404, code: 'not_found' },
      { name: 'an unknown unit', target: () => unknownId(), body: (v) => v, status: 404, code: 'not_found' },
    ],
  },
  {
    route: 'POST /api/v1/unions/:id/move/preview',
    method: 'POST',
    url: (id) => `/api/v1/unions/${id}/move/preview`,
    target: (fx) => fx.tree.grassrootsA1.id,
    valid: (fx) => ({ newParentId: fx.tree.districtB.id, effectiveDate: '2024-03-01' }),
    cases: [
      ...restructureSchemaCases('newParentId'),
      { name: 'an unknown unit', target: () => unknownId(), body: (v) => v, status: 404, code: 'not_found' },
    ],
  },
  {
    route: 'POST /api/v1/unions/:id/merge',
    method: 'POST',
    url: (id) => `/api/v1/unions/${id}/merge`,
    target: (fx) => fx.tree.grassrootsA1.id,
    valid: (fx) => ({ targetId: fx.tree.grassrootsA2.id, effectiveDate: '2024-03-01' }),
    cases: [
      ...restructureSchemaCases('targetId'),
      { name: 'an effective date in the future', body: (v) => ({ ...v, effectiveDate: f.tomorrow }), status: 422, code: 'invalid_restructure' },
      { name: 'a merge into itself', body: (v) => ({ ...v, targetId: f.tree.grassrootsA1.id }), status: 422, code: 'invalid_restructure' },
      { name: 'a merge into a unit of another level', body: (v) => ({ ...v, targetId: f.tree.districtB.id }), status: 422, code: 'invalid_restructure' },
      { name: 'an unknown target', body: (v) => ({ ...v, targetId: unknownId() }), status: 404, code: 'not_found' },
      { name: 'an unknown unit', target: () => unknownId(), body: (v) => v, status: 404, code: 'not_found' },
    ],
  },
  {
    route: 'POST /api/v1/unions/:id/merge/preview',
    method: 'POST',
    url: (id) => `/api/v1/unions/${id}/merge/preview`,
    target: (fx) => fx.tree.grassrootsA1.id,
    valid: (fx) => ({ targetId: fx.tree.grassrootsA2.id, effectiveDate: '2024-03-01' }),
    cases: [...restructureSchemaCases('targetId')],
  },
  {
    route: 'POST /api/v1/unions/:id/dissolve',
    method: 'POST',
    url: (id) => `/api/v1/unions/${id}/dissolve`,
    target: (fx) => fx.tree.grassrootsA1.id,
    valid: () => ({ effectiveDate: '2024-03-01', reason: 'Doanh nghiệp giải thể' }),
    cases: [
      ...dateSchemaCases(),
      { name: 'an effective date in the future', body: (v) => ({ ...v, effectiveDate: f.tomorrow }), status: 422, code: 'invalid_restructure' },
      { name: 'a unit that still has active children', target: (fx) => fx.tree.districtA.id, body: (v) => v, status: 422, code: 'invalid_restructure' },
      { name: 'an unknown unit', target: () => unknownId(), body: (v) => v, status: 404, code: 'not_found' },
    ],
  },
  {
    route: 'POST /api/v1/unions/:id/dissolve/preview',
    method: 'POST',
    url: (id) => `/api/v1/unions/${id}/dissolve/preview`,
    target: (fx) => fx.tree.grassrootsA1.id,
    valid: () => ({ effectiveDate: '2024-03-01' }),
    cases: [...dateSchemaCases()],
  },
  {
    route: 'POST /api/v1/unions/:id/ratings',
    method: 'POST',
    url: (id) => `/api/v1/unions/${id}/ratings`,
    target: (fx) => fx.tree.grassrootsA1.id,
    valid: () => ({ year: 2024, gradeCode: 'good' }),
    cases: [
      { name: 'a negative year', body: (v) => ({ ...v, year: -2024 }), status: 400, code: 'validation_failed', field: '/year', fieldCode: 'minimum' },
      { name: 'year 0', body: (v) => ({ ...v, year: 0 }), status: 400, code: 'validation_failed', field: '/year', fieldCode: 'minimum' },
      { name: 'a year after 2100', body: (v) => ({ ...v, year: 2101 }), status: 400, code: 'validation_failed', field: '/year', fieldCode: 'maximum' },
      { name: 'a year as text', body: (v) => ({ ...v, year: '2024' }), status: 400, code: 'validation_failed', field: '/year', fieldCode: 'type' },
      { name: 'a fractional year', body: (v) => ({ ...v, year: 2024.5 }), status: 400, code: 'validation_failed', field: '/year', fieldCode: 'type' },
      { name: 'no year', body: (v) => without(v, 'year'), status: 400, code: 'validation_failed', field: '/year', fieldCode: 'required' },
      { name: 'an empty grade', body: (v) => ({ ...v, gradeCode: '' }), status: 400, code: 'validation_failed', field: '/gradeCode', fieldCode: 'minLength' },
      { name: 'an overlong grade', body: (v) => ({ ...v, gradeCode: long(41) }), status: 400, code: 'validation_failed', field: '/gradeCode', fieldCode: 'maxLength' },
      { name: 'a grade as a number', body: (v) => ({ ...v, gradeCode: 1 }), status: 400, code: 'validation_failed', field: '/gradeCode', fieldCode: 'type' },
      { name: 'an overlong note', body: (v) => ({ ...v, note: long(1001) }), status: 400, code: 'validation_failed', field: '/note', fieldCode: 'maxLength' },
      { name: 'a note with a NUL character', body: (v) => ({ ...v, note: 'Ghi chú\u0000' }), status: 400, code: 'validation_failed', field: '/note' },
      { name: 'a grade of the 2024 scale for 2023', body: () => ({ year: 2023, gradeCode: 'good' }), status: 422, code: 'validation_failed', field: '/gradeCode', fieldCode: 'enum' },
      { name: 'a grade of the 2013 scale for 2024', body: () => ({ year: 2024, gradeCode: 'strong' }), status: 422, code: 'validation_failed', field: '/gradeCode', fieldCode: 'enum' },
      { name: 'a grade on no scale', body: (v) => ({ ...v, gradeCode: 'superb' }), status: 422, code: 'validation_failed', field: '/gradeCode', fieldCode: 'enum' },
      { name: 'a year that has not come yet', body: () => ({ year: f.nextYear, gradeCode: 'good' }), status: 422, code: 'validation_failed', field: '/year', fieldCode: 'date_order' },
      { name: 'a year before the union existed', body: () => ({ year: 2014, gradeCode: 'strong' }), status: 422, code: 'validation_failed', field: '/year', fieldCode: 'date_order' },
      { name: 'a unit that is not a grassroots union', target: (fx) => fx.tree.districtA.id, body: (v) => v, status: 422, code: 'validation_failed', field: '/year', fieldCode: 'not_grassroots' },
      { name: 'an unknown union', target: () => unknownId(), body: (v) => v, status: 404, code: 'not_found' },
    ],
  },
  {
    route: 'POST /api/v1/unit-types',
    method: 'POST',
    url: () => '/api/v1/unit-types',
    valid: () => ({ code: 'val_type', name: 'Loại thử', nameEn: 'Test type', level: 3, isGrassroots: false }),
    cases: [
      { name: 'a code with capitals and spaces', body: (v) => ({ ...v, code: 'Val Type' }), status: 400, code: 'validation_failed', field: '/code', fieldCode: 'pattern' },
      { name: 'a one-letter code', body: (v) => ({ ...v, code: 'v' }), status: 400, code: 'validation_failed', field: '/code', fieldCode: 'minLength' },
      { name: 'a negative level', body: (v) => ({ ...v, level: -1 }), status: 400, code: 'validation_failed', field: '/level', fieldCode: 'minimum' },
      { name: 'a level above 10', body: (v) => ({ ...v, level: 11 }), status: 400, code: 'validation_failed', field: '/level', fieldCode: 'maximum' },
      { name: 'a level as text', body: (v) => ({ ...v, level: 'three' }), status: 400, code: 'validation_failed', field: '/level', fieldCode: 'type' },
      { name: 'isGrassroots as text', body: (v) => ({ ...v, isGrassroots: 'yes' }), status: 400, code: 'validation_failed', field: '/isGrassroots', fieldCode: 'type' },
      { name: 'an overlong name', body: (v) => ({ ...v, name: long(121) }), status: 400, code: 'validation_failed', field: '/name', fieldCode: 'maxLength' },
      { name: 'no English name', body: (v) => without(v, 'nameEn'), status: 400, code: 'validation_failed', field: '/nameEn', fieldCode: 'required' },
      { name: 'a negative sort order', body: (v) => ({ ...v, sortOrder: -5 }), status: 400, code: 'validation_failed', field: '/sortOrder', fieldCode: 'minimum' },
      { name: 'a code already in use', body: (v) => ({ ...v, code: 'grassroots' }), status: 409, code: 'duplicate', field: '/code', fieldCode: 'unique' },
    ],
  },
  {
    route: 'PATCH /api/v1/unit-types/:id',
    method: 'PATCH',
    url: (id) => `/api/v1/unit-types/${id}`,
    target: (fx) => fx.types.branch,
    valid: () => ({ name: 'Tên đã đổi' }),
    cases: [
      { name: 'no fields', body: () => ({}), status: 400, code: 'validation_failed', field: '/', fieldCode: 'minProperties' },
      { name: 'an empty name', body: () => ({ name: '' }), status: 400, code: 'validation_failed', field: '/name', fieldCode: 'minLength' },
      { name: 'a changed level', body: () => ({ level: 1 }), status: 400, code: 'validation_failed', field: '/level', fieldCode: 'additionalProperties' },
      { name: 'a negative sort order', body: () => ({ sortOrder: -1 }), status: 400, code: 'validation_failed', field: '/sortOrder', fieldCode: 'minimum' },
      { name: 'an unknown unit type', target: () => unknownId(), body: (v) => v, status: 404, code: 'not_found' },
    ],
  },
  {
    route: 'POST /api/v1/rating-scales',
    method: 'POST',
    url: () => '/api/v1/rating-scales',
    valid: () => ({
      code: 'val_scale',
      name: 'Thang thử',
      fromYear: 2090,
      toYear: null,
      grades: [
        { code: 'top', label: 'Tốt', labelEn: 'Top', rank: 1, isStrong: true },
        { code: 'low', label: 'Kém', labelEn: 'Low', rank: 2, isStrong: false },
      ],
    }),
    cases: [
      { name: 'no grades', body: (v) => ({ ...v, grades: [] }), status: 400, code: 'validation_failed', field: '/grades', fieldCode: 'minItems' },
      { name: 'a single grade', body: (v) => ({ ...v, grades: (v.grades as unknown[]).slice(0, 1) }), status: 400, code: 'validation_failed', field: '/grades', fieldCode: 'minItems' },
      {
        name: '21 grades',
        body: (v) => ({ ...v, grades: Array.from({ length: 21 }, (_, i) => ({ code: `g${i}`, label: 'G', labelEn: 'G', rank: (i % 20) + 1, isStrong: false })) }),
        status: 400,
        code: 'validation_failed',
        field: '/grades',
        fieldCode: 'maxItems',
      },
      { name: 'a grade of rank 0', body: (v) => ({ ...v, grades: [{ code: 'a', label: 'A', labelEn: 'A', rank: 0, isStrong: true }, (v.grades as unknown[])[1]] }), status: 400, code: 'validation_failed', field: '/grades/0/rank', fieldCode: 'minimum' },
      { name: 'a grade with an unknown field', body: (v) => ({ ...v, grades: [{ ...(v.grades as Body[])[0], weight: 2 }, (v.grades as unknown[])[1]] }), status: 400, code: 'validation_failed', field: '/grades/0/weight', fieldCode: 'additionalProperties' },
      { name: 'a grade code with punctuation', body: (v) => ({ ...v, grades: [{ ...(v.grades as Body[])[0], code: 'A!' }, (v.grades as unknown[])[1]] }), status: 400, code: 'validation_failed', field: '/grades/0/code', fieldCode: 'pattern' },
      { name: 'a grade without a label', body: (v) => ({ ...v, grades: [without((v.grades as Body[])[0]!, 'label'), (v.grades as unknown[])[1]] }), status: 400, code: 'validation_failed', field: '/grades/0/label', fieldCode: 'required' },
      { name: 'a negative first year', body: (v) => ({ ...v, fromYear: -2024 }), status: 400, code: 'validation_failed', field: '/fromYear', fieldCode: 'minimum' },
      { name: 'no toYear (null is required for an open scale)', body: (v) => without(v, 'toYear'), status: 400, code: 'validation_failed', field: '/toYear', fieldCode: 'required' },
      { name: 'a toYear as text', body: (v) => ({ ...v, toYear: '2091' }), status: 400, code: 'validation_failed', field: '/toYear', fieldCode: 'type' },
      { name: 'a code with capitals', body: (v) => ({ ...v, code: 'VAL_SCALE' }), status: 400, code: 'validation_failed', field: '/code', fieldCode: 'pattern' },
      { name: 'a last year before the first', body: (v) => ({ ...v, toYear: 2089 }), status: 422, code: 'validation_failed', field: '/toYear', fieldCode: 'date_order' },
      {
        name: 'two grades with one code',
        body: (v) => ({ ...v, grades: [(v.grades as unknown[])[0], { ...(v.grades as Body[])[1], code: 'top' }] }),
        status: 422,
        code: 'validation_failed',
        field: '/grades',
        fieldCode: 'unique',
      },
      { name: 'a code already in use', body: (v) => ({ ...v, code: 'vgcl_2024' }), status: 409, code: 'duplicate', field: '/code', fieldCode: 'unique' },
    ],
  },
]

async function send(route: BodyRoute, input: BadInput): Promise<LightMyRequestResponse> {
  const id = input.target?.(f) ?? route.target?.(f) ?? ''
  const headers: Record<string, string> = {}
  if (route.ifMatch) {
    // The unit's real current ETag, so the version check is not what refuses.
    headers['if-match'] = await readUnion(admin, id).then(
      (read) => read.etag,
      () => '"1"',
    )
  }
  const valid = route.valid(f)
  const options: InjectOptions = { method: route.method, url: route.url(id), headers }
  if (input.raw) {
    options.payload = input.raw.payload(valid)
    headers['content-type'] = input.raw.contentType
  } else if (input.body) {
    options.payload = input.body(valid) as InjectOptions['payload']
  }
  return admin.request(options)
}

describe.each(ROUTES)('$route refuses bad input and writes nothing', (route) => {
  const cases = [...commonCases(Boolean(route.target)), ...route.cases]
  it.each(cases)('$name → $status $code', async (input) => {
    const before = await writes()
    const response = await send(route, input)
    const problem = expectProblem(response, input.status, input.code)
    if (input.field) expectFieldError(problem, input.field, input.fieldCode)
    else if (input.status === 400 && input.code === 'validation_failed' && problem.errors) expectVietnameseFieldErrors(problem)
    expect(await writes()).toEqual(before)
  })
})

describe('GET routes refuse bad query strings and path parameters', () => {
  const a1 = () => f.tree.grassrootsA1.id
  const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
  /** `field` is left out where the value passes the schema and the refusal comes later. */
  const cases: { name: string; url: () => string; field?: string; fieldCode?: string }[] = [
    { name: 'list: limit=0', url: () => '/api/v1/unions?limit=0', field: 'limit', fieldCode: 'minimum' },
    { name: 'list: limit=501', url: () => '/api/v1/unions?limit=501', field: 'limit', fieldCode: 'maximum' },
    { name: 'list: limit=-1', url: () => '/api/v1/unions?limit=-1', field: 'limit', fieldCode: 'minimum' },
    { name: 'list: limit=abc', url: () => '/api/v1/unions?limit=abc', field: 'limit', fieldCode: 'type' },
    { name: 'list: limit=2.5', url: () => '/api/v1/unions?limit=2.5', field: 'limit', fieldCode: 'type' },
    { name: 'list: limit given twice', url: () => '/api/v1/unions?limit=1&limit=2', field: 'limit' },
    { name: 'list: an unknown parameter', url: () => '/api/v1/unions?parent=1', field: 'parent', fieldCode: 'additionalProperties' },
    { name: 'list: a cursor that is not base64 JSON', url: () => '/api/v1/unions?cursor=not-a-cursor', field: 'cursor', fieldCode: 'invalid' },
    { name: 'list: a cursor of the wrong shape', url: () => `/api/v1/unions?cursor=${cursorOf({ after: 1 })}`, field: 'cursor', fieldCode: 'invalid' },
    { name: 'list: a cursor with too few keys', url: () => `/api/v1/unions?cursor=${cursorOf(['a'])}`, field: 'cursor', fieldCode: 'invalid' },
    { name: 'list: a cursor with an object inside', url: () => `/api/v1/unions?cursor=${cursorOf(['a', { id: 1 }])}`, field: 'cursor', fieldCode: 'invalid' },
    { name: 'list: a search cursor with a bad id', url: () => `/api/v1/unions?q=cong&cursor=${cursorOf(['a', 'not-a-uuid', 'exact'])}` },
    { name: 'list: a cursor with a bad id', url: () => `/api/v1/unions?cursor=${cursorOf(['a', 'not-a-uuid'])}` },
    { name: 'list: an overlong cursor', url: () => `/api/v1/unions?cursor=${long(513)}`, field: 'cursor', fieldCode: 'maxLength' },
    { name: 'list: under is not a UUID', url: () => '/api/v1/unions?under=phuc-tho', field: 'under', fieldCode: 'format' },
    { name: 'list: unitTypeId is not a UUID', url: () => '/api/v1/unions?unitTypeId=grassroots', field: 'unitTypeId', fieldCode: 'format' },
    { name: 'list: asOf=2023-02-30', url: () => '/api/v1/unions?asOf=2023-02-30', field: 'asOf', fieldCode: 'format' },
    { name: 'list: asOf=yesterday', url: () => '/api/v1/unions?asOf=yesterday', field: 'asOf', fieldCode: 'format' },
    { name: 'list: an unknown sector', url: () => '/api/v1/unions?sector=public', field: 'sector', fieldCode: 'enum' },
    { name: 'list: an unknown sector kind', url: () => '/api/v1/unions?sectorKind=ngo', field: 'sectorKind', fieldCode: 'enum' },
    { name: 'list: an unknown status', url: () => '/api/v1/unions?status=deleted', field: 'status', fieldCode: 'enum' },
    { name: 'list: grassroots=maybe', url: () => '/api/v1/unions?grassroots=maybe', field: 'grassroots', fieldCode: 'type' },
    { name: 'list: ratingYear=1800', url: () => '/api/v1/unions?ratingYear=1800', field: 'ratingYear', fieldCode: 'minimum' },
    { name: 'list: ratingYear=abc', url: () => '/api/v1/unions?ratingYear=abc', field: 'ratingYear', fieldCode: 'type' },
    { name: 'list: an overlong ratingGrade', url: () => `/api/v1/unions?ratingGrade=${long(41)}`, field: 'ratingGrade', fieldCode: 'maxLength' },
    { name: 'list: a q with a NUL character', url: () => '/api/v1/unions?q=phuc%00tho', field: 'q' },
    { name: 'list: a ratingGrade with a NUL character', url: () => '/api/v1/unions?ratingGrade=good%00', field: 'ratingGrade' },
    { name: 'list: an overlong q', url: () => `/api/v1/unions?q=${long(201)}`, field: 'q', fieldCode: 'maxLength' },
    { name: 'detail: an invalid UUID', url: () => '/api/v1/unions/not-a-uuid', field: 'id', fieldCode: 'format' },
    { name: 'detail: an SQL fragment as id', url: () => `/api/v1/unions/${encodeURIComponent("1' OR '1'='1")}`, field: 'id', fieldCode: 'format' },
    { name: 'detail: a URN UUID', url: () => `/api/v1/unions/urn:uuid:${a1()}`, field: 'id' },
    { name: 'detail: asOf=2023-02-30', url: () => `/api/v1/unions/${a1()}?asOf=2023-02-30`, field: 'asOf', fieldCode: 'format' },
    { name: 'detail: an unknown parameter', url: () => `/api/v1/unions/${a1()}?expand=all`, field: 'expand', fieldCode: 'additionalProperties' },
    { name: 'children: an invalid UUID', url: () => '/api/v1/unions/42/children', field: 'id', fieldCode: 'format' },
    { name: 'children: limit=0', url: () => `/api/v1/unions/${f.tree.districtA.id}/children?limit=0`, field: 'limit', fieldCode: 'minimum' },
    { name: 'children: asOf=2023-02-30', url: () => `/api/v1/unions/${f.tree.districtA.id}/children?asOf=2023-02-30`, field: 'asOf', fieldCode: 'format' },
    { name: 'children: an unknown status', url: () => `/api/v1/unions/${f.tree.districtA.id}/children?status=gone`, field: 'status', fieldCode: 'enum' },
    { name: 'children: a bad cursor', url: () => `/api/v1/unions/${f.tree.districtA.id}/children?cursor=xyz`, field: 'cursor', fieldCode: 'invalid' },
    { name: 'children: an unknown parameter', url: () => `/api/v1/unions/${f.tree.districtA.id}/children?under=${a1()}`, field: 'under', fieldCode: 'additionalProperties' },
    { name: 'history: an invalid UUID', url: () => '/api/v1/unions/abc/history', field: 'id', fieldCode: 'format' },
    { name: 'history: limit=abc', url: () => `/api/v1/unions/${a1()}/history?limit=abc`, field: 'limit', fieldCode: 'type' },
    { name: 'history: a bad cursor', url: () => `/api/v1/unions/${a1()}/history?cursor=xyz`, field: 'cursor', fieldCode: 'invalid' },
    { name: 'history: a cursor with a bad timestamp', url: () => `/api/v1/unions/${a1()}/history?cursor=${cursorOf(['not-a-time', a1()])}` },
    { name: 'ratings: an invalid UUID', url: () => '/api/v1/unions/abc/ratings', field: 'id', fieldCode: 'format' },
  ]

  it.each(cases)('$name → 400', async ({ url, field, fieldCode }) => {
    const response = await admin.get(url())
    const problem = expectProblem(response, 400, 'validation_failed')
    if (field) expectFieldError(problem, field, fieldCode)
    else if (problem.errors) expectVietnameseFieldErrors(problem)
  })

  it('answers an unknown but well-formed id with 404, like an id outside the scope', async () => {
    const response = await admin.get(`/api/v1/unions/${uuidv7()}`)
    expectProblem(response, 404, 'not_found')
  })
})

describe('content types', () => {
  // Fastify parses text/plain by default; a JSON API should refuse it like any other non-JSON body.
  it('refuse a text/plain body with 415 on every write route, writing nothing', async () => {
    const before = await writes()
    for (const route of ROUTES) {
      const response = await send(route, {
        name: 'text/plain',
        raw: { payload: (valid) => JSON.stringify(valid), contentType: 'text/plain' },
        status: 415,
        code: 'unsupported_media_type',
      })
      expect(`${route.route} → ${response.statusCode}`).toBe(`${route.route} → 415`)
      expectProblem(response, 415, 'unsupported_media_type')
    }
    expect(await writes()).toEqual(before)
  })

  it('accept JSON with a charset parameter', async () => {
    const response = await admin.request({
      method: 'POST',
      url: `/api/v1/unions/${f.tree.grassrootsA1.id}/dissolve/preview`,
      payload: JSON.stringify({ effectiveDate: '2024-03-01' }),
      headers: { 'content-type': 'application/json; charset=utf-8' },
    })
    expect(response.statusCode, response.body).toBe(200)
  })
})

describe('problem details', () => {
  it('name the route path in instance and echo the request id', async () => {
    const response = await admin.request({
      method: 'POST',
      url: '/api/v1/unions?x=1',
      payload: { code: 'VAL-1' },
      headers: { 'x-request-id': 'validation-test-0001' },
    })
    const problem = expectProblem(response, 400, 'validation_failed')
    expect(problem.requestId).toBe('validation-test-0001')
    expect(problem.instance).toBe('/api/v1/unions')
    expect(problem.title).toBe('Dữ liệu không hợp lệ')
    // Every missing required field is reported, not just the first.
    expect(problem.errors?.map((error) => error.field)).toEqual(expect.arrayContaining(['/unitTypeId', '/parentId', '/name']))
  })

  it('speak English when the client asks for it', async () => {
    const response = await admin.request({
      method: 'PATCH',
      url: `/api/v1/unions/${f.tree.grassrootsA1.id}`,
      payload: { workersEmployed: -1 },
      headers: { 'if-match': '"1"', 'accept-language': 'en-US,en;q=0.9' },
    })
    const problem = expectProblem(response, 400, 'validation_failed')
    expect(problem.title).toBe('Invalid input')
    expect(problem.errors).toEqual([expect.objectContaining({ field: '/workersEmployed', code: 'minimum', message: 'Must be at least 0' })])
  })

  it('refuse a malformed If-Match with 412 and a missing one with 428, writing nothing', async () => {
    const before = await writes()
    const url = `/api/v1/unions/${f.tree.grassrootsA1.id}`
    const malformed = await admin.patch(url, { name: 'Không lưu' }, { 'if-match': 'version-1' })
    expectProblem(malformed, 412, 'precondition_failed')
    const missing = await admin.patch(url, { name: 'Không lưu' })
    expectProblem(missing, 428, 'precondition_required')
    expect(await writes()).toEqual(before)
  })

  it('previews report rule failures as blockers, not errors, and write nothing', async () => {
    const before = await writes()
    const response = await admin.post(`/api/v1/unions/${f.tree.districtA.id}/dissolve/preview`, { effectiveDate: f.tomorrow })
    expect(response.statusCode).toBe(200)
    const codes = response.json<{ blockers: { code: string }[] }>().blockers.map((blocker) => blocker.code)
    expect(codes).toEqual(expect.arrayContaining(['future_date', 'has_active_children']))
    expect(await writes()).toEqual(before)
  })
})
