import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import { type ErrorCode, type FieldError, Problem, validationMessage } from '@liendoan/contracts'
import type { FastifyInstance } from 'fastify'
import type { TSchema } from 'typebox'
import fp from 'fastify-plugin'
import { canonicalJson } from '../lib/canonical-json.js'
import { exampleFor, sampleUuid } from '../lib/openapi-examples.js'
import { problemTitle } from './errors.js'

type Json = Record<string, unknown>
interface ResponseObject {
  description?: string
  content?: Record<string, { schema?: unknown }>
  headers?: Json
}

const PROBLEM_SCHEMA_DESCRIPTION = (Problem as { description?: string }).description

const integerHeader = (description: string) => ({ description, schema: { type: 'integer' } })

/** Headers of a 429 (every limited response carries the three RateLimit ones). */
const TOO_MANY_REQUESTS_HEADERS = {
  'Retry-After': integerHeader('Seconds until the window ends and requests are accepted again'),
  'RateLimit-Limit': integerHeader('Requests allowed in the window'),
  'RateLimit-Remaining': integerHeader('Requests left in the window'),
  'RateLimit-Reset': integerHeader('Seconds until the window ends'),
}

/**
 * Every error response refers to one `Problem` schema with the media type the API sends
 * (application/problem+json), instead of repeating it inline in some 600 places; a 429 also
 * lists its headers. The schema is recognised in its converted form (swagger rewrites some
 * keywords), by its description and then by being identical to the first one met.
 */
function shareProblemSchema(document: Json): Json {
  let shared: { schema: unknown; json: string } | undefined
  const paths = (document.paths ?? {}) as Record<string, Record<string, { responses?: Record<string, ResponseObject> }>>
  for (const item of Object.values(paths)) {
    for (const operation of Object.values(item)) {
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        const schema = response.content?.['application/json']?.schema as { description?: string } | undefined
        if (schema?.description !== PROBLEM_SCHEMA_DESCRIPTION) continue
        const json = canonicalJson(schema)
        shared ??= { schema, json }
        if (json !== shared.json) continue
        response.content = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } }
        response.description = PROBLEM_DESCRIPTIONS[status] ?? 'Problem details'
        if (status === '429') response.headers = TOO_MANY_REQUESTS_HEADERS
      }
    }
  }
  if (!shared) return document
  const components = (document.components ?? {}) as { schemas?: Json }
  return { ...document, components: { ...components, schemas: { ...components.schemas, Problem: shared.schema } } }
}

/** What a response of each error status means, in the document. */
const PROBLEM_DESCRIPTIONS: Record<string, string> = {
  400: 'Invalid request: a parameter, header or body field is wrong (see `errors`)',
  401: 'Not signed in, or the token or credentials are not valid',
  403: 'Your role does not allow this action',
  404: 'No such record, or it is outside your scope',
  409: 'Conflicts with the current state of the record (or a duplicate)',
  412: 'If-Match does not match the current version: reload and try again',
  413: 'The body or file is larger than allowed',
  415: 'Unsupported Content-Type',
  422: 'The request is well formed but breaks a rule (see `code` and `errors`)',
  428: 'If-Match is required',
  429: 'Too many requests: wait Retry-After seconds',
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The parts of a multipart/form-data upload, for the OpenAPI document (the handler reads them). */
    multipartForm?: TSchema
  }
}

interface RouteSchema {
  params?: unknown
  querystring?: unknown
  body?: unknown
  headers?: { properties?: Record<string, unknown> }
  response?: Record<string, unknown>
  security?: unknown[]
  consumes?: string[]
  produces?: string[]
  hide?: boolean
}

/**
 * The route schema as documented: the contract's responses plus the problems every route of its
 * kind can answer whatever the contract lists, because they come from the layers in front of the
 * handler: 400 from validation (parameters, query, body, Idempotency-Key), 401 from the
 * authentication of the protected scope, 404 from a path id, 413/415 from the body parser, 409/422
 * from the idempotency plugin. A file download (`produces`) documents its 200 under those media
 * types and its problems as JSON problems (swagger would list them under `produces` too).
 */
function documentedSchema(schema: RouteSchema | undefined, url: string, multipartForm: TSchema | undefined): RouteSchema | undefined {
  if (!schema || schema.hide || !schema.response) return schema
  // An upload's parts are read by its handler, not validated as a body: documented from the contract.
  if (multipartForm && schema.body === undefined) return documentedSchema({ ...schema, body: multipartForm }, url, undefined)
  const response: Record<string, unknown> = { ...schema.response }
  const add = (...statuses: number[]) => {
    for (const status of statuses) response[status] ??= Problem
  }
  const multipart = schema.consumes?.includes('multipart/form-data') ?? false
  const headers = schema.headers?.properties ?? {}
  if (schema.params !== undefined || schema.querystring !== undefined || schema.body !== undefined || multipart || 'idempotency-key' in headers) add(400)
  if (!(Array.isArray(schema.security) && schema.security.length === 0)) add(401)
  if (url.includes(':')) add(404)
  if (schema.body !== undefined || multipart) add(413, 415)
  if ('idempotency-key' in headers) add(409, 422)
  const sorted = Object.fromEntries(Object.entries(response).sort(([a], [b]) => a.localeCompare(b)))
  if (!schema.produces) return { ...schema, response: sorted }
  const { produces, ...rest } = schema
  for (const [status, body] of Object.entries(sorted)) {
    sorted[status] = status.startsWith('2')
      ? { description: (body as { description?: string }).description ?? 'The file', content: Object.fromEntries(produces.map((type) => [type, { schema: body }])) }
      : { description: PROBLEM_SCHEMA_DESCRIPTION, content: { 'application/json': { schema: body } } }
  }
  return { ...rest, response: sorted }
}

interface ProblemSample {
  code: ErrorCode
  detail: string
  errors?: FieldError[]
}

/** The problem each error status shows as its example: the most common one, as the API sends it. */
const PROBLEM_SAMPLES: Record<string, ProblemSample> = {
  400: {
    code: 'validation_failed',
    detail: 'Some fields are invalid.',
    errors: [{ field: '/name', code: 'required', message: validationMessage('required', { missingProperty: 'name' }), params: { missingProperty: 'name' } }],
  },
  401: { code: 'unauthorized', detail: 'Sign in to continue.' },
  403: { code: 'forbidden', detail: 'Your role does not allow this action.' },
  404: { code: 'not_found', detail: 'The record does not exist or is outside your scope.' },
  409: { code: 'invalid_state', detail: 'The union is no longer active.' },
  412: { code: 'precondition_failed', detail: 'The record was changed since you read it. Reload and try again.' },
  413: { code: 'payload_too_large', detail: 'Tệp vượt quá giới hạn 10 MB. (The file is larger than the limit.)' },
  415: { code: 'unsupported_media_type', detail: 'Send the file as multipart/form-data with a "file" part.' },
  422: { code: 'validation_failed', detail: 'The values break a rule of the record.' },
  428: { code: 'precondition_required', detail: 'Send the If-Match header with the ETag you read.' },
  429: { code: 'rate_limited', detail: 'Too many requests. Try again in 42 seconds.' },
}
/** A public route's 401 is about what it was sent, not a missing token. */
const PUBLIC_401: Record<'credentials' | 'token', ProblemSample> = {
  credentials: { code: 'invalid_credentials', detail: 'Wrong email or password.' },
  token: { code: 'token_invalid', detail: 'The session is no longer valid.' },
}

const pascal = (code: string) => code.replace(/(^|_)([a-z])/g, (_match, _sep: string, letter: string) => letter.toUpperCase())

interface MediaType {
  schema?: Json
  examples?: Record<string, Json>
}
interface Operation {
  security?: unknown[]
  requestBody?: { content?: Record<string, MediaType> }
  responses?: Record<string, ResponseObject & { content?: Record<string, MediaType> }>
}

/**
 * Examples on every request body and response: success bodies made from their schemas (see
 * openapi-examples), and each problem a shared example in components/examples, in the shape and
 * language the error handler sends (Vietnamese title by default).
 */
function addExamples(document: Json): Json {
  const components = (document.components ?? {}) as { schemas?: Record<string, Json>; examples?: Record<string, Json> }
  const resolve = (ref: string) => components.schemas?.[ref.replace('#/components/schemas/', '')]
  const problemExamples: Record<string, Json> = {}
  const problemExample = (status: string, sample: ProblemSample): Record<string, Json> => {
    const name = `Problem${status}${pascal(sample.code)}`
    problemExamples[name] ??= {
      summary: `${status} ${sample.code}`,
      value: {
        type: `urn:liendoan:problem:${sample.code}`,
        title: problemTitle(sample.code, 'vi'),
        status: Number(status),
        detail: sample.detail,
        instance: `/api/v1/unions/${sampleUuid('id')}`,
        code: sample.code,
        ...(sample.errors ? { errors: sample.errors } : {}),
        requestId: sampleUuid('requestId'),
      },
    }
    return { [sample.code]: { $ref: `#/components/examples/${name}` } }
  }
  const paths = (document.paths ?? {}) as Record<string, Record<string, Operation>>
  for (const item of Object.values(paths)) {
    for (const operation of Object.values(item)) {
      const isPublic = Array.isArray(operation.security) && operation.security.length === 0
      const requestSchema = operation.requestBody?.content?.['application/json']?.schema as { properties?: Json } | undefined
      for (const media of Object.values(operation.requestBody?.content ?? {})) {
        if (media.schema) media.examples = { example: { value: exampleFor(media.schema, { resolve }) } }
      }
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        for (const [type, media] of Object.entries(response.content ?? {})) {
          if (!media.schema) continue
          if (type === 'application/problem+json') {
            const sample =
              status === '401' && isPublic ? PUBLIC_401[requestSchema?.properties?.password ? 'credentials' : 'token'] : PROBLEM_SAMPLES[status]
            if (sample) media.examples = problemExample(status, sample)
            continue
          }
          media.examples = { example: { value: exampleFor(media.schema, { resolve }) } }
        }
      }
    }
  }
  const examples = { ...components.examples, ...problemExamples }
  return { ...document, components: { ...components, examples: Object.fromEntries(Object.entries(examples).sort(([a], [b]) => a.localeCompare(b))) } }
}

/** OpenAPI 3.1 generated from the route schemas (the contracts), served with a docs UI. */
export const openapiPlugin = fp(
  async (app: FastifyInstance) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Liendoan API',
          version: '1.0.0',
          description:
            'Records and operations of a Vietnamese labour federation. Errors are RFC 9457 problem details ' +
            '(application/problem+json). Lists use cursor pagination. Updates need If-Match. Responses carry ' +
            'RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset; past a limit the answer is 429 with Retry-After.',
        },
        components: {
          securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
        },
        security: [{ bearerAuth: [] }],
      },
      transform: ({ schema, url, route }) => ({
        schema: documentedSchema(schema as RouteSchema | undefined, url, route.config?.multipartForm) as typeof schema,
        url,
      }),
      transformObject: (document) => addExamples(shareProblemSchema((document as { openapiObject: Json }).openapiObject)),
    })
    await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true })
    app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger())
  },
  { name: 'openapi' },
)
