import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { supportRoutes as r } from '@liendoan/contracts'
import { etagOf, versionFromIfMatch } from '../../lib/etag.js'
import { emptyBodyAsObject } from '../../lib/request-body.js'
import type { SupportPaymentsService } from './support-payments.service.js'
import type { SupportProgramsService } from './support-programs.service.js'

const tags = ['support']

export interface SupportRoutesOptions {
  programs: SupportProgramsService
  payments: SupportPaymentsService
}

/** HTTP for support programmes and payments. Rules, scope and money live in the services. */
export const supportRoutes: FastifyPluginAsyncTypebox<SupportRoutesOptions> = async (app, { programs, payments }) => {
  /* ---------- programmes ---------- */

  app.get(
    r.listPrograms.url,
    { schema: { tags, summary: 'Support programmes you see (run in your scope, or by a union above you)', querystring: r.listPrograms.querystring, response: r.listPrograms.response } },
    async (request) => programs.list(request.context(), request.query),
  )

  app.post(
    r.createProgram.url,
    { schema: { tags, summary: 'Create a support programme with its budget and rules', body: r.createProgram.body, response: r.createProgram.response } },
    async (request, reply) => {
      const program = await programs.create(request.context(), request.body)
      return reply.code(201).header('etag', etagOf(program.version)).header('location', `/api/v1/support-programs/${program.id}`).send(program)
    },
  )

  app.get(
    r.getProgram.url,
    { schema: { tags, summary: 'One programme with its figures (ETag for updates)', params: r.getProgram.params, response: r.getProgram.response } },
    async (request, reply) => {
      const program = await programs.get(request.context(), request.params.id)
      reply.header('etag', etagOf(program.version))
      return program
    },
  )

  app.patch(
    r.updateProgram.url,
    {
      schema: {
        tags,
        summary: 'Edit a programme (If-Match): the budget not below what is committed, the rules only while nothing is live under them',
        params: r.updateProgram.params,
        headers: r.updateProgram.headers,
        body: r.updateProgram.body,
        response: r.updateProgram.response,
      },
    },
    async (request, reply) => {
      const expected = versionFromIfMatch(request.headers['if-match'])
      const program = await programs.update(request.context(), request.params.id, expected, request.body)
      reply.header('etag', etagOf(program.version))
      return program
    },
  )

  app.get(
    r.candidates.url,
    {
      schema: {
        tags,
        summary: 'Records that qualify under the rules and are not yet proposed or paid, with the amount',
        params: r.candidates.params,
        querystring: r.candidates.querystring,
        response: r.candidates.response,
      },
    },
    async (request) => programs.candidates(request.context(), request.params.id, request.query),
  )

  app.get(
    r.ledger.url,
    { schema: { tags, summary: "The programme's ledger: every state change of every payment, in order", params: r.ledger.params, querystring: r.ledger.querystring, response: r.ledger.response } },
    async (request) => programs.ledger(request.context(), request.params.id, request.query),
  )

  app.get(
    r.report.url,
    { schema: { tags: [...tags, 'reports'], summary: 'Budget use: figures, by role, and over time', params: r.report.params, querystring: r.report.querystring, response: r.report.response } },
    async (request) => programs.report(request.context(), request.params.id, request.query.interval),
  )

  app.get(
    r.exportPayments.url,
    {
      schema: {
        tags,
        summary: "The programme's payments as an Excel workbook for the accountants (streamed)",
        params: r.exportPayments.params,
        produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        response: r.exportPayments.response,
      },
    },
    async (request, reply) => {
      const download = await programs.exportPayments(request.context(), request.params.id, request.log)
      return reply
        .header('content-type', download.contentType)
        .header('content-disposition', `attachment; filename="${download.fileName}"`)
        .header('cache-control', 'no-store')
        .send(download.body)
    },
  )

  /* ---------- payments ---------- */

  app.get(
    r.listPayments.url,
    { schema: { tags, summary: 'Payments you see; the approval queue with awaitingMyApproval', querystring: r.listPayments.querystring, response: r.listPayments.response } },
    async (request) => payments.list(request.context(), request.query),
  )

  app.post(
    r.propose.url,
    {
      config: { idempotent: true },
      schema: { tags, summary: 'Propose a payment (Idempotency-Key honoured)', headers: r.propose.headers, body: r.propose.body, response: r.propose.response },
    },
    async (request, reply) => {
      const payment = await payments.propose(request.context(), request.body)
      return reply.code(201).header('etag', etagOf(payment.version)).header('location', `/api/v1/support-payments/${payment.id}`).send(payment)
    },
  )

  app.post(
    r.proposeBulk.url,
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary: 'Propose a list of candidates at the rules’ amounts, all or nothing (Idempotency-Key honoured)',
        headers: r.proposeBulk.headers,
        body: r.proposeBulk.body,
        response: r.proposeBulk.response,
      },
    },
    async (request, reply) => reply.code(201).send(await payments.proposeBulk(request.context(), request.body)),
  )

  app.get(
    r.getPayment.url,
    { schema: { tags, summary: 'One payment', params: r.getPayment.params, response: r.getPayment.response } },
    async (request, reply) => {
      const payment = await payments.get(request.context(), request.params.id)
      reply.header('etag', etagOf(payment.version))
      return payment
    },
  )

  app.post(
    r.approve.url,
    {
      config: { idempotent: true },
      preValidation: emptyBodyAsObject,
      schema: {
        tags,
        summary: 'Approve a proposed payment (not your own; within the budget; Idempotency-Key honoured)',
        params: r.approve.params,
        headers: r.approve.headers,
        body: r.approve.body,
        response: r.approve.response,
      },
    },
    async (request, reply) => {
      const payment = await payments.approve(request.context(), request.params.id, request.body)
      reply.header('etag', etagOf(payment.version))
      return payment
    },
  )

  app.post(
    r.reject.url,
    { schema: { tags, summary: 'Reject a proposed payment', params: r.reject.params, body: r.reject.body, response: r.reject.response } },
    async (request, reply) => {
      const payment = await payments.reject(request.context(), request.params.id, request.body)
      reply.header('etag', etagOf(payment.version))
      return payment
    },
  )

  app.post(
    r.cancel.url,
    { schema: { tags, summary: 'Cancel a proposed or approved payment (its money returns to the budget)', params: r.cancel.params, body: r.cancel.body, response: r.cancel.response } },
    async (request, reply) => {
      const payment = await payments.cancel(request.context(), request.params.id, request.body)
      reply.header('etag', etagOf(payment.version))
      return payment
    },
  )

  app.post(
    r.disburse.url,
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary: 'Record the disbursement of an approved payment (Idempotency-Key honoured)',
        params: r.disburse.params,
        headers: r.disburse.headers,
        body: r.disburse.body,
        response: r.disburse.response,
      },
    },
    async (request, reply) => {
      const payment = await payments.disburse(request.context(), request.params.id, request.body)
      reply.header('etag', etagOf(payment.version))
      return payment
    },
  )
}
