import { createHash } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { sql } from 'drizzle-orm'
import { type Database, rowsOf } from '../db/client.js'
import { canonicalJson } from '../lib/canonical-json.js'
import { ProblemError } from '../lib/errors.js'

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Honour `Idempotency-Key` on this route. `true`: the request is fingerprinted from its
     * method, URL and JSON body before the handler runs. `'manual'`: the body is not JSON
     * (a multipart upload), so the handler calls `claimIdempotencyKey` with its own digest
     * once it has read the body.
     */
    idempotent?: boolean | 'manual'
    /**
     * Top-level response fields never stored for a replay (a secret shown once): the replay
     * answers without them.
     */
    idempotentOmit?: readonly string[]
  }
}

interface IdempotencyClaim {
  /** The account, or the API client (both UUIDs): keys are per caller. */
  userId: string
  route: string
  key: string
}

/** Requests that hold a key whose response must be stored when it is sent. */
const claims = new WeakMap<FastifyRequest, IdempotencyClaim>()

/** Keys are kept this long; a retry after that runs as a new request. */
const KEY_TTL_HOURS = 24
/** A key still "in progress" this long belongs to a request that died (a crash): a retry may take it over. */
const IN_PROGRESS_TIMEOUT_MINUTES = 10
/** Response headers a replay repeats. */
const REPLAYED_HEADERS = ['content-type', 'location', 'etag'] as const


/** SHA-256 of what makes two requests "the same": method, URL (path and query) and a digest of the body. */
export function requestFingerprint(method: string, url: string, bodyDigest: string): string {
  return createHash('sha256').update(`${method} ${url}\n${bodyDigest}`).digest('hex')
}

/** Two bodies that differ only in key order are the same request. */
export function jsonBodyDigest(body: unknown): string {
  return body === undefined ? '' : createHash('sha256').update(canonicalJson(body)).digest('hex')
}

function keyOf(request: FastifyRequest): string | undefined {
  const header = request.headers['idempotency-key']
  const key = Array.isArray(header) ? header[0] : header
  if (key === undefined) return undefined
  if (!/^[\x21-\x7e]{8,128}$/.test(key)) {
    throw new ProblemError(400, 'validation_failed', 'Idempotency-Key must be 8 to 128 visible ASCII characters.', [
      { field: 'idempotency-key', code: 'pattern' },
    ])
  }
  return key
}

type ClaimOutcome = 'proceed' | 'replayed'

async function claim(db: Database, request: FastifyRequest, reply: FastifyReply, bodyDigest: string): Promise<ClaimOutcome> {
  const key = keyOf(request)
  const actor = request.user as { userId?: string | null; client?: { id: string } } | undefined
  const owner = actor?.userId ?? actor?.client?.id
  // Keys are per caller: without one (a public route) there is nothing to scope them to.
  if (key === undefined || !owner) return 'proceed'
  const route = `${request.method} ${request.routeOptions.url ?? request.url}`
  const hash = requestFingerprint(request.method, request.url, bodyDigest)

  // Opportunistic clean-up, a bounded batch per claim through the created_at index.
  await db.execute(sql`
    DELETE FROM idempotency_keys WHERE (user_id, route, key) IN (
      SELECT user_id, route, key FROM idempotency_keys
      WHERE created_at < now() - make_interval(hours => ${KEY_TTL_HOURS}) LIMIT 100)`)

  // Take the key, or take over one that expired or whose first request died.
  const claimed = rowsOf(
    await db.execute(sql`
      INSERT INTO idempotency_keys (user_id, route, key, request_hash)
      VALUES (${owner}, ${route}, ${key}, ${hash})
      ON CONFLICT (user_id, route, key) DO UPDATE
        SET request_hash = EXCLUDED.request_hash, status_code = NULL, response_body = NULL,
            response_headers = NULL, created_at = now()
        WHERE idempotency_keys.created_at < now() - make_interval(hours => ${KEY_TTL_HOURS})
           OR (idempotency_keys.status_code IS NULL
               AND idempotency_keys.created_at < now() - make_interval(mins => ${IN_PROGRESS_TIMEOUT_MINUTES}))
      RETURNING 1`),
  )
  if (claimed.length > 0) {
    claims.set(request, { userId: owner, route, key })
    return 'proceed'
  }

  const [stored] = rowsOf<{ request_hash: string; status_code: number | null; response_body: unknown; response_headers: Record<string, string> | null }>(
    await db.execute(sql`
      SELECT request_hash, status_code, response_body, response_headers FROM idempotency_keys
      WHERE user_id = ${owner} AND route = ${route} AND key = ${key}`),
  )
  if (!stored) throw new ProblemError(409, 'conflict', 'The request with this Idempotency-Key is being retried at the same time. Try again.')
  if (stored.request_hash !== hash) {
    throw new ProblemError(422, 'idempotency_key_reused', 'This Idempotency-Key was already used for a different request. Use a new key.')
  }
  if (stored.status_code === null) {
    throw new ProblemError(409, 'conflict', 'The first request with this Idempotency-Key is still being processed. Try again shortly.')
  }
  reply.code(stored.status_code)
  for (const [name, value] of Object.entries(stored.response_headers ?? {})) reply.header(name, value)
  reply.header('idempotent-replayed', 'true')
  reply.send(stored.response_body)
  return 'replayed'
}

/**
 * `Idempotency-Key` for POSTs that create money or bulk changes. The key is scoped to the
 * account and the route; the first response (status, body, location) is stored in the database,
 * so any API process answers the retry: the same key and request replays it, the same key with
 * another request is 422, and a retry while the first still runs is 409. Server errors (5xx)
 * are not stored, so a retry runs again.
 */
export const idempotencyPlugin = fp(
  async (app: FastifyInstance, options: { db: Database }) => {
    const { db } = options

    app.decorate('claimIdempotencyKey', (request: FastifyRequest, reply: FastifyReply, bodyDigest: string) =>
      claim(db, request, reply, bodyDigest),
    )

    app.addHook('preHandler', async (request, reply) => {
      if (request.routeOptions.config.idempotent !== true) return
      if ((await claim(db, request, reply, jsonBodyDigest(request.body))) === 'replayed') return reply
    })

    app.addHook('onSend', async (request, reply, payload) => {
      const held = claims.get(request)
      if (!held) return payload
      claims.delete(request)
      const where = sql`user_id = ${held.userId} AND route = ${held.route} AND key = ${held.key}`
      try {
        if (reply.statusCode >= 500 || typeof payload !== 'string') {
          await db.execute(sql`DELETE FROM idempotency_keys WHERE ${where}`)
          return payload
        }
        const headers: Record<string, string> = {}
        for (const name of REPLAYED_HEADERS) {
          const value = reply.getHeader(name)
          if (value !== undefined) headers[name] = String(value)
        }
        let body: unknown = null
        try {
          body = payload === '' ? null : JSON.parse(payload)
        } catch {
          body = payload
        }
        const omit = request.routeOptions.config.idempotentOmit
        if (omit && body !== null && typeof body === 'object') {
          body = Object.fromEntries(Object.entries(body).filter(([name]) => !omit.includes(name)))
        }
        await db.execute(sql`
          UPDATE idempotency_keys
          SET status_code = ${reply.statusCode}, response_body = ${JSON.stringify(body)}::jsonb, response_headers = ${JSON.stringify(headers)}::jsonb
          WHERE ${where}`)
      } catch (error) {
        // The response itself is fine; a retry will meet a key "in progress" until it times out.
        request.log.error({ err: error }, 'storing the idempotent response failed')
      }
      return payload
    })
  },
  { name: 'idempotency', dependencies: ['errors', 'auth'] },
)

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * For `idempotent: 'manual'` routes: claims the request's key with a digest of its body.
     * 'replayed' means the stored response was sent and the handler must return `reply`.
     */
    claimIdempotencyKey(request: FastifyRequest, reply: FastifyReply, bodyDigest: string): Promise<ClaimOutcome>
  }
}
