import {
  type Agreement,
  type AgreementEvent,
  type AgreementStatus,
  AgreementStatuses,
  AgreementTransitions,
  EditableAgreementStatuses,
  GradableAgreementStatuses,
  type Problem,
  RenewableAgreementStatuses,
} from '@liendoan/contracts'
import { sql } from 'drizzle-orm'
import type { LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { recordSystemAudits } from '../src/lib/audit.js'
import { runAgreementExpiry } from '../src/modules/agreements/agreement-expiry.js'
import { type Client, type TestContext, createUnion, loginAs, queryRows } from './helpers/app.js'
import {
  type AgreementTree,
  addDays,
  addYears,
  agreementBody,
  agreementFootprint,
  agreementIn,
  createAgreement,
  createAgreementTree,
  createAgreementsTestApp,
  currentDates,
  readAgreement,
  signedBody,
  today,
  transition,
} from './helpers/agreements.js'

/**
 * The lifecycle: only AgreementTransitions, each refusal a problem+json that changes nothing;
 * the rules of each step (dates, grades, renewal); one agreement in force per union and employer,
 * also under concurrent requests.
 */

let ctx: TestContext
let tree: AgreementTree
let admin: Client
let officer: Client
let federation: Client

beforeAll(async () => {
  ctx = await createAgreementsTestApp()
  tree = await createAgreementTree(ctx)
  admin = await loginAs(ctx, 'admin', tree.root)
  officer = await loginAs(ctx, 'union_officer', tree.grassrootsA1)
  federation = await loginAs(ctx, 'federation_officer', tree.districtA)
})
afterAll(async () => {
  await ctx.close()
})

const uniqueEmployer = (label: string) => `Công ty TNHH ${label} ${Math.random().toString(36).slice(2, 8)}`

async function timeline(c: Client, id: string): Promise<AgreementEvent[]> {
  const response = await c.get(`/api/v1/agreements/${id}/timeline`)
  expect(response.statusCode).toBe(200)
  return response.json<{ items: AgreementEvent[] }>().items
}

function expectProblem(response: LightMyRequestResponse, status: number, code: string): Problem {
  expect({ status: response.statusCode, body: response.body }).toMatchObject({ status })
  expect(response.headers['content-type']).toContain('application/problem+json')
  const problem = response.json<Problem>()
  expect(problem).toMatchObject({ status, code })
  return problem
}

describe('only the allowed transitions', () => {
  const actions: { path: 'signing' | 'registration' | 'entry-into-force' | 'termination'; to: AgreementStatus; body: () => unknown }[] = [
    { path: 'signing', to: 'signed', body: () => currentDates() },
    { path: 'registration', to: 'registered', body: () => ({ registeredOn: today() }) },
    { path: 'entry-into-force', to: 'in_force', body: () => ({}) },
    { path: 'termination', to: 'terminated', body: () => ({ terminatedOn: today(), reason: 'Lý do thử nghiệm' }) },
  ]

  it.each(AgreementStatuses.map((status) => [status]))('from %s, every other change is refused with 409 and changes nothing', async (status) => {
    const agreement = await agreementIn(ctx, status, tree.grassrootsA1, admin, admin)
    expect(agreement.status).toBe(status)
    for (const action of actions) {
      if (AgreementTransitions[status].includes(action.to)) continue
      const before = await agreementFootprint(ctx, agreement.id)
      const response = await admin.post(`/api/v1/agreements/${agreement.id}/${action.path}`, action.body())
      const problem = expectProblem(response, 409, 'invalid_transition')
      expect(problem.detail).toContain(`from ${status} to ${action.to}`)
      expect(await agreementFootprint(ctx, agreement.id)).toEqual(before)
    }
    if (!(GradableAgreementStatuses as readonly string[]).includes(status)) {
      const before = await agreementFootprint(ctx, agreement.id)
      expectProblem(await admin.request({ method: 'PUT', url: `/api/v1/agreements/${agreement.id}/grade`, payload: { grade: 'B' } }), 409, 'invalid_state')
      expect(await agreementFootprint(ctx, agreement.id)).toEqual(before)
    }
    if (!(RenewableAgreementStatuses as readonly string[]).includes(status)) {
      const before = await agreementFootprint(ctx, agreement.id)
      expectProblem(await admin.post(`/api/v1/agreements/${agreement.id}/renewal`, { title: 'Gia hạn không được' }), 409, 'invalid_state')
      expect(await agreementFootprint(ctx, agreement.id)).toEqual(before)
    }
    if (!(EditableAgreementStatuses as readonly string[]).includes(status)) {
      const before = await agreementFootprint(ctx, agreement.id)
      expectProblem(await admin.patch(`/api/v1/agreements/${agreement.id}`, { notes: 'Sửa' }, { 'if-match': `"${agreement.version}"` }), 409, 'invalid_state')
      expect(await agreementFootprint(ctx, agreement.id)).toEqual(before)
    }
  })

  it('walks negotiating → signed → registered → in force, each step on the timeline with its actor and day', async () => {
    const created = await createAgreement(officer, agreementBody(tree.grassrootsA1, { employerName: uniqueEmployer('Trọn Vòng') }))
    const dates = currentDates()
    const signed = await transition(officer, created.id, 'signing', { ...dates, workersCovered: 512 })
    expect(signed).toMatchObject({ status: 'signed', ...dates, workersCovered: 512, version: 2 })
    const registered = await transition(federation, created.id, 'registration', { registeredOn: addDays(dates.signedOn, 3), registrationNumber: ' 27/ĐK ' })
    expect(registered).toMatchObject({ status: 'registered', registeredOn: addDays(dates.signedOn, 3), registrationNumber: '27/ĐK', version: 3 })
    const inForce = await transition(officer, created.id, 'entry-into-force')
    expect(inForce).toMatchObject({ status: 'in_force', inForceOn: dates.effectiveOn, version: 4 })
    const events = await timeline(officer, created.id)
    expect(events.map((event) => [event.kind, event.fromStatus, event.toStatus, event.onDate])).toEqual([
      ['created', null, 'negotiating', today()],
      ['signed', 'negotiating', 'signed', dates.signedOn],
      ['registered', 'signed', 'registered', addDays(dates.signedOn, 3)],
      ['in_force', 'registered', 'in_force', dates.effectiveOn],
    ])
    expect(events[2]?.actor?.id).toBe(federation.user.id)
    expect(events[3]?.actor?.id).toBe(officer.user.id)
    const audit = await queryRows<{ action: string }>(ctx, sql`SELECT action FROM audit_events WHERE entity_id = ${created.id} ORDER BY occurred_at, id`)
    expect(audit.map((row) => row.action)).toEqual(['agreement.create', 'agreement.sign', 'agreement.register', 'agreement.in_force'])
  })
})

describe('dates of each step', () => {
  it('signing checks the term rule and the signing date', async () => {
    const created = await createAgreement(officer, agreementBody(tree.grassrootsA1, { employerName: uniqueEmployer('Ký') }))
    const before = await agreementFootprint(ctx, created.id)
    const tooLong = await officer.post(`/api/v1/agreements/${created.id}/signing`, { signedOn: '2024-01-01', effectiveOn: '2024-01-01', expiresOn: '2027-01-01' })
    expect(expectProblem(tooLong, 422, 'validation_failed').errors).toEqual([expect.objectContaining({ field: '/expiresOn', code: 'term_too_long' })])
    const exactly = await officer.post(`/api/v1/agreements/${created.id}/signing`, { signedOn: '2024-01-01', effectiveOn: '2024-01-01', expiresOn: '2026-12-31' })
    expect(exactly.statusCode).toBe(200)
    expect(before).not.toEqual(await agreementFootprint(ctx, created.id))
  })

  it('registration is not before the signing nor in the future', async () => {
    const signed = await createAgreement(officer, signedBody(tree.grassrootsA1, { employerName: uniqueEmployer('Đăng Ký') }))
    const url = `/api/v1/agreements/${signed.id}/registration`
    expect(expectProblem(await federation.post(url, { registeredOn: addDays(signed.signedOn!, -1) }), 422, 'validation_failed').errors?.[0]).toMatchObject({
      field: '/registeredOn',
      code: 'before_signed',
    })
    expect(expectProblem(await federation.post(url, { registeredOn: addDays(today(), 1) }), 422, 'validation_failed').errors?.[0]).toMatchObject({
      field: '/registeredOn',
      code: 'future_date',
    })
    expect((await federation.post(url, { registeredOn: signed.signedOn })).statusCode).toBe(200)
  })

  it('entry into force: from the effective date, not before it, not in the future, not once expired', async () => {
    const signed = await createAgreement(officer, signedBody(tree.grassrootsA1, { employerName: uniqueEmployer('Hiệu Lực') }))
    const url = `/api/v1/agreements/${signed.id}/entry-into-force`
    const before = await agreementFootprint(ctx, signed.id)
    expect(expectProblem(await officer.post(url, { inForceOn: addDays(signed.effectiveOn!, -1) }), 422, 'validation_failed').errors?.[0]).toMatchObject({
      field: '/inForceOn',
      code: 'before_effective',
    })
    expect(expectProblem(await officer.post(url, { inForceOn: addDays(today(), 1) }), 422, 'validation_failed').errors?.[0]).toMatchObject({
      field: '/inForceOn',
      code: 'future_date',
    })
    expect(await agreementFootprint(ctx, signed.id)).toEqual(before)
    const late = await officer.post(url, { inForceOn: addDays(signed.effectiveOn!, 5) })
    expect(late.statusCode).toBe(200)
    expect(late.json<Agreement>().inForceOn).toBe(addDays(signed.effectiveOn!, 5))

    const notYet = await createAgreement(
      officer,
      agreementBody(tree.grassrootsA1, { employerName: uniqueEmployer('Chưa Tới'), status: 'signed', signedOn: today(), effectiveOn: addDays(today(), 10), expiresOn: addYears(today(), 2) }),
    )
    expect(expectProblem(await officer.post(`/api/v1/agreements/${notYet.id}/entry-into-force`, {}), 422, 'validation_failed').errors?.[0]).toMatchObject({
      code: 'not_yet_effective',
      message: 'Chưa đến ngày có hiệu lực của thỏa ước',
    })

    const effectiveOn = addYears(today(), -2)
    const stale = await createAgreement(
      officer,
      agreementBody(tree.grassrootsA1, { employerName: uniqueEmployer('Quá Hạn'), status: 'signed', signedOn: effectiveOn, effectiveOn, expiresOn: addDays(addYears(effectiveOn, 1), -1) }),
    )
    expect(expectProblem(await officer.post(`/api/v1/agreements/${stale.id}/entry-into-force`, {}), 422, 'validation_failed').errors?.[0]).toMatchObject({
      code: 'agreement_expired',
    })
  })

  it('termination records the day and the reason, not before the entry into force nor in the future', async () => {
    const inForce = await agreementIn(ctx, 'in_force', tree.grassrootsA1, officer, federation)
    const url = `/api/v1/agreements/${inForce.id}/termination`
    expect(expectProblem(await officer.post(url, { terminatedOn: addDays(inForce.inForceOn!, -1), reason: 'Doanh nghiệp giải thể' }), 422, 'validation_failed').errors?.[0]).toMatchObject({
      field: '/terminatedOn',
      code: 'before_in_force',
    })
    expect(expectProblem(await officer.post(url, { terminatedOn: addDays(today(), 1), reason: 'Doanh nghiệp giải thể' }), 422, 'validation_failed').errors?.[0]).toMatchObject({
      code: 'future_date',
    })
    expect((await officer.post(url, { terminatedOn: today() })).statusCode).toBe(400)
    const terminated = await transition(officer, inForce.id, 'termination', { terminatedOn: today(), reason: 'Doanh nghiệp giải thể' })
    expect(terminated).toMatchObject({ status: 'terminated', endedOn: today(), endReason: 'Doanh nghiệp giải thể' })
    expect((await timeline(officer, inForce.id)).at(-1)).toMatchObject({ kind: 'terminated', fromStatus: 'in_force', detail: 'Doanh nghiệp giải thể' })
  })
})

describe('grades', () => {
  it('the federation grades with a code of the scheme; a re-assessment is a new event', async () => {
    const registered = await agreementIn(ctx, 'registered', tree.grassrootsA1, officer, federation)
    const url = `/api/v1/agreements/${registered.id}/grade`
    const put = (c: Client, payload: object) => c.request({ method: 'PUT', url, payload })
    const before = await agreementFootprint(ctx, registered.id)
    expect(expectProblem(await put(federation, { grade: 'Z' }), 422, 'validation_failed').errors).toEqual([
      { field: '/grade', code: 'grade_unknown', message: 'Không có loại đánh giá với mã này' },
    ])
    expect((await put(federation, { grade: 'a' })).statusCode).toBe(400)
    expect(expectProblem(await put(federation, { grade: 'A', assessedOn: addDays(today(), 1) }), 422, 'validation_failed').errors?.[0]).toMatchObject({
      code: 'future_date',
    })
    expectProblem(await put(officer, { grade: 'A' }), 403, 'forbidden')
    expect(await agreementFootprint(ctx, registered.id)).toEqual(before)

    const first = await put(federation, { grade: 'B', note: 'Có 3 nội dung có lợi hơn' })
    expect(first.statusCode, first.body).toBe(200)
    expect(first.json<Agreement>().grade).toMatchObject({ code: 'B', name: 'Loại B', assessedOn: today(), assessedBy: { id: federation.user.id }, note: 'Có 3 nội dung có lợi hơn' })
    const second = await put(federation, { grade: 'A', assessedOn: today() })
    expect(second.json<Agreement>().grade).toMatchObject({ code: 'A', note: null })
    const graded = (await timeline(officer, registered.id)).filter((event) => event.kind === 'graded')
    expect(graded.map((event) => event.detail)).toEqual(['B: Có 3 nội dung có lợi hơn', 'B → A'])
    const [row] = await queryRows<{ graded_by_user_id: string }>(ctx, sql`SELECT graded_by_user_id FROM agreements WHERE id = ${registered.id}`)
    expect(row?.graded_by_user_id).toBe(federation.user.id)
  })
})

describe('renewal and replacement', () => {
  it('a renewal copies the terms, links both ways, and replaces the old agreement when it enters into force', async () => {
    const old = await agreementIn(ctx, 'in_force', tree.grassrootsA1, officer, federation)
    const response = await officer.post(`/api/v1/agreements/${old.id}/renewal`, { title: 'Thỏa ước giai đoạn tiếp theo' })
    expect(response.statusCode, response.body).toBe(201)
    const renewal = response.json<Agreement>()
    expect(renewal).toMatchObject({
      status: 'negotiating',
      union: old.union,
      employerName: old.employerName,
      employerTaxCode: old.employerTaxCode,
      workersCovered: old.workersCovered,
      terms: old.terms,
      favourableTerms: old.favourableTerms,
      replaces: { id: old.id, title: old.title, status: 'in_force' },
      replacedBy: null,
    })
    expect((await readAgreement(officer, old.id)).replacedBy).toEqual({ id: renewal.id, title: 'Thỏa ước giai đoạn tiếp theo', status: 'negotiating' })
    // One renewal on its way at a time.
    expectProblem(await officer.post(`/api/v1/agreements/${old.id}/renewal`, { title: 'Gia hạn lần hai' }), 409, 'conflict')

    const inForceOn = today()
    await transition(officer, renewal.id, 'signing', { signedOn: addDays(today(), -3), effectiveOn: addDays(today(), -1), expiresOn: addYears(today(), 2) })
    const entered = await transition(officer, renewal.id, 'entry-into-force', { inForceOn })
    expect(entered).toMatchObject({ status: 'in_force', inForceOn, replaces: { id: old.id, status: 'replaced' } })
    const replaced = await readAgreement(officer, old.id)
    expect(replaced).toMatchObject({ status: 'replaced', endedOn: inForceOn, replacedBy: { id: renewal.id, status: 'in_force' } })
    expect((await timeline(officer, old.id)).map((event) => event.kind)).toEqual(['created', 'signed', 'in_force', 'renewal_started', 'replaced'])
  })

  it('renews an expired agreement, with new terms when given', async () => {
    const expired = await agreementIn(ctx, 'expired', tree.grassrootsA1, officer, federation)
    const response = await officer.post(`/api/v1/agreements/${expired.id}/renewal`, {
      title: 'Thỏa ước mới sau khi hết hạn',
      workersCovered: 99,
      terms: { extraInsurance: true },
      status: 'signed',
      ...currentDates(),
    })
    expect(response.statusCode, response.body).toBe(201)
    expect(response.json<Agreement>()).toMatchObject({ status: 'signed', workersCovered: 99, favourableTerms: 1, terms: { extraInsurance: true, allowances: [] } })
    const entered = await transition(officer, response.json<Agreement>().id, 'entry-into-force')
    expect(entered.status).toBe('in_force')
    expect(await readAgreement(officer, expired.id)).toMatchObject({ status: 'replaced', endedOn: entered.inForceOn })
  })
})

describe('one agreement in force per union and employer', () => {
  it('a second agreement for the same employer cannot enter into force while one is, unless it renews it', async () => {
    const employerName = uniqueEmployer('Độc Nhất')
    const first = await createAgreement(officer, signedBody(tree.grassrootsA1, { employerName }))
    await transition(officer, first.id, 'entry-into-force')
    const second = await createAgreement(officer, signedBody(tree.grassrootsA1, { employerName, title: 'Thỏa ước thứ hai cùng doanh nghiệp' }))
    const before = await agreementFootprint(ctx, second.id)
    const problem = expectProblem(await officer.post(`/api/v1/agreements/${second.id}/entry-into-force`, {}), 409, 'conflict')
    expect(problem.detail).toContain('đã có một thỏa ước đang có hiệu lực')
    expect(problem.detail).toContain(first.title)
    expect(await agreementFootprint(ctx, second.id)).toEqual(before)
    expect((await readAgreement(officer, first.id)).status).toBe('in_force')

    // The database refuses it too, whatever the service does.
    const direct = ctx.db.execute(sql`UPDATE agreements SET status = 'in_force', in_force_on = effective_on WHERE id = ${second.id}`)
    await expect(direct).rejects.toMatchObject({ cause: expect.objectContaining({ code: '23505' }) })
  })

  it('two concurrent creations for the same union and employer: exactly one succeeds', async () => {
    const employerName = uniqueEmployer('Đồng Thời')
    const responses = await Promise.all([0, 1, 2].map(() => officer.post('/api/v1/agreements', signedBody(tree.grassrootsA1, { employerName }))))
    expect(responses.map((response) => response.statusCode).sort()).toEqual([201, 409, 409])
    for (const response of responses.filter((r) => r.statusCode === 409)) expect(response.json<Problem>().code).toBe('conflict')
    const [count] = await queryRows<{ n: number }>(ctx, sql`SELECT count(*)::int AS n FROM agreements WHERE union_id = ${tree.grassrootsA1.id} AND employer_name = ${employerName}`)
    expect(count?.n).toBe(1)
  })

  it('concurrent entries into force of the same agreement: exactly one succeeds, one in_force event', async () => {
    const signed = await createAgreement(officer, signedBody(tree.grassrootsA1, { employerName: uniqueEmployer('Cùng Lúc') }))
    const responses = await Promise.all([officer, federation, admin].map((c) => c.post(`/api/v1/agreements/${signed.id}/entry-into-force`, {})))
    expect(responses.map((response) => response.statusCode).sort()).toEqual([200, 409, 409])
    for (const response of responses.filter((r) => r.statusCode === 409)) expect(response.json<Problem>().code).toBe('invalid_transition')
    expect((await timeline(officer, signed.id)).filter((event) => event.kind === 'in_force')).toHaveLength(1)
  })

  it('concurrent renewals of one agreement: exactly one is started', async () => {
    const old = await agreementIn(ctx, 'in_force', tree.grassrootsA1, officer, federation)
    const responses = await Promise.all([officer, federation].map((c) => c.post(`/api/v1/agreements/${old.id}/renewal`, { title: 'Gia hạn đồng thời' })))
    expect(responses.map((response) => response.statusCode).sort()).toEqual([201, 409])
    const [count] = await queryRows<{ n: number }>(ctx, sql`SELECT count(*)::int AS n FROM agreements WHERE replaces_id = ${old.id}`)
    expect(count?.n).toBe(1)
  })

  it('the expiry job and a person bringing the same agreement into force at once: it enters once', async () => {
    const union = await createUnion(ctx, { parent: tree.districtA, name: 'CĐCS Chạy Đua', employerName: uniqueEmployer('Chạy Đua') })
    const registered = await agreementIn(ctx, 'registered', union, admin, admin)
    const [job, response] = await Promise.all([
      runAgreementExpiry(ctx.db, today(), { under: union.id, audit: recordSystemAudits }),
      admin.post(`/api/v1/agreements/${registered.id}/entry-into-force`, {}),
    ])
    expect(job.broughtIntoForce + (response.statusCode === 200 ? 1 : 0)).toBe(1)
    if (response.statusCode !== 200) expect(response.json<Problem>().code).toBe('invalid_transition')
    expect((await readAgreement(admin, registered.id)).status).toBe('in_force')
    expect((await timeline(admin, registered.id)).filter((event) => event.kind === 'in_force')).toHaveLength(1)
  })
})
