import { randomBytes } from 'node:crypto'
import type { Role, TokenPair, Union } from '@liendoan/contracts'
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'
import { type SQL, sql } from 'drizzle-orm'
import { v7 as uuidv7 } from 'uuid'
import { buildApp } from '../../src/app.js'
import { type Config, loadConfig } from '../../src/config.js'
import { type Database, type DatabaseHandle, databaseOptions, openDatabase } from '../../src/db/client.js'
import { unionPlacements, unions, users } from '../../src/db/schema/index.js'
import { hashPassword } from '../../src/modules/auth/password.js'
import { pathWithinSubtree } from '../../src/modules/unions/union-scope.js'
import { type UnitTypeCode, seedReferenceData, unitTypeIds } from '../../src/seed/reference.js'
import { recordAnswers } from './answers.js'

export const TEST_PASSWORD = 'Test-password-2026'

export interface TestContext {
  app: FastifyInstance
  config: Config
  database: DatabaseHandle
  db: Database
  types: Record<UnitTypeCode, string>
  close(): Promise<void>
}

/** The configuration of a test app: PGlite in memory, or TEST_DATABASE_URL when set. */
function testConfig(env: Record<string, string>): Config {
  const url = process.env.TEST_DATABASE_URL
  return loadConfig({
    NODE_ENV: 'test',
    JWT_SECRET: randomBytes(32).toString('hex'),
    // Counters live in the database: on a shared PostgreSQL every test file signs in from
    // 127.0.0.1 against one budget. Tests of the limits use addresses of their own.
    LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
    SEED_DEMO: 'false',
    DATA_DIR: 'memory://',
    ...(url ? { DATABASE_URL: url } : {}),
    DATABASE_POOL_SIZE: '5',
    ...env,
  })
}

/** A real app on a real database: PGlite in memory, or TEST_DATABASE_URL when set. */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestContext> {
  const config = testConfig(env)
  const database = await openDatabase(databaseOptions(config))
  if (!config.DATABASE_URL) {
    await database.migrate()
    await seedReferenceData(database.db)
  }
  const app = await buildApp({ config, database })
  const writeAnswers = recordAnswers(app)
  await app.ready()
  return {
    app,
    config,
    database,
    db: database.db,
    types: await unitTypeIds(database.db),
    async close() {
      await app.close()
      await database.close()
      await writeAnswers()
    },
  }
}

/**
 * A second API instance on the test's database, as another process behind a load balancer:
 * the same JWT secret; on PostgreSQL its own connection pool, on PGlite (one process only) the
 * same in-process database.
 */
export async function createPeerApp(ctx: TestContext, env: Record<string, string> = {}): Promise<{ app: FastifyInstance; close(): Promise<void> }> {
  const config = testConfig({ JWT_SECRET: ctx.config.JWT_SECRET, ...env })
  const database = config.DATABASE_URL ? await openDatabase(databaseOptions(config)) : ctx.database
  const app = await buildApp({ config, database })
  const writeAnswers = recordAnswers(app)
  await app.ready()
  return {
    app,
    async close() {
      await app.close()
      if (database !== ctx.database) await database.close()
      await writeAnswers()
    },
  }
}

const unique = () => randomBytes(4).toString('hex').toUpperCase()

export interface UnionFactoryInput {
  parent?: { id: string; path: string; depth: number }
  type?: UnitTypeCode
  name?: string
  code?: string
  establishedOn?: string
  sector?: 'state' | 'non_state' | null
  employerName?: string | null
}

export interface CreatedUnion {
  id: string
  code: string
  name: string
  path: string
  depth: number
}

/** Inserts a union and its placement directly (factories don't go through the API under test). */
export async function createUnion(ctx: TestContext, input: UnionFactoryInput = {}): Promise<CreatedUnion> {
  const id = uuidv7()
  const type = input.type ?? (input.parent ? 'grassroots' : 'city_federation')
  const path = `${input.parent?.path ?? '/'}${id}/`
  const depth = input.parent ? input.parent.depth + 1 : 0
  const code = input.code ?? `T-${unique()}`
  const name = input.name ?? `Đơn vị thử ${code}`
  const establishedOn = input.establishedOn ?? '2015-01-01'
  await ctx.db.insert(unions).values({
    id,
    code,
    name,
    unitTypeId: ctx.types[type],
    parentId: input.parent?.id ?? null,
    path,
    depth,
    establishedOn,
    sector: type === 'grassroots' ? (input.sector === undefined ? 'non_state' : input.sector) : null,
    employerName: input.employerName ?? null,
  })
  await ctx.db.insert(unionPlacements).values({ id: uuidv7(), unionId: id, parentId: input.parent?.id ?? null, path, validFrom: establishedOn })
  return { id, code, name, path, depth }
}

let passwordHash: Promise<string> | undefined

export async function createUser(ctx: TestContext, role: Role, union: { id: string }) {
  passwordHash ??= hashPassword(TEST_PASSWORD)
  const id = uuidv7()
  const email = `${role}.${unique().toLowerCase()}@test.liendoan.vn`
  await ctx.db.insert(users).values({ id, email, fullName: `Người dùng ${role}`, role, unionId: union.id, passwordHash: await passwordHash })
  return { id, email }
}

export async function login(ctx: TestContext, email: string, password = TEST_PASSWORD): Promise<TokenPair> {
  const response = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } })
  if (response.statusCode !== 200) throw new Error(`login failed: ${response.statusCode} ${response.body}`)
  return response.json<TokenPair>()
}

/** A signed-in client for a new account with `role` at `union`. */
export async function loginAs(ctx: TestContext, role: Role, union: { id: string }) {
  const user = await createUser(ctx, role, union)
  const tokens = await login(ctx, user.email)
  return client(ctx.app, tokens.accessToken, user)
}

export type Client = ReturnType<typeof client>

export function client(app: FastifyInstance, accessToken: string, user: { id: string; email: string }) {
  const request = (options: InjectOptions): Promise<LightMyRequestResponse> =>
    app.inject({ ...options, headers: { authorization: `Bearer ${accessToken}`, ...options.headers } })
  return {
    user,
    accessToken,
    request,
    get: (url: string, headers?: Record<string, string>) => request({ method: 'GET', url, ...(headers ? { headers } : {}) }),
    post: (url: string, payload?: unknown, headers?: Record<string, string>) =>
      request({ method: 'POST', url, payload: payload as InjectOptions['payload'], ...(headers ? { headers } : {}) }),
    patch: (url: string, payload: unknown, headers?: Record<string, string>) =>
      request({ method: 'PATCH', url, payload: payload as InjectOptions['payload'], ...(headers ? { headers } : {}) }),
  }
}

/** Reads a union through the API and returns it with its ETag. */
export async function readUnion(c: Client, id: string): Promise<{ union: Union; etag: string }> {
  const response = await c.get(`/api/v1/unions/${id}`)
  if (response.statusCode !== 200) throw new Error(`read failed: ${response.statusCode} ${response.body}`)
  return { union: response.json<Union>(), etag: String(response.headers.etag) }
}

/** A small tree for one test file: root → two districts (A, B) → grassroots units. */
export async function createTree(ctx: TestContext) {
  const root = await createUnion(ctx, { type: 'city_federation', name: `LĐLĐ thử nghiệm ${unique()}` })
  const districtA = await createUnion(ctx, { parent: root, type: 'district_federation', name: 'LĐLĐ huyện Phúc Thọ thử' })
  const districtB = await createUnion(ctx, { parent: root, type: 'district_federation', name: 'LĐLĐ huyện Thanh Trì thử' })
  const grassrootsA1 = await createUnion(ctx, { parent: districtA, name: 'Công ty TNHH May Phúc Thọ', employerName: 'Công ty TNHH May Phúc Thọ' })
  const grassrootsA2 = await createUnion(ctx, { parent: districtA, name: 'Trường Mầm non Võng Xuyên', sector: 'state' })
  const grassrootsB1 = await createUnion(ctx, { parent: districtB, name: 'Công ty Cổ phần Thái Sơn' })
  return { root, districtA, districtB, grassrootsA1, grassrootsA2, grassrootsB1 }
}

/** Rows of a raw query (both drivers answer `{ rows }`). */
export async function queryRows<T>(ctx: TestContext, query: SQL): Promise<T[]> {
  return ((await ctx.db.execute(query)) as unknown as { rows: T[] }).rows
}

/**
 * Everything a request could have written under `root`: used to prove a refused request
 * changed nothing. Scoped to the test's own subtree so parallel files don't interfere.
 */
export async function subtreeSnapshot(ctx: TestContext, root: { id: string }) {
  const result = await ctx.db.execute(sql`
    WITH scope AS (SELECT u.id FROM unions u WHERE ${pathWithinSubtree(sql`u.path`, root.id)})
    SELECT
      (SELECT count(*) FROM scope)::int AS unions,
      (SELECT count(*) FROM union_placements WHERE union_id IN (SELECT id FROM scope))::int AS placements,
      (SELECT count(*) FROM union_events WHERE union_id IN (SELECT id FROM scope))::int AS events,
      (SELECT count(*) FROM union_ratings WHERE union_id IN (SELECT id FROM scope))::int AS ratings,
      (SELECT count(*) FROM audit_events WHERE union_id IN (SELECT id FROM scope))::int AS audit,
      (SELECT count(*) FROM users WHERE union_id IN (SELECT id FROM scope))::int AS users,
      (SELECT coalesce(sum(version), 0) FROM unions WHERE id IN (SELECT id FROM scope))::int AS versions,
      (SELECT coalesce(string_agg(path, ',' ORDER BY path), '') FROM unions WHERE id IN (SELECT id FROM scope)) AS paths
  `)
  return (result as unknown as { rows: Record<string, unknown>[] }).rows[0]
}
