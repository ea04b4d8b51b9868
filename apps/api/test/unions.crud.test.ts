import type {
  CreateUnionBody,
  PageOf,
  Problem,
  Rating,
  RatingScale,
  Union,
  UnionEvent,
  UnitType,
  User,
} from '@liendoan/contracts'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { todayInVietnam } from '../src/lib/dates.js'
import { RATING_SCALES, UNIT_TYPES } from '../src/seed/reference.js'
import {
  type Client,
  type CreatedUnion,
  type TestContext,
  createTestApp,
  createTree,
  createUnion,
  loginAs,
  readUnion,
  subtreeSnapshot,
} from './helpers/app.js'

let ctx: TestContext
let tree: Awaited<ReturnType<typeof createTree>>
let admin: Client

beforeAll(async () => {
  ctx = await createTestApp()
  tree = await createTree(ctx)
  admin = await loginAs(ctx, 'admin', tree.root)
})
afterAll(async () => {
  await ctx.close()
})

/* ---------- helpers ---------- */

let sequence = 0
const newCode = (prefix = 'CRUD') => `${prefix}-${Date.now().toString(36).toUpperCase()}-${++sequence}`

interface AuditRow {
  action: string
  actor_user_id: string
  union_id: string | null
  request_id: string
  before: Record<string, unknown> | null
  after: Record<string, unknown> | null
}

async function auditOf(entityId: string): Promise<AuditRow[]> {
  const result = (await ctx.db.execute(
    sql`SELECT action, actor_user_id, union_id, request_id, before, after FROM audit_events WHERE entity_id = ${entityId} ORDER BY occurred_at, id`,
  )) as unknown as { rows: AuditRow[] }
  return result.rows
}

async function historyOf(c: Client, id: string): Promise<UnionEvent[]> {
  const response = await c.get(`/api/v1/unions/${id}/history`)
  expect(response.statusCode, response.body).toBe(200)
  return response.json<PageOf<UnionEvent>>().items
}

async function page(c: Client, query: string): Promise<PageOf<Union>> {
  const response = await c.get(`/api/v1/unions?${query}`)
  expect(response.statusCode, response.body).toBe(200)
  return response.json<PageOf<Union>>()
}

const namesOf = (items: { name: string }[]) => items.map((item) => item.name)
const idsOf = (items: { id: string }[]) => items.map((item) => item.id)
const q = (text: string) => `q=${encodeURIComponent(text)}`

/** Follows nextCursor to the end, checking page sizes; returns every item in order. */
async function walk(c: Client, query: string, limit: number): Promise<{ items: Union[]; pages: number }> {
  const items: Union[] = []
  let cursor: string | null = null
  let pages = 0
  do {
    const current: PageOf<Union> = await page(c, `${query ? `${query}&` : ''}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
    expect(current.items.length).toBeLessThanOrEqual(limit)
    if (current.nextCursor) expect(current.items.length).toBe(limit)
    items.push(...current.items)
    cursor = current.nextCursor
    pages += 1
    expect(pages).toBeLessThan(100)
  } while (cursor)
  return { items, pages }
}

async function rate(c: Client, id: string, year: number, gradeCode: string, note?: string) {
  return c.post(`/api/v1/unions/${id}/ratings`, { year, gradeCode, ...(note ? { note } : {}) })
}

/* ---------- create and read ---------- */

describe('POST /api/v1/unions', () => {
  it('creates a grassroots union: 201, Location, ETag, every field round-trips, a created event and an audit event', async () => {
    const body: CreateUnionBody = {
      code: newCode(),
      unitTypeId: ctx.types.grassroots,
      parentId: tree.districtA.id,
      name: 'Công đoàn cơ sở Công ty TNHH Dệt may Hưng Yên',
      employerName: 'Công ty TNHH Dệt may Hưng Yên',
      employerTaxCode: '0101234567-001',
      sector: 'non_state',
      sectorKind: 'private_enterprise',
      workersEmployed: 250,
      address: 'Cụm công nghiệp Phúc Thọ, Hà Nội',
      phone: '024 3825 1234',
      foundingDecisionNumber: '123/QĐ-LĐLĐ',
      foundingDecisionDate: '2020-05-15',
      foundingIssuerId: tree.districtA.id,
    }
    const response = await admin.post('/api/v1/unions', body)
    expect(response.statusCode, response.body).toBe(201)
    const created = response.json<Union>()
    expect(response.headers.location).toBe(`/api/v1/unions/${created.id}`)
    expect(response.headers.etag).toBe('"1"')
    expect(created).toMatchObject({
      code: body.code,
      name: body.name,
      employerName: body.employerName,
      employerTaxCode: body.employerTaxCode,
      sector: 'non_state',
      sectorKind: 'private_enterprise',
      workersEmployed: 250,
      address: body.address,
      phone: body.phone,
      foundingDecisionNumber: body.foundingDecisionNumber,
      foundingDecisionDate: '2020-05-15',
      foundingIssuerId: tree.districtA.id,
      foundingIssuerName: tree.districtA.name,
      establishedOn: '2020-05-15',
      parentId: tree.districtA.id,
      parentName: tree.districtA.name,
      ancestorIds: [tree.root.id, tree.districtA.id],
      depth: 2,
      status: 'active',
      statusEffectiveDate: null,
      statusReason: null,
      mergedIntoId: null,
      childCount: 0,
      latestRating: null,
      version: 1,
    })
    expect(created.unitType).toMatchObject({ id: ctx.types.grassroots, code: 'grassroots', isGrassroots: true })

    const read = await admin.get(String(response.headers.location))
    expect(read.statusCode).toBe(200)
    expect(read.headers.etag).toBe('"1"')
    expect(read.json<Union>()).toEqual(created)

    const audit = await auditOf(created.id)
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ action: 'union.create', actor_user_id: admin.user.id, union_id: created.id, request_id: response.headers['x-request-id'] })
    expect(audit[0]?.after).toMatchObject({ code: body.code, name: body.name, unitTypeId: ctx.types.grassroots })

    const history = await historyOf(admin, created.id)
    expect(history).toEqual([
      expect.objectContaining({
        kind: 'created',
        effectiveDate: '2020-05-15',
        decisionNumber: '123/QĐ-LĐLĐ',
        details: { parentId: tree.districtA.id },
        actorName: 'Người dùng admin',
      }),
    ])

    const parent = await readUnion(admin, tree.districtA.id)
    expect(parent.union.childCount).toBe(3)
  })

  it('trims the name and dates a unit without a founding decision from today', async () => {
    const response = await admin.post('/api/v1/unions', {
      code: newCode(),
      unitTypeId: ctx.types.branch,
      parentId: tree.grassrootsB1.id,
      name: '  Tổ công đoàn Phân xưởng 1  ',
    })
    expect(response.statusCode, response.body).toBe(201)
    const created = response.json<Union>()
    expect(created.name).toBe('Tổ công đoàn Phân xưởng 1')
    expect(created.establishedOn).toBe(todayInVietnam())
    expect(created).toMatchObject({ sector: null, employerName: null, workersEmployed: null, depth: 3 })
  })

  it('refuses a code already in use with 409 on /code and writes nothing', async () => {
    const before = await subtreeSnapshot(ctx, tree.root)
    const response = await admin.post('/api/v1/unions', {
      code: tree.grassrootsA1.code,
      unitTypeId: ctx.types.grassroots,
      parentId: tree.districtB.id,
      name: 'Bản sao',
    })
    expect(response.statusCode).toBe(409)
    expect(response.headers['content-type']).toContain('application/problem+json')
    const problem = response.json<Problem>()
    expect(problem.code).toBe('duplicate')
    expect(problem.errors?.[0]?.field).toBe('/code')
    expect(problem.errors?.[0]?.message).toBe('Giá trị này đã được sử dụng')
    expect(await subtreeSnapshot(ctx, tree.root)).toEqual(before)
  })
})

describe('GET /api/v1/unions/:id', () => {
  it('returns the union with a strong ETag of its version', async () => {
    const response = await admin.get(`/api/v1/unions/${tree.grassrootsA1.id}`)
    expect(response.statusCode).toBe(200)
    const union = response.json<Union>()
    expect(response.headers.etag).toBe(`"${union.version}"`)
    expect(union).toMatchObject({ id: tree.grassrootsA1.id, code: tree.grassrootsA1.code, name: 'Công ty TNHH May Phúc Thọ', parentId: tree.districtA.id })
  })
})

/* ---------- update ---------- */

describe('PATCH /api/v1/unions/:id', () => {
  let unit: CreatedUnion

  beforeAll(async () => {
    unit = await createUnion(ctx, { parent: tree.districtB, name: 'Công ty TNHH Cơ khí Đông Anh', employerName: 'Cơ khí Đông Anh' })
  })

  it('updates with If-Match: 200, a new ETag, version + 1, an updated event and an audit diff', async () => {
    const { union: before, etag } = await readUnion(admin, unit.id)
    expect(etag).toBe('"1"')
    const response = await admin.patch(
      `/api/v1/unions/${unit.id}`,
      { name: 'Công ty TNHH Cơ khí Đông Anh (đổi tên)', workersEmployed: 310, sectorKind: 'foreign_invested', address: ' Xã Đông Anh ' },
      { 'if-match': etag },
    )
    expect(response.statusCode, response.body).toBe(200)
    expect(response.headers.etag).toBe('"2"')
    const updated = response.json<Union>()
    expect(updated).toMatchObject({
      name: 'Công ty TNHH Cơ khí Đông Anh (đổi tên)',
      workersEmployed: 310,
      sector: 'non_state',
      sectorKind: 'foreign_invested',
      address: 'Xã Đông Anh',
      employerName: 'Cơ khí Đông Anh',
      version: before.version + 1,
    })
    expect(Date.parse(updated.updatedAt)).toBeGreaterThanOrEqual(Date.parse(before.updatedAt))
    expect((await readUnion(admin, unit.id)).union).toEqual(updated)

    const [event] = await historyOf(admin, unit.id)
    expect(event?.kind).toBe('updated')
    expect(event?.details.fields).toEqual(expect.arrayContaining(['name', 'workersEmployed', 'sectorKind', 'address']))

    const audit = await auditOf(unit.id)
    expect(audit.at(-1)).toMatchObject({
      action: 'union.update',
      actor_user_id: admin.user.id,
      before: { name: 'Công ty TNHH Cơ khí Đông Anh', workersEmployed: null },
      after: { name: 'Công ty TNHH Cơ khí Đông Anh (đổi tên)', workersEmployed: 310 },
    })
  })

  it('clears an optional field with null', async () => {
    const { etag } = await readUnion(admin, unit.id)
    const response = await admin.patch(`/api/v1/unions/${unit.id}`, { address: null }, { 'if-match': etag })
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json<Union>().address).toBeNull()
  })

  it('accepts a weak ETag in If-Match', async () => {
    const { union } = await readUnion(admin, unit.id)
    const response = await admin.patch(`/api/v1/unions/${unit.id}`, { phone: '0912 345 678' }, { 'if-match': `W/"${union.version}"` })
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json<Union>().version).toBe(union.version + 1)
  })

  it('refuses a stale If-Match with 412 and leaves the union unchanged', async () => {
    const { union: current } = await readUnion(admin, unit.id)
    const snapshot = await subtreeSnapshot(ctx, tree.root)
    const response = await admin.patch(`/api/v1/unions/${unit.id}`, { name: 'Ghi đè' }, { 'if-match': `"${current.version - 1}"` })
    expect(response.statusCode).toBe(412)
    expect(response.headers['content-type']).toContain('application/problem+json')
    expect(response.json<Problem>().code).toBe('precondition_failed')
    expect((await readUnion(admin, unit.id)).union).toEqual(current)
    expect(await subtreeSnapshot(ctx, tree.root)).toEqual(snapshot)
  })

  it('refuses a missing If-Match with 428', async () => {
    const snapshot = await subtreeSnapshot(ctx, tree.root)
    const response = await admin.patch(`/api/v1/unions/${unit.id}`, { name: 'Ghi đè' })
    expect(response.statusCode).toBe(428)
    expect(response.json<Problem>().code).toBe('precondition_required')
    expect(await subtreeSnapshot(ctx, tree.root)).toEqual(snapshot)
  })

  it('refuses a code already used by another union with 409 on /code', async () => {
    const { etag } = await readUnion(admin, unit.id)
    const snapshot = await subtreeSnapshot(ctx, tree.root)
    const response = await admin.patch(`/api/v1/unions/${unit.id}`, { code: tree.grassrootsA2.code }, { 'if-match': etag })
    expect(response.statusCode).toBe(409)
    const problem = response.json<Problem>()
    expect(problem.code).toBe('duplicate')
    expect(problem.errors?.[0]?.field).toBe('/code')
    expect(await subtreeSnapshot(ctx, tree.root)).toEqual(snapshot)
  })
})

/* ---------- list, search, pagination, children ---------- */

describe('GET /api/v1/unions', () => {
  // A tree of its own, so counts here don't depend on what other tests create.
  let lt: Awaited<ReturnType<typeof createTree>>
  let reader: Client
  let hospital: CreatedUnion
  let road: CreatedUnion
  let closed: CreatedUnion

  beforeAll(async () => {
    lt = await createTree(ctx)
    reader = await loginAs(ctx, 'admin', lt.root)
    hospital = await createUnion(ctx, { parent: lt.districtB, name: 'Bệnh viện Đa khoa Thanh Trì', sector: 'state' })
    road = await createUnion(ctx, { parent: lt.districtB, name: 'Công ty CP Đường bộ Hà Nội', employerName: 'Tổng công ty Xây dựng Cầu Thăng Long' })
    closed = await createUnion(ctx, { parent: lt.districtB, name: 'Công ty TNHH Giải thể Sớm' })
    const dissolved = await reader.post(`/api/v1/unions/${closed.id}/dissolve`, { effectiveDate: '2024-06-01', reason: 'Doanh nghiệp giải thể' })
    expect(dissolved.statusCode, dissolved.body).toBe(200)
    for (const [unit, year, grade] of [
      [lt.grassrootsA1, 2024, 'good'],
      [lt.grassrootsB1, 2024, 'completed'],
      [lt.grassrootsA2, 2023, 'strong'],
    ] as const) {
      const rated = await rate(reader, unit.id, year, grade)
      expect(rated.statusCode, rated.body).toBe(201)
    }
  })

  it("lists the caller's whole scope, the root included, sorted by name without diacritics", async () => {
    const { items } = await page(reader, 'limit=500')
    expect(items).toHaveLength(9)
    expect(idsOf(items)).toContain(lt.root.id)
    const keys = namesOf(items).map((name) => name.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase())
    expect(keys).toEqual([...keys].sort())
  })

  it('filters by under: the subtree without the unit itself', async () => {
    expect(namesOf((await page(reader, `under=${lt.districtA.id}`)).items)).toEqual(['Công ty TNHH May Phúc Thọ', 'Trường Mầm non Võng Xuyên'])
    expect((await page(reader, `under=${lt.root.id}`)).items).toHaveLength(8)
  })

  it('filters by unit type', async () => {
    const { items } = await page(reader, `unitTypeId=${ctx.types.district_federation}`)
    expect(idsOf(items).sort()).toEqual([lt.districtA.id, lt.districtB.id].sort())
  })

  it('filters grassroots and non-grassroots units', async () => {
    const grassroots = (await page(reader, 'grassroots=true')).items
    expect(idsOf(grassroots).sort()).toEqual([lt.grassrootsA1.id, lt.grassrootsA2.id, lt.grassrootsB1.id, hospital.id, road.id, closed.id].sort())
    expect(grassroots.every((union) => union.unitType.isGrassroots)).toBe(true)
    const others = (await page(reader, 'grassroots=false')).items
    expect(idsOf(others).sort()).toEqual([lt.root.id, lt.districtA.id, lt.districtB.id].sort())
  })

  it('filters by sector', async () => {
    expect(namesOf((await page(reader, 'sector=state')).items)).toEqual(['Bệnh viện Đa khoa Thanh Trì', 'Trường Mầm non Võng Xuyên'])
    expect((await page(reader, 'sector=non_state')).items).toHaveLength(4)
  })

  it('filters by status', async () => {
    const dissolved = (await page(reader, 'status=dissolved')).items
    expect(idsOf(dissolved)).toEqual([closed.id])
    expect(dissolved[0]).toMatchObject({ status: 'dissolved', statusEffectiveDate: '2024-06-01', statusReason: 'Doanh nghiệp giải thể' })
    const active = (await page(reader, 'status=active')).items
    expect(active).toHaveLength(8)
    expect(idsOf(active)).not.toContain(closed.id)
  })

  it('combines filters', async () => {
    const { items } = await page(reader, `under=${lt.districtB.id}&grassroots=true&status=active&sector=non_state`)
    expect(idsOf(items).sort()).toEqual([lt.grassrootsB1.id, road.id].sort())
  })

  it('filters by rating year and grade (current ratings only)', async () => {
    expect(idsOf((await page(reader, 'ratingYear=2024')).items).sort()).toEqual([lt.grassrootsA1.id, lt.grassrootsB1.id].sort())
    expect(idsOf((await page(reader, 'ratingYear=2024&ratingGrade=good')).items)).toEqual([lt.grassrootsA1.id])
    expect(idsOf((await page(reader, 'ratingGrade=strong')).items)).toEqual([lt.grassrootsA2.id])
    expect((await page(reader, 'ratingYear=2022')).items).toEqual([])
    expect((await page(reader, 'ratingYear=2023&ratingGrade=good')).items).toEqual([])
  })

  describe('q: accent-insensitive search over name, code and employer', () => {
    it('"phuc tho" finds "Phúc Thọ"', async () => {
      const names = namesOf((await page(reader, q('phuc tho'))).items)
      expect(names.sort()).toEqual(['Công ty TNHH May Phúc Thọ', 'LĐLĐ huyện Phúc Thọ thử'])
    })

    it('"thai son" finds "Thái Sơn" and nothing else', async () => {
      expect(namesOf((await page(reader, q('thai son'))).items)).toEqual(['Công ty Cổ phần Thái Sơn'])
    })

    it('"duong" finds "Đường" (đ is d), in any letter case', async () => {
      expect(idsOf((await page(reader, q('duong'))).items)).toEqual([road.id])
      expect(idsOf((await page(reader, q('ĐƯỜNG BỘ'))).items)).toEqual([road.id])
      expect(idsOf((await page(reader, q('DUONG'))).items)).toEqual([road.id])
    })

    it('matches a code and an employer name', async () => {
      expect(idsOf((await page(reader, q(lt.grassrootsA1.code.toLowerCase()))).items)).toEqual([lt.grassrootsA1.id])
      expect(idsOf((await page(reader, q('cau thang long'))).items)).toEqual([road.id])
    })

    it('combines with filters', async () => {
      expect(namesOf((await page(reader, `${q('phuc tho')}&grassroots=true`)).items)).toEqual(['Công ty TNHH May Phúc Thọ'])
    })

    it('falls back to typo-tolerant matching only when nothing matches exactly', async () => {
      const names = namesOf((await page(reader, q('phuc thp'))).items)
      expect(names).toContain('Công ty TNHH May Phúc Thọ')
      expect(names).not.toContain('Công ty Cổ phần Thái Sơn')
    })

    it('treats % and _ as plain characters', async () => {
      expect((await page(reader, q('%'))).items).toEqual([])
      expect((await page(reader, q('_'))).items).toEqual([])
      // Short enough that the typo fallback (4+ characters) doesn't apply: unescaped, these would match "cong ty".
      expect((await page(reader, q('c%g'))).items).toEqual([])
      expect((await page(reader, q('c_n'))).items).toEqual([])
    })

    it('finds nothing for a word that is nowhere', async () => {
      expect(await page(reader, q('xyzzyqwvk'))).toEqual({ items: [], nextCursor: null })
    })
  })

  describe('cursor pagination', () => {
    it('limit=2 walks every item exactly once, ending with nextCursor null', async () => {
      const all = (await page(reader, 'limit=500')).items
      const walked = await walk(reader, '', 2)
      expect(idsOf(walked.items)).toEqual(idsOf(all))
      expect(new Set(idsOf(walked.items)).size).toBe(all.length)
      expect(walked.pages).toBe(Math.ceil(all.length / 2))
    })

    it('pages through a filtered list', async () => {
      const all = (await page(reader, 'grassroots=true&limit=500')).items
      const walked = await walk(reader, 'grassroots=true', 4)
      expect(idsOf(walked.items)).toEqual(idsOf(all))
    })

    it('pages through search results, exact and typo-tolerant', async () => {
      const exact = (await page(reader, `${q('cong')}&limit=500`)).items
      expect(exact.length).toBeGreaterThan(2)
      expect(idsOf((await walk(reader, q('cong'), 1)).items)).toEqual(idsOf(exact))
      const fuzzy = (await page(reader, `${q('phuc thp')}&limit=500`)).items
      expect(idsOf((await walk(reader, q('phuc thp'), 1)).items)).toEqual(idsOf(fuzzy))
    })

    it('answers the exact page size and no cursor when the last page is full', async () => {
      const first = await page(reader, 'limit=9')
      expect(first.items).toHaveLength(9)
      expect(first.nextCursor).toBeNull()
    })
  })

  describe('children', () => {
    it('lists direct children only, with the count on the parent', async () => {
      const response = await reader.get(`/api/v1/unions/${lt.districtA.id}/children`)
      expect(response.statusCode).toBe(200)
      const { items, nextCursor } = response.json<PageOf<Union>>()
      expect(namesOf(items)).toEqual(['Công ty TNHH May Phúc Thọ', 'Trường Mầm non Võng Xuyên'])
      expect(items.every((child) => child.parentId === lt.districtA.id)).toBe(true)
      expect(nextCursor).toBeNull()
      expect((await readUnion(reader, lt.districtA.id)).union.childCount).toBe(2)
      const rootChildren = (await reader.get(`/api/v1/unions/${lt.root.id}/children`)).json<PageOf<Union>>().items
      expect(idsOf(rootChildren).sort()).toEqual([lt.districtA.id, lt.districtB.id].sort())
    })

    it('filters children by status and pages them', async () => {
      const active = (await reader.get(`/api/v1/unions/${lt.districtB.id}/children?status=active`)).json<PageOf<Union>>().items
      expect(idsOf(active).sort()).toEqual([lt.grassrootsB1.id, hospital.id, road.id].sort())
      const first = (await reader.get(`/api/v1/unions/${lt.districtB.id}/children?limit=3`)).json<PageOf<Union>>()
      expect(first.items).toHaveLength(3)
      expect(first.nextCursor).not.toBeNull()
      const second = (
        await reader.get(`/api/v1/unions/${lt.districtB.id}/children?limit=3&cursor=${encodeURIComponent(first.nextCursor ?? '')}`)
      ).json<PageOf<Union>>()
      expect(second.nextCursor).toBeNull()
      expect(new Set([...idsOf(first.items), ...idsOf(second.items)])).toEqual(new Set([lt.grassrootsB1.id, hospital.id, road.id, closed.id]))
    })

    it('answers 404 for the children of a union outside the scope', async () => {
      const response = await reader.get(`/api/v1/unions/${tree.root.id}/children`)
      expect(response.statusCode).toBe(404)
    })
  })
})

/* ---------- history ---------- */

describe('GET /api/v1/unions/:id/history', () => {
  it('lists the events newest first and pages them', async () => {
    const created = await admin.post('/api/v1/unions', {
      code: newCode('HIS'),
      unitTypeId: ctx.types.grassroots,
      parentId: tree.districtB.id,
      name: 'Công ty TNHH Lịch sử',
      establishedOn: '2019-01-01',
    })
    expect(created.statusCode, created.body).toBe(201)
    const id = created.json<Union>().id
    const updated = await admin.patch(`/api/v1/unions/${id}`, { workersEmployed: 40 }, { 'if-match': String(created.headers.etag) })
    expect(updated.statusCode, updated.body).toBe(200)
    expect((await rate(admin, id, 2024, 'completed')).statusCode).toBe(201)

    const events = await historyOf(admin, id)
    expect(events.map((event) => event.kind)).toEqual(['rated', 'updated', 'created'])
    const times = events.map((event) => Date.parse(event.recordedAt))
    expect(times).toEqual([...times].sort((a, b) => b - a))
    expect(events[0]?.details).toMatchObject({ year: 2024, gradeCode: 'completed' })

    const first = (await admin.get(`/api/v1/unions/${id}/history?limit=2`)).json<PageOf<UnionEvent>>()
    expect(first.items.map((event) => event.kind)).toEqual(['rated', 'updated'])
    const second = (
      await admin.get(`/api/v1/unions/${id}/history?limit=2&cursor=${encodeURIComponent(first.nextCursor ?? '')}`)
    ).json<PageOf<UnionEvent>>()
    expect(second).toMatchObject({ items: [expect.objectContaining({ kind: 'created' })], nextCursor: null })
  })
})

/* ---------- ratings ---------- */

describe('ratings', () => {
  let unit: CreatedUnion

  beforeAll(async () => {
    unit = await createUnion(ctx, { parent: tree.districtA, name: 'Công ty TNHH Xếp loại', establishedOn: '2018-03-01' })
  })

  it('rates 2023 on the vgcl_2013 scale', async () => {
    const response = await rate(admin, unit.id, 2023, 'strong', 'Đạt chỉ tiêu')
    expect(response.statusCode, response.body).toBe(201)
    expect(response.json<Rating>()).toMatchObject({
      unionId: unit.id,
      year: 2023,
      scaleCode: 'vgcl_2013',
      gradeCode: 'strong',
      gradeLabel: 'Vững mạnh',
      isStrong: true,
      note: 'Đạt chỉ tiêu',
      ratedByName: 'Người dùng admin',
      supersededAt: null,
    })
  })

  it('rates 2024 on the vgcl_2024 scale', async () => {
    const response = await rate(admin, unit.id, 2024, 'good')
    expect(response.statusCode, response.body).toBe(201)
    expect(response.json<Rating>()).toMatchObject({ year: 2024, scaleCode: 'vgcl_2024', gradeCode: 'good', gradeLabel: 'Hoàn thành tốt nhiệm vụ', isStrong: true, note: null })
  })

  it('re-rating a year keeps the old rating with supersededAt set', async () => {
    const response = await rate(admin, unit.id, 2024, 'excellent')
    expect(response.statusCode, response.body).toBe(201)
    const list = await admin.get(`/api/v1/unions/${unit.id}/ratings`)
    expect(list.statusCode).toBe(200)
    const items = list.json<{ items: Rating[] }>().items
    const of2024 = items.filter((rating) => rating.year === 2024)
    expect(of2024).toHaveLength(2)
    const current = of2024.filter((rating) => rating.supersededAt === null)
    expect(current.map((rating) => rating.gradeCode)).toEqual(['excellent'])
    expect(of2024.find((rating) => rating.gradeCode === 'good')?.supersededAt).toEqual(expect.any(String))
    expect(items.find((rating) => rating.year === 2023)).toMatchObject({ gradeCode: 'strong', supersededAt: null })
    expect((await readUnion(admin, unit.id)).union.latestRating).toEqual({ year: 2024, gradeCode: 'excellent', gradeLabel: 'Hoàn thành xuất sắc nhiệm vụ' })
    // The list filter only sees the current rating of the year.
    expect(idsOf((await page(admin, `ratingYear=2024&ratingGrade=good&under=${tree.districtA.id}`)).items)).not.toContain(unit.id)
    expect(idsOf((await page(admin, `ratingYear=2024&ratingGrade=excellent&under=${tree.districtA.id}`)).items)).toContain(unit.id)
  })

  it('accepts every grade of the scale of its year', async () => {
    for (const scale of RATING_SCALES) {
      const year = scale.code === 'vgcl_2013' ? 2021 : 2025
      for (const grade of scale.grades) {
        const response = await rate(admin, unit.id, year, grade.code)
        expect(response.statusCode, response.body).toBe(201)
        expect(response.json<Rating>()).toMatchObject({ scaleCode: scale.code, gradeCode: grade.code, gradeLabel: grade.label, isStrong: grade.isStrong })
      }
    }
    const items = (await admin.get(`/api/v1/unions/${unit.id}/ratings`)).json<{ items: Rating[] }>().items
    for (const year of [2021, 2023, 2024, 2025]) {
      expect(items.filter((rating) => rating.year === year && rating.supersededAt === null)).toHaveLength(1)
    }
  })

  it('refuses a grade from the wrong scale with 422 on /gradeCode, writing nothing', async () => {
    const snapshot = await subtreeSnapshot(ctx, tree.root)
    for (const [year, grade] of [
      [2023, 'good'],
      [2024, 'strong'],
    ] as const) {
      const response = await rate(admin, unit.id, year, grade)
      expect(response.statusCode).toBe(422)
      const problem = response.json<Problem>()
      expect(problem.code).toBe('validation_failed')
      expect(problem.errors?.[0]?.field).toBe('/gradeCode')
    }
    expect(await subtreeSnapshot(ctx, tree.root)).toEqual(snapshot)
  })

  it('refuses to rate a unit that is not a grassroots union with 422', async () => {
    const snapshot = await subtreeSnapshot(ctx, tree.root)
    const response = await rate(admin, tree.districtA.id, 2024, 'good')
    expect(response.statusCode).toBe(422)
    expect(response.json<Problem>().errors?.[0]).toMatchObject({ code: 'not_grassroots', message: 'Chỉ áp dụng cho Công đoàn cơ sở' })
    expect(await subtreeSnapshot(ctx, tree.root)).toEqual(snapshot)
  })
})

/* ---------- reference data and /me ---------- */

describe('reference data', () => {
  it('GET /unit-types lists every seeded type', async () => {
    const response = await admin.get('/api/v1/unit-types')
    expect(response.statusCode).toBe(200)
    const items = response.json<{ items: UnitType[] }>().items
    for (const type of UNIT_TYPES) {
      expect(items).toContainEqual(expect.objectContaining({ code: type.code, name: type.name, level: type.level, isGrassroots: type.isGrassroots }))
    }
    expect(items.filter((type) => type.isGrassroots).map((type) => type.code)).toContain('grassroots')
  })

  it('GET /rating-scales lists both scales with their grades in rank order', async () => {
    const viewer = await loginAs(ctx, 'viewer', tree.grassrootsA1)
    const response = await viewer.get('/api/v1/rating-scales')
    expect(response.statusCode).toBe(200)
    const scales = response.json<{ items: RatingScale[] }>().items
    expect(scales.find((scale) => scale.code === 'vgcl_2013')).toMatchObject({
      fromYear: 2013,
      toYear: 2023,
      grades: ['excellent_strong', 'strong', 'fair', 'average', 'weak'].map((code) => expect.objectContaining({ code })),
    })
    expect(scales.find((scale) => scale.code === 'vgcl_2024')).toMatchObject({
      fromYear: 2024,
      toYear: null,
      grades: ['excellent', 'good', 'completed', 'not_completed'].map((code) => expect.objectContaining({ code })),
    })
  })

  it('only an admin may add a unit type', async () => {
    const officer = await loginAs(ctx, 'federation_officer', tree.root)
    const response = await officer.post('/api/v1/unit-types', { code: 'crud_forbidden', name: 'Cấm', nameEn: 'Forbidden', level: 4, isGrassroots: false })
    expect(response.statusCode).toBe(403)
    expect(response.json<Problem>().code).toBe('forbidden')
    const types = (await admin.get('/api/v1/unit-types')).json<{ items: UnitType[] }>().items
    expect(types.map((type) => type.code)).not.toContain('crud_forbidden')
  })
})

describe('GET /api/v1/me', () => {
  it('returns the signed-in account without any password field', async () => {
    const response = await admin.get('/api/v1/me')
    expect(response.statusCode).toBe(200)
    const me = response.json<User>()
    expect(me).toMatchObject({
      id: admin.user.id,
      email: admin.user.email,
      role: 'admin',
      unionId: tree.root.id,
      unionName: tree.root.name,
      status: 'active',
      lastLoginAt: expect.any(String) as unknown,
    })
    expect(response.body).not.toMatch(/password/i)
  })

  it('answers 401 without a token', async () => {
    const response = await ctx.app.inject({ url: '/api/v1/me' })
    expect(response.statusCode).toBe(401)
    expect(response.headers['content-type']).toContain('application/problem+json')
  })
})
