import { EMPTY_AGREEMENT_TERMS, type Problem } from '@liendoan/contracts'
import { sql } from 'drizzle-orm'
import { v7 as uuidv7 } from 'uuid'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { agreements } from '../src/db/schema/index.js'
import { recordSystemAudits } from '../src/lib/audit.js'
import { runAgreementExpiry, scheduleAgreementExpiry } from '../src/modules/agreements/agreement-expiry.js'
import { type CreatedUnion, type TestContext, createUnion, loginAs, queryRows } from './helpers/app.js'
import { addDays, createAgreementsTestApp, today } from './helpers/agreements.js'

/**
 * The expiry job "as of" 30 June 2025 against a hand-made fixture: which agreements expire, which
 * enter into force (replacing the ones they renew), which are left alone; a second run changes
 * nothing; two runs at once do the work once.
 */

const AS_OF = '2025-06-30'

let ctx: TestContext

beforeAll(async () => {
  ctx = await createAgreementsTestApp()
})
afterAll(async () => {
  await ctx.close()
})

type Row = typeof agreements.$inferInsert

/** One fixture: a federation with grassroots unions and agreements in known states, by name. */
async function createFixture() {
  const root = await createUnion(ctx, { type: 'city_federation', name: `LĐLĐ hết hạn ${uuidv7().slice(-6)}` })
  const unionsByName = new Map<string, CreatedUnion>()
  const unionFor = async (name: string) => {
    let union = unionsByName.get(name)
    if (!union) {
      union = await createUnion(ctx, { parent: root, name: `CĐCS ${name} ${uuidv7().slice(-6)}`, employerName: `Công ty ${name}` })
      unionsByName.set(name, union)
    }
    return union
  }
  const ids: Record<string, string> = {}
  const add = async (name: string, union: string, values: Partial<Row> & Pick<Row, 'status'>) => {
    const id = uuidv7()
    ids[name] = id
    await ctx.db.insert(agreements).values({
      id,
      title: `Thỏa ước ${name}`,
      unionId: (await unionFor(union)).id,
      employerName: `Công ty ${union}`,
      workersCovered: 100,
      terms: EMPTY_AGREEMENT_TERMS,
      ...values,
    })
  }
  const dates = (signedOn: string, effectiveOn: string, expiresOn: string) => ({ signedOn, effectiveOn, expiresOn })

  // Expires: its last day was the day before.
  await add('pastLastDay', 'U1', { status: 'in_force', ...dates('2023-06-01', '2023-06-30', '2025-06-29'), inForceOn: '2023-06-30' })
  // Stays: today is its last day.
  await add('lastDayToday', 'U2', { status: 'in_force', ...dates('2023-06-01', '2023-07-01', '2025-06-30'), inForceOn: '2023-07-01' })
  await add('runningOn', 'U3', { status: 'in_force', ...dates('2024-07-01', '2024-07-16', '2025-07-15'), inForceOn: '2024-07-16' })
  // Enters into force on its effective date, today.
  await add('effectiveToday', 'U4', { status: 'registered', ...dates('2025-06-01', '2025-06-30', '2027-06-29'), registeredOn: '2025-06-10' })
  // Not yet.
  await add('effectiveTomorrow', 'U5', { status: 'registered', ...dates('2025-06-01', '2025-07-01', '2027-06-30'), registeredOn: '2025-06-10' })
  // Its whole term passed while registered: left for a person to decide.
  await add('missedTerm', 'U6', { status: 'registered', ...dates('2022-12-01', '2023-01-01', '2025-06-29'), registeredOn: '2022-12-20' })
  // Signed but never registered: only registered agreements enter by themselves.
  await add('signedOnly', 'U7', { status: 'signed', ...dates('2025-05-20', '2025-06-01', '2027-05-31') })
  // A renewal effective mid-June replaces its predecessor, still in force, from that day.
  await add('predecessor', 'U8', { status: 'in_force', ...dates('2023-07-20', '2023-08-01', '2025-07-31'), inForceOn: '2023-08-01' })
  await add('renewal', 'U8', { status: 'registered', ...dates('2025-06-01', '2025-06-15', '2028-06-14'), registeredOn: '2025-06-05', replacesId: ids.predecessor })
  // A predecessor past its last day expires first, then its renewal replaces it.
  await add('expiringPredecessor', 'U9', { status: 'in_force', ...dates('2023-06-01', '2023-06-11', '2025-06-10'), inForceOn: '2023-06-11' })
  await add('lateRenewal', 'U9', { status: 'registered', ...dates('2025-06-01', '2025-06-11', '2028-06-10'), registeredOn: '2025-06-02', replacesId: ids.expiringPredecessor })
  // Another agreement holds the in-force place and this one does not renew it: left registered.
  await add('holder', 'U10', { status: 'in_force', ...dates('2024-12-01', '2025-01-01', '2026-12-31'), inForceOn: '2025-01-01' })
  await add('blocked', 'U10', { status: 'registered', ...dates('2025-06-01', '2025-06-02', '2027-06-01'), registeredOn: '2025-06-03' })
  // Final ones are never touched.
  await add('terminated', 'U11', { status: 'terminated', ...dates('2023-01-01', '2023-01-01', '2024-12-31'), inForceOn: '2023-01-01', endedOn: '2024-03-01', endReason: 'Giải thể' })
  await add('alreadyExpired', 'U12', { status: 'expired', ...dates('2022-01-01', '2022-01-01', '2024-12-31'), inForceOn: '2022-01-01' })
  return { root, ids }
}

type Fixture = Awaited<ReturnType<typeof createFixture>>

async function states(fixture: Fixture) {
  const rows = await queryRows<{ id: string; status: string; in_force_on: string | null; ended_on: string | null; version: number; events: string }>(
    ctx,
    sql`SELECT a.id, a.status, a.in_force_on::text AS in_force_on, a.ended_on::text AS ended_on, a.version,
               coalesce((SELECT string_agg(e.kind || '@' || e.on_date::text || (CASE WHEN e.actor_user_id IS NULL THEN '' ELSE '+actor' END), ',' ORDER BY e.at, e.id)
                           FROM agreement_events e WHERE e.agreement_id = a.id), '') AS events
          FROM agreements a WHERE a.id = ANY(${`{${Object.values(fixture.ids).join(',')}}`}::uuid[])`,
  )
  const byId = new Map(rows.map((row) => [row.id, row]))
  return Object.fromEntries(
    Object.entries(fixture.ids).map(([name, id]) => {
      const row = byId.get(id)!
      return [name, { status: row.status, inForceOn: row.in_force_on, endedOn: row.ended_on, events: row.events, version: row.version }]
    }),
  )
}

/** The fixture after the job as of 30 June 2025, worked out by hand. */
const EXPECTED = {
  pastLastDay: { status: 'expired', inForceOn: '2023-06-30', endedOn: null, events: 'expired@2025-06-30' },
  lastDayToday: { status: 'in_force', inForceOn: '2023-07-01', endedOn: null, events: '' },
  runningOn: { status: 'in_force', inForceOn: '2024-07-16', endedOn: null, events: '' },
  effectiveToday: { status: 'in_force', inForceOn: '2025-06-30', endedOn: null, events: 'in_force@2025-06-30' },
  effectiveTomorrow: { status: 'registered', inForceOn: null, endedOn: null, events: '' },
  missedTerm: { status: 'registered', inForceOn: null, endedOn: null, events: '' },
  signedOnly: { status: 'signed', inForceOn: null, endedOn: null, events: '' },
  predecessor: { status: 'replaced', inForceOn: '2023-08-01', endedOn: '2025-06-15', events: 'replaced@2025-06-15' },
  renewal: { status: 'in_force', inForceOn: '2025-06-15', endedOn: null, events: 'in_force@2025-06-15' },
  expiringPredecessor: { status: 'replaced', inForceOn: '2023-06-11', endedOn: '2025-06-11', events: 'expired@2025-06-11,replaced@2025-06-11' },
  lateRenewal: { status: 'in_force', inForceOn: '2025-06-11', endedOn: null, events: 'in_force@2025-06-11' },
  holder: { status: 'in_force', inForceOn: '2025-01-01', endedOn: null, events: '' },
  blocked: { status: 'registered', inForceOn: null, endedOn: null, events: '' },
  terminated: { status: 'terminated', inForceOn: '2023-01-01', endedOn: '2024-03-01', events: '' },
  alreadyExpired: { status: 'expired', inForceOn: '2022-01-01', endedOn: null, events: '' },
}

describe('runAgreementExpiry as of 30 June 2025', () => {
  it('expires, brings into force and replaces exactly as worked out by hand; a second run changes nothing', async () => {
    const fixture = await createFixture()
    const result = await runAgreementExpiry(ctx.db, AS_OF, { under: fixture.root.id, audit: recordSystemAudits })
    expect(result).toEqual({ asOf: AS_OF, expired: 2, broughtIntoForce: 3 })
    const after = await states(fixture)
    for (const [name, expected] of Object.entries(EXPECTED)) expect({ name, ...after[name], version: undefined }).toEqual({ name, ...expected, version: undefined })

    const [audit] = await queryRows<{ n: number; actors: number }>(
      ctx,
      sql`SELECT count(*)::int AS n, count(actor_user_id)::int AS actors FROM audit_events
           WHERE entity_id = ANY(${`{${Object.values(fixture.ids).join(',')}}`}::uuid[])`,
    )
    // 2 expired, 3 in force, 2 replaced; by the system.
    expect(audit).toEqual({ n: 7, actors: 0 })

    const again = await runAgreementExpiry(ctx.db, AS_OF, { under: fixture.root.id, audit: recordSystemAudits })
    expect(again).toEqual({ asOf: AS_OF, expired: 0, broughtIntoForce: 0 })
    expect(await states(fixture)).toEqual(after)
  })

  it('two runs at once (two API processes) do the work once', async () => {
    const fixture = await createFixture()
    const [first, second] = await Promise.all([
      runAgreementExpiry(ctx.db, AS_OF, { under: fixture.root.id, audit: recordSystemAudits }),
      runAgreementExpiry(ctx.db, AS_OF, { under: fixture.root.id, audit: recordSystemAudits }),
    ])
    expect(first.expired + second.expired).toBe(2)
    expect(first.broughtIntoForce + second.broughtIntoForce).toBe(3)
    const after = await states(fixture)
    for (const [name, expected] of Object.entries(EXPECTED)) expect({ name, ...after[name], version: undefined }).toEqual({ name, ...expected, version: undefined })
    const third = await runAgreementExpiry(ctx.db, AS_OF, { under: fixture.root.id, audit: recordSystemAudits })
    expect(third).toEqual({ asOf: AS_OF, expired: 0, broughtIntoForce: 0 })
  })

  it('a day later, the agreement whose last day it was expires too', async () => {
    const fixture = await createFixture()
    await runAgreementExpiry(ctx.db, AS_OF, { under: fixture.root.id, audit: recordSystemAudits })
    const next = await runAgreementExpiry(ctx.db, '2025-07-01', { under: fixture.root.id, audit: recordSystemAudits })
    // lastDayToday expires; effectiveTomorrow enters into force.
    expect(next).toEqual({ asOf: '2025-07-01', expired: 1, broughtIntoForce: 1 })
    const after = await states(fixture)
    expect(after.lastDayToday).toMatchObject({ status: 'expired', events: 'expired@2025-07-01' })
    expect(after.effectiveTomorrow).toMatchObject({ status: 'in_force', inForceOn: '2025-07-01' })
  })
})

describe('POST /agreements/expiry-runs', () => {
  it('runs as of a past day for an administrator, refuses a day in the future', async () => {
    const root = await createUnion(ctx, { type: 'city_federation', name: `LĐLĐ chạy hết hạn ${uuidv7().slice(-6)}` })
    const admin = await loginAs(ctx, 'admin', root)
    // Long ago: nothing of any other test is touched.
    const past = await admin.post('/api/v1/agreements/expiry-runs', { asOf: '2001-01-01' })
    expect(past.statusCode, past.body).toBe(200)
    expect(past.json()).toEqual({ asOf: '2001-01-01', broughtIntoForce: 0, expired: 0 })
    const future = await admin.post('/api/v1/agreements/expiry-runs', { asOf: addDays(today(), 1) })
    expect(future.statusCode).toBe(422)
    expect(future.json<Problem>().errors).toEqual([{ field: '/asOf', code: 'future_date', message: 'Ngày không được ở tương lai' }])
    expect((await admin.post('/api/v1/agreements/expiry-runs', { asOf: '2025-02-30' })).statusCode).toBe(400)
    const officer = await loginAs(ctx, 'federation_officer', root)
    expect((await officer.post('/api/v1/agreements/expiry-runs', { asOf: '2001-01-01' })).statusCode).toBe(403)
  })
})

describe('the schedule', () => {
  it('sets an unref’d timer only when the interval is above zero, and clears it on stop', async () => {
    vi.useFakeTimers()
    try {
      const log = { info: () => undefined, error: () => undefined }
      const off = scheduleAgreementExpiry({ db: ctx.db, intervalMinutes: 0, audit: recordSystemAudits, log })
      off.start()
      expect(vi.getTimerCount()).toBe(0)
      await off.stop()

      const on = scheduleAgreementExpiry({ db: ctx.db, intervalMinutes: 60, audit: recordSystemAudits, log })
      on.start()
      on.start()
      expect(vi.getTimerCount()).toBe(2)
      await on.stop()
      expect(vi.getTimerCount()).toBe(0)
    } finally {
      vi.useRealTimers()
    }
  })
})
