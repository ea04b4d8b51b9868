import type { Static, TSchema } from 'typebox'

/**
 * The shape every entry of the contracts' route tables has. The client derives
 * paths, inputs and outputs from these entries, so no API type is written here.
 */
export interface RouteDef {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'
  readonly url: string
  readonly params?: TSchema
  readonly querystring?: TSchema
  readonly body?: TSchema
  readonly headers?: TSchema
  readonly response: { readonly [status: number]: TSchema }
}

// 202: accepted for background work (imports), answered with the job to poll.
type SuccessStatus = 200 | 201 | 202 | 204
type SuccessSchema<R extends RouteDef> = R['response'][Extract<keyof R['response'], SuccessStatus>]

/** The decoded body of a route's success response. */
export type ResponseOf<R extends RouteDef> = SuccessSchema<R> extends TSchema ? Static<SuccessSchema<R>> : never
export type ParamsOf<R extends RouteDef> = R['params'] extends TSchema ? Static<R['params']> : never
export type QueryOf<R extends RouteDef> = R['querystring'] extends TSchema ? Static<R['querystring']> : never
export type BodyOf<R extends RouteDef> = R['body'] extends TSchema ? Static<R['body']> : never

/** What a caller passes for a route: only the parts that route declares. */
export type RequestInput<R extends RouteDef> = (R['params'] extends TSchema ? { params: ParamsOf<R> } : unknown) &
  (R['querystring'] extends TSchema ? { query?: Partial<QueryOf<R>> } : unknown) &
  (R['body'] extends TSchema ? { body: BodyOf<R> } : unknown) & {
    headers?: Record<string, string>
    signal?: AbortSignal
  }

/** Fills `:name` segments of a route url. */
export function buildPath(url: string, params: Record<string, unknown> | undefined): string {
  return url.replace(/:([A-Za-z_]+)/g, (_, name: string) => {
    const value = params?.[name]
    if (value === undefined || value === null || value === '') throw new Error(`Missing path parameter ${name} for ${url}`)
    return encodeURIComponent(String(value))
  })
}

/** Serialises a query object, dropping empty values so URLs stay short and cacheable. */
export function buildQuery(query: Record<string, unknown> | undefined): string {
  if (!query) return ''
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue
    // Array parameters (several position codes) repeat the name, as the contracts declare them.
    if (Array.isArray(value)) for (const item of value as unknown[]) search.append(key, String(item))
    else search.set(key, String(value))
  }
  const text = search.toString()
  return text ? `?${text}` : ''
}

/**
 * A route that answers with a file rather than JSON (exports, templates): the
 * contracts declare its inputs but no response schema.
 */
export interface FileRouteDef {
  readonly method: 'GET' | 'POST'
  readonly url: string
  readonly params?: TSchema
  readonly querystring?: TSchema
}

export interface FileRequestInput {
  params?: Record<string, unknown>
  query?: Record<string, unknown>
  headers?: Record<string, string>
  signal?: AbortSignal
}

export interface DownloadedFile {
  blob: Blob
  /** From Content-Disposition, when the server named the file. */
  fileName: string | null
}

/**
 * The file name from a Content-Disposition header: RFC 5987's `filename*=UTF-8''…`
 * first (Vietnamese names need it), else the plain `filename="…"`.
 */
export function fileNameFromDisposition(header: string | null): string | null {
  if (!header) return null
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header)
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim().replace(/^"|"$/g, ''))
    } catch {
      // Badly encoded: fall through to the plain name.
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/.exec(header)
  const name = plain?.[2] ?? plain?.[1]
  return name ? name.trim() : null
}
