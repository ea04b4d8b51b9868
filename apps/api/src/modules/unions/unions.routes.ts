import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ratingScaleRoutes, unionRoutes, unitTypeRoutes } from '@liendoan/contracts'
import { etagOf, versionFromIfMatch } from '../../lib/etag.js'
import type { RatingsService } from './ratings.service.js'
import type { RestructureService } from './restructure.service.js'
import type { UnionsService } from './unions.service.js'

const tags = ['unions']

export interface UnionsRoutesOptions {
  unions: UnionsService
  restructure: RestructureService
  ratings: RatingsService
}

/** HTTP for the union tree: unpack, call the service, set headers. Rules live in the services. */
export const unionsRoutes: FastifyPluginAsyncTypebox<UnionsRoutesOptions> = async (app, { unions, restructure, ratings }) => {
  const r = unionRoutes

  app.get(r.list.url, { schema: { tags, summary: 'List and search unions in your scope', querystring: r.list.querystring, response: r.list.response } }, async (request) =>
    unions.list(request.context(), request.query),
  )

  app.get(
    r.get.url,
    { schema: { tags, summary: 'One union (ETag for updates)', params: r.get.params, querystring: r.get.querystring, response: r.get.response } },
    async (request, reply) => {
      const union = await unions.get(request.context(), request.params.id, request.query.asOf)
      reply.header('etag', etagOf(union.version))
      return union
    },
  )

  app.get(
    r.children.url,
    { schema: { tags, summary: 'Direct child units', params: r.children.params, querystring: r.children.querystring, response: r.children.response } },
    async (request) => unions.children(request.context(), request.params.id, request.query),
  )

  app.get(
    r.history.url,
    { schema: { tags, summary: 'History of a union (newest first)', params: r.history.params, querystring: r.history.querystring, response: r.history.response } },
    async (request) => unions.history(request.context(), request.params.id, request.query),
  )

  app.post(r.create.url, { schema: { tags, summary: 'Create a unit under a parent', body: r.create.body, response: r.create.response } }, async (request, reply) => {
    const union = await unions.create(request.context(), request.body)
    return reply.code(201).header('etag', etagOf(union.version)).header('location', `/api/v1/unions/${union.id}`).send(union)
  })

  app.patch(
    r.update.url,
    { schema: { tags, summary: 'Update a union (If-Match required)', params: r.update.params, headers: r.update.headers, body: r.update.body, response: r.update.response } },
    async (request, reply) => {
      const expected = versionFromIfMatch(request.headers['if-match'])
      const union = await unions.update(request.context(), request.params.id, expected, request.body)
      reply.header('etag', etagOf(union.version))
      return union
    },
  )

  const restructuring = [
    [r.previewMove, r.move, restructure.previewMove, restructure.move, 'Move a unit and its subtree under another parent'],
    [r.previewMerge, r.merge, restructure.previewMerge, restructure.merge, 'Merge a unit into another'],
    [r.previewDissolve, r.dissolve, restructure.previewDissolve, restructure.dissolve, 'Dissolve a unit'],
  ] as const
  for (const [previewRoute, route, preview, execute, summary] of restructuring) {
    app.post(
      previewRoute.url,
      { schema: { tags, summary: `${summary}: what would change (writes nothing)`, params: previewRoute.params, body: previewRoute.body, response: previewRoute.response } },
      // The three bodies differ; each route's schema has validated its own.
      async (request) => preview(request.context(), request.params.id, request.body as never),
    )
    app.post(route.url, { schema: { tags, summary, params: route.params, body: route.body, response: route.response } }, async (request, reply) => {
      const union = await execute(request.context(), request.params.id, request.body as never)
      reply.header('etag', etagOf(union.version))
      return union
    })
  }

  app.get(r.ratings.url, { schema: { tags, summary: 'Annual quality ratings, with replaced ones', params: r.ratings.params, response: r.ratings.response } }, async (request) => ({
    items: await ratings.listRatings(request.context(), request.params.id),
  }))

  app.post(r.rate.url, { schema: { tags, summary: 'Rate a grassroots union for a year', params: r.rate.params, body: r.rate.body, response: r.rate.response } }, async (request, reply) =>
    reply.code(201).send(await ratings.rate(request.context(), request.params.id, request.body)),
  )

  const referenceTags = ['reference data']
  app.get(unitTypeRoutes.list.url, { schema: { tags: referenceTags, summary: 'Unit types', response: unitTypeRoutes.list.response } }, async () => ({
    items: await ratings.listUnitTypes(),
  }))
  app.post(unitTypeRoutes.create.url, { schema: { tags: referenceTags, summary: 'Add a unit type (admin)', body: unitTypeRoutes.create.body, response: unitTypeRoutes.create.response } }, async (request, reply) =>
    reply.code(201).send(await ratings.createUnitType(request.context(), request.body)),
  )
  app.patch(
    unitTypeRoutes.update.url,
    { schema: { tags: referenceTags, summary: 'Rename a unit type (admin)', params: unitTypeRoutes.update.params, body: unitTypeRoutes.update.body, response: unitTypeRoutes.update.response } },
    async (request) => ratings.updateUnitType(request.context(), request.params.id, request.body),
  )
  app.get(ratingScaleRoutes.list.url, { schema: { tags: referenceTags, summary: 'Rating scales by year', response: ratingScaleRoutes.list.response } }, async () => ({
    items: await ratings.listScales(),
  }))
  app.post(ratingScaleRoutes.create.url, { schema: { tags: referenceTags, summary: 'Add a rating scale (admin)', body: ratingScaleRoutes.create.body, response: ratingScaleRoutes.create.response } }, async (request, reply) =>
    reply.code(201).send(await ratings.createScale(request.context(), request.body)),
  )
}
