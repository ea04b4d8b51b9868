import { sql } from 'drizzle-orm'
import { openDatabase } from './src/db/client.js'
const handle = await openDatabase({ dataDir: '/tmp/imp-bench/pgdata', poolSize: 1 })
const rows = (r: unknown) => (r as { rows: Record<string, unknown>[] }).rows
const u = rows(await handle.db.execute(sql`SELECT id, path FROM unions WHERE code = 'BENCH-G1'`))[0]!
const q = sql`EXPLAIN ANALYZE SELECT m.id, m.full_name FROM members m JOIN unions u ON u.id = m.union_id WHERE m.union_path >= ${u.path} AND m.union_path < ${String(u.path) + '~'} AND m.union_id = ${u.id} AND (m.union_path, m.name_key, m.id) > (${u.path}, 'nguyen van bench 5', '00000000-0000-0000-0000-000000000000'::uuid) ORDER BY m.union_path, m.name_key, m.id LIMIT 2000`
for (const r of rows(await handle.db.execute(q))) console.log(Object.values(r)[0])
let t = Date.now(); await handle.db.execute(sql`ANALYZE`); console.log('analyze', Date.now() - t)
for (const r of rows(await handle.db.execute(q))) console.log(Object.values(r)[0])
await handle.close()
