import { authRoutes, type TokenPair } from '@liendoan/contracts'
import { ApiError, asProblem } from './api-error'
import {
  buildPath,
  buildQuery,
  fileNameFromDisposition,
  type DownloadedFile,
  type FileRequestInput,
  type FileRouteDef,
  type RequestInput,
  type ResponseOf,
  type RouteDef,
} from './routes'
import type { TokenStore } from './token-store'

export interface ApiResponse<T> {
  data: T
  /** The `ETag` header, needed as `If-Match` on the next update of the same record. */
  etag: string | null
  status: number
}

export interface HttpClientOptions {
  tokens: TokenStore
  fetch?: typeof fetch
  baseUrl?: string
  /** Language for server-side messages (problem titles, field errors). */
  getLocale?: () => string
  /** Called once the session cannot be renewed; the UI decides where to go. */
  onSessionExpired?: () => void
}

// Codes after which a fresh access token may help; other 401s (bad password,
// reused refresh token) are final.
const RENEWABLE_CODES = new Set(['token_expired', 'unauthorized', 'token_invalid'])

/**
 * Typed HTTP client over the contracts' route tables. It attaches the bearer
 * token, renews it once on 401 (concurrent renewals share one request, because
 * refresh tokens rotate and a second use would revoke the whole family), and
 * turns failures into ApiError. It never shows messages or navigates.
 */
export class HttpClient {
  private readonly tokens: TokenStore
  private readonly fetchImpl: typeof fetch
  private readonly baseUrl: string
  private readonly getLocale: () => string
  private readonly onSessionExpired: () => void
  private refreshing: Promise<boolean> | null = null

  constructor(options: HttpClientOptions) {
    this.tokens = options.tokens
    // Bound so that `fetch` is not called with the client as `this` (browsers throw).
    this.fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis)
    this.baseUrl = options.baseUrl ?? ''
    this.getLocale = options.getLocale ?? (() => 'vi')
    this.onSessionExpired = options.onSessionExpired ?? (() => undefined)
  }

  /** Calls a route and returns its body with the ETag. */
  async request<R extends RouteDef>(route: R, input: RequestInput<R>): Promise<ApiResponse<ResponseOf<R>>> {
    const parts = input as { params?: Record<string, unknown>; query?: Record<string, unknown>; body?: unknown }
    const response = await this.exchange(route, parts.params, parts.query, parts.body, input.headers, input.signal)
    return this.parse<ResponseOf<R>>(response)
  }

  /**
   * Sends a multipart form (a file upload) to a route whose body the contract
   * documents but cannot type; the response is decoded like any other.
   */
  async upload<R extends RouteDef>(
    route: R,
    input: { params?: Record<string, unknown>; form: FormData; headers?: Record<string, string>; signal?: AbortSignal },
  ): Promise<ApiResponse<ResponseOf<R>>> {
    const response = await this.exchange(route, input.params, undefined, input.form, input.headers, input.signal)
    return this.parse<ResponseOf<R>>(response)
  }

  /**
   * Downloads a file (export, template) with the session's token, which a plain
   * link cannot carry. Failures arrive as problem+json and become ApiError.
   */
  async download(route: FileRouteDef, input: FileRequestInput = {}): Promise<DownloadedFile> {
    const response = await this.exchange(route, input.params, input.query, undefined, input.headers, input.signal, '*/*')
    if (!response.ok) throw new ApiError(response.status, asProblem(await safeJson(response)), response.statusText)
    return { blob: await response.blob(), fileName: fileNameFromDisposition(response.headers.get('content-disposition')) }
  }

  /** Sends with the bearer token, renewing it once on a 401 that a fresh token may cure. */
  private async exchange(
    route: Pick<RouteDef, 'method' | 'url'>,
    params: Record<string, unknown> | undefined,
    query: Record<string, unknown> | undefined,
    body: unknown,
    headers: Record<string, string> | undefined,
    signal: AbortSignal | undefined,
    accept = 'application/json',
  ): Promise<Response> {
    const path = buildPath(route.url, params) + buildQuery(query)
    const isAuthRoute = route.url === authRoutes.login.url || route.url === authRoutes.refresh.url
    const allHeaders = { Accept: accept, ...headers }

    if (!isAuthRoute && !this.tokens.getAccessToken() && this.tokens.getRefreshToken()) {
      // After a reload only the refresh token survives: renew before the first call.
      await this.refresh()
    }
    const sentWith = this.tokens.getAccessToken()
    let response = await this.send(route.method, path, body, allHeaders, signal, isAuthRoute)

    if (response.status === 401 && !isAuthRoute && this.tokens.getRefreshToken()) {
      const problem = asProblem(await safeJson(response.clone()))
      if (!problem || RENEWABLE_CODES.has(problem.code)) {
        // Another call may already have renewed the token while this one was in flight.
        const renewed = this.tokens.getAccessToken() !== sentWith || (await this.refresh())
        if (renewed) response = await this.send(route.method, path, body, allHeaders, signal, false)
      }
    }
    return response
  }

  /** Convenience for callers that do not need the ETag. */
  async call<R extends RouteDef>(route: R, input: RequestInput<R>): Promise<ResponseOf<R>> {
    return (await this.request(route, input)).data
  }

  /** Stores a new token pair (after sign-in). */
  setSession(pair: TokenPair): void {
    this.tokens.set(pair)
  }

  /** Renews the token pair; concurrent callers share one request. Resolves false when the session is over. */
  refresh(): Promise<boolean> {
    this.refreshing ??= this.doRefresh().finally(() => {
      this.refreshing = null
    })
    return this.refreshing
  }

  private async doRefresh(): Promise<boolean> {
    const refreshToken = this.tokens.getRefreshToken()
    if (!refreshToken) return false
    try {
      const response = await this.send('POST', authRoutes.refresh.url, { refreshToken }, undefined, undefined, true)
      if (!response.ok) {
        if (response.status === 400 || response.status === 401) this.expire()
        return false
      }
      const pair = (await response.json()) as ResponseOf<typeof authRoutes.refresh>
      this.tokens.set(pair)
      return true
    } catch {
      // Network failure: keep the refresh token, the person may simply be offline.
      return false
    }
  }

  private expire(): void {
    this.tokens.clear()
    this.onSessionExpired()
  }

  private async send(
    method: string,
    path: string,
    body: unknown,
    headers: Record<string, string> | undefined,
    signal: AbortSignal | undefined,
    anonymous: boolean,
  ): Promise<Response> {
    const finalHeaders: Record<string, string> = { Accept: 'application/json', 'Accept-Language': this.getLocale(), ...headers }
    const token = this.tokens.getAccessToken()
    if (!anonymous && token) finalHeaders.Authorization = `Bearer ${token}`
    // A FormData body sets its own multipart Content-Type with the boundary.
    const isForm = typeof FormData !== 'undefined' && body instanceof FormData
    if (body !== undefined && !isForm) finalHeaders['Content-Type'] = 'application/json'
    try {
      return await this.fetchImpl(this.baseUrl + path, {
        method,
        headers: finalHeaders,
        body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
        signal,
      })
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error
      throw new ApiError(0, null, error instanceof Error ? error.message : 'Network error')
    }
  }

  private async parse<T>(response: Response): Promise<ApiResponse<T>> {
    const etag = response.headers.get('etag')
    if (response.ok) {
      const data = (response.status === 204 ? null : await safeJson(response)) as T
      return { data, etag, status: response.status }
    }
    throw new ApiError(response.status, asProblem(await safeJson(response)), response.statusText)
  }
}

async function safeJson(response: Response): Promise<unknown> {
  const text = await response.text()
  if (!text) return null
  try {
    return JSON.parse(text) as unknown
  } catch {
    return null
  }
}
