import { v7 as uuidv7 } from 'uuid'
import { sql } from 'drizzle-orm'
import { openDatabase } from './src/db/client.js'
import { users } from './src/db/schema/index.js'
import { hashPassword } from './src/modules/auth/password.js'
const handle = await openDatabase({ url: process.env.TEST_DATABASE_URL, dataDir: '', poolSize: 2 })
const email = `bench.${Date.now()}@test.liendoan.vn`
// a fresh grassroots union under any city federation
const r = await handle.db.execute(sql`SELECT id, path FROM unions WHERE parent_id IS NULL ORDER BY created_at DESC LIMIT 1`)
const root = (r as unknown as { rows: { id: string; path: string }[] }).rows[0]!
const gid = uuidv7()
const types = (await handle.db.execute(sql`SELECT id FROM unit_types WHERE code = 'grassroots'`)) as unknown as { rows: { id: string }[] }
await handle.db.execute(sql`INSERT INTO unions (id, code, name, unit_type_id, parent_id, path, depth, established_on, sector) VALUES (${gid}, ${'BENCH-' + Date.now()}, 'CĐCS bench', ${types.rows[0]!.id}, ${root.id}, ${root.path + gid + '/'}, 1, '2015-01-01', 'non_state')`)
await handle.db.execute(sql`INSERT INTO union_placements (id, union_id, parent_id, path, valid_from) VALUES (${uuidv7()}, ${gid}, ${root.id}, ${root.path + gid + '/'}, '2015-01-01')`)
await handle.db.insert(users).values({ id: uuidv7(), email, fullName: 'Bench', role: 'union_officer', unionId: gid, passwordHash: await hashPassword('Bench-password-2026') })
console.log(email, gid)
await handle.close()
