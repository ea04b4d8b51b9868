import type { Member, PageOf } from '@liendoan/contracts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Client, type TestContext, createTestApp, createTree, createUnion, loginAs } from './helpers/app.js'
import { markLeft } from './helpers/member-records.js'
import { createMember } from './helpers/members.js'

/**
 * The search finds later words two ways: by reading a small scope's names, or by walking the
 * word index for a large one (MEMBER_SEARCH_SMALL_SCOPE decides). Both must give the same pages,
 * in the same order, with cursors either can continue.
 */
describe.each([
  { path: 'reading the scope', smallScope: '1000000' },
  { path: 'walking the word index', smallScope: '0' },
])('member search by $path', ({ smallScope }) => {
  let ctx: TestContext
  let reader: Client
  let tree: Awaited<ReturnType<typeof createTree>>
  let union: Awaited<ReturnType<typeof createUnion>>
  let neighbour: Awaited<ReturnType<typeof createUnion>>

  beforeAll(async () => {
    ctx = await createTestApp({ MEMBER_SEARCH_SMALL_SCOPE: smallScope })
    tree = await createTree(ctx)
    reader = await loginAs(ctx, 'viewer', tree.root)
    union = await createUnion(ctx, { parent: tree.districtB })
    neighbour = await createUnion(ctx, { parent: tree.districtA })
    const fullNames = ['Lê Thị Anh', 'Anh Văn Tú', 'Bùi Thị Lan Anh', 'Anh Thị Hoa', 'Đỗ Văn Thanh', 'Cao Anh Dũng', 'Cao Minh', 'Nguyễn Thu Thủy', 'Vũ Thu']
    for (const fullName of fullNames) await createMember(ctx, union, { fullName })
    // Outside the district searched below: never in its pages.
    await createMember(ctx, neighbour, { fullName: 'Đinh Thị Anh' })
    const left = await createMember(ctx, union, { fullName: 'Phan Ngọc Anh' })
    await markLeft(ctx, left.id, '2024-01-01')
  })
  afterAll(async () => {
    await ctx.close()
  })

  async function collect(query: string, limit: number): Promise<string[]> {
    const collected: string[] = []
    let cursor: string | null = null
    do {
      const response = await reader.get(`/api/v1/members?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`)
      expect(response.statusCode).toBe(200)
      const page = response.json<PageOf<Member>>()
      collected.push(...page.items.map((member) => member.fullName))
      cursor = page.nextCursor
    } while (cursor)
    return collected
  }

  const q = (term: string) => `q=${encodeURIComponent(term)}`

  it('lists names starting with the term, then later words grouped by the words matched, over any page size', async () => {
    const expected = ['Anh Thị Hoa', 'Anh Văn Tú', 'Bùi Thị Lan Anh', 'Lê Thị Anh', 'Phan Ngọc Anh', 'Cao Anh Dũng']
    for (const limit of [1, 2, 3, 50]) {
      expect(await collect(`under=${tree.districtB.id}&${q('anh')}`, limit)).toEqual(expected)
      expect(await collect(`unionId=${union.id}&${q('anh')}`, limit)).toEqual(expected)
    }
    expect(await collect(`under=${tree.districtB.id}&${q('thu')}`, 1)).toEqual(['Vũ Thu', 'Nguyễn Thu Thủy'])
    expect(await collect(`under=${tree.districtB.id}&${q('lan a')}`, 50)).toEqual(['Bùi Thị Lan Anh'])
  })

  it('applies the other filters to both phases', async () => {
    expect(await collect(`under=${tree.districtB.id}&status=left&${q('anh')}`, 1)).toEqual(['Phan Ngọc Anh'])
    expect(await collect(`under=${tree.districtB.id}&status=active&${q('anh')}`, 2)).toEqual([
      'Anh Thị Hoa',
      'Anh Văn Tú',
      'Bùi Thị Lan Anh',
      'Lê Thị Anh',
      'Cao Anh Dũng',
    ])
    // The whole tree: the neighbouring district's member joins in its place in the order.
    expect(await collect(`under=${tree.root.id}&${q('thi anh')}`, 1)).toEqual(['Đinh Thị Anh', 'Lê Thị Anh'])
  })

  it('offers near matches for a typo only', async () => {
    expect(await collect(`under=${tree.districtB.id}&${q('cao anh dugn')}`, 50)).toContain('Cao Anh Dũng')
    // Every word is a real name word, so nothing near is offered when nobody has that name.
    expect(await collect(`under=${tree.districtB.id}&${q('cao thu hoa')}`, 50)).toEqual([])
  })
})
