import { type Agreement, type AgreementGrade, type PageOf, type Problem, favourableTermCount } from '@liendoan/contracts'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { unions } from '../src/db/schema/index.js'
import { type Client, type TestContext, createUnion, loginAs, queryRows } from './helpers/app.js'
import {
  type AgreementTree,
  addDays,
  addYears,
  agreementBody,
  agreementIn,
  createAgreement,
  createAgreementTree,
  createAgreementsTestApp,
  currentDates,
  readAgreement,
  signedBody,
  today,
  transition,
} from './helpers/agreements.js'

/** Agreements: creation and its rules (the term rule above all), edits with If-Match, the list. */

let ctx: TestContext
let tree: AgreementTree
let officer: Client
let federation: Client

beforeAll(async () => {
  ctx = await createAgreementsTestApp()
  tree = await createAgreementTree(ctx)
  officer = await loginAs(ctx, 'union_officer', tree.grassrootsA1)
  federation = await loginAs(ctx, 'federation_officer', tree.districtA)
})
afterAll(async () => {
  await ctx.close()
})

const employer = (label: string) => `Công ty TNHH ${label} ${Math.random().toString(36).slice(2, 8)}`

describe('grades', () => {
  it('are the seeded scheme, in order', async () => {
    const response = await officer.get('/api/v1/agreement-grades')
    expect(response.statusCode).toBe(200)
    const items = response.json<{ items: AgreementGrade[] }>().items
    expect(items.map((grade) => [grade.code, grade.minFavourableTerms])).toEqual([
      ['A', 5],
      ['B', 3],
      ['C', 1],
      ['D', 0],
    ])
    expect(items[0]?.name).toBe('Loại A')
    expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/agreement-grades' })).statusCode).toBe(401)
  })
})

describe('create', () => {
  it('records a negotiating agreement with the union’s employer, terms filled and counted', async () => {
    const response = await officer.post('/api/v1/agreements', agreementBody(tree.grassrootsA1))
    expect(response.statusCode, response.body).toBe(201)
    const agreement = response.json<Agreement>()
    expect(response.headers.etag).toBe('"1"')
    expect(response.headers.location).toBe(`/api/v1/agreements/${agreement.id}`)
    expect(agreement).toMatchObject({
      kind: 'enterprise',
      status: 'negotiating',
      union: { id: tree.grassrootsA1.id, name: tree.grassrootsA1.name, sector: 'non_state' },
      employerName: `Công ty TNHH May Thương Lượng A1 ${tree.tag}`,
      signedOn: null,
      effectiveOn: null,
      expiresOn: null,
      grade: null,
      replaces: null,
      replacedBy: null,
      documentCount: 0,
      version: 1,
    })
    expect(agreement.employerTaxCode).toMatch(/^01\d{8}$/)
    expect(agreement.terms).toEqual({
      wageAboveMinimumPercent: 8,
      annualRaisePercent: null,
      tetBonusTenthsOfMonth: 10,
      mealAllowanceVnd: 30000,
      allowances: [{ name: 'Phụ cấp nhà ở', amountVnd: 500000 }],
      extraLeaveDays: null,
      healthCheckupsPerYear: null,
      extraInsurance: false,
      otherTerms: null,
    })
    expect(agreement.favourableTerms).toBe(favourableTermCount(agreement.terms))
    expect(agreement.favourableTerms).toBe(4)
    // Terminate it so the union + employer place is free for the other tests.
    await transition(officer, agreement.id, 'termination', { terminatedOn: today(), reason: 'Dọn dữ liệu thử' })
  })

  it('records a signed agreement with its dates, and refuses a second one on its way for the same employer', async () => {
    const name = employer('Hai Thỏa Ước')
    const first = await createAgreement(officer, signedBody(tree.grassrootsA1, { employerName: name }))
    expect(first).toMatchObject({ status: 'signed', ...currentDates(), employerName: name, employerTaxCode: null })
    const second = await officer.post('/api/v1/agreements', agreementBody(tree.grassrootsA1, { employerName: name.toUpperCase() }))
    expect(second.statusCode).toBe(409)
    expect(second.headers['content-type']).toContain('application/problem+json')
    const problem = second.json<Problem>()
    expect(problem.code).toBe('conflict')
    expect(problem.detail).toContain('Công đoàn cơ sở này đã có một thỏa ước')
    // Another employer of the same union is another place.
    expect((await officer.post('/api/v1/agreements', agreementBody(tree.grassrootsA1, { employerName: employer('Khác') }))).statusCode).toBe(201)
  })

  it('refuses a union that is not grassroots, an inactive one, and an employer nobody named', async () => {
    const admin = await loginAs(ctx, 'admin', tree.root)
    const district = await admin.post('/api/v1/agreements', agreementBody(tree.districtA, { employerName: employer('Huyện') }))
    expect(district.statusCode).toBe(422)
    expect(district.json<Problem>().errors).toEqual([expect.objectContaining({ field: '/unionId', code: 'grassroots_required', message: 'Phải chọn một Công đoàn cơ sở' })])

    const dissolved = await createUnion(ctx, { parent: tree.districtA, name: 'CĐCS đã giải thể', employerName: 'Công ty đã giải thể' })
    await ctx.db.update(unions).set({ status: 'dissolved', statusEffectiveDate: '2024-01-01' }).where(sql`${unions.id} = ${dissolved.id}`)
    const inactive = await admin.post('/api/v1/agreements', agreementBody(dissolved))
    expect(inactive.statusCode).toBe(422)
    expect(inactive.json<Problem>().errors?.[0]).toMatchObject({ field: '/unionId', code: 'union_not_active' })

    const noEmployer = await createUnion(ctx, { parent: tree.districtA, name: 'CĐCS chưa có tên chủ doanh nghiệp' })
    const missing = await admin.post('/api/v1/agreements', agreementBody(noEmployer))
    expect(missing.statusCode).toBe(422)
    expect(missing.json<Problem>().errors?.[0]).toMatchObject({ field: '/employerName', code: 'employer_required' })
    expect(missing.json<Problem>().errors?.[0]?.message).toContain('người sử dụng lao động')
  })

  it('wants the three dates for a signed agreement and none for a negotiating one', async () => {
    const incomplete = await officer.post('/api/v1/agreements', agreementBody(tree.grassrootsA1, { employerName: employer('Thiếu Ngày'), status: 'signed', signedOn: today() }))
    expect(incomplete.statusCode).toBe(422)
    expect(incomplete.json<Problem>().errors?.map((error) => [error.field, error.code])).toEqual([
      ['/effectiveOn', 'required'],
      ['/expiresOn', 'required'],
    ])
    const early = await officer.post('/api/v1/agreements', agreementBody(tree.grassrootsA1, { employerName: employer('Sớm'), ...currentDates() }))
    expect(early.statusCode).toBe(422)
    expect(early.json<Problem>().errors?.map((error) => error.code)).toEqual(['signing_dates_not_allowed', 'signing_dates_not_allowed', 'signing_dates_not_allowed'])
  })

  describe('the term rule (one to three years, Labour Code 2019 Art. 78)', () => {
    const effectiveOn = '2024-03-01'
    const cases = [
      { name: 'exactly three years is accepted', expiresOn: '2027-02-28', status: 201 },
      { name: 'three years and a day is refused', expiresOn: '2027-03-01', status: 422, field: '/expiresOn', code: 'term_too_long' },
      { name: 'exactly one year is accepted', expiresOn: '2025-02-28', status: 201 },
      { name: 'under one year is refused', expiresOn: '2025-02-27', status: 422, field: '/expiresOn', code: 'term_too_short' },
      { name: 'expiry before the effective date is refused', expiresOn: '2024-02-01', status: 422, field: '/expiresOn', code: 'term_too_short' },
    ]
    it.each(cases)('$name', async ({ expiresOn, status, field, code }) => {
      const response = await officer.post(
        '/api/v1/agreements',
        agreementBody(tree.grassrootsA1, { employerName: employer('Thời Hạn'), status: 'signed', signedOn: '2024-02-15', effectiveOn, expiresOn }),
      )
      expect(response.statusCode, response.body).toBe(status)
      if (status === 422) expect(response.json<Problem>().errors).toEqual([expect.objectContaining({ field, code })])
    })

    it('refuses an effective date before the signing date and a signing date in the future, in Vietnamese by default', async () => {
      const outOfOrder = await officer.post(
        '/api/v1/agreements',
        agreementBody(tree.grassrootsA1, { employerName: employer('Đảo Ngày'), status: 'signed', signedOn: '2024-03-10', effectiveOn: '2024-03-01', expiresOn: '2026-02-28' }),
      )
      expect(outOfOrder.statusCode).toBe(422)
      expect(outOfOrder.json<Problem>().errors).toEqual([
        { field: '/effectiveOn', code: 'effective_before_signed', message: 'Ngày có hiệu lực không được trước ngày ký' },
      ])
      const tomorrow = addDays(today(), 1)
      const future = await officer.request({
        method: 'POST',
        url: '/api/v1/agreements',
        payload: agreementBody(tree.grassrootsA1, { employerName: employer('Tương Lai'), status: 'signed', signedOn: tomorrow, effectiveOn: tomorrow, expiresOn: addYears(tomorrow, 2) }),
        headers: { 'accept-language': 'en' },
      })
      expect(future.statusCode).toBe(422)
      expect(future.json<Problem>().errors).toEqual([{ field: '/signedOn', code: 'future_date', message: 'Date must not be in the future' }])
      const longTerm = await officer.post(
        '/api/v1/agreements',
        agreementBody(tree.grassrootsA1, { employerName: employer('Dài Hạn'), status: 'signed', signedOn: '2024-02-15', effectiveOn: '2024-03-01', expiresOn: '2028-01-01' }),
      )
      expect(longTerm.json<Problem>().errors?.[0]?.message).toBe('Thời hạn thỏa ước không được quá 3 năm (Bộ luật Lao động 2019, Điều 78)')
    })
  })

  it('honours Idempotency-Key: the same key and body replays the first response', async () => {
    const body = agreementBody(tree.grassrootsA2)
    const key = `agreement-${Date.now()}`
    const first = await officer.post('/api/v1/agreements', body, { 'idempotency-key': key })
    // A union officer of A1 does not see A2: 404. Keys belong to an account, so the federation's first use is its own.
    expect(first.statusCode).toBe(404)
    const firstOk = await federation.post('/api/v1/agreements', body, { 'idempotency-key': key })
    expect(firstOk.statusCode).toBe(201)
    const replay = await federation.post('/api/v1/agreements', body, { 'idempotency-key': key })
    expect(replay.statusCode).toBe(201)
    expect(replay.headers['idempotent-replayed']).toBe('true')
    expect(replay.json<Agreement>().id).toBe(firstOk.json<Agreement>().id)
    const [count] = await queryRows<{ n: number }>(ctx, sql`SELECT count(*)::int AS n FROM agreements WHERE union_id = ${tree.grassrootsA2.id}`)
    expect(count?.n).toBe(1)
    const other = await federation.post('/api/v1/agreements', { ...body, title: 'Một thỏa ước khác hẳn' }, { 'idempotency-key': key })
    expect(other.statusCode).toBe(422)
    expect(other.json<Problem>().code).toBe('idempotency_key_reused')
    await transition(federation, firstOk.json<Agreement>().id, 'termination', { terminatedOn: today(), reason: 'Dọn dữ liệu thử' })
  })
})

describe('update', () => {
  it('needs If-Match (428 without, 412 stale), replaces terms whole and keeps the count in step', async () => {
    const created = await createAgreement(officer, agreementBody(tree.grassrootsA1, { employerName: employer('Sửa') }))
    const url = `/api/v1/agreements/${created.id}`
    expect((await officer.patch(url, { title: 'Tên mới của thỏa ước' })).statusCode).toBe(428)
    expect((await officer.patch(url, { title: 'Tên mới của thỏa ước' }, { 'if-match': '"7"' })).statusCode).toBe(412)
    const response = await officer.patch(url, { title: 'Tên mới của thỏa ước', terms: { extraInsurance: true, extraLeaveDays: 2 } }, { 'if-match': '"1"' })
    expect(response.statusCode, response.body).toBe(200)
    expect(response.headers.etag).toBe('"2"')
    const updated = response.json<Agreement>()
    expect(updated.title).toBe('Tên mới của thỏa ước')
    expect(updated.terms).toMatchObject({ wageAboveMinimumPercent: null, allowances: [], extraInsurance: true, extraLeaveDays: 2 })
    expect(updated.favourableTerms).toBe(2)
    const [stored] = await queryRows<{ favourable_terms: number }>(ctx, sql`SELECT favourable_terms FROM agreements WHERE id = ${created.id}`)
    expect(stored?.favourable_terms).toBe(2)
    // Dates wait for the signing.
    const dates = await officer.patch(url, { expiresOn: '2027-01-01' }, { 'if-match': '"2"' })
    expect(dates.statusCode).toBe(422)
    expect(dates.json<Problem>().errors?.[0]).toMatchObject({ field: '/expiresOn', code: 'signing_dates_not_allowed' })
    expect((await officer.patch(url, {}, { 'if-match': '"2"' })).statusCode).toBe(400)
    const timeline = await officer.get(`${url}/timeline`)
    expect(timeline.json<{ items: { kind: string; detail: string | null }[] }>().items.map((event) => event.kind)).toEqual(['created', 'updated'])
  })

  it('checks dates again once signed, also against the entry into force, and refuses edits of a final agreement', async () => {
    const inForce = await agreementIn(ctx, 'in_force', tree.grassrootsA1, officer, federation)
    const url = `/api/v1/agreements/${inForce.id}`
    const etag = { 'if-match': `"${inForce.version}"` }
    const tooLong = await officer.patch(url, { expiresOn: addYears(inForce.effectiveOn!, 3) }, etag)
    expect(tooLong.statusCode).toBe(422)
    expect(tooLong.json<Problem>().errors?.[0]).toMatchObject({ field: '/expiresOn', code: 'term_too_long' })
    const later = await officer.patch(url, { effectiveOn: addDays(inForce.inForceOn!, 1) }, etag)
    expect(later.statusCode).toBe(422)
    expect(later.json<Problem>().errors?.[0]).toMatchObject({ field: '/effectiveOn', code: 'after_in_force' })
    const longer = await officer.patch(url, { expiresOn: addDays(addYears(inForce.effectiveOn!, 3), -1), workersCovered: 500 }, etag)
    expect(longer.statusCode, longer.body).toBe(200)
    expect(longer.json<Agreement>()).toMatchObject({ workersCovered: 500, expiresOn: addDays(addYears(inForce.effectiveOn!, 3), -1) })

    const terminated = await agreementIn(ctx, 'terminated', tree.grassrootsA1, officer, federation)
    const final = await officer.patch(`/api/v1/agreements/${terminated.id}`, { notes: 'Ghi chú' }, { 'if-match': `"${terminated.version}"` })
    expect(final.statusCode).toBe(409)
    expect(final.json<Problem>().code).toBe('invalid_state')
  })
})

describe('list', () => {
  let listTree: AgreementTree
  let reader: Client
  const made: Record<string, Agreement> = {}

  beforeAll(async () => {
    listTree = await createAgreementTree(ctx)
    const writer = await loginAs(ctx, 'admin', listTree.root)
    reader = await loginAs(ctx, 'viewer', listTree.root)
    const assessor = await loginAs(ctx, 'federation_officer', listTree.root)
    made.negotiating = await createAgreement(writer, agreementBody(listTree.grassrootsA1, { title: 'Thỏa ước Đang thương lượng', employerName: 'Công ty Đang Bàn' }))
    made.signedOld = await createAgreement(
      writer,
      agreementBody(listTree.grassrootsA2, { title: 'Thỏa ước ký năm ngoái', employerName: 'Trường Mầm non Cũ', status: 'signed', signedOn: addYears(today(), -1), effectiveOn: addYears(today(), -1), expiresOn: addDays(addYears(today(), 1), -1) }),
    )
    made.soon = await createAgreement(
      writer,
      agreementBody(listTree.grassrootsB1, {
        title: 'Thỏa ước sắp hết hạn',
        employerName: 'Nhà máy Sắp Hết',
        status: 'signed',
        signedOn: addDays(addYears(today(), -1), -5),
        effectiveOn: addDays(addYears(today(), -1), 10),
        expiresOn: addDays(today(), 10),
      }),
    )
    made.soon = await transition(writer, made.soon.id, 'entry-into-force')
    made.later = await agreementIn(ctx, 'in_force', listTree.grassrootsA1, writer, assessor)
    const graded = await writer.request({ method: 'PUT', url: `/api/v1/agreements/${made.later.id}/grade`, payload: { grade: 'A' } })
    expect(graded.statusCode, graded.body).toBe(200)
  })

  async function list(query: string): Promise<PageOf<Agreement>> {
    const response = await reader.get(`/api/v1/agreements?under=${listTree.root.id}&${query}`)
    expect(response.statusCode, response.body).toBe(200)
    return response.json<PageOf<Agreement>>()
  }
  const ids = (page: PageOf<Agreement>) => page.items.map((item) => item.id)

  it('filters by status, union, sector, grade and signing dates', async () => {
    expect(ids(await list('status=in_force'))).toEqual(expect.arrayContaining([made.soon!.id, made.later!.id]))
    expect((await list('status=in_force')).items).toHaveLength(2)
    expect(ids(await list('status=negotiating&status=signed')).sort()).toEqual([made.negotiating!.id, made.signedOld!.id].sort())
    expect(ids(await list(`unionId=${listTree.grassrootsA2.id}`))).toEqual([made.signedOld!.id])
    expect(ids(await list('sector=state'))).toEqual([made.signedOld!.id])
    expect(ids(await list('grade=A'))).toEqual([made.later!.id])
    expect((await list('ungraded=true')).items).toHaveLength(3)
    expect(ids(await list(`signedFrom=${addYears(today(), -1)}&signedTo=${addYears(today(), -1)}`))).toEqual([made.signedOld!.id])
  })

  it('sorts newest signed first, then by expiry or title, with cursors that walk every row once', async () => {
    const recent = await list('')
    expect(ids(recent)).toEqual([made.later!.id, made.signedOld!.id, made.soon!.id, made.negotiating!.id])
    const walked: string[] = []
    for (const sort of ['recent', 'expiring', 'title']) {
      walked.length = 0
      let cursor: string | null = null
      do {
        const page: PageOf<Agreement> = await list(`sort=${sort}&limit=1${cursor ? `&cursor=${cursor}` : ''}`)
        walked.push(...ids(page))
        cursor = page.nextCursor
      } while (cursor)
      expect(walked).toHaveLength(4)
      expect(new Set(walked).size).toBe(4)
      if (sort === 'expiring') expect(walked).toEqual([made.soon!.id, made.signedOld!.id, made.later!.id, made.negotiating!.id])
      // Accent-insensitive: "Đang" sorts as "dang", before "ký", "lao" and "sắp".
      if (sort === 'title') expect(walked).toEqual([made.negotiating!.id, made.signedOld!.id, made.later!.id, made.soon!.id])
    }
    expect((await reader.get('/api/v1/agreements?cursor=bm9wZQ')).statusCode).toBe(400)
  })

  it('lists those in force expiring within N days, soonest first', async () => {
    expect(ids(await list('expiringWithinDays=30'))).toEqual([made.soon!.id])
    expect(ids(await list('expiringWithinDays=9'))).toEqual([])
    expect(ids(await list('expiringWithinDays=3650'))).toEqual([made.soon!.id, made.later!.id])
  })

  it('searches title, employer and union name without accents', async () => {
    expect(ids(await list('q=sap het'))).toEqual([made.soon!.id])
    expect(ids(await list(`q=${encodeURIComponent('mầm non cũ')}`))).toEqual([made.signedOld!.id])
    expect(ids(await list(`q=${encodeURIComponent(`doi thoai a2 ${listTree.tag}`)}`))).toEqual([made.signedOld!.id])
    expect(ids(await list('q=khong co gi nhu vay'))).toEqual([])
  })

  it('finds words in any order, the union code, and a near spelling of a longer word', async () => {
    expect(ids(await list(`q=${encodeURIComponent(`a2 doi thoai ${listTree.tag}`)}`))).toEqual([made.signedOld!.id])
    expect(ids(await list(`q=${encodeURIComponent('cu mam non ky')}`))).toEqual([made.signedOld!.id])
    const code = (await reader.get(`/api/v1/unions/${listTree.grassrootsA2.id}`)).json<{ code: string }>().code
    expect(ids(await list(`q=${encodeURIComponent(code)}`))).toEqual([made.signedOld!.id])
    // "thoaii" for "thoai": one letter too many in a word of four or more still finds it.
    expect(ids(await list(`q=${encodeURIComponent(`doi thoaii a2 ${listTree.tag}`)}`))).toEqual([made.signedOld!.id])
    // Every word must be there: one that matches nothing empties the list.
    expect(ids(await list(`q=${encodeURIComponent('mam non xyzw')}`))).toEqual([])
  })

  it('stays inside the scope: a unit elsewhere is 404 as `under`, and a district sees its own', async () => {
    const districtViewer = await loginAs(ctx, 'viewer', listTree.districtB)
    const own = await districtViewer.get('/api/v1/agreements?limit=500')
    expect(own.json<PageOf<Agreement>>().items.map((item) => item.id)).toEqual([made.soon!.id])
    expect((await districtViewer.get(`/api/v1/agreements?under=${listTree.districtA.id}`)).statusCode).toBe(404)
    expect((await districtViewer.get(`/api/v1/agreements?unionId=${listTree.grassrootsA1.id}`)).statusCode).toBe(404)
    expect((await districtViewer.get(`/api/v1/agreements?under=${listTree.root.id}`)).statusCode).toBe(404)
  })

  it('reads one agreement with its ETag', async () => {
    const response = await reader.get(`/api/v1/agreements/${made.later!.id}`)
    expect(response.statusCode).toBe(200)
    expect(response.headers.etag).toBe(`"${response.json<Agreement>().version}"`)
    expect(response.json<Agreement>().grade).toMatchObject({ code: 'A', name: 'Loại A', assessedOn: today() })
  })
})

describe('OpenAPI', () => {
  it('documents the agreement routes under their tag', async () => {
    const doc = (await ctx.app.inject({ url: '/api/openapi.json' })).json<{ paths: Record<string, Record<string, { tags?: string[] }>> }>()
    for (const [path, method] of [
      ['/api/v1/agreements', 'get'],
      ['/api/v1/agreements', 'post'],
      ['/api/v1/agreements/{id}', 'patch'],
      ['/api/v1/agreements/{id}/entry-into-force', 'post'],
      ['/api/v1/agreements/{id}/grade', 'put'],
      ['/api/v1/agreements/{id}/documents', 'post'],
      ['/api/v1/agreements/{id}/documents/{documentId}', 'get'],
      ['/api/v1/agreements/expiry-runs', 'post'],
    ] as const) {
      expect(doc.paths[path]?.[method]?.tags, `${method} ${path}`).toContain('agreements')
    }
  })
})

it('reads back what it wrote', async () => {
  const created = await createAgreement(officer, signedBody(tree.grassrootsA1, { employerName: employer('Đọc Lại') }))
  expect(await readAgreement(officer, created.id)).toEqual(created)
})
