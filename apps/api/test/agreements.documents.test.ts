import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Agreement, AgreementDocument, AgreementEvent, Problem } from '@liendoan/contracts'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Client, type TestContext, loginAs, queryRows } from './helpers/app.js'
import {
  type AgreementTree,
  JPEG_BYTES,
  PDF_BYTES,
  PNG_BYTES,
  agreementFootprint,
  agreementIn,
  createAgreementTree,
  createAgreementsTestApp,
  readAgreement,
  storedFiles,
  uploadDocument,
} from './helpers/agreements.js'

/**
 * Documents: PDF, JPEG or PNG whose content matches the declared type, under the size limit,
 * stored under a generated key; anything refused leaves neither a record nor a file.
 */

const MAX_BYTES = 4096

let ctx: TestContext & { documentsDir: string }
let tree: AgreementTree
let officer: Client
let federation: Client

beforeAll(async () => {
  ctx = await createAgreementsTestApp({ AGREEMENT_DOCUMENT_MAX_BYTES: String(MAX_BYTES) })
  tree = await createAgreementTree(ctx)
  officer = await loginAs(ctx, 'union_officer', tree.grassrootsA1)
  federation = await loginAs(ctx, 'federation_officer', tree.districtA)
})
afterAll(async () => {
  await ctx.close()
})

async function documentRows(agreementId: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(ctx, sql`SELECT count(*)::int AS n FROM agreement_documents WHERE agreement_id = ${agreementId}`)
  return row?.n ?? 0
}

describe('upload and download', () => {
  it('stores a PDF under a generated key with its hash and size, and gives it back with its Vietnamese name', async () => {
    const agreement = await agreementIn(ctx, 'signed', tree.grassrootsA1, officer, federation)
    const fileName = 'Thỏa ước lao động tập thể 2025 (bản ký).pdf'
    const response = await uploadDocument(officer, agreement.id, { name: fileName, type: 'application/pdf', content: PDF_BYTES }, { type: 'agreement_text' })
    expect(response.statusCode, response.body).toBe(201)
    const document = response.json<AgreementDocument>()
    expect(document).toMatchObject({
      agreementId: agreement.id,
      type: 'agreement_text',
      fileName,
      mediaType: 'application/pdf',
      sizeBytes: PDF_BYTES.length,
      sha256: createHash('sha256').update(PDF_BYTES).digest('hex'),
      uploadedBy: { id: officer.user.id },
    })
    expect(response.headers.location).toBe(`/api/v1/agreements/${agreement.id}/documents/${document.id}`)

    // The key is ours: nothing of the client's file name reaches the disk.
    const [row] = await queryRows<{ storage_key: string }>(ctx, sql`SELECT storage_key FROM agreement_documents WHERE id = ${document.id}`)
    expect(row?.storage_key).toMatch(/^agreements\/\d{4}\/\d{2}\/[0-9a-f-]{36}$/)
    expect(await storedFiles(ctx.documentsDir)).toContain(path.join(...row!.storage_key.split('/')))
    expect(await readFile(path.join(ctx.documentsDir, ...row!.storage_key.split('/')))).toEqual(PDF_BYTES)

    const download = await officer.get(`/api/v1/agreements/${agreement.id}/documents/${document.id}`)
    expect(download.statusCode).toBe(200)
    expect(download.headers['content-type']).toBe('application/pdf')
    expect(download.rawPayload).toEqual(PDF_BYTES)
    const disposition = String(download.headers['content-disposition'])
    expect(disposition).toContain('filename="Thoa uoc lao dong tap the 2025 (ban ky).pdf"')
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent(fileName).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`)

    const list = await federation.get(`/api/v1/agreements/${agreement.id}/documents`)
    expect(list.json<{ items: AgreementDocument[] }>().items).toEqual([document])
    const after = await readAgreement(officer, agreement.id)
    expect(after).toMatchObject({ documentCount: 1, version: agreement.version + 1 })
    const timeline = (await officer.get(`/api/v1/agreements/${agreement.id}/timeline`)).json<{ items: AgreementEvent[] }>().items
    expect(timeline.at(-1)).toMatchObject({ kind: 'document_added', detail: fileName })
  })

  it('accepts JPEG and PNG, with the type field before or after the file', async () => {
    const agreement = await agreementIn(ctx, 'in_force', tree.grassrootsA1, officer, federation)
    const jpeg = await uploadDocument(officer, agreement.id, { name: 'bien-ban.jpg', type: 'image/jpeg', content: JPEG_BYTES }, { type: 'signing_minutes' })
    expect(jpeg.statusCode, jpeg.body).toBe(201)
    expect(jpeg.json<AgreementDocument>()).toMatchObject({ mediaType: 'image/jpeg', type: 'signing_minutes' })
    // Fields after the file: built by hand, since the helper puts fields first.
    const boundary = '----liendoan-after'
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="thong-bao.png"\r\nContent-Type: image/png\r\n\r\n`),
      PNG_BYTES,
      Buffer.from(`\r\n--${boundary}\r\nContent-Disposition: form-data; name="type"\r\n\r\nregistration_notice\r\n--${boundary}--\r\n`),
    ])
    const png = await officer.request({
      method: 'POST',
      url: `/api/v1/agreements/${agreement.id}/documents`,
      payload,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    })
    expect(png.statusCode, png.body).toBe(201)
    expect(png.json<AgreementDocument>()).toMatchObject({ mediaType: 'image/png', type: 'registration_notice', fileName: 'thong-bao.png' })
  })
})

describe('refused uploads store nothing', () => {
  let agreement: Agreement

  beforeAll(async () => {
    agreement = await agreementIn(ctx, 'negotiating', tree.grassrootsA1, officer, federation)
  })

  interface RefusedCase {
    name: string
    file: { name: string; type: string; content: Buffer } | null
    fields: Record<string, string>
    status: number
    code: string
    fieldCode?: string
  }
  const cases: RefusedCase[] = [
    {
      name: 'a declared type that is not PDF, JPEG or PNG',
      file: { name: 'thoa-uoc.docx', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', content: Buffer.from('PK\u0003\u0004 word') },
      fields: { type: 'agreement_text' },
      status: 415,
      code: 'unsupported_media_type',
    },
    {
      name: 'a file over the size limit',
      file: { name: 'lon.pdf', type: 'application/pdf', content: Buffer.concat([PDF_BYTES, Buffer.alloc(MAX_BYTES, 0x20)]) },
      fields: { type: 'agreement_text' },
      status: 413,
      code: 'payload_too_large',
    },
    {
      name: 'a file exactly one byte over the limit',
      file: { name: 'vua-qua.pdf', type: 'application/pdf', content: Buffer.concat([PDF_BYTES, Buffer.alloc(MAX_BYTES + 1 - PDF_BYTES.length, 0x20)]) },
      fields: { type: 'agreement_text' },
      status: 413,
      code: 'payload_too_large',
    },
    {
      name: 'content that is not what the declared type says (a PNG declared as PDF)',
      file: { name: 'gia.pdf', type: 'application/pdf', content: PNG_BYTES },
      fields: { type: 'agreement_text' },
      status: 422,
      code: 'invalid_file',
      fieldCode: 'file_content_mismatch',
    },
    {
      name: 'a script declared as a JPEG',
      file: { name: 'anh.jpg', type: 'image/jpeg', content: Buffer.from('<script>alert(1)</script>') },
      fields: { type: 'other' },
      status: 422,
      code: 'invalid_file',
      fieldCode: 'file_content_mismatch',
    },
    {
      name: 'a file shorter than its signature',
      file: { name: 'ngan.png', type: 'image/png', content: Buffer.from([0x89, 0x50]) },
      fields: { type: 'other' },
      status: 422,
      code: 'invalid_file',
      fieldCode: 'file_content_mismatch',
    },
    { name: 'an empty file', file: { name: 'rong.pdf', type: 'application/pdf', content: Buffer.alloc(0) }, fields: { type: 'other' }, status: 422, code: 'invalid_file', fieldCode: 'file_empty' },
    { name: 'no type field', file: { name: 'a.pdf', type: 'application/pdf', content: PDF_BYTES }, fields: {}, status: 422, code: 'validation_failed', fieldCode: 'required' },
    { name: 'an unknown type', file: { name: 'a.pdf', type: 'application/pdf', content: PDF_BYTES }, fields: { type: 'contract' }, status: 422, code: 'validation_failed', fieldCode: 'enum' },
    { name: 'no file at all', file: null, fields: { type: 'other' }, status: 400, code: 'validation_failed', fieldCode: 'required' },
  ]

  it.each(cases)('$name → $status $code', async ({ file, fields, status, code, fieldCode }) => {
    const filesBefore = await storedFiles(ctx.documentsDir)
    const before = await agreementFootprint(ctx, agreement.id)
    const response = await uploadDocument(officer, agreement.id, file, fields)
    expect(response.statusCode, response.body).toBe(status)
    expect(response.headers['content-type']).toContain('application/problem+json')
    const problem = response.json<Problem>()
    expect(problem.code).toBe(code)
    if (fieldCode) expect(problem.errors?.[0]?.code).toBe(fieldCode)
    if (fieldCode === 'file_content_mismatch') expect(problem.errors?.[0]?.message).toBe('Nội dung tệp không khớp với loại tệp đã khai báo (chỉ nhận PDF, JPEG, PNG)')
    expect(await documentRows(agreement.id)).toBe(0)
    expect(await storedFiles(ctx.documentsDir)).toEqual(filesBefore)
    expect(await agreementFootprint(ctx, agreement.id)).toEqual(before)
  })

  it('a JSON body instead of a form is 415', async () => {
    const response = await officer.post(`/api/v1/agreements/${agreement.id}/documents`, { type: 'other' })
    expect(response.statusCode).toBe(415)
    expect(await documentRows(agreement.id)).toBe(0)
  })
})

describe('delete', () => {
  it('removes the record and the file while the agreement may change, and never once it is final', async () => {
    const agreement = await agreementIn(ctx, 'signed', tree.grassrootsA1, officer, federation)
    const uploaded = (await uploadDocument(officer, agreement.id, { name: 'xoa.pdf', type: 'application/pdf', content: PDF_BYTES })).json<AgreementDocument>()
    const [row] = await queryRows<{ storage_key: string }>(ctx, sql`SELECT storage_key FROM agreement_documents WHERE id = ${uploaded.id}`)
    const file = path.join(...row!.storage_key.split('/'))
    expect(await storedFiles(ctx.documentsDir)).toContain(file)
    const removed = await officer.request({ method: 'DELETE', url: `/api/v1/agreements/${agreement.id}/documents/${uploaded.id}` })
    expect(removed.statusCode).toBe(204)
    expect(await documentRows(agreement.id)).toBe(0)
    expect(await storedFiles(ctx.documentsDir)).not.toContain(file)
    expect((await officer.get(`/api/v1/agreements/${agreement.id}/documents/${uploaded.id}`)).statusCode).toBe(404)
    expect((await officer.request({ method: 'DELETE', url: `/api/v1/agreements/${agreement.id}/documents/${uploaded.id}` })).statusCode).toBe(404)

    const kept = (await uploadDocument(officer, agreement.id, { name: 'giu.pdf', type: 'application/pdf', content: PDF_BYTES })).json<AgreementDocument>()
    await officer.post(`/api/v1/agreements/${agreement.id}/termination`, { terminatedOn: agreement.signedOn, reason: 'Hủy để thử' })
    const refused = await officer.request({ method: 'DELETE', url: `/api/v1/agreements/${agreement.id}/documents/${kept.id}` })
    expect(refused.statusCode).toBe(409)
    expect(refused.json<Problem>().code).toBe('invalid_state')
    const late = await uploadDocument(officer, agreement.id, { name: 'muon.pdf', type: 'application/pdf', content: PDF_BYTES })
    expect(late.statusCode).toBe(409)
    expect(await documentRows(agreement.id)).toBe(1)
    // A final agreement's documents are still there to read.
    expect((await officer.get(`/api/v1/agreements/${agreement.id}/documents/${kept.id}`)).rawPayload).toEqual(PDF_BYTES)
  })

  it('a document of another agreement is 404 under this one', async () => {
    const first = await agreementIn(ctx, 'negotiating', tree.grassrootsA1, officer, federation)
    const second = await agreementIn(ctx, 'negotiating', tree.grassrootsA1, officer, federation)
    const uploaded = (await uploadDocument(officer, first.id, { name: 'a.pdf', type: 'application/pdf', content: PDF_BYTES })).json<AgreementDocument>()
    expect((await officer.get(`/api/v1/agreements/${second.id}/documents/${uploaded.id}`)).statusCode).toBe(404)
    expect((await officer.request({ method: 'DELETE', url: `/api/v1/agreements/${second.id}/documents/${uploaded.id}` })).statusCode).toBe(404)
    expect(await documentRows(first.id)).toBe(1)
  })
})
