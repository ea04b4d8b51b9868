import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { trainingRoutes } from '@liendoan/contracts'
import type { FastifyRequest } from 'fastify'
import { etagOf, versionFromIfMatch } from '../../lib/etag.js'
import type { TrainingReportsService } from './training-reports.service.js'
import type { TrainingsService } from './trainings.service.js'

const tags = ['trainings']

export interface TrainingsRoutesOptions {
  trainings: TrainingsService
  reports: TrainingReportsService
}

/**
 * Where the QR code of a printed certificate points: the web app's check page on the origin the
 * officer printed from (the web app proxies /api with the Host kept, so that is the web app).
 */
function publicOrigin(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`
}

/** HTTP for classes, participants, attendance, results, certificates and reports. Rules live in the services. */
export const trainingsRoutes: FastifyPluginAsyncTypebox<TrainingsRoutesOptions> = async (app, { trainings, reports }) => {
  const r = trainingRoutes

  app.get(r.topics.url, { schema: { tags: ['reference data'], summary: 'Training topics', response: r.topics.response } }, async () => ({
    items: await trainings.topics(),
  }))

  app.post(
    r.createTopic.url,
    { schema: { tags: ['reference data'], summary: 'Add a training topic (administrators)', body: r.createTopic.body, response: r.createTopic.response } },
    async (request, reply) => reply.code(201).send(await trainings.createTopic(request.context(), request.body)),
  )

  app.get(
    r.list.url,
    { schema: { tags, summary: 'Classes organised in your scope (newest first)', querystring: r.list.querystring, response: r.list.response } },
    async (request) => trainings.list(request.context(), request.query),
  )

  app.post(r.create.url, { schema: { tags, summary: 'Create a class (planned)', body: r.create.body, response: r.create.response } }, async (request, reply) => {
    const training = await trainings.create(request.context(), request.body)
    return reply.code(201).header('etag', etagOf(training.version)).header('location', `/api/v1/trainings/${training.id}`).send(training)
  })

  app.get(r.get.url, { schema: { tags, summary: 'One class (ETag for updates)', params: r.get.params, response: r.get.response } }, async (request, reply) => {
    const training = await trainings.get(request.context(), request.params.id)
    reply.header('etag', etagOf(training.version))
    return training
  })

  app.patch(
    r.update.url,
    { schema: { tags, summary: 'Edit a class (If-Match required)', params: r.update.params, headers: r.update.headers, body: r.update.body, response: r.update.response } },
    async (request, reply) => {
      const expected = versionFromIfMatch(request.headers['if-match'])
      const training = await trainings.update(request.context(), request.params.id, expected, request.body)
      reply.header('etag', etagOf(training.version))
      return training
    },
  )

  app.post(
    r.changeStatus.url,
    {
      schema: {
        tags,
        summary: 'Move a class along planned → open → running → completed (or cancelled); completing issues the certificates',
        params: r.changeStatus.params,
        body: r.changeStatus.body,
        response: r.changeStatus.response,
      },
    },
    async (request, reply) => {
      const training = await trainings.changeStatus(request.context(), request.params.id, request.body)
      reply.header('etag', etagOf(training.version))
      return training
    },
  )

  app.get(
    r.participants.url,
    { schema: { tags, summary: 'Participants of a class, in name order', params: r.participants.params, querystring: r.participants.querystring, response: r.participants.response } },
    async (request) => trainings.participants(request.context(), request.params.id, request.query),
  )

  app.post(
    r.enrol.url,
    { schema: { tags, summary: 'Enrol one member', params: r.enrol.params, body: r.enrol.body, response: r.enrol.response } },
    async (request, reply) => {
      const participant = await trainings.enrol(request.context(), request.params.id, request.body.memberId)
      return reply.code(201).send(participant)
    },
  )

  app.post(
    r.enrolBulk.url,
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary: 'Enrol a list of members or everyone a filter picks (all or nothing)',
        params: r.enrolBulk.params,
        headers: r.enrolBulk.headers,
        body: r.enrolBulk.body,
        response: r.enrolBulk.response,
      },
    },
    async (request) => trainings.enrolBulk(request.context(), request.params.id, request.body),
  )

  app.get(
    r.candidates.url,
    { schema: { tags, summary: 'Members a filter would enrol (preview of a bulk enrolment)', params: r.candidates.params, querystring: r.candidates.querystring, response: r.candidates.response } },
    async (request) => trainings.candidates(request.context(), request.params.id, request.query),
  )

  app.post(
    r.withdraw.url,
    { schema: { tags, summary: 'Withdraw a participant (frees the place)', params: r.withdraw.params, response: r.withdraw.response } },
    async (request) => trainings.withdraw(request.context(), request.params.id, request.params.participantId),
  )

  app.put(
    r.attendance.url,
    { schema: { tags, summary: 'Set attendance of a session for many participants', params: r.attendance.params, body: r.attendance.body, response: r.attendance.response } },
    async (request) => trainings.setAttendance(request.context(), request.params.id, request.params.sessionId, request.body),
  )

  app.put(
    r.results.url,
    { schema: { tags, summary: 'Record test scores (out of 100)', params: r.results.params, body: r.results.body, response: r.results.response } },
    async (request) => trainings.setResults(request.context(), request.params.id, request.body),
  )

  app.get(
    r.certificates.url,
    { schema: { tags, summary: 'Certificates issued by a class', params: r.certificates.params, response: r.certificates.response } },
    async (request) => ({ items: await trainings.classCertificates(request.context(), request.params.id) }),
  )

  app.get(
    r.getCertificate.url,
    { schema: { tags, summary: 'One certificate', params: r.getCertificate.params, response: r.getCertificate.response } },
    async (request) => trainings.certificate(request.context(), request.params.id),
  )

  app.get(
    r.certificatePdf.url,
    {
      schema: {
        tags,
        summary: 'The printable certificate (PDF in Vietnamese, with verification code and QR)',
        params: r.certificatePdf.params,
        produces: ['application/pdf'],
        response: r.certificatePdf.response,
      },
    },
    async (request, reply) => {
      const { number, pdf } = await trainings.certificatePdf(request.context(), request.params.id, publicOrigin(request))
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="giay-chung-nhan-${number}.pdf"`)
        .header('cache-control', 'no-store')
        .send(pdf)
    },
  )

  app.post(
    r.revokeCertificate.url,
    { schema: { tags, summary: 'Revoke a certificate (its number is never reused)', params: r.revokeCertificate.params, body: r.revokeCertificate.body, response: r.revokeCertificate.response } },
    async (request) => trainings.revokeCertificate(request.context(), request.params.id, request.body),
  )

  app.get(
    r.memberHistory.url,
    { schema: { tags: ['members', 'trainings'], summary: "A member's training history", params: r.memberHistory.params, response: r.memberHistory.response } },
    async (request) => ({ items: await trainings.memberHistory(request.context(), request.params.id) }),
  )

  app.get(
    r.coverage.url,
    { schema: { tags: ['reports'], summary: 'Share of a target group holding a certificate on a topic, per year', querystring: r.coverage.querystring, response: r.coverage.response } },
    async (request) => reports.coverage(request.context(), request.query),
  )

  app.get(
    r.coverageMissing.url,
    { schema: { tags: ['reports'], summary: 'People of the target group without a certificate at the end of a year', querystring: r.coverageMissing.querystring, response: r.coverageMissing.response } },
    async (request) => reports.coverageMissing(request.context(), request.query),
  )

  app.get(
    r.activity.url,
    { schema: { tags: ['reports'], summary: 'Classes held and participant-attendances in a period', querystring: r.activity.querystring, response: r.activity.response } },
    async (request) => reports.activity(request.context(), request.query),
  )
}

export interface CertificateVerificationRoutesOptions {
  trainings: TrainingsService
}

/**
 * The public verification of a certificate, outside the authenticated scope: anyone holding the
 * printed code may check it. Rate-limited per IP so codes cannot be enumerated.
 */
export const certificateVerificationRoutes: FastifyPluginAsyncTypebox<CertificateVerificationRoutesOptions> = async (app, { trainings }) => {
  const r = trainingRoutes.verifyCertificate
  app.get(
    r.url,
    {
      config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: { tags, summary: 'Verify a certificate by its code (public): holder, class and date only', security: [], params: r.params, response: r.response },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store')
      return trainings.verify(request.params.code)
    },
  )
}
