import { describe, expect, it, vi } from 'vitest'
import { memberImportRoutes, type TokenPair, type User } from '@liendoan/contracts'
import { ApiError } from './api-error'
import { HttpClient } from './http-client'
import { fileNameFromDisposition } from './routes'
import { createTokenStore } from './token-store'

const user = { id: 'u1', role: 'union_officer' } as unknown as User
const pair: TokenPair = { accessToken: 'access-1', refreshToken: 'refresh-1', expiresIn: 900, user }
const jobId = '0190a000-0000-7000-8000-000000000009'

function client(fetch: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>) {
  const tokens = createTokenStore(null)
  tokens.set(pair)
  return new HttpClient({ tokens, fetch: fetch as typeof globalThis.fetch })
}

describe('file name from Content-Disposition', () => {
  it('prefers the UTF-8 name, which carries Vietnamese letters', () => {
    expect(fileNameFromDisposition(`attachment; filename="doan-vien.xlsx"; filename*=UTF-8''%C4%91o%C3%A0n-vi%C3%AAn.xlsx`)).toBe('đoàn-viên.xlsx')
  })
  it('falls back to the plain name, quoted or not', () => {
    expect(fileNameFromDisposition('attachment; filename="members.csv"')).toBe('members.csv')
    expect(fileNameFromDisposition('attachment; filename=members.csv')).toBe('members.csv')
    expect(fileNameFromDisposition(null)).toBeNull()
    expect(fileNameFromDisposition('inline')).toBeNull()
  })
})

describe('HttpClient files', () => {
  it('downloads with the bearer token and the filters in the query', async () => {
    const fetch = vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) =>
      new Response('a,b\n', { status: 200, headers: { 'content-disposition': 'attachment; filename="members.csv"' } }),
    )
    const file = await client(fetch).download(memberImportRoutes.export, { query: { format: 'csv', q: 'tran van hung', status: undefined } })
    expect(file.fileName).toBe('members.csv')
    expect(await file.blob.text()).toBe('a,b\n')
    const [url, init] = fetch.mock.calls[0]!
    expect(String(url)).toBe('/api/v1/members/export?format=csv&q=tran+van+hung')
    expect(new Headers(init?.headers).get('authorization')).toBe('Bearer access-1')
  })

  it('turns a refused download into ApiError', async () => {
    const fetch = vi.fn(async () =>
      new Response(JSON.stringify({ type: 'about:blank', title: 'Forbidden', status: 403, code: 'forbidden', requestId: 'r' }), {
        status: 403,
        headers: { 'content-type': 'application/problem+json' },
      }),
    )
    await expect(client(fetch).download(memberImportRoutes.template)).rejects.toMatchObject({ status: 403, code: 'forbidden' })
    await expect(client(fetch).download(memberImportRoutes.template)).rejects.toBeInstanceOf(ApiError)
  })

  it('uploads a form without forcing a JSON content type, with the idempotency key', async () => {
    const fetch = vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) =>
      new Response(JSON.stringify({ id: jobId, status: 'validating' }), { status: 202, headers: { 'content-type': 'application/json' } }),
    )
    const form = new FormData()
    form.append('file', new Blob(['x']), 'list.csv')
    const result = await client(fetch).upload(memberImportRoutes.create, { form, headers: { 'Idempotency-Key': 'key-12345678' } })
    expect(result.status).toBe(202)
    expect(result.data.id).toBe(jobId)
    const init = fetch.mock.calls[0]![1]
    const headers = new Headers(init?.headers)
    expect(init?.body).toBe(form)
    expect(headers.get('content-type')).toBeNull()
    expect(headers.get('idempotency-key')).toBe('key-12345678')
  })
})
