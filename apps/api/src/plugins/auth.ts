import fastifyJwt from '@fastify/jwt'
import { Problem, type Role, Roles } from '@liendoan/contracts'
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify'
import fp from 'fastify-plugin'
import type { Config } from '../config.js'
import type { Actor, ClientCaller, RequestContext } from '../lib/actor.js'
import { unauthorized } from '../lib/errors.js'

/** Claims of an account's access token. Scope is resolved from `unionId` against the live tree. */
export interface UserAccessClaims {
  sub: string
  role: Role
  unionId: string
  typ: 'access'
  kind?: undefined
}

/** Claims of an API client's access token (client-credentials grant). */
export interface ClientAccessClaims {
  /** The client's id. */
  sub: string
  typ: 'access'
  kind: 'client'
  unionId: string
  /** Space-separated scopes, as OAuth writes them. */
  scope: string
  /** The client's secret generation: a rotation makes every earlier token invalid. */
  gen: number
}

export type AccessClaims = UserAccessClaims | ClientAccessClaims

/** What the database says about a client when one of its tokens is used. */
export interface LiveClient {
  unionId: string
  scopes: readonly string[]
  secretGeneration: number
  rateLimitPerMinute: number
  revoked: boolean
}

/** Reads a client by id (one primary-key read); undefined when it does not exist. */
export type ClientLookup = (clientId: string) => Promise<LiveClient | undefined>

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: AccessClaims
    user: Actor
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** onRequest hook for protected scopes. */
    authenticate: (request: FastifyRequest) => Promise<void>
  }
  interface FastifyRequest {
    /** The signed-in actor and request id, for services. Only inside authenticated scopes. */
    context(): RequestContext
  }
}

/** Claims of a client token as they were signed, before the live check (see `authenticate`). */
interface PendingClient {
  clientId: string
  generation: number
  scopes: string[]
}
const pendingClients = new WeakMap<Actor, PendingClient>()

/**
 * onRoute hook of the protected scope: every protected route may answer 403 (a role or an API
 * client's scopes without the permission), so each documents it.
 */
export function documentForbidden(route: RouteOptions): void {
  const response = route.schema?.response as Record<string, unknown> | undefined
  if (response && !response['403']) {
    // A copy: the response tables are the contracts' objects, shared by every app built.
    route.schema = { ...route.schema, response: { ...response, 403: Problem } }
  }
}

const revokedClient = () => unauthorized('token_invalid', 'The API client was revoked or its secret rotated.')

export const authPlugin = fp(
  async (app: FastifyInstance, options: { config: Config; clients: ClientLookup }) => {
    await app.register(fastifyJwt, {
      secret: options.config.JWT_SECRET,
      sign: { algorithm: 'HS256', expiresIn: options.config.ACCESS_TOKEN_TTL_SECONDS },
      verify: { algorithms: ['HS256'], cache: 10_000 },
      formatUser: (claims) => {
        if (claims.typ === 'access' && claims.kind === 'client') {
          if (typeof claims.unionId !== 'string' || typeof claims.scope !== 'string' || !Number.isInteger(claims.gen)) {
            throw unauthorized('token_invalid', 'The token is not a valid access token.')
          }
          // Completed from the database in `authenticate`: no rights until then.
          const actor: Actor = { userId: null, role: null, unionId: claims.unionId, client: { id: claims.sub, scopes: new Set(), rateLimitPerMinute: 0 } }
          pendingClients.set(actor, { clientId: claims.sub, generation: claims.gen, scopes: claims.scope.split(' ').filter(Boolean) })
          return actor
        }
        // Refuse tokens of another kind or with claims this version does not understand.
        if (claims.typ !== 'access' || claims.kind !== undefined || !Roles.includes(claims.role) || typeof claims.unionId !== 'string') {
          throw unauthorized('token_invalid', 'The token is not a valid access token.')
        }
        return { userId: claims.sub, role: claims.role, unionId: claims.unionId }
      },
    })

    app.decorate('authenticate', async (request: FastifyRequest) => {
      await request.jwtVerify()
      const pending = pendingClients.get(request.user)
      if (!pending) return
      // A client token is checked against the client on every request (one primary-key read), so
      // revoking the client, rotating its secret or narrowing its scopes takes effect at once.
      const live = await options.clients(pending.clientId)
      if (!live || live.revoked || live.secretGeneration !== pending.generation) throw revokedClient()
      const granted = new Set(live.scopes)
      const client: ClientCaller = {
        id: pending.clientId,
        scopes: new Set(pending.scopes.filter((scope) => granted.has(scope))) as ClientCaller['scopes'],
        rateLimitPerMinute: live.rateLimitPerMinute,
      }
      request.user = { userId: null, role: null, unionId: live.unionId, client }
    })

    app.decorateRequest('context', function (this: FastifyRequest): RequestContext {
      if (!this.user) throw unauthorized()
      return { actor: this.user, requestId: String(this.id) }
    })
  },
  { name: 'auth', dependencies: ['errors'] },
)
