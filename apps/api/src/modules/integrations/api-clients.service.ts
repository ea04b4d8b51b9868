import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import {
  type ApiClient,
  type ApiClientListQuery,
  type ApiClientScope,
  ApiClientScopes,
  type ApiClientWithSecret,
  type CreateApiClientBody,
  type PageOf,
  type TokenResponse,
  type UpdateApiClientBody,
} from '@liendoan/contracts'
import { type SQL, and, asc, eq, gt, isNotNull, isNull, or, sql } from 'drizzle-orm'
import { v7 as uuidv7 } from 'uuid'
import type { Database } from '../../db/client.js'
import { apiClients, unions } from '../../db/schema/index.js'
import { type RequestContext, requirePermission } from '../../lib/actor.js'
import { diff, recordAudit } from '../../lib/audit.js'
import { staleVersion } from '../../lib/etag.js'
import { ProblemError, notFound } from '../../lib/errors.js'
import { decodeCursor, pageSize, toPage } from '../../lib/pagination.js'
import type { LiveClient } from '../../plugins/auth.js'
import { unionIdWithinSubtree } from '../unions/union-scope.js'

/** Secrets start with this, so a leaked one is recognisable (secret scanners, logs). */
export const CLIENT_SECRET_PREFIX = 'ldc_'

/**
 * The secret is 32 random bytes, so SHA-256 is enough: nobody can guess 256 bits, and a slow
 * hash (scrypt, argon2) would only let anyone burn the server's CPU through the token endpoint.
 */
const hashSecret = (secret: string) => createHash('sha256').update(secret).digest()

function newSecret(): { secret: string; hash: string; hint: string } {
  const secret = `${CLIENT_SECRET_PREFIX}${randomBytes(32).toString('base64url')}`
  return { secret, hash: hashSecret(secret).toString('hex'), hint: `${CLIENT_SECRET_PREFIX}…${secret.slice(-4)}` }
}

const columns = {
  id: apiClients.id,
  name: apiClients.name,
  unionId: apiClients.unionId,
  unionName: unions.name,
  scopes: apiClients.scopes,
  secretHint: apiClients.secretHint,
  rateLimitPerMinute: apiClients.rateLimitPerMinute,
  version: apiClients.version,
  createdAt: apiClients.createdAt,
  updatedAt: apiClients.updatedAt,
  rotatedAt: apiClients.rotatedAt,
  revokedAt: apiClients.revokedAt,
}
const selectClients = (executor: Database) => executor.select(columns).from(apiClients).innerJoin(unions, eq(unions.id, apiClients.unionId))
type ClientRow = Awaited<ReturnType<typeof selectClients>>[number]

const knownScopes = new Set<string>(ApiClientScopes)
/** Scopes in the contract's order (stable in responses and tokens), unknown ones dropped. */
const orderedScopes = (scopes: readonly string[]): ApiClientScope[] => ApiClientScopes.filter((scope) => scopes.includes(scope))

export function presentApiClient(row: ClientRow): ApiClient & { version: number } {
  return {
    id: row.id,
    name: row.name,
    unionId: row.unionId,
    unionName: row.unionName,
    scopes: orderedScopes(row.scopes),
    secretHint: row.secretHint,
    rateLimitPerMinute: row.rateLimitPerMinute,
    status: row.revokedAt ? 'revoked' : 'active',
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    rotatedAt: row.rotatedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    version: row.version,
  }
}

/** The audit's view of a client: never the secret or its hash. */
const auditView = (client: ApiClient) => ({
  name: client.name,
  unionId: client.unionId,
  scopes: client.scopes,
  rateLimitPerMinute: client.rateLimitPerMinute,
  secretHint: client.secretHint,
})

/** Credentials of a token request, from the body or HTTP Basic. */
export interface ClientCredentials {
  grantType: string | undefined
  clientId: string | undefined
  clientSecret: string | undefined
  /** Space-separated scopes asked for; all the client's when undefined. */
  scope: string | undefined
}

export interface ApiClientsServiceDeps {
  db: Database
  /** Limit of a client created without one (API_CLIENT_RATE_LIMIT_PER_MINUTE). */
  defaultRateLimitPerMinute: number
  accessTokenTtlSeconds: number
  signClientToken: (claims: { clientId: string; unionId: string; scope: string; generation: number }) => string
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const invalidClient = () => new ProblemError(401, 'invalid_client', 'Unknown client, wrong secret, or the client was revoked.')

/** API clients: admins manage the integrations bound to unions in their subtree; clients exchange their secret for tokens. */
export function createApiClientsService(deps: ApiClientsServiceDeps) {
  const { db } = deps

  async function findInScope(executor: Database, context: RequestContext, id: string): Promise<ClientRow> {
    const [row] = await selectClients(executor).where(and(eq(apiClients.id, id), unionIdWithinSubtree(apiClients.unionId, context.actor.unionId)))
    if (!row) throw notFound()
    return row
  }

  /** Locks the client for a change; 404 out of scope, 409 once revoked. */
  async function lockActive(tx: Database, context: RequestContext, id: string): Promise<ClientRow> {
    const [locked] = await tx
      .select({ id: apiClients.id })
      .from(apiClients)
      .where(and(eq(apiClients.id, id), unionIdWithinSubtree(apiClients.unionId, context.actor.unionId)))
      .for('update')
    if (!locked) throw notFound()
    const row = await findInScope(tx, context, id)
    if (row.revokedAt) throw new ProblemError(409, 'invalid_state', 'The API client was revoked; create a new one.')
    return row
  }

  return {
    async list(context: RequestContext, query: ApiClientListQuery): Promise<PageOf<ApiClient>> {
      requirePermission(context.actor, 'api-clients:manage')
      const limit = pageSize(query.limit)
      const conditions: (SQL | undefined)[] = [unionIdWithinSubtree(apiClients.unionId, context.actor.unionId)]
      if (query.under) conditions.push(unionIdWithinSubtree(apiClients.unionId, query.under))
      if (query.status) conditions.push(query.status === 'revoked' ? isNotNull(apiClients.revokedAt) : isNull(apiClients.revokedAt))
      const cursor = decodeCursor(query.cursor, 2)
      if (cursor) {
        conditions.push(or(gt(apiClients.name, String(cursor[0])), and(eq(apiClients.name, String(cursor[0])), gt(apiClients.id, String(cursor[1])))))
      }
      const rows = await selectClients(db)
        .where(and(...conditions))
        .orderBy(asc(apiClients.name), asc(apiClients.id))
        .limit(limit + 1)
      return toPage(rows, limit, (row) => [row.name, row.id], (row) => {
        const { version: _version, ...client } = presentApiClient(row)
        return client
      })
    },

    async get(context: RequestContext, id: string) {
      requirePermission(context.actor, 'api-clients:manage')
      return presentApiClient(await findInScope(db, context, id))
    },

    /** Creates a client; its secret is in this answer only. */
    async create(context: RequestContext, body: CreateApiClientBody): Promise<ApiClientWithSecret & { version: number }> {
      requirePermission(context.actor, 'api-clients:manage')
      const createdBy = context.actor.userId
      if (createdBy === null) throw new ProblemError(403, 'user_required', 'API clients are managed by an account.')
      const secret = newSecret()
      return db.transaction(async (tx) => {
        const [union] = await tx
          .select({ id: unions.id })
          .from(unions)
          .where(and(eq(unions.id, body.unionId), unionIdWithinSubtree(unions.id, context.actor.unionId)))
        if (!union) {
          throw new ProblemError(422, 'validation_failed', 'The union does not exist or is outside your scope.', [{ field: '/unionId', code: 'not_found' }])
        }
        const id = uuidv7()
        await tx.insert(apiClients).values({
          id,
          name: body.name.trim(),
          unionId: body.unionId,
          scopes: orderedScopes(body.scopes),
          secretHash: secret.hash,
          secretHint: secret.hint,
          rateLimitPerMinute: body.rateLimitPerMinute ?? deps.defaultRateLimitPerMinute,
          createdByUserId: createdBy,
        })
        const created = presentApiClient(await findInScope(tx, context, id))
        await recordAudit(tx, context, { action: 'api_client.create', entityType: 'api_client', entityId: id, unionId: created.unionId, after: auditView(created) })
        return { ...created, clientSecret: secret.secret }
      })
    },

    async update(context: RequestContext, id: string, expectedVersion: number, body: UpdateApiClientBody) {
      requirePermission(context.actor, 'api-clients:manage')
      return db.transaction(async (tx) => {
        const current = presentApiClient(await lockActive(tx, context, id))
        if (current.version !== expectedVersion) throw staleVersion()
        await tx
          .update(apiClients)
          .set({
            ...(body.name !== undefined ? { name: body.name.trim() } : {}),
            ...(body.scopes !== undefined ? { scopes: orderedScopes(body.scopes) } : {}),
            ...(body.rateLimitPerMinute !== undefined ? { rateLimitPerMinute: body.rateLimitPerMinute } : {}),
            version: sql`${apiClients.version} + 1`,
            updatedAt: new Date(),
          })
          .where(eq(apiClients.id, id))
        const after = presentApiClient(await findInScope(tx, context, id))
        const changes = diff(auditView(current), auditView(after))
        await recordAudit(tx, context, { action: 'api_client.update', entityType: 'api_client', entityId: id, unionId: after.unionId, ...changes })
        return after
      })
    },

    /** A new secret, in this answer only; the old one and every token issued with it stop working at once. */
    async rotate(context: RequestContext, id: string): Promise<ApiClientWithSecret & { version: number }> {
      requirePermission(context.actor, 'api-clients:manage')
      const secret = newSecret()
      return db.transaction(async (tx) => {
        const current = presentApiClient(await lockActive(tx, context, id))
        const now = new Date()
        await tx
          .update(apiClients)
          .set({
            secretHash: secret.hash,
            secretHint: secret.hint,
            secretGeneration: sql`${apiClients.secretGeneration} + 1`,
            rotatedAt: now,
            version: sql`${apiClients.version} + 1`,
            updatedAt: now,
          })
          .where(eq(apiClients.id, id))
        const after = presentApiClient(await findInScope(tx, context, id))
        await recordAudit(tx, context, {
          action: 'api_client.rotate',
          entityType: 'api_client',
          entityId: id,
          unionId: after.unionId,
          before: { secretHint: current.secretHint },
          after: { secretHint: after.secretHint },
        })
        return { ...after, clientSecret: secret.secret }
      })
    },

    /** Revokes the client: its secret and every token it holds stop working at once. Revoking twice changes nothing. */
    async revoke(context: RequestContext, id: string) {
      requirePermission(context.actor, 'api-clients:manage')
      return db.transaction(async (tx) => {
        const current = presentApiClient(await findInScope(tx, context, id))
        if (current.revokedAt) return current
        const now = new Date()
        await tx
          .update(apiClients)
          .set({ revokedAt: now, version: sql`${apiClients.version} + 1`, updatedAt: now })
          .where(and(eq(apiClients.id, id), isNull(apiClients.revokedAt)))
        const after = presentApiClient(await findInScope(tx, context, id))
        await recordAudit(tx, context, { action: 'api_client.revoke', entityType: 'api_client', entityId: id, unionId: after.unionId, after: { revokedAt: after.revokedAt } })
        return after
      })
    },

    /** The client-credentials grant (RFC 6749 §4.4): an access token carrying the client's scopes. */
    async issueToken(credentials: ClientCredentials): Promise<TokenResponse> {
      if (!credentials.grantType) throw new ProblemError(400, 'invalid_request', 'grant_type is required.')
      if (credentials.grantType !== 'client_credentials') {
        throw new ProblemError(400, 'unsupported_grant_type', 'Only the client_credentials grant is supported.')
      }
      const { clientId, clientSecret } = credentials
      if (!clientId || !clientSecret) throw new ProblemError(400, 'invalid_request', 'client_id and client_secret are required.')
      if (!UUID.test(clientId)) throw invalidClient()
      const [row] = await db
        .select({
          secretHash: apiClients.secretHash,
          unionId: apiClients.unionId,
          scopes: apiClients.scopes,
          secretGeneration: apiClients.secretGeneration,
          revokedAt: apiClients.revokedAt,
        })
        .from(apiClients)
        .where(eq(apiClients.id, clientId))
      // Compared in constant time; an unknown client costs the same comparison.
      const presented = hashSecret(clientSecret)
      const stored = row ? Buffer.from(row.secretHash, 'hex') : hashSecret('')
      const matches = stored.length === presented.length && timingSafeEqual(stored, presented)
      if (!row || !matches || row.revokedAt) throw invalidClient()
      let scopes = orderedScopes(row.scopes)
      if (credentials.scope !== undefined) {
        const asked = credentials.scope.split(' ').filter(Boolean)
        const granted = new Set<string>(scopes)
        const refused = asked.filter((scope) => !granted.has(scope))
        if (refused.length > 0 || asked.length === 0) {
          throw new ProblemError(400, 'invalid_scope', `Scopes not granted to this client: ${refused.join(' ') || '(none asked)'}.`)
        }
        scopes = orderedScopes(asked)
      }
      const scope = scopes.join(' ')
      const accessToken = deps.signClientToken({ clientId, unionId: row.unionId, scope, generation: row.secretGeneration })
      return { access_token: accessToken, token_type: 'Bearer', expires_in: deps.accessTokenTtlSeconds, scope }
    },

    /** The live state of a client, read on every request made with one of its tokens. */
    async lookup(clientId: string): Promise<LiveClient | undefined> {
      if (!UUID.test(clientId)) return undefined
      const [row] = await db
        .select({
          unionId: apiClients.unionId,
          scopes: apiClients.scopes,
          secretGeneration: apiClients.secretGeneration,
          rateLimitPerMinute: apiClients.rateLimitPerMinute,
          revokedAt: apiClients.revokedAt,
        })
        .from(apiClients)
        .where(eq(apiClients.id, clientId))
      if (!row) return undefined
      return {
        unionId: row.unionId,
        scopes: row.scopes.filter((scope) => knownScopes.has(scope)),
        secretGeneration: row.secretGeneration,
        rateLimitPerMinute: row.rateLimitPerMinute,
        revoked: row.revokedAt !== null,
      }
    },
  }
}

export type ApiClientsService = ReturnType<typeof createApiClientsService>
