import { authRoutes } from '@liendoan/contracts'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { UsersService } from '../users/users.service.js'
import type { AuthService } from './auth.service.js'
import { actingUserId } from '../../lib/actor.js'
import { notFound } from '../../lib/errors.js'

const tags = ['auth']

/** Public routes: sign-in, refresh and sign-out. */
export const publicAuthRoutes: FastifyPluginAsyncTypebox<{ auth: AuthService; loginRateLimitPerMinute: number }> = async (
  app,
  { auth, loginRateLimitPerMinute },
) => {
  const login = authRoutes.login
  app.post(
    login.url,
    {
      schema: { tags, summary: 'Sign in', security: [], body: login.body, response: login.response },
      config: { rateLimit: { max: loginRateLimitPerMinute, timeWindow: '1 minute' } },
    },
    async (request) => auth.login(request.body.email, request.body.password),
  )

  const refresh = authRoutes.refresh
  app.post(
    refresh.url,
    {
      schema: { tags, summary: 'Rotate a refresh token', security: [], body: refresh.body, response: refresh.response },
      config: { rateLimit: { max: loginRateLimitPerMinute * 6, timeWindow: '1 minute' } },
    },
    async (request) => auth.refresh(request.body.refreshToken),
  )

  const logout = authRoutes.logout
  app.post(
    logout.url,
    { schema: { tags, summary: 'Sign out (revokes the session)', security: [], body: logout.body, response: logout.response } },
    async (request, reply) => {
      await auth.logout(request.body.refreshToken)
      return reply.code(204).send(null)
    },
  )
}

/** Routes for the signed-in account itself. */
export const meRoutes: FastifyPluginAsyncTypebox<{ users: UsersService }> = async (app, { users }) => {
  const me = authRoutes.me
  app.get(me.url, { schema: { tags, summary: 'The signed-in account', response: me.response, description: 'Accounts only: an API client’s token gets 403 user_required.' } }, async (request) => {
    const user = await users.findById(undefined, actingUserId(request.context().actor))
    if (!user) throw notFound()
    return user
  })
}
