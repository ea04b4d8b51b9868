import { type ErrorCode, type FieldError, type Locale, type Problem, validationMessage } from '@liendoan/contracts'
import { Ajv, type ErrorObject, type Options as AjvOptions } from 'ajv'
import ajvFormats from 'ajv-formats'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { type FieldErrorInput, ProblemError } from '../lib/errors.js'
import { type PgErrorLike, findPgError } from '../lib/pg-errors.js'

const TITLES: Record<ErrorCode, [vi: string, en: string]> = {
  validation_failed: ['Dữ liệu không hợp lệ', 'Invalid input'],
  invalid_json: ['Nội dung JSON không đọc được', 'Malformed JSON'],
  payload_too_large: ['Dữ liệu gửi lên quá lớn', 'Payload too large'],
  unsupported_media_type: ['Kiểu nội dung không được hỗ trợ', 'Unsupported media type'],
  unauthorized: ['Cần đăng nhập', 'Authentication required'],
  invalid_credentials: ['Email hoặc mật khẩu không đúng', 'Wrong email or password'],
  token_expired: ['Phiên đăng nhập đã hết hạn', 'Token expired'],
  token_invalid: ['Mã xác thực không hợp lệ', 'Invalid token'],
  refresh_token_reused: ['Phiên đăng nhập đã bị thu hồi', 'Session revoked'],
  invalid_client: ['Ứng dụng tích hợp không hợp lệ hoặc đã bị thu hồi', 'Invalid client'],
  invalid_request: ['Yêu cầu cấp mã truy cập không hợp lệ', 'Invalid token request'],
  invalid_scope: ['Phạm vi quyền yêu cầu không được cấp cho ứng dụng', 'Invalid scope'],
  unsupported_grant_type: ['Kiểu cấp quyền không được hỗ trợ', 'Unsupported grant type'],
  user_required: ['Thao tác này cần tài khoản người dùng', 'A user account is required'],
  forbidden: ['Không có quyền thực hiện', 'Forbidden'],
  not_found: ['Không tìm thấy', 'Not found'],
  method_not_allowed: ['Phương thức không được hỗ trợ', 'Method not allowed'],
  conflict: ['Xung đột dữ liệu', 'Conflict'],
  duplicate: ['Dữ liệu đã tồn tại', 'Duplicate'],
  referenced_record_missing: ['Bản ghi liên quan không tồn tại', 'Referenced record missing'],
  precondition_failed: ['Bản ghi đã được người khác thay đổi', 'Precondition failed'],
  precondition_required: ['Thiếu phiên bản bản ghi (If-Match)', 'Precondition required'],
  rate_limited: ['Quá nhiều yêu cầu, vui lòng thử lại sau', 'Too many requests'],
  invalid_state: ['Thao tác không hợp lệ ở trạng thái hiện tại', 'Invalid state'],
  invalid_restructure: ['Không thể sắp xếp lại đơn vị như yêu cầu', 'Invalid restructuring'],
  idempotency_key_reused: ['Khóa Idempotency-Key đã dùng cho một yêu cầu khác', 'Idempotency-Key reused with another request'],
  invalid_file: ['Tệp không đọc được hoặc sai mẫu', 'Unreadable or malformed file'],
  invalid_transition: ['Không thể chuyển trạng thái như yêu cầu', 'Status change not allowed'],
  class_full: ['Lớp đã đủ số học viên', 'The class is full'],
  already_enrolled: ['Đoàn viên đã có trong danh sách lớp', 'Already enrolled'],
  budget_exceeded: ['Vượt quá kinh phí còn lại của đề án', 'Over the programme budget'],
  already_paid: ['Lý do này đã được đề xuất hoặc chi trả trong đề án', 'Already proposed or paid under this programme'],
  maker_checker: ['Người đề xuất không được tự phê duyệt khoản chi của mình', 'The proposer cannot approve their own payment'],
  not_eligible: ['Không đủ điều kiện hỗ trợ theo quy định của đề án', 'Not eligible under the programme rules'],
  internal_error: ['Lỗi hệ thống', 'Internal error'],
  service_unavailable: ['Hệ thống tạm thời không sẵn sàng', 'Service unavailable'],
}

/** A problem code's title, as the error handler sends it (the OpenAPI examples use it too). */
export function problemTitle(code: ErrorCode, locale: Locale): string {
  return TITLES[code][locale === 'en' ? 1 : 0]
}

export function localeOf(request: FastifyRequest): Locale {
  return /^\s*en\b/i.test(request.headers['accept-language'] ?? '') ? 'en' : 'vi'
}

function renderFieldErrors(errors: FieldErrorInput[] | undefined, locale: Locale): FieldError[] | undefined {
  return errors?.map((error) => ({
    ...error,
    message: error.message ?? validationMessage(error.code, error.params ?? {}, locale),
  }))
}

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  code: ErrorCode,
  detail?: string,
  errors?: FieldErrorInput[],
) {
  const locale = localeOf(request)
  const body: Problem = {
    type: `urn:liendoan:problem:${code}`,
    title: problemTitle(code, locale),
    status,
    code,
    requestId: String(request.id),
    instance: request.url.split('?')[0],
  }
  if (detail) body.detail = detail
  const rendered = renderFieldErrors(errors, locale)
  if (rendered?.length) body.errors = rendered
  return reply.code(status).type('application/problem+json; charset=utf-8').send(body)
}

/* ---------- request validation ---------- */

/** Ajv error list → one field error per field, the most telling one (anyOf noise dropped). */
export function fieldErrorsFromAjv(errors: ErrorObject[], context: string): FieldErrorInput[] {
  const byField = new Map<string, FieldErrorInput>()
  for (const error of errors) {
    if (error.keyword === 'anyOf' || error.keyword === 'oneOf') continue
    const params = error.params as Record<string, unknown>
    let pointer = error.instancePath
    if (error.keyword === 'required') pointer += `/${String(params.missingProperty)}`
    if (error.keyword === 'additionalProperties') pointer += `/${String(params.additionalProperty)}`
    const field = context === 'body' ? pointer || '/' : pointer.replace(/^\//, '') || context
    const candidate: FieldErrorInput = { field, code: error.keyword, params }
    const existing = byField.get(field)
    // For a nullable field, "must be null" says less than the failure of the real type.
    if (!existing || (existing.code === 'type' && existing.params?.type === 'null')) byField.set(field, candidate)
  }
  return [...byField.values()]
}

function makeAjv(options: AjvOptions): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    strict: false,
    removeAdditional: false,
    useDefaults: true,
    ...options,
  })
  // ajv-formats is CommonJS; its function is the `default` export under NodeNext.
  ajvFormats.default(ajv, ['date', 'date-time', 'email', 'uuid', 'uri'])
  return ajv
}

/* ---------- database errors ---------- */

/** Unique constraints whose field a client can fix. */
const UNIQUE_FIELDS: Record<string, string> = {
  unions_code_key: '/code',
  users_email_key: '/email',
  unit_types_code_unique: '/code',
  rating_scales_code_unique: '/code',
  members_citizen_id_key: '/citizenId',
  members_card_number_key: '/cardNumber',
  membership_cards_number_key: '/cardNumber',
  training_topics_code_unique: '/code',
}

function problemFromPg(error: PgErrorLike): ProblemError | undefined {
  switch (error.code) {
    case '23505': {
      const field = error.constraint ? UNIQUE_FIELDS[error.constraint] : undefined
      return new ProblemError(
        409,
        'duplicate',
        'A record with the same value already exists.',
        field ? [{ field, code: 'unique' }] : undefined,
      )
    }
    case '23503':
      return new ProblemError(422, 'referenced_record_missing', 'A referenced record does not exist or is still in use.')
    case '23514':
    case '23502':
      return new ProblemError(422, 'validation_failed', 'The values break a rule of the record.')
    case '22001':
      return new ProblemError(422, 'validation_failed', 'A value is too long.')
    case '22021':
    case '22P05':
    case '22P02':
    case '22007':
    case '22008':
    case '22003':
      return new ProblemError(400, 'validation_failed', 'A value has the wrong format.')
    case '40001':
    case '40P01':
      return new ProblemError(409, 'conflict', 'The record was being changed at the same time. Try again.')
    default:
      return undefined
  }
}

/** JSON pointer of the first string holding U+0000, if any. */
function findNulCharacter(value: unknown, pointer: string): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? pointer : undefined
  if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      const found = findNulCharacter(child, `${pointer}/${key}`)
      if (found !== undefined) return found
    }
  }
  return undefined
}

/* ---------- plugin ---------- */

const FASTIFY_CODES: Record<string, [number, ErrorCode]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'invalid_json'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'invalid_json'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'payload_too_large'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupported_media_type'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'invalid_json'],
  FST_JWT_NO_AUTHORIZATION_IN_HEADER: [401, 'unauthorized'],
  FST_JWT_AUTHORIZATION_TOKEN_EXPIRED: [401, 'token_expired'],
  FST_JWT_AUTHORIZATION_TOKEN_INVALID: [401, 'token_invalid'],
  FST_JWT_AUTHORIZATION_TOKEN_UNTRUSTED: [401, 'token_invalid'],
  FST_JWT_BAD_REQUEST: [401, 'token_invalid'],
  FST_JWT_BAD_COOKIE_REQUEST: [401, 'token_invalid'],
  FST_ERR_BAD_URL: [400, 'validation_failed'],
}

/**
 * The single place errors become responses: problem+json with a stable code, never a stack
 * trace or SQL. Unknown errors are logged whole and answered with a bare 500.
 */
export const errorsPlugin = fp(
  async (app: FastifyInstance) => {
    const bodyAjv = makeAjv({ coerceTypes: false })
    // Query strings and path parameters arrive as text: coerce "20" to 20 there only.
    const textAjv = makeAjv({ coerceTypes: 'array' })
    app.setValidatorCompiler(({ schema, httpPart }) =>
      httpPart === 'body' ? bodyAjv.compile(schema) : textAjv.compile(schema),
    )
    app.setSchemaErrorFormatter((errors, dataVar) => {
      const error = new ProblemError(400, 'validation_failed', 'Some fields are invalid.', fieldErrorsFromAjv(errors, dataVar))
      return error
    })

    // The API speaks JSON only; a text/plain body is refused (415) rather than parsed as a string.
    app.removeContentTypeParser('text/plain')

    // PostgreSQL text can't hold NUL, and no field of ours has a use for it: refuse it up front.
    app.addHook('preValidation', async (request) => {
      // Body fields are JSON pointers; query parameters go by their bare name, as in schema errors.
      const bodyField = findNulCharacter(request.body, '')
      const queryField = findNulCharacter(request.query, '')?.replace(/^\//, '')
      const field = bodyField !== undefined ? bodyField || '/' : queryField
      if (field !== undefined) {
        throw new ProblemError(400, 'validation_failed', 'A text value contains a NUL character.', [{ field, code: 'pattern' }])
      }
    })

    app.setErrorHandler((error: FastifyError | ProblemError, request, reply) => {
      if (error instanceof ProblemError) {
        if (error.status >= 500) request.log.error({ err: error }, 'server problem')
        return sendProblem(request, reply, error.status, error.code, error.detail, error.errors)
      }
      const fastifyCode = typeof error.code === 'string' ? FASTIFY_CODES[error.code] : undefined
      if (fastifyCode) {
        return sendProblem(request, reply, fastifyCode[0], fastifyCode[1], fastifyCode[1] === 'invalid_json' ? 'The body is not valid JSON.' : undefined)
      }
      const pgError = findPgError(error)
      const fromPg = pgError ? problemFromPg(pgError) : undefined
      if (fromPg) {
        request.log.info({ pgCode: pgError?.code, constraint: pgError?.constraint }, 'constraint violation')
        return sendProblem(request, reply, fromPg.status, fromPg.code, fromPg.detail, fromPg.errors)
      }
      if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
        return sendProblem(request, reply, error.statusCode, error.statusCode === 404 ? 'not_found' : 'validation_failed', 'The request could not be processed.')
      }
      request.log.error({ err: error }, 'unhandled error')
      return sendProblem(request, reply, 500, 'internal_error', 'Something went wrong on our side. Quote the request id when reporting it.')
    })

    app.setNotFoundHandler((request, reply) =>
      sendProblem(request, reply, 404, 'not_found', `No route ${request.method} ${request.url.split('?')[0]}.`),
    )
  },
  { name: 'errors' },
)
