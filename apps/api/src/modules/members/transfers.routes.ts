import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { memberRoutes } from '@liendoan/contracts'
import type { TransfersService } from './transfers.service.js'

const tags = ['members']

export interface TransfersRoutesOptions {
  transfers: TransfersService
}

/** HTTP for transfers and the incoming-requests inbox: unpack, call the service. Rules live in the service. */
export const transfersRoutes: FastifyPluginAsyncTypebox<TransfersRoutesOptions> = async (app, { transfers }) => {
  const r = memberRoutes

  app.get(
    r.listTransfers.url,
    { schema: { tags, summary: 'Transfers to (incoming) or from (outgoing) unions in your scope, newest first', querystring: r.listTransfers.querystring, response: r.listTransfers.response } },
    async (request) => transfers.list(request.context(), request.query),
  )

  app.get(
    r.transferDestinations.url,
    { schema: { tags, summary: 'Find a receiving grassroots union anywhere in the system', querystring: r.transferDestinations.querystring, response: r.transferDestinations.response } },
    async (request) => transfers.destinations(request.query.q),
  )

  app.post(
    r.createTransfer.url,
    {
      schema: {
        tags,
        summary: 'Transfer a member: at once inside your scope, as a request to a union outside it',
        params: r.createTransfer.params,
        body: r.createTransfer.body,
        response: r.createTransfer.response,
      },
    },
    async (request, reply) => reply.code(201).send(await transfers.create(request.context(), request.params.id, request.body)),
  )

  app.post(
    r.acceptTransfer.url,
    { schema: { tags, summary: 'Accept a transfer request (receiving union)', params: r.acceptTransfer.params, body: r.acceptTransfer.body, response: r.acceptTransfer.response } },
    async (request) => transfers.accept(request.context(), request.params.id, request.body),
  )

  app.post(
    r.rejectTransfer.url,
    { schema: { tags, summary: 'Reject a transfer request with a reason (receiving union)', params: r.rejectTransfer.params, body: r.rejectTransfer.body, response: r.rejectTransfer.response } },
    async (request) => transfers.reject(request.context(), request.params.id, request.body),
  )

  app.post(
    r.cancelTransfer.url,
    { schema: { tags, summary: 'Withdraw a transfer request (sending union)', params: r.cancelTransfer.params, body: r.cancelTransfer.body, response: r.cancelTransfer.response } },
    async (request) => transfers.cancel(request.context(), request.params.id, request.body),
  )
}
