import { PassThrough } from 'node:stream'
import { sql } from 'drizzle-orm'
import { loadConfig } from './src/config.js'
import { openDatabase } from './src/db/client.js'
import { members } from './src/db/schema/index.js'
import { writeMemberExport } from './src/modules/members/sheets/member-export.js'
import { selectMembers } from './src/modules/members/members.repository.js'

const db = (await openDatabase({ url: process.env.TEST_DATABASE_URL, dataDir: '', poolSize: 2 })).db
const unionId = process.argv[2]!
let t = Date.now()
const rows = await selectMembers(db).where(sql`${members.unionId} = ${unionId}`).limit(2000)
console.log('one batch', Date.now() - t, 'ms', rows.length)
for (const format of ['csv', 'xlsx'] as const) {
  t = Date.now()
  const out = new PassThrough()
  let bytes = 0
  const consume = (async () => { for await (const chunk of out) bytes += (chunk as Buffer).length })()
  const n = await writeMemberExport(db, [sql`${members.unionId} = ${unionId}`], format, new Set(), out)
  await consume
  console.log(format, n, bytes, Date.now() - t, 'ms')
}
process.exit(0)
