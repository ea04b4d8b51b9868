import type { ApiClientWithSecret, CreateApiClientBody, TokenResponse } from '@liendoan/contracts'
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'
import { type Client, client } from './app.js'

/** Creates an API client through the API as `admin`; fails the test on anything but 201. */
export async function createApiClient(admin: Client, body: Partial<CreateApiClientBody> & Pick<CreateApiClientBody, 'unionId' | 'scopes'>): Promise<ApiClientWithSecret> {
  const response = await admin.post('/api/v1/api-clients', { name: 'Hệ thống bảo hiểm xã hội', ...body })
  if (response.statusCode !== 201) throw new Error(`client creation failed: ${response.statusCode} ${response.body}`)
  return response.json<ApiClientWithSecret>()
}

/** The secret of a created or rotated client (a replay has none). */
export function secretOf(client: ApiClientWithSecret): string {
  if (!client.clientSecret) throw new Error('the answer holds no client secret')
  return client.clientSecret
}

/** POST /auth/token with a JSON body (extra fields override). */
export function requestToken(app: FastifyInstance, body: Record<string, unknown>, options: Partial<InjectOptions> = {}): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: body, ...options } as InjectOptions)
}

/** A token for the client's id and secret; fails the test on anything but 200. */
export async function clientToken(app: FastifyInstance, id: string, secret: string, scope?: string): Promise<TokenResponse> {
  const response = await requestToken(app, { grant_type: 'client_credentials', client_id: id, client_secret: secret, ...(scope ? { scope } : {}) })
  if (response.statusCode !== 200) throw new Error(`token failed: ${response.statusCode} ${response.body}`)
  return response.json<TokenResponse>()
}

/** A client created by `admin` and signed in with a token: requests go out with its bearer token. */
export async function asApiClient(app: FastifyInstance, admin: Client, body: Partial<CreateApiClientBody> & Pick<CreateApiClientBody, 'unionId' | 'scopes'>) {
  const created = await createApiClient(admin, body)
  const token = await clientToken(app, created.id, secretOf(created))
  return { created, caller: client(app, token.access_token, { id: created.id, email: '' }) }
}
