import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { apiClientRoutes } from '@liendoan/contracts'
import type { FastifyRequest } from 'fastify'
import { etagOf, versionFromIfMatch } from '../../lib/etag.js'
import { ProblemError } from '../../lib/errors.js'
import type { ApiClientsService, ClientCredentials } from './api-clients.service.js'

const tags = ['api-clients']

/** `Authorization: Basic` credentials (RFC 6749 §2.3.1: each part form-encoded, then base64). */
function basicCredentials(request: FastifyRequest): { clientId: string; clientSecret: string } | undefined {
  const header = request.headers.authorization
  const match = header ? /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header) : null
  if (!match?.[1]) return undefined
  const decoded = Buffer.from(match[1], 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  if (colon < 0) throw new ProblemError(400, 'invalid_request', 'The Basic credentials are malformed.')
  try {
    const decode = (part: string) => decodeURIComponent(part.replace(/\+/g, ' '))
    return { clientId: decode(decoded.slice(0, colon)), clientSecret: decode(decoded.slice(colon + 1)) }
  } catch {
    throw new ProblemError(400, 'invalid_request', 'The Basic credentials are malformed.')
  }
}

/** The token endpoint: public, for API clients exchanging their secret for an access token. */
export const tokenRoutes: FastifyPluginAsyncTypebox<{ apiClients: ApiClientsService; rateLimitPerMinute: number }> = async (
  app,
  { apiClients, rateLimitPerMinute },
) => {
  // OAuth clients send forms (RFC 6749 §4.4.2); only this route accepts them.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))))
  })

  const token = apiClientRoutes.token
  app.post(
    token.url,
    {
      schema: {
        tags: ['auth'],
        summary: 'Access token for an API client (OAuth 2.0 client credentials)',
        description:
          'grant_type=client_credentials with client_id and client_secret in the body (JSON or form) or as HTTP Basic. ' +
          'The token carries the client’s scopes (or the subset asked in `scope`); send it as `Authorization: Bearer`.',
        security: [],
        consumes: ['application/json', 'application/x-www-form-urlencoded'],
        body: token.body,
        response: token.response,
      },
      config: { rateLimit: { max: rateLimitPerMinute, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const basic = basicCredentials(request)
      if (basic && (request.body.client_id !== undefined || request.body.client_secret !== undefined)) {
        throw new ProblemError(400, 'invalid_request', 'Send the client credentials either as HTTP Basic or in the body, not both.')
      }
      const credentials: ClientCredentials = {
        grantType: request.body.grant_type,
        clientId: basic?.clientId ?? request.body.client_id,
        clientSecret: basic?.clientSecret ?? request.body.client_secret,
        scope: request.body.scope,
      }
      const answer = await apiClients.issueToken(credentials)
      // RFC 6749 §5.1: tokens must not be cached.
      return reply.header('cache-control', 'no-store').header('pragma', 'no-cache').send(answer)
    },
  )
}

/** Managing API clients (admins, within their subtree). */
export const apiClientsRoutes: FastifyPluginAsyncTypebox<{ apiClients: ApiClientsService }> = async (app, { apiClients }) => {
  const { list, get, create, update, rotate, revoke } = apiClientRoutes

  app.get(
    list.url,
    { schema: { tags, summary: 'API clients in your scope (admin)', querystring: list.querystring, response: list.response } },
    async (request) => apiClients.list(request.context(), request.query),
  )

  app.get(get.url, { schema: { tags, summary: 'One API client (admin)', params: get.params, response: get.response } }, async (request, reply) => {
    const { version, ...client } = await apiClients.get(request.context(), request.params.id)
    reply.header('etag', etagOf(version))
    return client
  })

  app.post(
    create.url,
    {
      // The secret is not kept for replays: a replayed answer comes without it (rotate for a new one).
      config: { idempotent: true, idempotentOmit: ['clientSecret'] },
      schema: {
        tags,
        summary: 'Create an API client; the answer holds its secret, shown only once (admin; Idempotency-Key honoured)',
        body: create.body,
        response: create.response,
      },
    },
    async (request, reply) => {
      const { version, ...client } = await apiClients.create(request.context(), request.body)
      return reply
        .code(201)
        .header('etag', etagOf(version))
        .header('location', `/api/v1/api-clients/${client.id}`)
        .header('cache-control', 'no-store')
        .send(client)
    },
  )

  app.patch(
    update.url,
    {
      schema: {
        tags,
        summary: 'Rename an API client, change its scopes or its limit (admin)',
        params: update.params,
        headers: update.headers,
        body: update.body,
        response: update.response,
      },
    },
    async (request, reply) => {
      const expected = versionFromIfMatch(request.headers['if-match'])
      const { version, ...client } = await apiClients.update(request.context(), request.params.id, expected, request.body)
      reply.header('etag', etagOf(version))
      return client
    },
  )

  app.post(
    rotate.url,
    {
      schema: {
        tags,
        summary: 'New secret for an API client, shown only once; the old secret and its tokens stop working (admin)',
        params: rotate.params,
        response: rotate.response,
      },
    },
    async (request, reply) => {
      const { version, ...client } = await apiClients.rotate(request.context(), request.params.id)
      return reply.header('etag', etagOf(version)).header('cache-control', 'no-store').send(client)
    },
  )

  app.post(
    revoke.url,
    {
      schema: { tags, summary: 'Revoke an API client: its secret and tokens stop working (admin)', params: revoke.params, response: revoke.response },
    },
    async (request, reply) => {
      const { version, ...client } = await apiClients.revoke(request.context(), request.params.id)
      reply.header('etag', etagOf(version))
      return client
    },
  )
}
