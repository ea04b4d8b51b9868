import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp, urlForLog } from '../src/app.js'
import { type TestContext, createTestApp, createTree, loginAs } from './helpers/app.js'

let ctx: TestContext

beforeAll(async () => {
  ctx = await createTestApp()
})
afterAll(async () => {
  await ctx.close()
})

describe('core', () => {
  it('answers /health and /ready', async () => {
    expect((await ctx.app.inject({ url: '/health' })).json()).toEqual({ status: 'ok' })
    const ready = await ctx.app.inject({ url: '/ready' })
    expect(ready.statusCode).toBe(200)
    expect(ready.json().database).toBe(ctx.database.kind)
  })

  it('publishes OpenAPI 3.1 with every union route and problem responses', async () => {
    const response = await ctx.app.inject({ url: '/api/openapi.json' })
    expect(response.statusCode).toBe(200)
    const doc = response.json()
    expect(doc.openapi).toBe('3.1.0')
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/unions', '/api/v1/unions/{id}', '/api/v1/unions/{id}/move', '/api/v1/auth/login', '/api/v1/me']),
    )
    expect(doc.paths['/api/v1/unions/{id}'].patch.responses['412']).toBeDefined()
    const docs = await ctx.app.inject({ url: '/api/docs/' })
    expect(docs.statusCode).toBe(200)
    // The docs page is a document: it carries its own policy allowing its scripts and styles.
    expect(docs.headers['content-security-policy']).toContain("script-src 'self'")
  })

  it('answers unknown routes with problem+json and echoes a request id', async () => {
    const response = await ctx.app.inject({ url: '/api/v1/nothing-here', headers: { 'x-request-id': 'trace-12345678' } })
    expect(response.statusCode).toBe(404)
    expect(response.headers['content-type']).toContain('application/problem+json')
    expect(response.json()).toMatchObject({ status: 404, code: 'not_found', requestId: 'trace-12345678' })
    expect(response.headers['x-request-id']).toBe('trace-12345678')
  })

  it('sets security headers and refuses other origins', async () => {
    const response = await ctx.app.inject({ url: '/health', headers: { origin: 'https://evil.example' } })
    // The OWASP REST set: responses are data, never documents to render, frame or cache.
    expect(response.headers['x-content-type-options']).toBe('nosniff')
    expect(response.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'")
    expect(response.headers['x-frame-options']).toBe('DENY')
    expect(response.headers['cache-control']).toBe('no-store')
    expect(response.headers['referrer-policy']).toBe('no-referrer')
    expect(response.headers['access-control-allow-origin']).toBeUndefined()
    const failed = await ctx.app.inject({ url: '/api/v1/nothing-here' })
    expect(failed.headers['x-content-type-options']).toBe('nosniff')
    expect(failed.headers['strict-transport-security']).toContain('max-age=')
  })

  it('keeps personal query values out of logged URLs', () => {
    expect(urlForLog('/api/v1/members?under=x&citizenId=001090123456&limit=5')).toBe('/api/v1/members?under=x&citizenId=[redacted]&limit=5')
    expect(urlForLog('/api/v1/members?citizenid=001090123456')).toBe('/api/v1/members?citizenid=[redacted]')
    expect(urlForLog('/api/v1/unions?q=phuc')).toBe('/api/v1/unions?q=phuc')
  })

  it('allows the configured origins only', async () => {
    const config = { ...ctx.config, CORS_ORIGINS: 'https://app.example, https://other.example' }
    const app = await buildApp({ config, database: ctx.database })
    try {
      const allowed = await app.inject({ url: '/health', headers: { origin: 'https://other.example' } })
      expect(allowed.headers['access-control-allow-origin']).toBe('https://other.example')
      expect(allowed.headers['access-control-expose-headers']).toContain('etag')
      const refused = await app.inject({ url: '/health', headers: { origin: 'https://evil.example' } })
      expect(refused.headers['access-control-allow-origin']).toBeUndefined()
    } finally {
      await app.close()
    }
  })

  it('protects every API route', async () => {
    const response = await ctx.app.inject({ url: '/api/v1/unions' })
    expect(response.statusCode).toBe(401)
    expect(response.json().code).toBe('unauthorized')
  })

  it('finds unions without diacritics', async () => {
    const tree = await createTree(ctx)
    const officer = await loginAs(ctx, 'federation_officer', tree.root)
    const response = await officer.get(`/api/v1/unions?q=${encodeURIComponent('phuc tho')}&under=${tree.root.id}`)
    expect(response.statusCode).toBe(200)
    const names = response.json().items.map((item: { name: string }) => item.name)
    expect(names).toEqual(expect.arrayContaining(['Công ty TNHH May Phúc Thọ', 'LĐLĐ huyện Phúc Thọ thử']))
    expect(names).not.toContain('Công ty Cổ phần Thái Sơn')
  })
})
