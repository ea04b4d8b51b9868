import { sql } from 'drizzle-orm'
import { openDatabase } from './src/db/client.js'
import { members, unions } from './src/db/schema/index.js'
import { eq } from 'drizzle-orm'
import { selectMembers, memberColumns } from './src/modules/members/members.repository.js'
const handle = await openDatabase({ url: process.env.TEST_DATABASE_URL, dataDir: '', poolSize: 2 })
const db = handle.db
const unionId = process.argv[2]!
for (let i = 0; i < 3; i++) {
  let t = performance.now()
  await selectMembers(db).where(sql`${members.unionId} = ${unionId}`).orderBy(members.unionPath, members.nameKey, members.id).limit(2000)
  const a = performance.now() - t
  t = performance.now()
  const { fullName, dateOfBirth, gender, citizenId, phone, ethnicity, occupation, admittedOn, cardNumber, unionCode, status, unionName, cardStatus, unionPath, nameKey, id } = memberColumns
  await db.select({ fullName, dateOfBirth, gender, citizenId, phone, ethnicity, occupation, admittedOn, cardNumber, unionCode, status, unionName, cardStatus, unionPath, nameKey, id }).from(members).innerJoin(unions, eq(unions.id, members.unionId)).where(sql`${members.unionId} = ${unionId}`).orderBy(members.unionPath, members.nameKey, members.id).limit(2000)
  const b = performance.now() - t
  t = performance.now()
  await handle.pool!.query({ text: `select m.* from members m join unions u on u.id = m.union_id where m.union_id = $1 order by m.union_path, m.name_key, m.id limit 2000`, values: [unionId] })
  const c = performance.now() - t
  console.log('full drizzle', a.toFixed(0), 'narrow drizzle', b.toFixed(0), 'raw pg', c.toFixed(0))
}
process.exit(0)
