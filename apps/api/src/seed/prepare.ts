import type { FastifyBaseLogger } from 'fastify'
import { sql } from 'drizzle-orm'
import { v7 as uuidv7 } from 'uuid'
import type { Config } from '../config.js'
import type { DatabaseHandle } from '../db/client.js'
import { unionPlacements, unions, users } from '../db/schema/index.js'
import { todayInVietnam } from '../lib/dates.js'
import { hashPassword } from '../modules/auth/password.js'
import { seedDemoData } from './demo.js'
import { databaseIsEmpty, seedReferenceData, unitTypeIds } from './reference.js'

/**
 * Start-up work on the database: migrations, reference data, and on an empty database either
 * the demo federation or a root union with the bootstrap administrator.
 */
export async function prepareDatabase(
  database: DatabaseHandle,
  config: Config,
  log: Pick<FastifyBaseLogger, 'info'>,
): Promise<'demo' | 'bootstrap' | 'none'> {
  await database.migrate()
  // Several API replicas may start together on an empty database: one seeds, the others wait
  // and then find the data there.
  return database.exclusively(async () => {
    await seedReferenceData(database.db)
    const empty = await databaseIsEmpty(database.db)
    let seeded: 'demo' | 'bootstrap' | 'none' = 'none'
    if (empty && config.SEED_DEMO) {
      await seedDemoData(database.db)
      log.info('seeded the demo federation')
      seeded = 'demo'
    }
    if (config.BOOTSTRAP_ADMIN_EMAIL && config.BOOTSTRAP_ADMIN_PASSWORD) {
      const created = await bootstrapAdmin(database, config.BOOTSTRAP_ADMIN_EMAIL, config.BOOTSTRAP_ADMIN_PASSWORD, config.BOOTSTRAP_UNION_NAME)
      if (created) {
        log.info({ email: config.BOOTSTRAP_ADMIN_EMAIL }, 'created the bootstrap administrator')
        if (seeded === 'none') seeded = 'bootstrap'
      }
    }
    return seeded
  })
}

/** Creates the first administrator (and, on an empty tree, its root union) unless the email exists. */
async function bootstrapAdmin(database: DatabaseHandle, email: string, password: string, unionName: string): Promise<boolean> {
  const passwordHash = await hashPassword(password)
  return database.db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = lower(${email})`)
    if (existing) return false
    let [root] = await tx.select({ id: unions.id }).from(unions).where(sql`${unions.parentId} IS NULL`).orderBy(unions.createdAt).limit(1)
    if (!root) {
      const types = await unitTypeIds(tx)
      const id = uuidv7()
      const today = todayInVietnam()
      await tx.insert(unions).values({
        id,
        code: 'ROOT',
        name: unionName,
        unitTypeId: types.national_confederation,
        path: `/${id}/`,
        depth: 0,
        establishedOn: today,
      })
      await tx.insert(unionPlacements).values({ id: uuidv7(), unionId: id, path: `/${id}/`, validFrom: today })
      root = { id }
    }
    await tx.insert(users).values({
      id: uuidv7(),
      email,
      passwordHash,
      fullName: 'Quản trị hệ thống',
      role: 'admin',
      unionId: root.id,
    })
    return true
  })
}
