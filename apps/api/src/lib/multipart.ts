import type { FastifyRequest } from 'fastify'
import { localeOf } from '../plugins/errors.js'
import { ProblemError } from './errors.js'

/** Room for the multipart boundaries and the small fields around an uploaded file. */
export const MULTIPART_OVERHEAD_BYTES = 64 * 1024

/** 413 for an upload over `maxBytes`, the limit said in the client's language. */
export function fileTooLarge(request: FastifyRequest, maxBytes: number): ProblemError {
  const locale = localeOf(request)
  const megabytes = new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-US', { maximumFractionDigits: 1 }).format(maxBytes / (1024 * 1024))
  return new ProblemError(
    413,
    'payload_too_large',
    locale === 'vi' ? `Tệp vượt quá giới hạn ${megabytes} MB.` : `The file is larger than the ${megabytes} MB limit.`,
  )
}

/** @fastify/multipart's errors as problems (they carry a status but none of our codes). */
export function multipartProblem(error: unknown, request: FastifyRequest, maxBytes: number): unknown {
  const code = (error as { code?: unknown }).code
  switch (code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return fileTooLarge(request, maxBytes)
    case 'FST_FILES_LIMIT':
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return new ProblemError(413, 'payload_too_large', 'Send one file and at most a few fields.')
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new ProblemError(415, 'unsupported_media_type', 'Send the file as multipart/form-data with a "file" part.')
    case 'FST_PROTO_VIOLATION':
    case 'FST_MP_PREMATURE_CLOSE':
    case 'FST_INVALID_JSON_FIELD_ERROR':
      return new ProblemError(400, 'validation_failed', 'The multipart body is malformed.')
    default:
      if (error instanceof Error && !(error instanceof ProblemError) && /multipart|boundary|part|form/i.test(error.message)) {
        return new ProblemError(400, 'validation_failed', 'The multipart body is malformed.')
      }
      return error
  }
}
