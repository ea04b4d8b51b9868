import Type from 'typebox'
import { IdParams, IfMatchHeaders, IsoDateTime, Nullable, Page, PageQuery, Uuid, problems } from './common.js'

/**
 * The scopes an API client may hold: the permissions of the data it reads and keeps. Left out on
 * purpose: managing accounts, reference data and API clients; restructuring the tree; erasing
 * members; decisions that need an accountable person (registering and grading agreements,
 * proposing, approving and paying support, assigning targets) and member imports, whose jobs
 * belong to an account.
 */
export const ApiClientScopes = [
  'unions:read',
  'unions:create',
  'unions:update',
  'unions:rate',
  'members:read',
  'members:write',
  'members:reveal',
  'officers:manage',
  'trainings:read',
  'trainings:manage',
  'agreements:read',
  'agreements:write',
  'support:read',
  'targets:read',
] as const
export const ApiClientScope = Type.Enum([...ApiClientScopes], { description: 'A permission granted to an API client' })
export type ApiClientScope = (typeof ApiClientScopes)[number]

export const ApiClientStatuses = ['active', 'revoked'] as const
export const ApiClientStatus = Type.Enum([...ApiClientStatuses])
export type ApiClientStatus = (typeof ApiClientStatuses)[number]

/** Requests per minute a client may make, unless its own limit is set. */
export const ApiClientRateLimit = Type.Integer({ minimum: 1, maximum: 100_000, description: 'Requests per minute allowed to the client' })

const ApiClientName = Type.String({ minLength: 1, maxLength: 200 })
const ScopeList = Type.Array(ApiClientScope, { minItems: 1, maxItems: ApiClientScopes.length, uniqueItems: true })

export const ApiClient = Type.Object({
  /** The `client_id` of the client-credentials grant. */
  id: Uuid,
  name: Type.String(),
  /** The client sees and changes only this union's subtree. */
  unionId: Uuid,
  unionName: Type.String(),
  scopes: Type.Array(ApiClientScope),
  /** The start and the last four characters of the secret, to tell secrets apart; the secret itself is shown once. */
  secretHint: Type.String(),
  rateLimitPerMinute: Type.Integer(),
  status: ApiClientStatus,
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  rotatedAt: Nullable(IsoDateTime),
  revokedAt: Nullable(IsoDateTime),
})
export type ApiClient = Type.Static<typeof ApiClient>

/** A client with its secret: only in the answers to create and rotate. Store it; it is never shown again. */
export const ApiClientWithSecret = Type.Object({
  ...ApiClient.properties,
  /** Left out of an Idempotency-Key replay of the creation: the secret is never stored in clear. Rotate to get a new one. */
  clientSecret: Type.Optional(Type.String({ description: 'The client_secret, shown only once' })),
})
export type ApiClientWithSecret = Type.Static<typeof ApiClientWithSecret>

export const CreateApiClientBody = Type.Object(
  {
    name: ApiClientName,
    unionId: Uuid,
    scopes: ScopeList,
    rateLimitPerMinute: Type.Optional(ApiClientRateLimit),
  },
  { additionalProperties: false },
)
export type CreateApiClientBody = Type.Static<typeof CreateApiClientBody>

export const UpdateApiClientBody = Type.Object(
  {
    name: Type.Optional(ApiClientName),
    scopes: Type.Optional(ScopeList),
    rateLimitPerMinute: Type.Optional(ApiClientRateLimit),
  },
  { additionalProperties: false, minProperties: 1 },
)
export type UpdateApiClientBody = Type.Static<typeof UpdateApiClientBody>

export const ApiClientListQuery = Type.Object(
  {
    ...PageQuery,
    under: Type.Optional(Uuid),
    status: Type.Optional(ApiClientStatus),
  },
  { additionalProperties: false },
)
export type ApiClientListQuery = Type.Static<typeof ApiClientListQuery>

export const ApiClientPage = Page(ApiClient)

/**
 * The client-credentials grant (RFC 6749 §4.4), as JSON or as a form. The client may send its
 * credentials in the body or with HTTP Basic (§2.3.1). Unknown parameters are ignored.
 */
export const TokenRequestBody = Type.Object({
  grant_type: Type.String({ maxLength: 100, description: 'client_credentials' }),
  client_id: Type.Optional(Type.String({ maxLength: 100 })),
  client_secret: Type.Optional(Type.String({ maxLength: 200 })),
  /** Space-separated subset of the client's scopes; all of them when left out. */
  scope: Type.Optional(Type.String({ maxLength: 2000 })),
})
export type TokenRequestBody = Type.Static<typeof TokenRequestBody>

export const TokenResponse = Type.Object({
  access_token: Type.String(),
  token_type: Type.Literal('Bearer'),
  /** Lifetime of the access token in seconds. */
  expires_in: Type.Integer(),
  /** Space-separated scopes the token carries. */
  scope: Type.String(),
})
export type TokenResponse = Type.Static<typeof TokenResponse>

export const apiClientRoutes = {
  token: {
    method: 'POST',
    url: '/api/v1/auth/token',
    body: TokenRequestBody,
    response: { 200: TokenResponse, ...problems(400, 401, 415) },
  },
  list: {
    method: 'GET',
    url: '/api/v1/api-clients',
    querystring: ApiClientListQuery,
    response: { 200: ApiClientPage, ...problems(400, 401, 403) },
  },
  get: {
    method: 'GET',
    url: '/api/v1/api-clients/:id',
    params: IdParams,
    response: { 200: ApiClient, ...problems(400, 401, 403, 404) },
  },
  create: {
    method: 'POST',
    url: '/api/v1/api-clients',
    body: CreateApiClientBody,
    response: { 201: ApiClientWithSecret, ...problems(400, 401, 403, 422) },
  },
  update: {
    method: 'PATCH',
    url: '/api/v1/api-clients/:id',
    params: IdParams,
    headers: IfMatchHeaders,
    body: UpdateApiClientBody,
    response: { 200: ApiClient, ...problems(400, 401, 403, 404, 409, 412, 428) },
  },
  rotate: {
    method: 'POST',
    url: '/api/v1/api-clients/:id/rotate',
    params: IdParams,
    response: { 200: ApiClientWithSecret, ...problems(400, 401, 403, 404, 409) },
  },
  revoke: {
    method: 'POST',
    url: '/api/v1/api-clients/:id/revoke',
    params: IdParams,
    response: { 200: ApiClient, ...problems(400, 401, 403, 404) },
  },
} as const
