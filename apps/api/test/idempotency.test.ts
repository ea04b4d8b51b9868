import type { ImportJob, Problem } from '@liendoan/contracts'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { jsonBodyDigest, requestFingerprint } from '../src/plugins/idempotency.js'
import { type Client, type TestContext, createTestApp, createTree, loginAs } from './helpers/app.js'
import { newCitizenId } from './helpers/members.js'
import { HEADERS, XLSX_TYPE, memberRow, uploadSheet, waitForJob, xlsxOf } from './helpers/sheets.js'

let ctx: TestContext
let tree: Awaited<ReturnType<typeof createTree>>
let officer: Client

beforeAll(async () => {
  ctx = await createTestApp()
  tree = await createTree(ctx)
  officer = await loginAs(ctx, 'union_officer', tree.grassrootsA1)
})
afterAll(async () => {
  await ctx.close()
})

let keySequence = 0
const newKey = () => `test-key-${Date.now().toString(36)}-${++keySequence}`

async function sheetFile() {
  return { name: 'ds.xlsx', type: XLSX_TYPE, content: await xlsxOf([HEADERS, memberRow({ citizenId: newCitizenId() })]) }
}

async function jobsCreatedBy(client: Client): Promise<number> {
  const result = await ctx.db.execute(sql`SELECT count(*)::int AS count FROM member_import_jobs WHERE created_by_user_id = ${client.user.id}`)
  return (result as unknown as { rows: { count: number }[] }).rows[0]?.count ?? 0
}

describe('Idempotency-Key on an upload', () => {
  it('replays the first response for the same key and file, without a second job', async () => {
    const uploader = await loginAs(ctx, 'union_officer', tree.grassrootsA1)
    const file = await sheetFile()
    const key = newKey()
    const first = await uploadSheet(uploader, file, { unionId: tree.grassrootsA1.id }, { 'idempotency-key': key })
    expect(first.statusCode, first.body).toBe(202)
    const retry = await uploadSheet(uploader, file, { unionId: tree.grassrootsA1.id }, { 'idempotency-key': key })
    expect(retry.statusCode).toBe(202)
    expect(retry.headers['idempotent-replayed']).toBe('true')
    expect(retry.headers.location).toBe(first.headers.location)
    expect(retry.json<ImportJob>()).toEqual(first.json<ImportJob>())
    expect(await jobsCreatedBy(uploader)).toBe(1)

    // Without a key, the same upload is a new job.
    const fresh = await uploadSheet(uploader, file, { unionId: tree.grassrootsA1.id })
    expect(fresh.json<ImportJob>().id).not.toBe(first.json<ImportJob>().id)
    expect(await jobsCreatedBy(uploader)).toBe(2)
  })

  it('refuses the same key with another file or other fields (422)', async () => {
    const key = newKey()
    const file = await sheetFile()
    expect((await uploadSheet(officer, file, { unionId: tree.grassrootsA1.id }, { 'idempotency-key': key })).statusCode).toBe(202)

    const otherFile = await uploadSheet(officer, await sheetFile(), { unionId: tree.grassrootsA1.id }, { 'idempotency-key': key })
    expect(otherFile.statusCode).toBe(422)
    expect(otherFile.json<Problem>()).toMatchObject({ code: 'idempotency_key_reused', title: 'Khóa Idempotency-Key đã dùng cho một yêu cầu khác' })

    const otherField = await uploadSheet(officer, file, { unionId: tree.grassrootsA2.id }, { 'idempotency-key': key })
    expect(otherField.statusCode).toBe(422)
  })

  it('scopes keys to the account', async () => {
    const key = newKey()
    const file = await sheetFile()
    const colleague = await loginAs(ctx, 'union_officer', tree.grassrootsA1)
    const mine = await uploadSheet(officer, file, { unionId: tree.grassrootsA1.id }, { 'idempotency-key': key })
    const theirs = await uploadSheet(colleague, file, { unionId: tree.grassrootsA1.id }, { 'idempotency-key': key })
    expect(theirs.statusCode).toBe(202)
    expect(theirs.headers['idempotent-replayed']).toBeUndefined()
    expect(theirs.json<ImportJob>().id).not.toBe(mine.json<ImportJob>().id)
  })

  it('refuses a malformed key', async () => {
    const response = await uploadSheet(officer, await sheetFile(), {}, { 'idempotency-key': 'short' })
    expect(response.statusCode).toBe(400)
  })

  it('runs a request again once its key expired', async () => {
    const uploader = await loginAs(ctx, 'union_officer', tree.grassrootsA1)
    const key = newKey()
    const file = await sheetFile()
    const first = await uploadSheet(uploader, file, { unionId: tree.grassrootsA1.id }, { 'idempotency-key': key })
    await ctx.db.execute(sql`UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE user_id = ${uploader.user.id} AND key = ${key}`)
    const later = await uploadSheet(uploader, file, { unionId: tree.grassrootsA1.id }, { 'idempotency-key': key })
    expect(later.statusCode).toBe(202)
    expect(later.headers['idempotent-replayed']).toBeUndefined()
    expect(later.json<ImportJob>().id).not.toBe(first.json<ImportJob>().id)
  })
})

describe('Idempotency-Key on a commit', () => {
  async function validatedJob(): Promise<ImportJob> {
    const response = await uploadSheet(officer, await sheetFile(), { unionId: tree.grassrootsA1.id })
    const job = await waitForJob(officer, response.json<ImportJob>().id)
    expect(job.status).toBe('validated')
    return job
  }

  it('replays the accepted commit instead of answering 409 to a retry', async () => {
    const job = await validatedJob()
    const key = newKey()
    const url = `/api/v1/members/imports/${job.id}/commit`
    const first = await officer.post(url, undefined, { 'idempotency-key': key })
    expect(first.statusCode).toBe(202)
    const retry = await officer.post(url, undefined, { 'idempotency-key': key })
    expect(retry.statusCode).toBe(202)
    expect(retry.headers['idempotent-replayed']).toBe('true')
    expect(retry.json<ImportJob>()).toEqual(first.json<ImportJob>())
    expect((await waitForJob(officer, job.id)).status).toBe('committed')
    // A new attempt (another key) meets the real state.
    expect((await officer.post(url, undefined, { 'idempotency-key': newKey() })).statusCode).toBe(409)
  })

  it('stores and replays a refusal too', async () => {
    const job = await validatedJob()
    const url = `/api/v1/members/imports/${job.id}/commit`
    await officer.post(url)
    await waitForJob(officer, job.id)
    const key = newKey()
    const refused = await officer.post(url, undefined, { 'idempotency-key': key })
    expect(refused.statusCode).toBe(409)
    const again = await officer.post(url, undefined, { 'idempotency-key': key })
    expect(again.statusCode).toBe(409)
    expect(again.headers['idempotent-replayed']).toBe('true')
    expect(again.headers['content-type']).toContain('application/problem+json')
    expect(again.json<Problem>().code).toBe('invalid_state')
  })

  it('answers 409 while the first request with the key is still running', async () => {
    const job = await validatedJob()
    const key = newKey()
    const url = `/api/v1/members/imports/${job.id}/commit`
    // The first request has claimed the key and not answered yet.
    await ctx.db.execute(sql`
      INSERT INTO idempotency_keys (user_id, route, key, request_hash)
      VALUES (${officer.user.id}, 'POST /api/v1/members/imports/:id/commit', ${key}, ${requestFingerprint('POST', url, jsonBodyDigest(undefined))})`)
    const retry = await officer.post(url, undefined, { 'idempotency-key': key })
    expect(retry.statusCode).toBe(409)
    expect(retry.json<Problem>().code).toBe('conflict')
    // Nothing ran: the job is still waiting for its commit.
    expect((await waitForJob(officer, job.id)).status).toBe('validated')
  })
})
