import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Agreement, AgreementStatus, CreateAgreementBody } from '@liendoan/contracts'
import { sql } from 'drizzle-orm'
import type { LightMyRequestResponse } from 'fastify'
import { v7 as uuidv7 } from 'uuid'
import { unions } from '../../src/db/schema/index.js'
import { todayInVietnam } from '../../src/lib/dates.js'
import { type Client, type TestContext, createTestApp, createUnion, queryRows } from './app.js'
import { multipartBody } from './sheets.js'

/** A test app whose document storage is a fresh temporary folder, removed on close. */
export async function createAgreementsTestApp(env: Record<string, string> = {}): Promise<TestContext & { documentsDir: string }> {
  const documentsDir = await mkdtemp(path.join(tmpdir(), 'liendoan-test-documents-'))
  const ctx = await createTestApp({ DOCUMENT_STORAGE_DIR: documentsDir, ...env })
  return {
    ...ctx,
    documentsDir,
    async close() {
      await ctx.close()
      await rm(documentsDir, { recursive: true, force: true })
    },
  }
}

/** Every file under a folder (the stored documents), relative paths. */
export async function storedFiles(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true })
    return entries.filter((entry) => entry.isFile()).map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
  } catch {
    return []
  }
}

/** `isoDate` moved by whole days. */
export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`)
  date.setUTCDate(date.getUTCDate() + days)
  return date.toISOString().slice(0, 10)
}

/** `isoDate` moved by whole years (29 February → 28 February). */
export function addYears(isoDate: string, years: number): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number]
  const lastDay = new Date(Date.UTC(year + years, month, 0)).getUTCDate()
  return `${year + years}-${String(month).padStart(2, '0')}-${String(Math.min(day, lastDay)).padStart(2, '0')}`
}

export const today = () => todayInVietnam()

/** Dates of an agreement signed 60 days ago, effective 30 days ago, for two years: in force today. */
export function currentDates(): { signedOn: string; effectiveOn: string; expiresOn: string } {
  const effectiveOn = addDays(today(), -30)
  return { signedOn: addDays(today(), -60), effectiveOn, expiresOn: addDays(addYears(effectiveOn, 2), -1) }
}

/**
 * The same shape as createTree (root → districts A and B → grassroots A1, A2, B1) under names of
 * its own, the grassroots unions with their employers (A1 with a tax code).
 */
export async function createAgreementTree(ctx: TestContext) {
  const tag = uuidv7().slice(-6)
  const root = await createUnion(ctx, { type: 'city_federation', name: `LĐLĐ thỏa ước ${tag}` })
  const districtA = await createUnion(ctx, { parent: root, type: 'district_federation', name: `LĐLĐ huyện Thỏa ước A ${tag}` })
  const districtB = await createUnion(ctx, { parent: root, type: 'district_federation', name: `LĐLĐ huyện Thỏa ước B ${tag}` })
  const grassrootsA1 = await createUnion(ctx, { parent: districtA, name: `CĐCS Công ty May Thương Lượng A1 ${tag}`, employerName: `Công ty TNHH May Thương Lượng A1 ${tag}` })
  const grassrootsA2 = await createUnion(ctx, { parent: districtA, name: `CĐCS Trường Mầm non Đối Thoại A2 ${tag}`, sector: 'state', employerName: `Trường Mầm non Đối Thoại A2 ${tag}` })
  const grassrootsB1 = await createUnion(ctx, { parent: districtB, name: `CĐCS Công ty Cơ khí Tập Thể B1 ${tag}`, employerName: `Công ty Cổ phần Cơ khí Tập Thể B1 ${tag}` })
  const taxCode = `01${String(Date.now() % 100_000_000).padStart(8, '0')}`
  await ctx.db.update(unions).set({ employerTaxCode: taxCode }).where(sql`${unions.id} = ${grassrootsA1.id}`)
  return { tag, root, districtA, districtB, grassrootsA1, grassrootsA2, grassrootsB1 }
}

export type AgreementTree = Awaited<ReturnType<typeof createAgreementTree>>

/** A valid body for a negotiating agreement of `union`; override any field. */
export function agreementBody(union: { id: string }, overrides: Partial<CreateAgreementBody> = {}): CreateAgreementBody {
  return {
    unionId: union.id,
    title: 'Thỏa ước lao động tập thể giai đoạn 2025–2027',
    workersCovered: 420,
    terms: { wageAboveMinimumPercent: 8, tetBonusTenthsOfMonth: 10, mealAllowanceVnd: 30000, allowances: [{ name: 'Phụ cấp nhà ở', amountVnd: 500000 }] },
    ...overrides,
  }
}

/** A signed agreement's body (in force today once brought into force). */
export function signedBody(union: { id: string }, overrides: Partial<CreateAgreementBody> = {}): CreateAgreementBody {
  return agreementBody(union, { status: 'signed', ...currentDates(), ...overrides })
}

export function expectStatus(response: LightMyRequestResponse, status: number): void {
  if (response.statusCode !== status) throw new Error(`expected ${status}, got ${response.statusCode}: ${response.body}`)
}

export async function createAgreement(c: Client, body: CreateAgreementBody): Promise<Agreement> {
  const response = await c.post('/api/v1/agreements', body)
  expectStatus(response, 201)
  return response.json<Agreement>()
}

/** Posts a transition and returns the agreement (fails the test on anything but 200). */
export async function transition(c: Client, id: string, action: 'signing' | 'registration' | 'entry-into-force' | 'termination', body: unknown = {}): Promise<Agreement> {
  const response = await c.post(`/api/v1/agreements/${id}/${action}`, body)
  expectStatus(response, 200)
  return response.json<Agreement>()
}

/**
 * A new agreement of `union` brought to `status` through the API: `writer` signs and brings into
 * force, `assessor` (a federation account) registers; expired comes from the expiry job run on
 * the agreement's own union, replaced from a renewal entering into force.
 */
export async function agreementIn(
  ctx: TestContext,
  status: AgreementStatus,
  union: { id: string },
  writer: Client,
  assessor: Client,
): Promise<Agreement> {
  const { runAgreementExpiry } = await import('../../src/modules/agreements/agreement-expiry.js')
  const { recordSystemAudits } = await import('../../src/lib/audit.js')
  const employerName = `Công ty TNHH Trạng Thái ${status} ${uuidv7().slice(-8)}`
  if (status === 'negotiating') return createAgreement(writer, agreementBody(union, { employerName }))
  if (status === 'terminated') {
    const created = await createAgreement(writer, agreementBody(union, { employerName }))
    return transition(writer, created.id, 'termination', { terminatedOn: today(), reason: 'Hai bên dừng thương lượng' })
  }
  if (status === 'expired' || status === 'replaced') {
    // Signed two years ago for a year and a day less: in force until yesterday at the latest.
    const effectiveOn = addYears(today(), -2)
    const old = await createAgreement(
      writer,
      agreementBody(union, { employerName, status: 'signed', signedOn: addDays(effectiveOn, -10), effectiveOn, expiresOn: addDays(addYears(effectiveOn, 1), -1) }),
    )
    await ctx.db.execute(sql`UPDATE agreements SET status = 'in_force', in_force_on = effective_on WHERE id = ${old.id}`)
    await runAgreementExpiry(ctx.db, today(), { under: union.id, audit: recordSystemAudits })
    if (status === 'expired') return readAgreement(writer, old.id)
    const renewal = await writer.post(`/api/v1/agreements/${old.id}/renewal`, { title: 'Thỏa ước gia hạn', status: 'signed', ...currentDates() })
    expectStatus(renewal, 201)
    await transition(writer, renewal.json<Agreement>().id, 'entry-into-force')
    return readAgreement(writer, old.id)
  }
  const signed = await createAgreement(writer, signedBody(union, { employerName }))
  if (status === 'signed') return signed
  if (status === 'registered') return transition(assessor, signed.id, 'registration', { registeredOn: today(), registrationNumber: '15/ĐK-LĐLĐ' })
  return transition(writer, signed.id, 'entry-into-force')
}

export async function readAgreement(c: Client, id: string): Promise<Agreement> {
  const response = await c.get(`/api/v1/agreements/${id}`)
  expectStatus(response, 200)
  return response.json<Agreement>()
}

/** Everything a request could have written about an agreement: proves a refused request changed nothing. */
export async function agreementFootprint(ctx: TestContext, id: string) {
  const [row] = await queryRows<Record<string, unknown>>(
    ctx,
    sql`SELECT
      (SELECT row_to_json(a)::text FROM agreements a WHERE a.id = ${id}) AS agreement,
      (SELECT count(*)::int FROM agreements r WHERE r.replaces_id = ${id}) AS renewals,
      (SELECT coalesce(string_agg(e.kind || ':' || coalesce(e.to_status, '-'), ',' ORDER BY e.at, e.id), '') FROM agreement_events e WHERE e.agreement_id = ${id}) AS events,
      (SELECT coalesce(string_agg(d.id::text, ',' ORDER BY d.id), '') FROM agreement_documents d WHERE d.agreement_id = ${id}) AS documents,
      (SELECT count(*)::int FROM audit_events e WHERE e.entity_id = ${id}
          OR e.entity_id IN (SELECT id FROM agreement_documents WHERE agreement_id = ${id})) AS audit`,
  )
  return row
}

/* ---------- document fixtures, built in code ---------- */

export const PDF_BYTES = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1')
export const PNG_BYTES = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)])
export const JPEG_BYTES = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 3), Buffer.from([0xff, 0xd9])])

export function uploadDocument(
  c: Client,
  agreementId: string,
  file: { name: string; content: Buffer; type?: string } | null,
  fields: Record<string, string> = { type: 'agreement_text' },
): Promise<LightMyRequestResponse> {
  const body = multipartBody(file, fields)
  return c.request({ method: 'POST', url: `/api/v1/agreements/${agreementId}/documents`, payload: body.payload, headers: body.headers })
}
