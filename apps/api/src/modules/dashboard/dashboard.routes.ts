import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { TargetMetrics, dashboardRoutes } from '@liendoan/contracts'
import type { TargetResultsService } from '../targets/target-results.service.js'
import type { DashboardService } from './dashboard.service.js'
import { buildResultsWorkbook } from './results-workbook.js'

export interface DashboardRoutesOptions {
  dashboard: DashboardService
  results: TargetResultsService
}

/** HTTP for the dashboard and the results workbook; the figures come from the services. */
export const dashboardRoutesPlugin: FastifyPluginAsyncTypebox<DashboardRoutesOptions> = async (app, { dashboard, results }) => {
  const r = dashboardRoutes
  const tags = ['reports']

  app.get(
    r.dashboard.url,
    {
      schema: {
        tags,
        summary: 'A unit’s branch of the tree at a glance on a day: members, grassroots unions, admissions, agreements, trained chairpersons, ratings, support budgets',
        querystring: r.dashboard.querystring,
        response: r.dashboard.response,
      },
    },
    async (request) => dashboard.dashboard(request.context(), request.query),
  )

  app.get(
    r.resultsWorkbook.url,
    {
      schema: {
        tags: ['reports', 'targets'],
        summary: 'Results against targets as an Excel workbook: the unit’s figures, then every metric for each direct child',
        querystring: r.resultsWorkbook.querystring,
        produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        response: r.resultsWorkbook.response,
      },
    },
    async (request, reply) => {
      const context = request.context()
      const report = await results.results(context, request.query)
      const drillDowns = []
      for (const metric of TargetMetrics) drillDowns.push(await results.children(context, { ...request.query, metric }))
      const workbook = await buildResultsWorkbook(report, drillDowns)
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="ket-qua-chi-tieu-${report.under.code}-${report.asOf.replaceAll('-', '')}.xlsx"`)
        .header('cache-control', 'no-store')
        .send(workbook)
    },
  )
}
