import { openDatabase } from '../../src/db/client.js'
import { seedReferenceData } from '../../src/seed/reference.js'

/**
 * With TEST_DATABASE_URL, migrate the shared PostgreSQL once per run. Test files make their
 * own data under their own root union, so they can run in parallel on it.
 */
export default async function setup() {
  const url = process.env.TEST_DATABASE_URL
  if (!url) return
  const handle = await openDatabase({ url, dataDir: '', poolSize: 2 })
  try {
    await handle.migrate()
    await seedReferenceData(handle.db)
  } finally {
    await handle.close()
  }
}
