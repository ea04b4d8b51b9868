import type { PageOf, Problem, RestructurePreview, Union, UnionEvent } from '@liendoan/contracts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { pathWithinSubtree } from '../src/modules/unions/union-scope.js'
import { type Client, type TestContext, createTestApp, createUnion, loginAs, readUnion, subtreeSnapshot } from './helpers/app.js'
import { createMember } from './helpers/members.js'

let ctx: TestContext

beforeAll(async () => {
  ctx = await createTestApp()
})
afterAll(async () => {
  await ctx.close()
})

/** national → cities C1, C2 → districts D1, D2 (under C1) → grassroots G1, G2 (under D1), G3 (under D2). */
async function nationalTree() {
  const national = await createUnion(ctx, { type: 'national_confederation', establishedOn: '2000-01-01' })
  const c1 = await createUnion(ctx, { parent: national, type: 'city_federation', establishedOn: '2000-01-01', name: 'LĐLĐ tỉnh Thừa Thiên Huế' })
  const c2 = await createUnion(ctx, { parent: national, type: 'city_federation', establishedOn: '2000-01-01', name: 'LĐLĐ thành phố Huế' })
  const d1 = await createUnion(ctx, { parent: c1, type: 'district_federation', establishedOn: '2005-01-01', name: 'LĐLĐ huyện Phú Vang' })
  const d2 = await createUnion(ctx, { parent: c1, type: 'district_federation', establishedOn: '2005-01-01', name: 'LĐLĐ huyện Phú Lộc' })
  const g1 = await createUnion(ctx, { parent: d1, establishedOn: '2010-01-01', name: 'Công ty TNHH Dệt may Phú Vang' })
  const g2 = await createUnion(ctx, { parent: d1, establishedOn: '2010-01-01', name: 'Trường Tiểu học Phú Vang' })
  const g3 = await createUnion(ctx, { parent: d2, establishedOn: '2010-01-01', name: 'Công ty CP Thủy sản Phú Lộc' })
  const admin = await loginAs(ctx, 'admin', national)
  return { national, c1, c2, d1, d2, g1, g2, g3, admin }
}

const get = async (c: Client, id: string, asOf?: string) => {
  const response = await c.get(`/api/v1/unions/${id}${asOf ? `?asOf=${asOf}` : ''}`)
  expect(response.statusCode).toBe(200)
  return response.json<Union>()
}
const idsUnder = async (c: Client, id: string, asOf?: string) => {
  const response = await c.get(`/api/v1/unions?under=${id}&limit=500${asOf ? `&asOf=${asOf}` : ''}`)
  expect(response.statusCode).toBe(200)
  return response.json<PageOf<Union>>().items.map((item) => item.id)
}
const historyKinds = async (c: Client, id: string) =>
  (await c.get(`/api/v1/unions/${id}/history`)).json<PageOf<UnionEvent>>().items.map((event) => event.kind)

describe('move', () => {
  it('carries the members of the moved subtree into the new scope', async () => {
    const t = await nationalTree()
    const member = await createMember(ctx, t.g1, { fullName: 'Lê Thị Huế' })
    const oldCity = await loginAs(ctx, 'viewer', t.c1)
    const newCity = await loginAs(ctx, 'viewer', t.c2)
    expect((await oldCity.get(`/api/v1/members/${member.id}`)).statusCode).toBe(200)
    expect((await newCity.get(`/api/v1/members/${member.id}`)).statusCode).toBe(404)
    const moved = await t.admin.post(`/api/v1/unions/${t.d1.id}/move`, { newParentId: t.c2.id, effectiveDate: '2025-07-01' })
    expect(moved.statusCode).toBe(200)
    // The member's copy of the union path followed the move, so scope and lists see it at once.
    expect((await oldCity.get(`/api/v1/members/${member.id}`)).statusCode).toBe(404)
    expect((await newCity.get(`/api/v1/members/${member.id}`)).statusCode).toBe(200)
    const listed = (await newCity.get(`/api/v1/members?under=${t.c2.id}`)).json<PageOf<{ id: string }>>()
    expect(listed.items.map((item) => item.id)).toEqual([member.id])
    expect((await oldCity.get(`/api/v1/members?under=${t.c1.id}`)).json<PageOf<{ id: string }>>().items).toEqual([])
    // So does the search by a later word of the name (its own index, with its own copy of the path).
    const searchHue = async (c: Client, under: string) =>
      (await c.get(`/api/v1/members?under=${under}&q=hue`)).json<PageOf<{ id: string }>>().items.map((item) => item.id)
    expect(await searchHue(newCity, t.c2.id)).toEqual([member.id])
    expect(await searchHue(oldCity, t.c1.id)).toEqual([])
  })

  it('moves a unit with its subtree and keeps the old tree for dates before the move', async () => {
    const t = await nationalTree()
    const response = await t.admin.post(`/api/v1/unions/${t.d1.id}/move`, {
      newParentId: t.c2.id,
      effectiveDate: '2025-07-01',
      decisionNumber: '759/QĐ-TLĐ',
      reason: 'Sáp nhập tỉnh',
    })
    expect(response.statusCode).toBe(200)
    expect(response.json<Union>()).toMatchObject({ parentId: t.c2.id, ancestorIds: [t.national.id, t.c2.id] })

    // Now: the grandchild follows its parent.
    expect((await get(t.admin, t.g1.id)).ancestorIds).toEqual([t.national.id, t.c2.id, t.d1.id])
    expect(await idsUnder(t.admin, t.c2.id)).toEqual(expect.arrayContaining([t.d1.id, t.g1.id, t.g2.id]))
    expect(await idsUnder(t.admin, t.c1.id)).not.toContain(t.g1.id)

    // The day before: the old parent, the old subtree.
    const before = await get(t.admin, t.d1.id, '2025-06-30')
    expect(before.parentId).toBe(t.c1.id)
    expect((await get(t.admin, t.g1.id, '2025-06-30')).ancestorIds).toEqual([t.national.id, t.c1.id, t.d1.id])
    expect(await idsUnder(t.admin, t.c1.id, '2025-06-30')).toEqual(expect.arrayContaining([t.d1.id, t.g1.id, t.g2.id, t.d2.id]))
    expect(await idsUnder(t.admin, t.c2.id, '2025-06-30')).toEqual([])
    // On the effective date: the new parent.
    expect((await get(t.admin, t.d1.id, '2025-07-01')).parentId).toBe(t.c2.id)
    const childrenBefore = (await t.admin.get(`/api/v1/unions/${t.c1.id}/children?asOf=2025-06-30`)).json<PageOf<Union>>()
    expect(childrenBefore.items.map((item) => item.id).sort()).toEqual([t.d1.id, t.d2.id].sort())

    expect(await historyKinds(t.admin, t.d1.id)).toContain('moved')
    const [moved] = (await t.admin.get(`/api/v1/unions/${t.d1.id}/history`)).json<PageOf<UnionEvent>>().items
    expect(moved).toMatchObject({ kind: 'moved', effectiveDate: '2025-07-01', decisionNumber: '759/QĐ-TLĐ', details: { fromParentId: t.c1.id, toParentId: t.c2.id } })
  })

  it('lets a district officer see, as of a past date, only what was under them then', async () => {
    const t = await nationalTree()
    const officer = await loginAs(ctx, 'federation_officer', t.c1)
    await t.admin.post(`/api/v1/unions/${t.d1.id}/move`, { newParentId: t.c2.id, effectiveDate: '2025-07-01' })
    expect((await officer.get(`/api/v1/unions/${t.g1.id}`)).statusCode).toBe(404)
    expect((await officer.get(`/api/v1/unions/${t.g1.id}?asOf=2025-06-30`)).statusCode).toBe(200)
    expect(await idsUnder(officer, t.c1.id, '2025-06-30')).toContain(t.g1.id)
  })

  it('refuses cycles, future dates, dates before the last change, wrong levels, and writes nothing', async () => {
    const t = await nationalTree()
    const cases: [string, Record<string, unknown>][] = [
      ['under its own child', { newParentId: t.g1.id, effectiveDate: '2025-01-01' }],
      ['under itself', { newParentId: t.d1.id, effectiveDate: '2025-01-01' }],
      ['same parent', { newParentId: t.c1.id, effectiveDate: '2025-01-01' }],
      ['future date', { newParentId: t.c2.id, effectiveDate: '2999-01-01' }],
      ['before the subtree was placed', { newParentId: t.c2.id, effectiveDate: '2007-01-01' }],
      ['under a unit of the same level', { newParentId: t.d2.id, effectiveDate: '2025-01-01' }],
    ]
    const before = await subtreeSnapshot(ctx, t.national)
    for (const [label, body] of cases) {
      const response = await t.admin.post(`/api/v1/unions/${t.d1.id}/move`, body)
      expect(response.statusCode, label).toBe(422)
      expect(response.json<Problem>().code, label).toBe('invalid_restructure')
    }
    expect(await subtreeSnapshot(ctx, t.national)).toEqual(before)
  })

  it('previews what will move without writing anything', async () => {
    const t = await nationalTree()
    const before = await subtreeSnapshot(ctx, t.national)
    const response = await t.admin.post(`/api/v1/unions/${t.d1.id}/move/preview`, { newParentId: t.c2.id, effectiveDate: '2025-07-01' })
    expect(response.statusCode).toBe(200)
    const preview = response.json<RestructurePreview>()
    expect(preview).toMatchObject({ operation: 'move', affectedUnitCount: 3, blockers: [] })
    expect(preview.directChildren.map((child) => child.id).sort()).toEqual([t.g1.id, t.g2.id].sort())
    const blocked = await t.admin.post(`/api/v1/unions/${t.d1.id}/move/preview`, { newParentId: t.g1.id, effectiveDate: '2025-07-01' })
    expect(blocked.json<RestructurePreview>().blockers.map((blocker) => blocker.code)).toContain('cycle')
    expect(await subtreeSnapshot(ctx, t.national)).toEqual(before)
  })

  it('corrects a move made twice on the same day instead of leaving an empty period', async () => {
    const t = await nationalTree()
    expect((await t.admin.post(`/api/v1/unions/${t.g1.id}/move`, { newParentId: t.d2.id, effectiveDate: '2025-03-01' })).statusCode).toBe(200)
    expect((await t.admin.post(`/api/v1/unions/${t.g1.id}/move`, { newParentId: t.d1.id, effectiveDate: '2025-03-01' })).statusCode).toBe(200)
    expect((await get(t.admin, t.g1.id, '2025-03-01')).parentId).toBe(t.d1.id)
    expect((await get(t.admin, t.g1.id, '2025-02-28')).parentId).toBe(t.d1.id)
  })
})

describe('merge', () => {
  it('moves the children to the target, closes the merged unit, and keeps history', async () => {
    const t = await nationalTree()
    const response = await t.admin.post(`/api/v1/unions/${t.d1.id}/merge`, { targetId: t.d2.id, effectiveDate: '2025-07-01', reason: 'Hợp nhất' })
    expect(response.statusCode).toBe(200)
    expect(response.json<Union>()).toMatchObject({ status: 'merged', mergedIntoId: t.d2.id, statusEffectiveDate: '2025-07-01' })

    expect((await get(t.admin, t.g1.id)).parentId).toBe(t.d2.id)
    expect((await idsUnder(t.admin, t.d2.id)).sort()).toEqual([t.g1.id, t.g2.id, t.g3.id].sort())
    expect(await idsUnder(t.admin, t.d1.id)).toEqual([])

    // Before the merge date everything is as it was, the merged unit active.
    const oldD1 = await get(t.admin, t.d1.id, '2025-06-30')
    expect(oldD1.status).toBe('active')
    expect((await get(t.admin, t.g1.id, '2025-06-30')).parentId).toBe(t.d1.id)
    expect((await idsUnder(t.admin, t.d1.id, '2025-06-30')).sort()).toEqual([t.g1.id, t.g2.id].sort())
    // After it, the merged unit is no longer in the tree.
    expect((await t.admin.get(`/api/v1/unions/${t.d1.id}?asOf=2025-07-02`)).statusCode).toBe(404)
    expect(await idsUnder(t.admin, t.c1.id, '2025-07-02')).not.toContain(t.d1.id)

    expect(await historyKinds(t.admin, t.d1.id)).toContain('merged_into')
    expect(await historyKinds(t.admin, t.d2.id)).toContain('absorbed')
    expect(await historyKinds(t.admin, t.g1.id)).toContain('moved')
  })

  it('refuses to merge into a unit of another level or into its own subtree', async () => {
    const t = await nationalTree()
    const before = await subtreeSnapshot(ctx, t.national)
    expect((await t.admin.post(`/api/v1/unions/${t.d1.id}/merge`, { targetId: t.c2.id, effectiveDate: '2025-07-01' })).statusCode).toBe(422)
    expect((await t.admin.post(`/api/v1/unions/${t.d1.id}/merge`, { targetId: t.g1.id, effectiveDate: '2025-07-01' })).statusCode).toBe(422)
    expect((await t.admin.post(`/api/v1/unions/${t.d1.id}/merge`, { targetId: t.d1.id, effectiveDate: '2025-07-01' })).statusCode).toBe(422)
    expect(await subtreeSnapshot(ctx, t.national)).toEqual(before)
  })

  it('refuses a second restructuring of a merged unit', async () => {
    const t = await nationalTree()
    await t.admin.post(`/api/v1/unions/${t.g1.id}/merge`, { targetId: t.g2.id, effectiveDate: '2025-07-01' })
    const again = await t.admin.post(`/api/v1/unions/${t.g1.id}/move`, { newParentId: t.d2.id, effectiveDate: '2025-08-01' })
    expect(again.statusCode).toBe(422)
  })
})

describe('dissolve', () => {
  it('refuses while active children remain, and writes nothing', async () => {
    const t = await nationalTree()
    const before = await subtreeSnapshot(ctx, t.national)
    const preview = await t.admin.post(`/api/v1/unions/${t.d1.id}/dissolve/preview`, { effectiveDate: '2025-07-01' })
    expect(preview.json<RestructurePreview>().blockers.map((blocker) => blocker.code)).toEqual(['has_active_children'])
    const response = await t.admin.post(`/api/v1/unions/${t.d1.id}/dissolve`, { effectiveDate: '2025-07-01' })
    expect(response.statusCode).toBe(422)
    expect(await subtreeSnapshot(ctx, t.national)).toEqual(before)
  })

  it('dissolves a leaf from a date; before it, the unit is still there', async () => {
    const t = await nationalTree()
    const response = await t.admin.post(`/api/v1/unions/${t.g3.id}/dissolve`, { effectiveDate: '2025-07-01', reason: 'Doanh nghiệp giải thể' })
    expect(response.statusCode).toBe(200)
    expect(response.json<Union>()).toMatchObject({ status: 'dissolved', statusEffectiveDate: '2025-07-01', statusReason: 'Doanh nghiệp giải thể' })
    expect(await idsUnder(t.admin, t.d2.id, '2025-06-30')).toEqual([t.g3.id])
    expect(await idsUnder(t.admin, t.d2.id, '2025-07-01')).toEqual([])
    const list = await t.admin.get(`/api/v1/unions?under=${t.d2.id}&status=dissolved`)
    expect(list.json<PageOf<Union>>().items.map((item) => item.id)).toEqual([t.g3.id])
  })
})

describe('the ancestor index behind subtree lists', () => {
  it('follows moves and renames in the same transaction, with the summaries on each row', async () => {
    const t = await nationalTree()
    await t.admin.post(`/api/v1/unions/${t.d1.id}/move`, { newParentId: t.c2.id, effectiveDate: '2025-07-01' })
    const result = await ctx.db.execute(sql`
      SELECT count(*)::int AS wrong FROM unions u
      WHERE ${pathWithinSubtree(sql`u.path`, t.national.id)}
        AND (SELECT array_agg(a.ancestor_id::text ORDER BY a.ancestor_id) FROM union_ancestors a WHERE a.union_id = u.id)
          <> (SELECT array_agg(s ORDER BY s) FROM unnest(string_to_array(trim(both '/' from u.path), '/')) AS s)`)
    expect((result as unknown as { rows: { wrong: number }[] }).rows[0]!.wrong).toBe(0)

    const { etag } = await readUnion(t.admin, t.g1.id)
    await t.admin.patch(`/api/v1/unions/${t.g1.id}`, { name: 'Công ty TNHH Thủy Tiên Phú Vang' }, { 'if-match': etag })
    const found = await t.admin.get(`/api/v1/unions?under=${t.c2.id}&q=thuy%20tien`)
    expect(found.json<PageOf<Union>>().items.map((item) => item.id)).toEqual([t.g1.id])
    const underOldParent = (await t.admin.get(`/api/v1/unions?under=${t.c1.id}&q=thuy%20tien`)).json<PageOf<Union>>()
    expect(underOldParent.items.map((item) => item.id)).not.toContain(t.g1.id)

    // The summaries on each row follow too: child counts, and ancestors' names after a rename.
    expect((await get(t.admin, t.c2.id)).childCount).toBe(1)
    expect((await get(t.admin, t.c1.id)).childCount).toBe(1)
    const c2 = await readUnion(t.admin, t.c2.id)
    await t.admin.patch(`/api/v1/unions/${t.c2.id}`, { name: 'LĐLĐ thành phố Huế (mới)' }, { 'if-match': c2.etag })
    const g2 = await get(t.admin, t.g2.id)
    expect(g2.ancestors.map((ancestor) => ancestor.name)).toEqual([t.national.name, 'LĐLĐ thành phố Huế (mới)', 'LĐLĐ huyện Phú Vang'])
    expect(g2.parentName).toBe('LĐLĐ huyện Phú Vang')
    // Read as of before the move, the same unit hangs under its old ancestors.
    expect((await get(t.admin, t.g2.id, '2025-06-30')).ancestors.map((ancestor) => ancestor.id)).toEqual([t.national.id, t.c1.id, t.d1.id])
  })
})
