import { PassThrough } from 'node:stream'
import { sql } from 'drizzle-orm'
import { openDatabase } from './src/db/client.js'
import { members } from './src/db/schema/index.js'
import { writeMemberExport } from './src/modules/members/sheets/member-export.js'
const db = (await openDatabase({ url: process.env.TEST_DATABASE_URL, dataDir: '', poolSize: 2 })).db
const unionId = process.argv[2]!
const format = process.argv[3] as 'xlsx' | 'csv'
const peak = { rss: 0, heapUsed: 0, heapTotal: 0, external: 0, arrayBuffers: 0 }
const timer = setInterval(() => { const m = process.memoryUsage(); for (const k of Object.keys(peak) as (keyof typeof peak)[]) peak[k] = Math.max(peak[k], m[k]) }, 20)
const base = process.memoryUsage()
const t = Date.now()
const out = new PassThrough()
let bytes = 0
const consume = (async () => { for await (const chunk of out) bytes += (chunk as Buffer).length })()
const n = await writeMemberExport(db, [sql`${members.unionId} = ${unionId}`], format, new Set(), out)
await consume
clearInterval(timer)
const mb = (v: number) => (v / 1e6).toFixed(0)
console.log(format, n, bytes, Date.now() - t, 'ms', 'base rss', mb(base.rss), 'peak', Object.entries(peak).map(([k, v]) => `${k}=${mb(v)}`).join(' '))
process.exit(0)
