import { randomBytes } from 'node:crypto'
import type { TokenPair } from '@liendoan/contracts'
import type { FastifyInstance } from 'fastify'
import { expect } from 'vitest'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { type DatabaseHandle, openDatabase } from '../../src/db/client.js'
import { DEMO_PASSWORD } from '../../src/seed/demo.js'
import { prepareDatabase } from '../../src/seed/prepare.js'

export interface DemoApp {
  app: FastifyInstance
  database: DatabaseHandle
  /** An access token of a demo account. */
  tokenOf(email: string): Promise<string>
  close(): Promise<void>
}

/**
 * The app on a fresh demo federation. Always the embedded database: the demo uses fixed codes and
 * must start from empty. The expiry job is not scheduled (the demo is dated 23 November 2026).
 */
export async function startDemoApp(): Promise<DemoApp> {
  const config = loadConfig({ JWT_SECRET: randomBytes(32).toString('hex'), DATA_DIR: 'memory://', NODE_ENV: 'test', AGREEMENT_EXPIRY_INTERVAL_MINUTES: '0' })
  const database = await openDatabase({ dataDir: 'memory://', poolSize: 1 })
  const app = await buildApp({ config, database })
  expect(await prepareDatabase(database, config, { info: () => undefined })).toBe('demo')
  return {
    app,
    database,
    async tokenOf(email) {
      const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: DEMO_PASSWORD } })
      return login.json<TokenPair>().accessToken
    },
    async close() {
      await app.close()
      await database.close()
    },
  }
}
