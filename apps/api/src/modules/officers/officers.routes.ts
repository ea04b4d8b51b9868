import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { officerRoutes } from '@liendoan/contracts'
import { etagOf, versionFromIfMatch } from '../../lib/etag.js'
import type { OfficersService } from './officers.service.js'

const tags = ['officers']

export interface OfficersRoutesOptions {
  officers: OfficersService
}

/** HTTP for officer positions and terms: unpack, call the service, set headers. Rules live in the service. */
export const officersRoutes: FastifyPluginAsyncTypebox<OfficersRoutesOptions> = async (app, { officers }) => {
  const r = officerRoutes

  app.get(r.positions.url, { schema: { tags: ['reference data'], summary: 'Officer positions, in rank order', response: r.positions.response } }, async () => ({
    items: await officers.positions(),
  }))

  app.get(
    r.list.url,
    { schema: { tags, summary: 'Officers across your scope (filter by subtree, position, sector, current)', querystring: r.list.querystring, response: r.list.response } },
    async (request) => officers.listOfficers(request.context(), request.query),
  )

  app.get(
    r.ofUnion.url,
    { schema: { tags, summary: "A union's current and past officers", params: r.ofUnion.params, querystring: r.ofUnion.querystring, response: r.ofUnion.response } },
    async (request) => officers.ofUnion(request.context(), request.params.id, request.query),
  )

  app.post(
    r.appoint.url,
    { schema: { tags, summary: 'Appoint a member to a position in the union', params: r.appoint.params, body: r.appoint.body, response: r.appoint.response } },
    async (request, reply) => {
      const term = await officers.appoint(request.context(), request.params.id, request.body)
      return reply.code(201).header('etag', etagOf(term.version)).header('location', `/api/v1/officers/${term.id}`).send(term)
    },
  )

  app.get(r.get.url, { schema: { tags, summary: 'One officer term (ETag for updates)', params: r.get.params, response: r.get.response } }, async (request, reply) => {
    const term = await officers.get(request.context(), request.params.id)
    reply.header('etag', etagOf(term.version))
    return term
  })

  app.patch(
    r.update.url,
    { schema: { tags, summary: 'End a term or correct it (If-Match required)', params: r.update.params, headers: r.update.headers, body: r.update.body, response: r.update.response } },
    async (request, reply) => {
      const expected = versionFromIfMatch(request.headers['if-match'])
      const term = await officers.update(request.context(), request.params.id, expected, request.body)
      reply.header('etag', etagOf(term.version))
      return term
    },
  )
}
