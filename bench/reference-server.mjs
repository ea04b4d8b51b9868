// The benchmark's reference: a bare Fastify server doing the same primary-key SELECT of a union (or a member)
// as the API, through the API's own database client and drizzle schema, with a prepared
// statement, and nothing else (no auth, no scope check, no validation, no serialization schema).
//
//   DATABASE_URL=postgres://... PORT=3901 node bench/reference-server.mjs
//   GET /ref/unions/:id   GET /ref/members/:id   GET /ready
import { apiRequire, importFromApi, ROOT } from './lib.mjs'

const url = process.env.DATABASE_URL
if (!url) {
  console.error('reference-server: DATABASE_URL is required')
  process.exit(2)
}
const port = Number(process.env.PORT ?? 3901)
const poolSize = Number(process.env.DATABASE_POOL_SIZE ?? 10)

const { openDatabase } = await import(`${ROOT}/apps/api/dist/src/db/client.js`)
const { members, unions } = await import(`${ROOT}/apps/api/dist/src/db/schema/index.js`)
const { eq, sql } = await importFromApi('drizzle-orm')
const Fastify = apiRequire('fastify')

const database = await openDatabase({ url, dataDir: '', poolSize })
const unionById = database.db
  .select()
  .from(unions)
  .where(eq(unions.id, sql.placeholder('id')))
  .prepare('union_by_id')
const memberById = database.db
  .select()
  .from(members)
  .where(eq(members.id, sql.placeholder('id')))
  .prepare('member_by_id')

const app = Fastify({ logger: false })
app.get('/ready', async () => {
  await database.ping()
  return { status: 'ready' }
})
app.get('/ref/unions/:id', async (request, reply) => {
  const [row] = await unionById.execute({ id: request.params.id })
  if (!row) return reply.code(404).send({ status: 404, title: 'Not Found' })
  return row
})
app.get('/ref/members/:id', async (request, reply) => {
  const [row] = await memberById.execute({ id: request.params.id })
  if (!row) return reply.code(404).send({ status: 404, title: 'Not Found' })
  return row
})
app.addHook('onClose', () => database.close())

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  })
}

await app.listen({ host: '127.0.0.1', port })
console.log(`reference server on http://127.0.0.1:${port}`)
