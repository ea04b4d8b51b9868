import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { Ajv } from 'ajv'
import ajvFormats from 'ajv-formats'
import type { InjectOptions } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exampleFor } from '../src/lib/openapi-examples.js'
import { OPENAPI_DOCUMENT, generateOpenApiDocument, repositoryRoot } from '../src/openapi-document.js'
import { type Client, type TestContext, createTestApp, createTree, loginAs } from './helpers/app.js'

/**
 * The published contract: the committed document is what the routes generate, every operation
 * declares the answers it can give with examples that fit their schemas, and the API's real
 * error answers are among the statuses the document declares.
 */

type Json = Record<string, unknown>
interface MediaType {
  schema?: Json
  examples?: Record<string, { value?: unknown; $ref?: string }>
}
interface Parameter {
  name: string
  in: 'path' | 'query' | 'header'
  required?: boolean
  schema?: Json
}
interface Operation {
  security?: unknown[]
  parameters?: Parameter[]
  requestBody?: { content?: Record<string, MediaType> }
  responses: Record<string, { description?: string; content?: Record<string, MediaType> }>
}
interface Document {
  paths: Record<string, Record<string, Operation>>
  components: { schemas: Record<string, Json>; examples: Record<string, { value: unknown }> }
}

const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete'])

function operationsOf(document: Document): { method: string; url: string; operation: Operation }[] {
  const out = []
  for (const [url, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) if (METHODS.has(method)) out.push({ method, url, operation })
  }
  return out
}

const isProtected = (operation: Operation) => !(Array.isArray(operation.security) && operation.security.length === 0)
const hasInput = (operation: Operation) => (operation.parameters?.length ?? 0) > 0 || operation.requestBody !== undefined

let generated: string
let document: Document

beforeAll(async () => {
  generated = await generateOpenApiDocument()
  document = JSON.parse(generated) as Document
}, 120_000)

describe('the OpenAPI document', () => {
  it('matches the committed one (run `pnpm openapi:write` and commit docs/openapi.json with the change)', async () => {
    const committed = await readFile(path.join(repositoryRoot(), OPENAPI_DOCUMENT), 'utf8')
    // Compared as text: the file is what integrators download, byte for byte.
    expect(generated === committed, `${OPENAPI_DOCUMENT} is not what the routes generate`).toBe(true)
  })

  it('declares on every operation a 2xx, and the problems its kind of route can answer', () => {
    const missing: string[] = []
    for (const { method, url, operation } of operationsOf(document)) {
      const statuses = Object.keys(operation.responses)
      const name = `${method.toUpperCase()} ${url}`
      if (!statuses.some((status) => status.startsWith('2'))) missing.push(`${name}: no 2xx`)
      if (isProtected(operation) && !statuses.includes('401')) missing.push(`${name}: 401`)
      if (hasInput(operation) && !statuses.includes('400')) missing.push(`${name}: 400`)
      if (url.includes('{') && !statuses.includes('404')) missing.push(`${name}: 404`)
      const headers = (operation.parameters ?? []).filter((parameter) => parameter.in === 'header').map((parameter) => parameter.name)
      if (headers.includes('idempotency-key') && !(statuses.includes('409') && statuses.includes('422'))) missing.push(`${name}: 409/422 (Idempotency-Key)`)
      if (method === 'patch' && headers.includes('if-match') && !(statuses.includes('412') && statuses.includes('428'))) missing.push(`${name}: 412/428 (If-Match)`)
      if (operation.requestBody && !(statuses.includes('413') && statuses.includes('415'))) missing.push(`${name}: 413/415 (body)`)
      // The general limit an operator may turn on covers every documented route.
      if (!statuses.includes('429')) missing.push(`${name}: 429`)
    }
    expect(missing).toEqual([])
    expect(operationsOf(document).length).toBeGreaterThan(100)
  })

  it('describes every error as application/problem+json referring to the one Problem schema', () => {
    const wrong: string[] = []
    for (const { method, url, operation } of operationsOf(document)) {
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) < 400) continue
        const types = Object.keys(response.content ?? {})
        const schema = response.content?.['application/problem+json']?.schema
        if (types.length !== 1 || schema?.$ref !== '#/components/schemas/Problem') wrong.push(`${method.toUpperCase()} ${url} ${status}: ${types.join(',')}`)
      }
    }
    expect(wrong).toEqual([])
    expect(document.components.schemas.Problem).toBeDefined()
  })

  it('has an example on every request body and every response body, and each fits its schema', () => {
    const ajv = new Ajv({ strict: false, allErrors: true })
    ajvFormats.default(ajv)
    ajv.addFormat('binary', true)
    ajv.addSchema(document.components.schemas.Problem ?? {}, 'problem')
    const resolveRefs = (schema: unknown): unknown =>
      JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/Problem"', '"problem"'))
    const problems: string[] = []
    const check = (where: string, media: MediaType) => {
      const examples = Object.entries(media.examples ?? {})
      if (examples.length === 0) {
        problems.push(`${where}: no example`)
        return
      }
      const validate = ajv.compile(resolveRefs(media.schema) as Json)
      for (const [name, example] of examples) {
        const value = example.$ref ? document.components.examples[example.$ref.replace('#/components/examples/', '')]?.value : example.value
        if (value === undefined) problems.push(`${where} ${name}: empty example`)
        else if (!validate(value)) problems.push(`${where} ${name}: ${ajv.errorsText(validate.errors)}`)
      }
    }
    for (const { method, url, operation } of operationsOf(document)) {
      const name = `${method.toUpperCase()} ${url}`
      for (const [type, media] of Object.entries(operation.requestBody?.content ?? {})) check(`${name} body ${type}`, media)
      for (const [status, response] of Object.entries(operation.responses)) {
        for (const [type, media] of Object.entries(response.content ?? {})) check(`${name} ${status} ${type}`, media)
      }
    }
    expect(problems).toEqual([])
  })

  it('makes the same examples every time (the document is committed)', () => {
    const schema = document.paths['/api/v1/unions/{id}']?.get?.responses['200']?.content?.['application/json']?.schema
    expect(schema).toBeDefined()
    expect(JSON.stringify(exampleFor(schema))).toBe(JSON.stringify(exampleFor(schema)))
  })
})

describe('the API answers only what the document declares', () => {
  let ctx: TestContext
  let admin: Client
  let viewer: Client

  beforeAll(async () => {
    ctx = await createTestApp()
    const tree = await createTree(ctx)
    admin = await loginAs(ctx, 'admin', tree.root)
    viewer = await loginAs(ctx, 'viewer', tree.grassrootsA1)
  }, 120_000)
  afterAll(async () => {
    await ctx?.close()
  })

  /** The operation's URL with every path parameter set: a valid value that names no record, or `override`. */
  function urlOf(url: string, operation: Operation, override?: string): string {
    let out = url
    for (const parameter of operation.parameters ?? []) {
      if (parameter.in !== 'path') continue
      const value = override ?? String(exampleFor(parameter.schema, {}, `missing-${parameter.name}`))
      out = out.replace(`{${parameter.name}}`, encodeURIComponent(value))
    }
    return out
  }

  function exampleBody(operation: Operation): unknown {
    const media = operation.requestBody?.content?.['application/json']
    return media ? exampleFor(media.schema) : undefined
  }

  it('serves the document to the docs UI, with its examples', async () => {
    const page = await ctx.app.inject({ url: '/api/docs/' })
    expect(page.statusCode).toBe(200)
    const served = await ctx.app.inject({ url: '/api/docs/json' })
    expect(served.statusCode).toBe(200)
    const json = served.json<Document>()
    expect(Object.keys(json.components.examples)).toContain('Problem404NotFound')
    expect(json.paths['/api/v1/unions/{id}']?.get?.responses['200']?.content?.['application/json']?.examples).toBeDefined()
  })

  it('answers the documented statuses to requests without a token, with bad input, unknown ids and too little permission', async () => {
    const undeclared: string[] = []
    const unexpected: string[] = []
    for (const { method, url, operation } of operationsOf(document)) {
      const name = `${method.toUpperCase()} ${url}`
      const declared = new Set(Object.keys(operation.responses))
      const body = operation.requestBody !== undefined || method !== 'get' ? {} : undefined
      const inject = async (label: string, options: InjectOptions, send: (options: InjectOptions) => Promise<{ statusCode: number; headers: Record<string, unknown> }>, expected?: number) => {
        const response = await send({ method: method.toUpperCase() as InjectOptions['method'], ...options })
        if (!declared.has(String(response.statusCode))) undeclared.push(`${name} (${label}): ${response.statusCode}`)
        if (expected !== undefined && response.statusCode !== expected) unexpected.push(`${name} (${label}): ${response.statusCode}, expected ${expected}`)
        if (response.statusCode >= 400 && !String(response.headers['content-type']).startsWith('application/problem+json')) {
          unexpected.push(`${name} (${label}): ${response.statusCode} is not problem+json`)
        }
      }
      const anonymous = (options: InjectOptions) => ctx.app.inject(options)
      await inject('no token', { url: urlOf(url, operation), ...(body ? { payload: body } : {}) }, anonymous, isProtected(operation) ? 401 : undefined)
      await inject('viewer, empty body', { url: urlOf(url, operation), ...(body ? { payload: body } : {}) }, viewer.request)
      if (operation.requestBody) {
        await inject('viewer, example body', { url: urlOf(url, operation), payload: exampleBody(operation) as InjectOptions['payload'] }, viewer.request)
        await inject('text/plain body', { url: urlOf(url, operation), payload: 'text', headers: { 'content-type': 'text/plain' } }, admin.request, 415)
      }
      if ((operation.parameters ?? []).some((parameter) => parameter.in === 'path' && parameter.schema?.format === 'uuid')) {
        await inject('malformed id', { url: urlOf(url, operation, 'not-a-uuid'), ...(body ? { payload: body } : {}) }, admin.request, 400)
        // With an id that names nothing, nothing is written: the example body goes in as it is.
        const payload = operation.requestBody ? exampleBody(operation) : body
        await inject('unknown id', { url: urlOf(url, operation), ...(payload !== undefined ? { payload: payload as InjectOptions['payload'] } : {}) }, admin.request)
      }
      if (method === 'get') {
        const limited = (operation.parameters ?? []).some((parameter) => parameter.in === 'query' && parameter.name === 'limit')
        if (limited) await inject('limit=0', { url: `${urlOf(url, operation)}?limit=0` }, admin.request, 400)
        if (!url.includes('{')) await inject('admin read', { url }, admin.request)
      }
    }
    expect(undeclared).toEqual([])
    expect(unexpected).toEqual([])
  }, 300_000)
})
