import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { memberRoutes } from '@liendoan/contracts'
import { etagOf, versionFromIfMatch } from '../../lib/etag.js'
import type { MembersService } from './members.service.js'

const tags = ['members']

export interface MembersRoutesOptions {
  members: MembersService
}

/** HTTP for members and cards: unpack, call the service, set headers. Rules live in the service. */
export const membersRoutes: FastifyPluginAsyncTypebox<MembersRoutesOptions> = async (app, { members }) => {
  const r = memberRoutes

  app.get(
    r.list.url,
    { schema: { tags, summary: 'List and search members in your scope (personal fields masked unless revealed)', querystring: r.list.querystring, response: r.list.response } },
    async (request) => members.list(request.context(), request.query),
  )

  app.post(r.create.url, { schema: { tags, summary: 'Admit a member into a grassroots union', body: r.create.body, response: r.create.response } }, async (request, reply) => {
    const member = await members.create(request.context(), request.body)
    return reply.code(201).header('etag', etagOf(member.version)).header('location', `/api/v1/members/${member.id}`).send(member)
  })

  app.get(
    r.get.url,
    { schema: { tags, summary: 'One member (ETag for updates)', params: r.get.params, querystring: r.get.querystring, response: r.get.response } },
    async (request, reply) => {
      const member = await members.get(request.context(), request.params.id, request.query)
      reply.header('etag', etagOf(member.version))
      return member
    },
  )

  app.patch(
    r.update.url,
    { schema: { tags, summary: 'Update a member (If-Match required)', params: r.update.params, headers: r.update.headers, body: r.update.body, response: r.update.response } },
    async (request, reply) => {
      const expected = versionFromIfMatch(request.headers['if-match'])
      const member = await members.update(request.context(), request.params.id, expected, request.body)
      reply.header('etag', etagOf(member.version))
      return member
    },
  )

  app.post(
    r.changeStatus.url,
    { schema: { tags, summary: 'Record a member leaving, moving out of the system or dying', params: r.changeStatus.params, body: r.changeStatus.body, response: r.changeStatus.response } },
    async (request, reply) => {
      const member = await members.changeStatus(request.context(), request.params.id, request.body)
      reply.header('etag', etagOf(member.version))
      return member
    },
  )

  app.post(
    r.readmit.url,
    { schema: { tags, summary: 'Re-admit a member who left', params: r.readmit.params, body: r.readmit.body, response: r.readmit.response } },
    async (request, reply) => {
      const member = await members.readmit(request.context(), request.params.id, request.body)
      reply.header('etag', etagOf(member.version))
      return member
    },
  )

  app.get(
    r.timeline.url,
    { schema: { tags, summary: "A member's timeline (newest first)", params: r.timeline.params, querystring: r.timeline.querystring, response: r.timeline.response } },
    async (request) => members.timeline(request.context(), request.params.id, request.query),
  )

  app.get(
    r.personalData.url,
    { schema: { tags, summary: 'Everything held on a member, unmasked (right of access; audited)', params: r.personalData.params, response: r.personalData.response } },
    async (request) => members.personalData(request.context(), request.params.id),
  )

  app.post(
    r.erase.url,
    { schema: { tags, summary: "Erase a member's personal data on request (anonymise in place)", params: r.erase.params, body: r.erase.body, response: r.erase.response } },
    async (request, reply) => {
      const member = await members.erase(request.context(), request.params.id, request.body)
      reply.header('etag', etagOf(member.version))
      return member
    },
  )

  app.get(
    r.cards.url,
    { schema: { tags, summary: 'Card history of a member', params: r.cards.params, response: r.cards.response } },
    async (request) => ({ items: await members.cards(request.context(), request.params.id) }),
  )

  app.post(
    r.issueCard.url,
    { schema: { tags, summary: 'Issue, renew or reissue a membership card', params: r.issueCard.params, body: r.issueCard.body, response: r.issueCard.response } },
    async (request, reply) => reply.code(201).send(await members.issueCard(request.context(), request.params.id, request.body)),
  )

  app.post(
    r.reportCardLost.url,
    { schema: { tags, summary: "Report a member's card lost", params: r.reportCardLost.params, body: r.reportCardLost.body, response: r.reportCardLost.response } },
    async (request) => members.reportCardLost(request.context(), request.params.id, request.body),
  )
}
