import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import { Problem } from '@liendoan/contracts'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { canonicalJson } from '../lib/canonical-json.js'

type Json = Record<string, unknown>
interface ResponseObject {
  description?: string
  content?: Record<string, { schema?: unknown }>
  headers?: Json
}

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
        if (schema?.description !== (Problem as { description?: string }).description) continue
        const json = canonicalJson(schema)
        shared ??= { schema, json }
        if (json !== shared.json) continue
        response.content = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } }
        if (status === '429') response.headers = TOO_MANY_REQUESTS_HEADERS
      }
    }
  }
  if (!shared) return document
  const components = (document.components ?? {}) as { schemas?: Json }
  return { ...document, components: { ...components, schemas: { ...components.schemas, Problem: shared.schema } } }
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
      transformObject: (document) => shareProblemSchema((document as { openapiObject: Json }).openapiObject),
    })
    await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true })
    app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger())
  },
  { name: 'openapi' },
)
