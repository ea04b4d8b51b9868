import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { TargetMetricDefinitions, TargetMetrics, targetRoutes } from '@liendoan/contracts'
import { etagOf, versionFromIfMatch } from '../../lib/etag.js'
import type { TargetResultsService } from './target-results.service.js'
import type { TargetsService } from './targets.service.js'

export interface TargetsRoutesOptions {
  targets: TargetsService
  results: TargetResultsService
}

/** HTTP for targets and results against them; the rules and the figures live in the services. */
export const targetsRoutes: FastifyPluginAsyncTypebox<TargetsRoutesOptions> = async (app, { targets, results }) => {
  const r = targetRoutes
  const tags = ['targets']

  app.get(r.metrics.url, { schema: { tags: ['reference data', 'targets'], summary: 'The metrics a target can measure, with their definitions', response: r.metrics.response } }, async () => ({
    items: TargetMetrics.map((code) => ({ code, ...TargetMetricDefinitions[code] })),
  }))

  app.get(
    r.list.url,
    { schema: { tags, summary: 'Targets of units in your scope (filters: unit, metric, overlapping period)', querystring: r.list.querystring, response: r.list.response } },
    async (request) => targets.list(request.context(), request.query),
  )

  app.post(
    r.create.url,
    {
      schema: {
        tags,
        summary: 'Assign a target to a unit strictly below the assigning union (a year or a range of days such as a congress term)',
        body: r.create.body,
        response: r.create.response,
      },
    },
    async (request, reply) => {
      const target = await targets.create(request.context(), request.body)
      return reply.code(201).header('etag', etagOf(target.version)).header('location', `/api/v1/targets/${target.id}`).send(target)
    },
  )

  app.get(r.get.url, { schema: { tags, summary: 'One target (ETag for updates)', params: r.get.params, response: r.get.response } }, async (request, reply) => {
    const target = await targets.get(request.context(), request.params.id)
    reply.header('etag', etagOf(target.version))
    return target
  })

  app.patch(
    r.update.url,
    {
      schema: {
        tags,
        summary: 'Change a target’s figure, parameters or note (If-Match required; the assigning union or one above it)',
        params: r.update.params,
        headers: r.update.headers,
        body: r.update.body,
        response: r.update.response,
      },
    },
    async (request, reply) => {
      const expected = versionFromIfMatch(request.headers['if-match'])
      const target = await targets.update(request.context(), request.params.id, expected, request.body)
      reply.header('etag', etagOf(target.version))
      return target
    },
  )

  app.delete(
    r.delete.url,
    { schema: { tags, summary: 'Withdraw a target (the assigning union or one above it)', params: r.delete.params, response: r.delete.response } },
    async (request, reply) => {
      await targets.remove(request.context(), request.params.id)
      return reply.code(204).send(null)
    },
  )

  app.get(
    r.results.url,
    {
      schema: {
        tags: ['reports', 'targets'],
        summary: 'Every metric’s result for a unit and period, with its target and achievement where one was assigned',
        querystring: r.results.querystring,
        response: r.results.response,
      },
    },
    async (request) => results.results(request.context(), request.query),
  )

  app.get(
    r.resultChildren.url,
    {
      schema: {
        tags: ['reports', 'targets'],
        summary: 'One metric for a unit and each of its direct children as the tree stood at the period’s end (drill-down)',
        querystring: r.resultChildren.querystring,
        response: r.resultChildren.response,
      },
    },
    async (request) => results.children(request.context(), request.query),
  )
}
