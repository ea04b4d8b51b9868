import multipart from '@fastify/multipart'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { memberImportRoutes } from '@liendoan/contracts'
import type { FastifyRequest } from 'fastify'
import { ProblemError } from '../../../lib/errors.js'
import { MULTIPART_OVERHEAD_BYTES, fileTooLarge, multipartProblem } from '../../../lib/multipart.js'
import { localeOf } from '../../../plugins/errors.js'
import { jsonBodyDigest } from '../../../plugins/idempotency.js'
import type { MemberSheetsService } from './member-sheets.service.js'
import { type SpooledUpload, spoolUpload } from './member-upload.js'

const tags = ['members']

export interface MemberSheetsRoutesOptions {
  sheets: MemberSheetsService
}

/** What a member sheet download is, by its `format`. */
const SHEET_MEDIA_TYPES = ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv']

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * Reads the form: the `file` part is spooled to a temporary file as it arrives (the size limit
 * is enforced while streaming), `unionId` is kept. Parts may come in any order.
 */
async function receiveUpload(request: FastifyRequest, maxBytes: number): Promise<{ upload: SpooledUpload; unionId: string | undefined }> {
  let upload: SpooledUpload | undefined
  let unionId: string | undefined
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        if (part.fieldname === 'unionId' && typeof part.value === 'string' && part.value.trim() !== '') unionId = part.value.trim()
        continue
      }
      if (part.fieldname !== 'file' || upload !== undefined) {
        part.file.resume()
        continue
      }
      // Some browsers send a path ("C:\\fakepath\\ds.xlsx"): keep the name only.
      const fileName = part.filename.split(/[\\/]/).pop() || 'upload'
      upload = await spoolUpload(part.file, fileName, part.mimetype)
      if (part.file.truncated) throw fileTooLarge(request, maxBytes)
    }
  } catch (error) {
    await upload?.discard()
    throw multipartProblem(error, request, maxBytes)
  }
  if (upload === undefined) {
    throw new ProblemError(400, 'validation_failed', 'Attach the spreadsheet as the "file" part.', [{ field: 'file', code: 'required' }])
  }
  if (unionId !== undefined && !UUID.test(unionId)) {
    await upload.discard()
    throw new ProblemError(400, 'validation_failed', 'unionId must be a UUID.', [{ field: 'unionId', code: 'format', params: { format: 'uuid' } }])
  }
  return { upload, unionId }
}

/** HTTP for member imports (multipart upload, jobs, commit) and exports. */
export const memberSheetsRoutes: FastifyPluginAsyncTypebox<MemberSheetsRoutesOptions> = async (app, { sheets }) => {
  const r = memberImportRoutes
  const maxBytes = sheets.maxUploadBytes

  // Multipart only here, with the import's limits: no other route accepts uploads.
  await app.register(multipart, { limits: { fileSize: maxBytes, files: 1, fields: 5, fieldSize: 1024, parts: 8 } })

  // On shutdown, validations stop between batches and commits finish before the database closes.
  app.addHook('preClose', async () => {
    await sheets.close()
  })

  app.get(
    r.template.url,
    {
      schema: {
        tags,
        summary: 'Import template (Vietnamese headers), XLSX or CSV',
        querystring: r.template.querystring,
        produces: SHEET_MEDIA_TYPES,
        response: r.template.response,
      },
    },
    async (request, reply) => {
      const template = await sheets.template(request.context(), request.query.format ?? 'xlsx')
      return reply
        .header('content-type', template.contentType)
        .header('content-disposition', `attachment; filename="${template.fileName}"`)
        .send(template.body)
    },
  )

  app.post(
    r.create.url,
    {
      config: { idempotent: 'manual', multipartForm: r.create.form },
      schema: {
        tags,
        summary: 'Upload a member list (multipart: file, optional unionId) and validate it in the background',
        consumes: ['multipart/form-data'],
        headers: r.create.headers,
        response: r.create.response,
      },
    },
    async (request, reply) => {
      if (!request.isMultipart()) {
        throw new ProblemError(415, 'unsupported_media_type', 'Send the file as multipart/form-data with a "file" part.')
      }
      const context = request.context()
      sheets.checkCanImport(context)
      // Refuse a body announced as too large before reading any of it.
      if (Number(request.headers['content-length']) > maxBytes + MULTIPART_OVERHEAD_BYTES) throw fileTooLarge(request, maxBytes)
      const { upload, unionId } = await receiveUpload(request, maxBytes)
      // The same file and fields under the same key is the same request.
      const digest = jsonBodyDigest({ fileSha256: upload.sha256, unionId: unionId ?? null })
      let claim: 'proceed' | 'replayed'
      try {
        claim = await app.claimIdempotencyKey(request, reply, digest)
      } catch (error) {
        await upload.discard()
        throw error
      }
      if (claim === 'replayed') {
        await upload.discard()
        return reply
      }
      // From here the service owns the upload (and deletes it).
      const job = await sheets.createImport(context, upload, unionId, request.log)
      return reply.code(202).header('location', `/api/v1/members/imports/${job.id}`).send(job)
    },
  )

  app.get(
    r.get.url,
    { schema: { tags, summary: 'An import job and its progress', params: r.get.params, response: r.get.response } },
    async (request) => sheets.getImport(request.context(), request.params.id),
  )

  app.get(
    r.errors.url,
    {
      schema: { tags, summary: 'Problems found in an import, by row', params: r.errors.params, querystring: r.errors.querystring, response: r.errors.response },
    },
    async (request) => sheets.listImportErrors(request.context(), request.params.id, request.query, localeOf(request)),
  )

  app.post(
    r.commit.url,
    {
      config: { idempotent: true },
      schema: { tags, summary: 'Commit a validated import (all rows or none)', params: r.commit.params, headers: r.commit.headers, response: r.commit.response },
    },
    async (request, reply) => {
      const job = await sheets.commitImport(request.context(), request.params.id, request.log)
      return reply.code(202).header('location', `/api/v1/members/imports/${job.id}`).send(job)
    },
  )

  app.get(
    r.export.url,
    {
      schema: {
        tags,
        summary: 'Export the filtered member list (XLSX or CSV, streamed)',
        querystring: r.export.querystring,
        produces: SHEET_MEDIA_TYPES,
        response: r.export.response,
      },
    },
    async (request, reply) => {
      const download = await sheets.exportMembers(request.context(), request.query, request.log)
      return reply
        .header('content-type', download.contentType)
        .header('content-disposition', `attachment; filename="${download.fileName}"`)
        .header('cache-control', 'no-store')
        .send(download.body)
    },
  )
}
