import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { unaccent } from '@electric-sql/pglite/contrib/unaccent'
import { type SQL, sql } from 'drizzle-orm'
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres'
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import pg from 'pg'
import lockfile from 'proper-lockfile'
import * as schema from './schema/index.js'

export type Schema = typeof schema
/** A drizzle handle on either driver; transactions are the same type, so repositories take either. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>

/** The rows of a raw `db.execute(sql...)`: both drivers answer `{ rows }`. */
export const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows

/** Runs a raw statement and returns its rows. */
export async function selectRows<T>(executor: Database, query: SQL): Promise<T[]> {
  return rowsOf<T>(await executor.execute(query))
}

export interface DatabaseHandle {
  db: Database
  kind: 'pglite' | 'postgres'
  /** Applies the committed SQL migrations (idempotent, safe with several processes). */
  migrate(): Promise<void>
  ping(): Promise<void>
  close(): Promise<void>
  /** The node-postgres pool, for COPY in the scale seeder; absent on PGlite. */
  pool?: pg.Pool
}

export interface DatabaseOptions {
  url?: string
  dataDir: string
  poolSize: number
}

// The SQL migrations stay in src/db/migrations; compiled code in dist/src/db finds them there too.
const here = path.dirname(fileURLToPath(import.meta.url))
const apiRoot = here.split(path.sep).includes('dist') ? path.resolve(here, '../../..') : path.resolve(here, '../..')
export const MIGRATIONS_FOLDER = path.join(apiRoot, 'src/db/migrations')

// One arbitrary key shared by every process that migrates this database.
const MIGRATION_LOCK_KEY = 7_140_213_001

export class DatabaseLockedError extends Error {}

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  return options.url ? openPostgres(options.url, options.poolSize) : openPglite(options.dataDir)
}

async function openPostgres(url: string, poolSize: number): Promise<DatabaseHandle> {
  // No parallel query: on an API serving many small requests at once, workers only add start-up
  // time (a 1 ms index walk became 6 ms behind a Gather Merge) and take the cores other requests need.
  const pool = new pg.Pool({ connectionString: url, max: poolSize, options: '-c max_parallel_workers_per_gather=0' })
  // A dropped idle connection must not crash the process; pg emits it on the pool.
  pool.on('error', () => undefined)
  const db = drizzleNodePg({ client: pool, schema, casing: 'snake_case' }) as unknown as Database
  return {
    db,
    kind: 'postgres',
    pool,
    async migrate() {
      const client = await pool.connect()
      try {
        await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY])
        // On the connection that holds the lock: with a pool of one, a second connection would never come.
        await migrateNodePg(drizzleNodePg({ client, casing: 'snake_case' }), { migrationsFolder: MIGRATIONS_FOLDER })
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined)
        client.release()
      }
    },
    async ping() {
      await db.execute(sql`SELECT 1`)
    },
    async close() {
      await pool.end()
    },
  }
}

async function openPglite(dataDir: string): Promise<DatabaseHandle> {
  const inMemory = dataDir.startsWith('memory://')
  let releaseLock: (() => Promise<void>) | undefined
  if (!inMemory) {
    mkdirSync(dataDir, { recursive: true })
    // PGlite lets two processes open one folder and corrupt it; only one may hold it.
    try {
      releaseLock = await lockfile.lock(dataDir, { stale: 15_000, update: 5_000, realpath: true })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ELOCKED') {
        throw new DatabaseLockedError(
          `The embedded database in ${path.resolve(dataDir)} is in use by another Liendoan process. ` +
            'Stop that process first, or set DATABASE_URL to use a PostgreSQL server that several processes can share.',
        )
      }
      throw error
    }
  }
  const client = await PGlite.create(inMemory ? undefined : path.resolve(dataDir), { extensions: { unaccent, pg_trgm } })
  const db = drizzlePglite({ client, schema, casing: 'snake_case' }) as unknown as Database
  return {
    db,
    kind: 'pglite',
    async migrate() {
      await migratePglite(drizzlePglite({ client, casing: 'snake_case' }), { migrationsFolder: MIGRATIONS_FOLDER })
    },
    async ping() {
      await client.query('SELECT 1')
    },
    async close() {
      await client.close()
      await releaseLock?.()
    },
  }
}
