import multipart from '@fastify/multipart'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { agreementRoutes } from '@liendoan/contracts'
import type { FastifyRequest } from 'fastify'
import type { DocumentStorage } from '../../lib/document-storage.js'
import { ProblemError } from '../../lib/errors.js'
import { etagOf, versionFromIfMatch } from '../../lib/etag.js'
import { MULTIPART_OVERHEAD_BYTES, fileTooLarge, multipartProblem } from '../../lib/multipart.js'
import { emptyBodyAsObject } from '../../lib/request-body.js'
import { type ReceivedDocument, cleanFileName, contentDisposition, isDocumentMediaType, receiveDocument, unsupportedMediaType } from './agreement-documents.js'
import type { AgreementsService } from './agreements.service.js'

const tags = ['agreements']

export interface AgreementsRoutesOptions {
  agreements: AgreementsService
  storage: DocumentStorage
  /** Largest document accepted, in bytes (AGREEMENT_DOCUMENT_MAX_BYTES). */
  maxDocumentBytes: number
}

/** HTTP for collective agreements: register, lifecycle, grades, renewal, timeline, documents, expiry run. Rules live in the service. */
export const agreementsRoutes: FastifyPluginAsyncTypebox<AgreementsRoutesOptions> = async (app, options) => {
  const { agreements } = options
  const r = agreementRoutes

  app.get(r.grades.url, { schema: { tags: ['reference data', 'agreements'], summary: 'The grading scheme of agreements (A, B, C, D)', response: r.grades.response } }, async (request) => ({
    items: await agreements.grades(request.context()),
  }))

  app.get(
    r.list.url,
    {
      schema: {
        tags,
        summary: 'Agreements of unions in your scope: filters, accent-insensitive search, "expiring within N days"',
        querystring: r.list.querystring,
        response: r.list.response,
      },
    },
    async (request) => agreements.list(request.context(), request.query),
  )

  app.post(
    r.create.url,
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary: 'Record an agreement of a grassroots union (negotiating, or signed with its dates)',
        headers: r.create.headers,
        body: r.create.body,
        response: r.create.response,
      },
    },
    async (request, reply) => {
      const agreement = await agreements.create(request.context(), request.body)
      return reply.code(201).header('etag', etagOf(agreement.version)).header('location', `/api/v1/agreements/${agreement.id}`).send(agreement)
    },
  )

  // Static before the :id routes' siblings: POST /agreements/expiry-runs is not an agreement id.
  app.post(
    r.expiryRun.url,
    {
      preValidation: emptyBodyAsObject,
      schema: {
        tags,
        summary: 'Run the expiry job now (administrators): expire agreements past their last day, bring registered ones into force',
        body: r.expiryRun.body,
        response: r.expiryRun.response,
      },
    },
    async (request) => agreements.runExpiry(request.context(), request.body),
  )

  app.get(r.get.url, { schema: { tags, summary: 'One agreement (ETag for updates)', params: r.get.params, response: r.get.response } }, async (request, reply) => {
    const agreement = await agreements.get(request.context(), request.params.id)
    reply.header('etag', etagOf(agreement.version))
    return agreement
  })

  app.patch(
    r.update.url,
    {
      schema: {
        tags,
        summary: 'Edit an agreement that is not final (If-Match required); terms are replaced whole',
        params: r.update.params,
        headers: r.update.headers,
        body: r.update.body,
        response: r.update.response,
      },
    },
    async (request, reply) => {
      const expected = versionFromIfMatch(request.headers['if-match'])
      const agreement = await agreements.update(request.context(), request.params.id, expected, request.body)
      reply.header('etag', etagOf(agreement.version))
      return agreement
    },
  )

  app.post(
    r.sign.url,
    { schema: { tags, summary: 'Sign: negotiating → signed, with the signing, effective and expiry dates', params: r.sign.params, body: r.sign.body, response: r.sign.response } },
    async (request, reply) => {
      const agreement = await agreements.sign(request.context(), request.params.id, request.body)
      reply.header('etag', etagOf(agreement.version))
      return agreement
    },
  )

  app.post(
    r.register.url,
    {
      schema: {
        tags,
        summary: 'Register with the federation: signed → registered (federation accounts)',
        params: r.register.params,
        body: r.register.body,
        response: r.register.response,
      },
    },
    async (request, reply) => {
      const agreement = await agreements.register(request.context(), request.params.id, request.body)
      reply.header('etag', etagOf(agreement.version))
      return agreement
    },
  )

  app.post(
    r.bringIntoForce.url,
    {
      preValidation: emptyBodyAsObject,
      schema: {
        tags,
        summary: 'Bring into force: signed | registered → in force (a renewal replaces the agreement it renews)',
        params: r.bringIntoForce.params,
        body: r.bringIntoForce.body,
        response: r.bringIntoForce.response,
      },
    },
    async (request, reply) => {
      const agreement = await agreements.bringIntoForce(request.context(), request.params.id, request.body)
      reply.header('etag', etagOf(agreement.version))
      return agreement
    },
  )

  app.post(
    r.terminate.url,
    { schema: { tags, summary: 'Terminate early, or abandon a negotiation', params: r.terminate.params, body: r.terminate.body, response: r.terminate.response } },
    async (request, reply) => {
      const agreement = await agreements.terminate(request.context(), request.params.id, request.body)
      reply.header('etag', etagOf(agreement.version))
      return agreement
    },
  )

  app.put(
    r.grade.url,
    { schema: { tags, summary: 'Grade an agreement (federation accounts); a re-assessment stays in the timeline', params: r.grade.params, body: r.grade.body, response: r.grade.response } },
    async (request, reply) => {
      const agreement = await agreements.grade(request.context(), request.params.id, request.body)
      reply.header('etag', etagOf(agreement.version))
      return agreement
    },
  )

  app.post(
    r.renew.url,
    {
      schema: { tags, summary: 'Start the renewal of an in-force or expired agreement (linked to it)', params: r.renew.params, body: r.renew.body, response: r.renew.response },
    },
    async (request, reply) => {
      const agreement = await agreements.renew(request.context(), request.params.id, request.body)
      return reply.code(201).header('etag', etagOf(agreement.version)).header('location', `/api/v1/agreements/${agreement.id}`).send(agreement)
    },
  )

  app.get(
    r.timeline.url,
    { schema: { tags, summary: "The agreement's timeline: status changes, grades, documents", params: r.timeline.params, response: r.timeline.response } },
    async (request) => ({ items: await agreements.timeline(request.context(), request.params.id) }),
  )

  await app.register(agreementDocumentsRoutes, options)
}

/**
 * Documents, in their own scope: multipart is accepted here only, with the document size limit.
 * The file is checked while it streams into the storage (type, size, first bytes), so a refused
 * upload leaves neither a file nor a record.
 */
const agreementDocumentsRoutes: FastifyPluginAsyncTypebox<AgreementsRoutesOptions> = async (app, { agreements, storage, maxDocumentBytes }) => {
  const r = agreementRoutes
  // One byte over the limit passes the parser, so the check sees the file is too large and stores nothing.
  await app.register(multipart, { limits: { fileSize: maxDocumentBytes + 1, files: 1, fields: 5, fieldSize: 1024, parts: 8 } })

  app.get(
    r.documents.url,
    { schema: { tags, summary: "The agreement's documents", params: r.documents.params, response: r.documents.response } },
    async (request) => ({ items: await agreements.documents(request.context(), request.params.id) }),
  )

  app.post(
    r.uploadDocument.url,
    {
      config: { multipartForm: r.uploadDocument.form },
      schema: {
        tags,
        summary: 'Upload a document (multipart: a `file` part, PDF, JPEG or PNG, and a `type` field)',
        consumes: ['multipart/form-data'],
        params: r.uploadDocument.params,
        response: r.uploadDocument.response,
      },
    },
    async (request, reply) => {
      if (!request.isMultipart()) throw new ProblemError(415, 'unsupported_media_type', 'Send the document as multipart/form-data with a "file" part and a "type" field.')
      const context = request.context()
      await agreements.checkCanAddDocument(context, request.params.id)
      // Refuse a body announced as too large before reading any of it.
      if (Number(request.headers['content-length']) > maxDocumentBytes + MULTIPART_OVERHEAD_BYTES) throw fileTooLarge(request, maxDocumentBytes)
      const { received, type } = await receiveForm(request, storage, maxDocumentBytes)
      const document = await agreements.addDocument(context, request.params.id, { type, ...received })
      return reply.code(201).header('location', `/api/v1/agreements/${request.params.id}/documents/${document.id}`).send(document)
    },
  )

  app.get(
    r.downloadDocument.url,
    {
      schema: {
        tags,
        summary: 'Download a document (its bytes, with its type and file name)',
        params: r.downloadDocument.params,
        produces: ['application/pdf', 'image/jpeg', 'image/png'],
        response: r.downloadDocument.response,
      },
    },
    async (request, reply) => {
      const { document, content } = await agreements.openDocument(request.context(), request.params.id, request.params.documentId)
      return reply
        .header('content-type', document.mediaType)
        .header('content-length', String(document.sizeBytes))
        .header('content-disposition', contentDisposition(document.fileName))
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .send(content)
    },
  )

  app.delete(
    r.deleteDocument.url,
    { schema: { tags, summary: 'Remove a document (while the agreement may still change)', params: r.deleteDocument.params, response: r.deleteDocument.response } },
    async (request, reply) => {
      await agreements.deleteDocument(request.context(), request.params.id, request.params.documentId)
      return reply.code(204).send(null)
    },
  )
}

/**
 * Reads the form. The `file` part goes straight into the storage, checked on the way; `type` is
 * kept whatever its place in the form. Anything refused on the way removes what was stored.
 */
async function receiveForm(
  request: FastifyRequest,
  storage: DocumentStorage,
  maxBytes: number,
): Promise<{ received: ReceivedDocument & { fileName: string }; type: string | undefined }> {
  let received: (ReceivedDocument & { fileName: string }) | undefined
  let type: string | undefined
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        if (part.fieldname === 'type' && typeof part.value === 'string') type = part.value.trim()
        continue
      }
      if (part.fieldname !== 'file' || received !== undefined) {
        part.file.resume()
        continue
      }
      const mediaType = part.mimetype.split(';')[0]?.trim().toLowerCase() ?? ''
      if (!isDocumentMediaType(mediaType)) {
        part.file.resume()
        throw unsupportedMediaType()
      }
      const stored = await receiveDocument(storage, part.file, mediaType, maxBytes)
      received = { ...stored, fileName: cleanFileName(part.filename, mediaType) }
      if (part.file.truncated) throw fileTooLarge(request, maxBytes)
    }
  } catch (error) {
    if (received) await storage.delete(received.storageKey).catch(() => undefined)
    if (error instanceof ProblemError && error.status === 413) throw fileTooLarge(request, maxBytes)
    throw multipartProblem(error, request, maxBytes)
  }
  if (received === undefined) {
    throw new ProblemError(400, 'validation_failed', 'Attach the document as the "file" part.', [{ field: 'file', code: 'required' }])
  }
  return { received, type }
}
