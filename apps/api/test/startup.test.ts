import { sql } from 'drizzle-orm'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { PageOf, TokenPair, Union } from '@liendoan/contracts'
import { afterAll, describe, expect, it } from 'vitest'
import { buildApp } from '../src/app.js'
import { ConfigError, loadConfig } from '../src/config.js'
import { DatabaseLockedError, openDatabase } from '../src/db/client.js'
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../src/seed/demo.js'
import { PHUC_THO_MEMBERS } from '../src/seed/demo-members.js'
import { checkCitizenId } from '../src/lib/personal-data.js'
import { prepareDatabase } from '../src/seed/prepare.js'

// These run on PGlite whatever TEST_DATABASE_URL says: they are about the embedded start-up path.
const quietLog = { info: () => undefined }
const secret = 'start-up-test-secret-that-is-long-enough'
const folders: string[] = []
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true })
})

describe('configuration', () => {
  it('refuses a missing secret and wrong values with a message naming them', () => {
    expect(() => loadConfig({})).toThrow(ConfigError)
    expect(() => loadConfig({ JWT_SECRET: secret, PORT: 'eighty' })).toThrow(/PORT/)
    expect(() => loadConfig({ JWT_SECRET: 'short' })).toThrow(/JWT_SECRET/)
    expect(() => loadConfig({ JWT_SECRET: secret, BOOTSTRAP_ADMIN_EMAIL: 'a@b.vn' })).toThrow(/BOOTSTRAP_ADMIN_PASSWORD/)
    expect(loadConfig({ JWT_SECRET: secret, PORT: '4010', SEED_DEMO: 'false' })).toMatchObject({ PORT: 4010, SEED_DEMO: false })
  })
})

describe('migrations', () => {
  it('apply (again, idempotently) through a pool of a single connection', async () => {
    // The migration lock and the migration share one connection: a pool of one must not wait on itself.
    const database = await openDatabase({ url: process.env.TEST_DATABASE_URL, dataDir: 'memory://', poolSize: 1 })
    try {
      await database.migrate()
      await database.migrate()
      const tables = await database.db.execute(sql`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name IN ('members', 'officer_terms')`)
      expect((tables as unknown as { rows: { n: number }[] }).rows[0]?.n).toBe(2)
    } finally {
      await database.close()
    }
  })
})

// Two processes on one embedded folder are refused outright (below); taking turns is for a
// server, so this runs in the PostgreSQL pass of .ci/run (TEST_DATABASE_URL).
if (process.env.TEST_DATABASE_URL) describe('several processes starting at once', () => {
  it('take turns for the start-up work (PostgreSQL), also with pools of one', async () => {
    const handles = await Promise.all([1, 2].map(() => openDatabase({ url: process.env.TEST_DATABASE_URL, dataDir: '', poolSize: 1 })))
    try {
      const spans: [number, number][] = []
      await Promise.all(
        handles.map((handle) =>
          handle.exclusively(async () => {
            const start = performance.now()
            // The work uses the handle's own pool, as seeding does.
            await handle.db.execute(sql`SELECT pg_sleep(0.2)`)
            spans.push([start, performance.now()])
          }),
        ),
      )
      const [first, second] = spans.sort((a, b) => a[0] - b[0])
      expect(second![0]).toBeGreaterThanOrEqual(first![1])
    } finally {
      await Promise.all(handles.map((handle) => handle.close()))
    }
  })
})

describe('embedded database', () => {
  it('refuses a second opener of the same data folder, as it would another process', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'liendoan-lock-'))
    folders.push(folder)
    const first = await openDatabase({ dataDir: folder, poolSize: 1 })
    try {
      await expect(openDatabase({ dataDir: folder, poolSize: 1 })).rejects.toBeInstanceOf(DatabaseLockedError)
    } finally {
      await first.close()
    }
    // Once the first one closed, the folder can be opened again.
    const again = await openDatabase({ dataDir: folder, poolSize: 1 })
    await again.close()
  })
})

describe('first start', () => {
  it('seeds the demo federation shaped like the seeds, with working demo accounts', async () => {
    const config = loadConfig({ JWT_SECRET: secret, DATA_DIR: 'memory://', NODE_ENV: 'test' })
    const database = await openDatabase({ dataDir: 'memory://', poolSize: 1 })
    const app = await buildApp({ config, database })
    try {
      expect(await prepareDatabase(database, config, quietLog)).toBe('demo')
      // A second start leaves the data alone.
      expect(await prepareDatabase(database, config, quietLog)).toBe('none')
      const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'phuctho@liendoan.vn', password: DEMO_PASSWORD } })
      expect(login.statusCode).toBe(200)
      const { accessToken, user } = login.json<TokenPair>()
      const grassroots = await app.inject({
        url: `/api/v1/unions?under=${user.unionId}&grassroots=true&limit=500`,
        headers: { authorization: `Bearer ${accessToken}` },
      })
      expect(grassroots.json<PageOf<Union>>().items).toHaveLength(156)
      // Phúc Thọ's members as the seed counts them, every one with a CCCD the API would accept.
      const members = await database.db.execute<{ citizen_id: string; status: string }>(
        sql`SELECT m.citizen_id, m.status FROM members m JOIN unions u ON u.id = ${user.unionId} WHERE m.union_path LIKE u.path || '%'`,
      )
      const memberRows = (members as unknown as { rows: { citizen_id: string; status: string }[] }).rows
      expect(memberRows).toHaveLength(PHUC_THO_MEMBERS)
      expect(memberRows.filter((row) => !checkCitizenId(row.citizen_id).ok)).toEqual([])
      const officers = await database.db.execute(sql`
        SELECT count(DISTINCT t.union_id)::int AS chaired,
               (SELECT count(*)::int FROM member_transfers WHERE status = 'pending') AS pending
          FROM officer_terms t JOIN officer_positions p ON p.id = t.position_id
         WHERE p.code = 'chairperson' AND t.ended_on IS NULL`)
      const summary = (officers as unknown as { rows: { chaired: number; pending: number }[] }).rows[0]
      expect(summary?.chaired).toBeGreaterThan(200)
      expect(summary?.pending).toBe(1)
      for (const account of DEMO_ACCOUNTS) {
        const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: account.email, password: DEMO_PASSWORD } })
        expect(response.statusCode, account.email).toBe(200)
        expect(response.json<TokenPair>().user.role).toBe(account.role)
      }
    } finally {
      await app.close()
      await database.close()
    }
    // The whole demo federation (13,000 members, their trainings) on the embedded database: about
    // 20 s on the 2-core machines here, more when they are busy. Its speed is not what this checks.
  }, 120_000)

  it('starts empty with a bootstrap administrator when demo data is off', async () => {
    const config = loadConfig({
      JWT_SECRET: secret,
      DATA_DIR: 'memory://',
      NODE_ENV: 'test',
      SEED_DEMO: 'false',
      BOOTSTRAP_ADMIN_EMAIL: 'first.admin@example.vn',
      BOOTSTRAP_ADMIN_PASSWORD: 'a-long-first-password',
      BOOTSTRAP_UNION_NAME: 'LĐLĐ tỉnh Thử Nghiệm',
    })
    const database = await openDatabase({ dataDir: 'memory://', poolSize: 1 })
    const app = await buildApp({ config, database })
    try {
      expect(await prepareDatabase(database, config, quietLog)).toBe('bootstrap')
      expect(await prepareDatabase(database, config, quietLog)).toBe('none')
      const login = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'first.admin@example.vn', password: 'a-long-first-password' },
      })
      expect(login.statusCode).toBe(200)
      const { accessToken, user } = login.json<TokenPair>()
      expect(user).toMatchObject({ role: 'admin', unionName: 'LĐLĐ tỉnh Thử Nghiệm' })
      const list = await app.inject({ url: '/api/v1/unions', headers: { authorization: `Bearer ${accessToken}` } })
      expect(list.json<PageOf<Union>>().items.map((item) => item.name)).toEqual(['LĐLĐ tỉnh Thử Nghiệm'])
    } finally {
      await app.close()
      await database.close()
    }
  })
})
