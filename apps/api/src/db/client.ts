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
import type { Config } from '../config.js'
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
  /**
   * For read-only queries that tolerate replication lag (heavy reports): a pool on
   * DATABASE_READ_URL when set, otherwise the same handle as `db`. Never for a read that must
   * see the caller's own write, nor inside a transaction on `db`.
   */
  readDb: Database
  kind: 'pglite' | 'postgres'
  /** Applies the committed SQL migrations (idempotent, safe with several processes). */
  migrate(): Promise<void>
  /**
   * Runs `work` while no other process sharing this database runs its own `exclusively` work
   * (start-up seeding by several API replicas at once). `work` uses `db` as usual.
   */
  exclusively<T>(work: () => Promise<T>): Promise<T>
  /** Checks the primary; a replica that is down fails only the reports that read from it. */
  ping(): Promise<void>
  close(): Promise<void>
  /** The node-postgres pool, for COPY in the scale seeder; absent on PGlite. */
  pool?: pg.Pool
}

export interface DatabaseOptions {
  url?: string
  /** A read replica of `url` (PostgreSQL only). */
  readUrl?: string
  dataDir: string
  poolSize: number
}

/** The database settings of the API's configuration. */
export function databaseOptions(config: Config): DatabaseOptions {
  return { url: config.DATABASE_URL, readUrl: config.DATABASE_READ_URL, dataDir: config.DATA_DIR, poolSize: config.DATABASE_POOL_SIZE }
}

// The SQL migrations stay in src/db/migrations; compiled code in dist/src/db finds them there too.
const here = path.dirname(fileURLToPath(import.meta.url))
const apiRoot = here.split(path.sep).includes('dist') ? path.resolve(here, '../../..') : path.resolve(here, '../..')
export const MIGRATIONS_FOLDER = path.join(apiRoot, 'src/db/migrations')

// Arbitrary keys shared by every process on this database: one for migrating, one for the rest
// of the start-up work (they nest: start-up work never waits on itself).
const MIGRATION_LOCK_KEY = 7_140_213_001
const EXCLUSIVE_LOCK_KEY = 7_140_213_002

export class DatabaseLockedError extends Error {}

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  // On PGlite there is no replica: everything reads the one in-process database.
  return options.url ? openPostgres(options.url, options.readUrl, options.poolSize) : openPglite(options.dataDir)
}

function openPool(url: string, poolSize: number): { pool: pg.Pool; db: Database } {
  // No parallel query: on an API serving many small requests at once, workers only add start-up
  // time (a 1 ms index walk became 6 ms behind a Gather Merge) and take the cores other requests need.
  const pool = new pg.Pool({ connectionString: url, max: poolSize, options: '-c max_parallel_workers_per_gather=0' })
  // A dropped idle connection must not crash the process; pg emits it on the pool.
  pool.on('error', () => undefined)
  return { pool, db: drizzleNodePg({ client: pool, schema, casing: 'snake_case' }) as unknown as Database }
}

async function openPostgres(url: string, readUrl: string | undefined, poolSize: number): Promise<DatabaseHandle> {
  const { pool, db } = openPool(url, poolSize)
  const replica = readUrl ? openPool(readUrl, poolSize) : undefined
  return {
    db,
    readDb: replica?.db ?? db,
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
    async exclusively(work) {
      // A connection of its own, outside the pool: with a pool of one, `work` still gets its connection.
      const client = new pg.Client({ connectionString: url })
      client.on('error', () => undefined)
      await client.connect()
      try {
        await client.query('SELECT pg_advisory_lock($1)', [EXCLUSIVE_LOCK_KEY])
        return await work()
      } finally {
        // Ending the session releases its advisory lock as well.
        await client.end().catch(() => undefined)
      }
    },
    async ping() {
      await db.execute(sql`SELECT 1`)
    },
    async close() {
      await Promise.all([pool.end(), replica?.pool.end()])
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
    readDb: db,
    kind: 'pglite',
    async migrate() {
      await migratePglite(drizzlePglite({ client, casing: 'snake_case' }), { migrationsFolder: MIGRATIONS_FOLDER })
    },
    // One process holds the data folder (the lock file above): nothing else can run alongside.
    exclusively: (work) => work(),
    async ping() {
      await client.query('SELECT 1')
    },
    async close() {
      await client.close()
      await releaseLock?.()
    },
  }
}
