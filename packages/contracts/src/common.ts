import Type from 'typebox'

/** UUID (v7 for records the API creates). */
export const Uuid = Type.String({ format: 'uuid', maxLength: 36, description: 'UUID' })
/** Calendar date without time, `YYYY-MM-DD`. Impossible dates such as 2023-02-30 are refused. */
export const IsoDate = Type.String({ format: 'date', maxLength: 10, description: 'Date, YYYY-MM-DD' })
/** Instant in UTC, ISO 8601. */
export const IsoDateTime = Type.String({ format: 'date-time', description: 'Timestamp, ISO 8601 UTC' })

export function Nullable<T extends Type.TSchema>(schema: T) {
  return Type.Union([schema, Type.Null()])
}

/** Stable machine-readable error codes carried in every problem+json body. */
export const ErrorCodes = [
  'validation_failed',
  'invalid_json',
  'payload_too_large',
  'unsupported_media_type',
  'unauthorized',
  'invalid_credentials',
  'token_expired',
  'token_invalid',
  'refresh_token_reused',
  /** OAuth 2.0 token endpoint (RFC 6749 §5.2): unknown client, wrong or rotated secret, revoked client. */
  'invalid_client',
  'invalid_request',
  'invalid_scope',
  'unsupported_grant_type',
  /** The route acts for a person (an account); an API client's token cannot call it. */
  'user_required',
  'forbidden',
  'not_found',
  'method_not_allowed',
  'conflict',
  'duplicate',
  'referenced_record_missing',
  'precondition_failed',
  'precondition_required',
  'rate_limited',
  'invalid_state',
  'invalid_restructure',
  'idempotency_key_reused',
  'invalid_file',
  'invalid_transition',
  'class_full',
  'already_enrolled',
  'budget_exceeded',
  'already_paid',
  'maker_checker',
  'not_eligible',
  'internal_error',
  'service_unavailable',
] as const
export const ErrorCode = Type.Enum([...ErrorCodes])
export type ErrorCode = (typeof ErrorCodes)[number]

export const FieldError = Type.Object({
  /** JSON pointer to the offending field, e.g. `/foundingDecisionDate`, or the query parameter name. */
  field: Type.String(),
  /** Machine-readable reason: required, maxLength, minimum, format, enum, type, additionalProperties, pattern, unique, ... */
  code: Type.String(),
  /** Human-readable message in the negotiated language (Vietnamese by default). */
  message: Type.String(),
  params: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
})
export type FieldError = Type.Static<typeof FieldError>

/** RFC 9457 problem details, the only error body the API ever returns. */
export const Problem = Type.Object(
  {
    type: Type.String({ description: 'URI identifying the problem type' }),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    code: ErrorCode,
    errors: Type.Optional(Type.Array(FieldError)),
    requestId: Type.String(),
  },
  { description: 'RFC 9457 problem details (application/problem+json)' },
)
export type Problem = Type.Static<typeof Problem>

export const DEFAULT_PAGE_SIZE = 50
export const MAX_PAGE_SIZE = 500

/** Cursor pagination parameters shared by every list. */
export const PageQuery = {
  limit: Type.Optional(
    Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE, description: 'Page size (1-500)' }),
  ),
  cursor: Type.Optional(Type.String({ maxLength: 512, description: 'Opaque cursor from a previous page' })),
}

export function Page<T extends Type.TSchema>(item: T) {
  return Type.Object({
    items: Type.Array(item),
    /** Pass as `cursor` to get the next page; null on the last page. */
    nextCursor: Nullable(Type.String()),
  })
}
export interface PageOf<T> {
  items: T[]
  nextCursor: string | null
}

export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false })
export type IdParams = Type.Static<typeof IdParams>

/** Headers used for optimistic concurrency on writes. */
export const IfMatchHeaders = Type.Object({
  'if-match': Type.Optional(Type.String({ description: 'ETag from the last read; required on updates' })),
})

/** Problem responses for the status codes a route may answer with. */
export function problems<const S extends readonly number[]>(...statuses: S) {
  const out: Record<number, typeof Problem> = {}
  for (const status of statuses) out[status] = Problem
  return out as { [K in S[number]]: typeof Problem }
}

export const NoContent = Type.Null({ description: 'No content' })

/**
 * A file answered as its bytes (a Buffer or a stream, which Fastify sends without serializing);
 * its media types are the route's `produces`.
 */
/** A file part of a multipart/form-data upload. */
export const FilePart = Type.Unsafe<unknown>({ type: 'string', format: 'binary', description: 'The file', examples: ['(binary)'] })

export const FileDownload = Type.Unsafe<unknown>({ type: 'string', format: 'binary', description: 'The file' })
