import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { agreementRoutes } from '@liendoan/contracts'
import type { AgreementReportsService } from './agreement-reports.service.js'

const tags = ['reports']

export interface AgreementReportsRoutesOptions {
  reports: AgreementReportsService
}

/** HTTP for the agreement reports; the figures are computed in the service. */
export const agreementReportsRoutes: FastifyPluginAsyncTypebox<AgreementReportsRoutesOptions> = async (app, { reports }) => {
  const r = agreementRoutes

  app.get(
    r.coverage.url,
    {
      schema: {
        tags,
        summary: 'Share of active grassroots unions with a collective agreement in force, by sector, as of a day',
        querystring: r.coverage.querystring,
        response: r.coverage.response,
      },
    },
    async (request) => reports.coverage(request.context(), request.query),
  )

  app.get(
    r.coverageUnions.url,
    {
      schema: {
        tags,
        summary: 'The grassroots unions behind the coverage figures, covered or not (name order)',
        querystring: r.coverageUnions.querystring,
        response: r.coverageUnions.response,
      },
    },
    async (request) => reports.coverageUnions(request.context(), request.query),
  )

  app.get(
    r.signed.url,
    { schema: { tags, summary: 'Agreements newly signed in a period, and the unions that signed', querystring: r.signed.querystring, response: r.signed.response } },
    async (request) => reports.signed(request.context(), request.query),
  )

  app.get(
    r.gradeDistribution.url,
    {
      schema: { tags, summary: 'Grades of the agreements in force on a day', querystring: r.gradeDistribution.querystring, response: r.gradeDistribution.response },
    },
    async (request) => reports.gradeDistribution(request.context(), request.query),
  )
}
