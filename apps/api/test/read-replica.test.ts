import { randomBytes } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../src/config.js'
import { createTestApp, createTree, loginAs, queryRows } from './helpers/app.js'

/**
 * DATABASE_READ_URL: heavy reports read from a replica. Here the "replica" is the test database
 * itself under another application_name, so the test can see which connection a report used.
 */

const url = process.env.TEST_DATABASE_URL
const secret = 'read-replica-test-secret-that-is-long-enough'

describe('DATABASE_READ_URL', () => {
  it('is refused without DATABASE_URL: the embedded database has no replica', () => {
    expect(() => loadConfig({ JWT_SECRET: secret, DATABASE_READ_URL: 'postgres://replica/liendoan' })).toThrow(ConfigError)
    expect(() => loadConfig({ JWT_SECRET: secret, DATABASE_URL: 'postgres://primary/x', DATABASE_READ_URL: 'mysql://replica/x' })).toThrow(
      /DATABASE_READ_URL/,
    )
  })

  it('defaults to the primary', async () => {
    const ctx = await createTestApp()
    try {
      expect(ctx.app.readDb).toBe(ctx.database.db)
    } finally {
      await ctx.close()
    }
  })

  // A replica needs a server: this one runs in the PostgreSQL pass of .ci/run (TEST_DATABASE_URL).
  if (url) it('serves the training and agreement reports from the read connection (PostgreSQL)', async () => {
    const applicationName = `liendoan_read_${randomBytes(4).toString('hex')}`
    const readUrl = new URL(url)
    readUrl.searchParams.set('application_name', applicationName)
    const ctx = await createTestApp({ DATABASE_READ_URL: readUrl.toString() })
    try {
      expect(ctx.app.readDb).not.toBe(ctx.database.db)
      const tree = await createTree(ctx)
      const officer = await loginAs(ctx, 'federation_officer', tree.root)
      const [topic] = await queryRows<{ id: string }>(ctx, sql`SELECT id FROM training_topics ORDER BY code LIMIT 1`)
      const under = tree.root.id
      for (const report of [
        `/api/v1/reports/trainings/activity?from=2025-01-01&to=2025-12-31&under=${under}`,
        `/api/v1/reports/trainings/coverage?topicId=${topic!.id}&under=${under}&fromYear=2025&toYear=2025`,
        `/api/v1/reports/agreements/coverage?under=${under}&asOf=2025-12-31`,
        `/api/v1/reports/agreements/signed?under=${under}&from=2025-01-01&to=2025-12-31`,
        `/api/v1/reports/agreements/grades?under=${under}`,
      ]) {
        const response = await officer.get(report)
        expect(response.statusCode, `${report}: ${response.body}`).toBe(200)
      }
      // The reports opened connections of the read pool (idle ones stay open for a while).
      const connections = await queryRows<{ n: number }>(ctx, sql`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = ${applicationName}`)
      expect(connections[0]?.n).toBeGreaterThan(0)
    } finally {
      await ctx.close()
    }
  })
})
