import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { webhookRoutes } from '@liendoan/contracts'
import { etagOf, versionFromIfMatch } from '../../lib/etag.js'
import type { WebhooksService } from './webhooks.service.js'

export interface WebhooksRoutesOptions {
  webhooks: WebhooksService
}

/** HTTP for webhook subscriptions and their delivery log; the rules live in the service. */
export const webhooksRoutes: FastifyPluginAsyncTypebox<WebhooksRoutesOptions> = async (app, { webhooks }) => {
  const r = webhookRoutes
  const tags = ['webhooks']

  app.get(
    r.list.url,
    { schema: { tags, summary: 'Webhook subscriptions rooted in your scope', querystring: r.list.querystring, response: r.list.response } },
    async (request) => webhooks.list(request.context(), request.query),
  )

  app.post(
    r.create.url,
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary: 'Subscribe an address to events of a subtree; the answer carries the signing secret, shown only this once (Idempotency-Key honoured)',
        headers: r.create.headers,
        body: r.create.body,
        response: r.create.response,
      },
    },
    async (request, reply) => {
      const webhook = await webhooks.create(request.context(), request.body)
      return reply.code(201).header('etag', etagOf(webhook.version)).header('location', `/api/v1/webhooks/${webhook.id}`).send(webhook)
    },
  )

  app.get(r.get.url, { schema: { tags, summary: 'One subscription (ETag for updates; never its secret)', params: r.get.params, response: r.get.response } }, async (request, reply) => {
    const webhook = await webhooks.get(request.context(), request.params.id)
    reply.header('etag', etagOf(webhook.version))
    return webhook
  })

  app.patch(
    r.update.url,
    {
      schema: {
        tags,
        summary: 'Change the name, address, event types or turn the subscription off and on (If-Match required)',
        params: r.update.params,
        headers: r.update.headers,
        body: r.update.body,
        response: r.update.response,
      },
    },
    async (request, reply) => {
      const expected = versionFromIfMatch(request.headers['if-match'])
      const webhook = await webhooks.update(request.context(), request.params.id, expected, request.body)
      reply.header('etag', etagOf(webhook.version))
      return webhook
    },
  )

  app.delete(
    r.delete.url,
    { schema: { tags, summary: 'Delete a subscription (its delivery log stays; waiting deliveries are given up)', params: r.delete.params, response: r.delete.response } },
    async (request, reply) => {
      await webhooks.remove(request.context(), request.params.id)
      return reply.code(204).send(null)
    },
  )

  app.post(
    r.rotateSecret.url,
    { schema: { tags, summary: 'Replace the signing secret; the new one is shown only in this answer', params: r.rotateSecret.params, response: r.rotateSecret.response } },
    async (request, reply) => {
      const webhook = await webhooks.rotateSecret(request.context(), request.params.id)
      reply.header('etag', etagOf(webhook.version))
      return webhook
    },
  )

  app.get(
    r.deliveries.url,
    {
      schema: {
        tags,
        summary: 'The delivery log, newest first, with every attempt (filter: status)',
        params: r.deliveries.params,
        querystring: r.deliveries.querystring,
        response: r.deliveries.response,
      },
    },
    async (request) => webhooks.deliveries(request.context(), request.params.id, request.query),
  )

  app.post(
    r.replay.url,
    { schema: { tags, summary: 'Send a delivery again now, with a new run of retries', params: r.replay.params, response: r.replay.response } },
    async (request, reply) => reply.code(202).send(await webhooks.replay(request.context(), request.params.id, request.params.deliveryId)),
  )
}
