/**
 * `pnpm db:migrate`: applies the committed migrations to DATABASE_URL (PostgreSQL) or to the
 * embedded database in DATA_DIR (default ./data), then exits. The API does the same at start-up;
 * this is for deployments that migrate as a separate step.
 */
import { openDatabase } from './client.js'

const url = process.env.DATABASE_URL || undefined
const dataDir = process.env.DATA_DIR || './data'
const database = await openDatabase({ url, dataDir, poolSize: 1 })
try {
  await database.migrate()
  console.log(`migrations applied to ${url ? url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@') : dataDir}`)
} finally {
  await database.close()
}
