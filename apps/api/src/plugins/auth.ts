import fastifyJwt from '@fastify/jwt'
import { type Role, Roles } from '@liendoan/contracts'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import type { Config } from '../config.js'
import type { Actor, RequestContext } from '../lib/actor.js'
import { unauthorized } from '../lib/errors.js'

/** Claims of an access token. Scope is resolved from `unionId` against the live tree. */
export interface AccessClaims {
  sub: string
  role: Role
  unionId: string
  typ: 'access'
}

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

export const authPlugin = fp(
  async (app: FastifyInstance, options: { config: Config }) => {
    await app.register(fastifyJwt, {
      secret: options.config.JWT_SECRET,
      sign: { algorithm: 'HS256', expiresIn: options.config.ACCESS_TOKEN_TTL_SECONDS },
      verify: { algorithms: ['HS256'], cache: 10_000 },
      formatUser: (claims) => {
        // Refuse tokens of another kind or with claims this version does not understand.
        if (claims.typ !== 'access' || !Roles.includes(claims.role) || typeof claims.unionId !== 'string') {
          throw unauthorized('token_invalid', 'The token is not a valid access token.')
        }
        return { userId: claims.sub, role: claims.role, unionId: claims.unionId }
      },
    })

    app.decorate('authenticate', async (request: FastifyRequest) => {
      await request.jwtVerify()
    })

    app.decorateRequest('context', function (this: FastifyRequest): RequestContext {
      if (!this.user) throw unauthorized()
      return { actor: this.user, requestId: String(this.id) }
    })
  },
  { name: 'auth', dependencies: ['errors'] },
)
