import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { userRoutes } from '@liendoan/contracts'
import { etagOf, versionFromIfMatch } from '../../lib/etag.js'
import type { UsersService } from './users.service.js'

const tags = ['users']

export const usersRoutes: FastifyPluginAsyncTypebox<{ users: UsersService }> = async (app, { users }) => {
  const { list, get, create, update } = userRoutes

  app.get(list.url, { schema: { tags, summary: 'Accounts in your scope', querystring: list.querystring, response: list.response } }, async (request) =>
    users.list(request.context(), request.query),
  )

  app.get(get.url, { schema: { tags, summary: 'One account', params: get.params, response: get.response } }, async (request, reply) => {
    const { version, ...user } = await users.get(request.context(), request.params.id)
    reply.header('etag', etagOf(version))
    return user
  })

  app.post(create.url, { schema: { tags, summary: 'Create an account', body: create.body, response: create.response } }, async (request, reply) => {
    const { version, ...user } = await users.create(request.context(), request.body)
    return reply.code(201).header('etag', etagOf(version)).header('location', `/api/v1/users/${user.id}`).send(user)
  })

  app.patch(
    update.url,
    { schema: { tags, summary: 'Update an account', params: update.params, headers: update.headers, body: update.body, response: update.response } },
    async (request, reply) => {
      const expected = versionFromIfMatch(request.headers['if-match'])
      const { version, ...user } = await users.update(request.context(), request.params.id, expected, request.body)
      reply.header('etag', etagOf(version))
      return user
    },
  )
}
