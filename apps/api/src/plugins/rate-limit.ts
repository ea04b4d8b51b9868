import rateLimit, { type FastifyRateLimitStore, type FastifyRateLimitStoreCtor } from '@fastify/rate-limit'
import { Problem } from '@liendoan/contracts'
import { sql } from 'drizzle-orm'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { type Database, selectRows } from '../db/client.js'
import { ProblemError } from '../lib/errors.js'

/** Expired counters are deleted at most this often by each process, a bounded batch at a time. */
const CLEANUP_INTERVAL_MS = 60_000
const CLEANUP_BATCH = 1000

interface LimitedCaller {
  userId?: string | null
  client?: { id: string; rateLimitPerMinute: number }
}

/**
 * What the limits count against: the API client, the signed-in account, or the caller's address
 * before sign-in.
 */
export function rateLimitKey(request: FastifyRequest): string {
  const caller = request.user as LimitedCaller | undefined
  if (caller?.client) return `client:${caller.client.id}`
  return caller?.userId ? `user:${caller.userId}` : `ip:${request.ip}`
}

/** A route with a limit of its own (`config.rateLimit` set to one), such as sign-in. */
function hasOwnLimit(request: FastifyRequest): boolean {
  return typeof request.routeOptions.config.rateLimit === 'object'
}

/** An API client's own limit (its row, read when its token was checked); undefined for other callers. */
function clientLimit(request: FastifyRequest): number | undefined {
  return (request.user as LimitedCaller | undefined)?.client?.rateLimitPerMinute
}

interface Housekeeping {
  nextCleanupAt: number
}

/**
 * A store for @fastify/rate-limit in PostgreSQL: one fixed-window counter per limit and caller,
 * taken and incremented in one atomic statement, with the database's clock, so every API
 * process on the database shares the count and agrees on the window.
 */
class DatabaseRateLimitStore implements FastifyRateLimitStore {
  constructor(
    private readonly db: Database,
    /** `*` for the general limit, `METHOD /route` for a route's own. */
    private readonly limit: string,
    private readonly housekeeping: Housekeeping,
  ) {}

  incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow = 60_000): void {
    this.count(`${this.limit}|${key}`, timeWindow).then(
      (result) => callback(null, result),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
    )
  }

  child(routeOptions: Parameters<FastifyRateLimitStore['child']>[0]): FastifyRateLimitStore {
    // The plugin passes the merged limit settings, with the route under `routeInfo`.
    const route = (routeOptions as { routeInfo?: { method?: string | string[]; url?: string } }).routeInfo
    const limit = route?.url ? `${[route.method ?? ''].flat().join(',')} ${route.url}` : 'custom'
    return new DatabaseRateLimitStore(this.db, limit, this.housekeeping)
  }

  private async count(key: string, timeWindowMs: number): Promise<{ current: number; ttl: number }> {
    if (Date.now() >= this.housekeeping.nextCleanupAt) {
      this.housekeeping.nextCleanupAt = Date.now() + CLEANUP_INTERVAL_MS
      // Through the reset_at index; the outer condition is checked again on the row, so a
      // counter that another request just restarted is kept.
      await this.db.execute(sql`
        DELETE FROM rate_limit_counters
        WHERE key IN (SELECT key FROM rate_limit_counters WHERE reset_at < now() LIMIT ${CLEANUP_BATCH})
          AND reset_at < now()`)
    }
    const [row] = await selectRows<{ hits: number; ttl_ms: number }>(
      this.db,
      sql`
        INSERT INTO rate_limit_counters AS c (key, hits, reset_at)
        VALUES (${key}, 1, now() + make_interval(secs => ${timeWindowMs / 1000}))
        ON CONFLICT (key) DO UPDATE SET
          hits = CASE WHEN c.reset_at <= now() THEN 1 ELSE least(c.hits, 2147483646) + 1 END,
          reset_at = CASE WHEN c.reset_at <= now() THEN EXCLUDED.reset_at ELSE c.reset_at END
        RETURNING c.hits, ceil(extract(epoch FROM c.reset_at - now()) * 1000)::integer AS ttl_ms`,
    )
    if (!row) throw new Error('the rate-limit counter returned no row')
    return { current: row.hits, ttl: Math.max(0, row.ttl_ms) }
  }
}

/** The store class the plugin instantiates (it calls `new Store(options)`), bound to a database. */
export function databaseRateLimitStore(db: Database): FastifyRateLimitStoreCtor {
  const housekeeping: Housekeeping = { nextCleanupAt: 0 }
  return class extends DatabaseRateLimitStore {
    constructor() {
      super(db, '*', housekeeping)
    }
  }
}

export interface RateLimitPluginOptions {
  db: Database
  /** Requests per minute per caller on routes without a limit of their own; 0: no general limit. */
  perMinute: number
}


/**
 * Rate limits counted in PostgreSQL: a general per-caller limit on every route (unless a route
 * sets `config.rateLimit` to its own limit, or to `false`), and on the same routes each API
 * client's own limit, even when the general one is off. With the standard `RateLimit-Limit`,
 * `RateLimit-Remaining` and `RateLimit-Reset` headers on every limited response, and past the
 * limit a 429 problem+json with `Retry-After`. The 429 is added to each limited route's
 * documented responses.
 */
export const rateLimitPlugin = fp(
  async (app: FastifyInstance, { db, perMinute }: RateLimitPluginOptions) => {
    app.addHook('onRoute', (route) => {
      // Every route without `rateLimit: false` counts API clients; with the general limit on, everyone.
      const limited = route.config?.rateLimit !== false
      const response = route.schema?.response as Record<string, unknown> | undefined
      if (limited && response && !response['429']) {
        // A copy: the response tables are the contracts' objects, shared by every app built.
        route.schema = { ...route.schema, response: { ...response, 429: Problem } }
      }
    })
    await app.register(rateLimit, {
      global: true,
      // Without a general limit only API clients are counted: the others skip the statement.
      // (Routes with a limit of their own, such as sign-in, inherit this setting and must keep counting.)
      ...(perMinute > 0
        ? {}
        : { allowList: (request: FastifyRequest) => !hasOwnLimit(request) && clientLimit(request) === undefined }),
      max: (request: FastifyRequest) => clientLimit(request) ?? perMinute,
      timeWindow: 60_000,
      store: databaseRateLimitStore(db),
      keyGenerator: rateLimitKey,
      enableDraftSpec: true,
      errorResponseBuilder: (_request, context) =>
        new ProblemError(429, 'rate_limited', `Too many requests. Try again in ${Math.ceil(context.ttl / 1000)} seconds.`),
    })
  },
  { name: 'rate-limit' },
)
