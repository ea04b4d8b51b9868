import { randomBytes } from 'node:crypto'
import { type TestContext, createUnion } from './app.js'

/**
 * The shape of createTree (root → districts A, B → grassroots A1, A2, B1) with names of its own:
 * the webhook tests make many trees, and on a shared PostgreSQL they must not crowd the
 * system-wide destination search other files look their own "Thái Sơn" up in.
 */
export async function createWebhookTree(ctx: TestContext) {
  const tag = randomBytes(3).toString('hex').toUpperCase()
  const root = await createUnion(ctx, { type: 'city_federation', name: `LĐLĐ webhook ${tag}` })
  const districtA = await createUnion(ctx, { parent: root, type: 'district_federation', name: `LĐLĐ quận Webhook A ${tag}` })
  const districtB = await createUnion(ctx, { parent: root, type: 'district_federation', name: `LĐLĐ quận Webhook B ${tag}` })
  const grassrootsA1 = await createUnion(ctx, { parent: districtA, name: `CĐCS Công ty Webhook A1 ${tag}`, employerName: `Công ty Webhook A1 ${tag}` })
  const grassrootsA2 = await createUnion(ctx, { parent: districtA, name: `CĐCS Trường Webhook A2 ${tag}`, sector: 'state' })
  const grassrootsB1 = await createUnion(ctx, { parent: districtB, name: `CĐCS Công ty Webhook B1 ${tag}` })
  return { root, districtA, districtB, grassrootsA1, grassrootsA2, grassrootsB1 }
}
