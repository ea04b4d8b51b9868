import type { IncomingMessage, ServerResponse } from 'node:http'
import fp from 'fastify-plugin'
import helmet from 'helmet'

/**
 * The headers every API response carries: the set the OWASP REST Security Cheat Sheet lists for
 * JSON APIs. Responses are data, never documents, so the document-only headers helmet adds
 * (DNS prefetch, download options, origin-agent-cluster, COOP...) only cost bytes and CPU on
 * the hottest reads; helmet computes the ones shared with it, so their values stay its own.
 * The docs UI (/api/docs) sets its own Content-Security-Policy for its page (staticCSP).
 */
export function securityHeaders(): Record<string, string> {
  const helmetDefaults = helmetHeaders()
  return {
    'cache-control': 'no-store',
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    'strict-transport-security': helmetDefaults['strict-transport-security'] ?? 'max-age=31536000; includeSubDomains',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': helmetDefaults['referrer-policy'] ?? 'no-referrer',
  }
}

/** helmet's default headers, computed once: they depend on nothing in the request. */
function helmetHeaders(): Record<string, string> {
  const headers: Record<string, string> = {}
  const response = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value)
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()]
    },
  }
  helmet()({} as IncomingMessage, response as unknown as ServerResponse, () => undefined)
  return headers
}

export const securityHeadersPlugin = fp(
  async (app) => {
    const headers = securityHeaders()
    app.addHook('onRequest', (_request, reply, done) => {
      reply.headers(headers)
      done()
    })
  },
  { name: 'security-headers' },
)
