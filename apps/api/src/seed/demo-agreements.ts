import { type AgreementStatus, type AgreementTerms, favourableTermCount } from '@liendoan/contracts'
import { sql } from 'drizzle-orm'
import { v7 as uuidv7 } from 'uuid'
import { type Database, selectRows } from '../db/client.js'
import { agreementEvents, agreements } from '../db/schema/index.js'
import type { DemoGrassroots } from './demo-members.js'
import { makeRng } from './random.js'

/**
 * The demo's collective agreements, dated as they would stand on the demo's day (23 November
 * 2026; the expiry job moves them on from there). Seed 001: "30 grassroots unions newly signed
 * collective agreements" — Phúc Thọ's figure for 2025. Grades follow the A–D scheme, weighted
 * towards A and B in the state sector; some agreements expire within two months, so the
 * "expiring soon" view has rows; a few are being negotiated or wait for registration.
 */
export const DEMO_AGREEMENTS_DAY = '2026-11-23'
export const PHUC_THO_SIGNED_2025 = 30

interface Party {
  id: string
  code: string
  name: string
  districtCode: string
  sector: 'state' | 'non_state'
  established: string
  workers: number
  employer_name: string | null
  employer_tax_code: string | null
}

type Rng = () => number

function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`)
  date.setUTCDate(date.getUTCDate() + days)
  return date.toISOString().slice(0, 10)
}

/** The last day of a term of `years` years from `effectiveOn`. */
function lastDayOfTerm(effectiveOn: string, years: number): string {
  const [year, month, day] = effectiveOn.split('-')
  return addDays(`${Number(year) + years}-${month}-${day === '29' && month === '02' ? '28' : day}`, -1)
}

function dayIn(random: Rng, from: string, to: string): string {
  const span = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000
  return addDays(from, Math.floor(random() * (span + 1)))
}

const ALLOWANCES = [
  { name: 'Phụ cấp nhà ở', amountVnd: 500_000 },
  { name: 'Phụ cấp đi lại', amountVnd: 300_000 },
  { name: 'Phụ cấp con nhỏ', amountVnd: 200_000 },
  { name: 'Phụ cấp chuyên cần', amountVnd: 400_000 },
]

/** Terms with exactly `favourable` terms better than the law (the grade's threshold). */
export function termsWith(favourable: number, random: Rng): AgreementTerms {
  const terms: AgreementTerms = {
    wageAboveMinimumPercent: null,
    annualRaisePercent: null,
    tetBonusTenthsOfMonth: null,
    mealAllowanceVnd: null,
    allowances: [],
    extraLeaveDays: null,
    healthCheckupsPerYear: null,
    extraInsurance: false,
    otherTerms: null,
  }
  const setters: ((t: AgreementTerms) => void)[] = [
    (t) => (t.wageAboveMinimumPercent = 5 + Math.floor(random() * 11)),
    (t) => (t.tetBonusTenthsOfMonth = 10 + Math.floor(random() * 11)),
    (t) => (t.mealAllowanceVnd = 20_000 + 5_000 * Math.floor(random() * 5)),
    (t) => (t.annualRaisePercent = 3 + Math.floor(random() * 5)),
    (t) => (t.healthCheckupsPerYear = 1),
    (t) => (t.extraLeaveDays = 1 + Math.floor(random() * 3)),
    (t) => (t.extraInsurance = true),
    (t) => t.allowances.push(ALLOWANCES[t.allowances.length]!),
    (t) => t.allowances.push(ALLOWANCES[t.allowances.length]!),
  ]
  for (let i = 0; i < Math.min(favourable, setters.length); i++) setters[i]!(terms)
  terms.otherTerms =
    favourable > 0
      ? 'Tổ chức tham quan, nghỉ mát hằng năm; tặng quà sinh nhật, ngày 8/3 và 20/10 cho người lao động.'
      : 'Thực hiện đúng các quy định của pháp luật lao động về tiền lương, thời giờ làm việc và bảo hiểm.'
  return terms
}

const GRADE_WEIGHTS = {
  state: [
    ['A', 0.35],
    ['B', 0.75],
    ['C', 0.95],
    ['D', 1],
  ],
  non_state: [
    ['A', 0.2],
    ['B', 0.55],
    ['C', 0.85],
    ['D', 1],
  ],
} as const
const FAVOURABLE_FOR_GRADE: Record<string, [number, number]> = { A: [5, 8], B: [3, 4], C: [1, 2], D: [0, 0] }

interface Draft {
  id: string
  status: AgreementStatus
  signedOn: string | null
  effectiveOn: string | null
  expiresOn: string | null
  registeredOn: string | null
  inForceOn: string | null
  endedOn: string | null
  endReason: string | null
  replacesId: string | null
  grade: string | null
  startedOn: string
}

/** Seeds the demo agreements; `officers` maps a district code to the officer who registers and grades there. */
export async function seedDemoAgreements(tx: Database, grassroots: DemoGrassroots[], officers: Map<string, string>): Promise<void> {
  const random = makeRng(20_250_115)
  const today = DEMO_AGREEMENTS_DAY
  const parties = await selectRows<Party>(
    tx,
    sql`SELECT u.id, u.employer_name, u.employer_tax_code FROM unions u WHERE u.id IN (${sql.join(
      grassroots.map((g) => sql`${g.id}::uuid`),
      sql`, `,
    )})`,
  ).then((rows) => {
    const employer = new Map(rows.map((row) => [row.id, row]))
    return grassroots.map((g) => ({ ...g, employer_name: employer.get(g.id)?.employer_name ?? g.name, employer_tax_code: employer.get(g.id)?.employer_tax_code ?? null }))
  })

  // Phúc Thọ's 30 new signatures of 2025 go to the first 30 of its unions founded by 2024, in a shuffled order.
  const phucTho = parties.filter((p) => p.districtCode === 'HN-PT' && p.established <= '2024-12-31')
  const shuffled = phucTho.map((p) => ({ p, key: random() })).sort((a, b) => a.key - b.key)
  const signs2025 = new Set(shuffled.slice(0, PHUC_THO_SIGNED_2025).map(({ p }) => p.id))

  const agreementRows: (typeof agreements.$inferInsert)[] = []
  const eventRows: (typeof agreementEvents.$inferInsert)[] = []

  const gradeFor = (sector: 'state' | 'non_state') => {
    const roll = random()
    return GRADE_WEIGHTS[sector].find(([, limit]) => roll < limit)![0]
  }

  for (const party of parties) {
    const officer = officers.get(party.districtCode) ?? officers.get('HN') ?? null
    const inPhucTho = party.districtCode === 'HN-PT'
    const chosen2025 = signs2025.has(party.id)
    const hasHistory = chosen2025 || random() < (party.sector === 'state' ? 0.7 : 0.45)
    if (!hasHistory || party.established > '2026-06-30') continue
    const drafts: Draft[] = []
    const earliest = party.established > '2021-01-01' ? party.established : '2021-01-01'

    const signedDraft = (signedOn: string, years: number, replacesId: string | null): Draft => {
      const effectiveOn = addDays(signedOn, 1 + Math.floor(random() * 14))
      return {
        id: uuidv7(),
        status: 'signed',
        signedOn,
        effectiveOn,
        expiresOn: lastDayOfTerm(effectiveOn, years),
        registeredOn: addDays(signedOn, 3 + Math.floor(random() * 7)),
        inForceOn: effectiveOn,
        endedOn: null,
        endReason: null,
        replacesId,
        grade: null,
        startedOn: addDays(signedOn, -45),
      }
    }

    if (chosen2025) {
      // Some of them renew an agreement of 2022 that the new one replaces.
      let replaces: Draft | null = null
      if (party.established <= '2021-12-31' && random() < 0.4) {
        replaces = signedDraft(dayIn(random, '2022-01-10', '2022-06-30'), 3, null)
        drafts.push(replaces)
      }
      drafts.push(signedDraft(dayIn(random, '2025-01-06', '2025-12-15'), random() < 0.5 ? 2 : 3, replaces?.id ?? null))
    } else {
      const roll = random()
      // Phúc Thọ's unions outside the 30 do not sign in 2025.
      const window = (from: string, to: string) => (from < earliest ? earliest : from) <= to
      if (roll < 0.55 && window('2024-01-02', '2024-12-20')) {
        drafts.push(signedDraft(dayIn(random, earliest > '2024-01-02' ? earliest : '2024-01-02', '2024-12-20'), 3, null))
      } else if (roll < 0.7 && window('2021-01-04', '2023-06-30')) {
        // Expired, not renewed.
        drafts.push(signedDraft(dayIn(random, earliest, '2023-06-30'), random() < 0.5 ? 2 : 3, null))
      } else if (roll < 0.8 && !inPhucTho && window('2025-01-06', '2025-12-15')) {
        drafts.push(signedDraft(dayIn(random, earliest > '2025-01-06' ? earliest : '2025-01-06', '2025-12-15'), 2, null))
      } else if (roll < 0.88 && window('2023-11-01', '2024-01-31')) {
        // In force and expiring within about two months of the demo day: renewal under way for some.
        drafts.push(signedDraft(dayIn(random, earliest > '2023-11-01' ? earliest : '2023-11-01', '2024-01-15'), 3, null))
      } else if (window('2026-10-15', '2026-11-20')) {
        // Signed lately, in force from the new year: waiting for registration, or registered.
        const draft = signedDraft(dayIn(random, earliest > '2026-10-15' ? earliest : '2026-10-15', '2026-11-20'), 2, null)
        draft.effectiveOn = '2027-01-01'
        draft.inForceOn = '2027-01-01'
        draft.expiresOn = lastDayOfTerm('2027-01-01', 2)
        // Half of them have not reached the federation yet.
        if (random() < 0.5) draft.registeredOn = addDays(today, 30)
        drafts.push(draft)
      } else continue
    }

    // Settle each draft's status as of the demo day.
    for (const draft of drafts) {
      const successor = drafts.find((other) => other.replacesId === draft.id)
      if (draft.registeredOn! > today) {
        draft.status = 'signed'
        draft.registeredOn = null
        draft.inForceOn = null
      } else if (draft.effectiveOn! > today) {
        draft.status = 'registered'
        draft.inForceOn = null
      } else if (successor && successor.effectiveOn! <= today) {
        draft.status = 'replaced'
        draft.endedOn = successor.effectiveOn
        draft.endReason = 'Được thay thế bằng thỏa ước mới'
      } else if (draft.expiresOn! < today) {
        draft.status = 'expired'
      } else if (!successor && random() < 0.03) {
        // Ended early: the employer closed down.
        draft.status = 'terminated'
        draft.endedOn = dayIn(random, addDays(draft.inForceOn!, 90) < today ? addDays(draft.inForceOn!, 90) : draft.inForceOn!, addDays(today, -1))
        draft.endReason = 'Doanh nghiệp giải thể, chấm dứt hoạt động'
      } else {
        draft.status = 'in_force'
      }
      if (draft.status !== 'signed' && draft.status !== 'terminated' && random() < 0.88) draft.grade = gradeFor(party.sector)
    }

    // A renewal being negotiated for agreements that expire within 60 days.
    const current = drafts.find((d) => d.status === 'in_force')
    if (current && current.expiresOn! <= addDays(today, 60) && random() < 0.5) {
      drafts.push({
        id: uuidv7(),
        status: 'negotiating',
        signedOn: null,
        effectiveOn: null,
        expiresOn: null,
        registeredOn: null,
        inForceOn: null,
        endedOn: null,
        endReason: null,
        replacesId: current.id,
        grade: null,
        startedOn: dayIn(random, '2026-10-01', '2026-11-20'),
      })
    }

    for (const draft of drafts) {
      const [low, high] = FAVOURABLE_FOR_GRADE[draft.grade ?? (random() < 0.5 ? 'B' : 'C')]!
      const terms = termsWith(low + Math.floor(random() * (high - low + 1)), random)
      let gradedOn = draft.grade ? addDays(draft.registeredOn ?? draft.signedOn!, 20) : null
      if (gradedOn && gradedOn > today) {
        draft.grade = null
        gradedOn = null
      }
      const renewal = draft.replacesId !== null
      agreementRows.push({
        id: draft.id,
        kind: 'enterprise',
        title: `Thỏa ước lao động tập thể ${party.employer_name}${draft.signedOn ? ` năm ${draft.signedOn.slice(0, 4)}` : ' (gia hạn)'}`,
        unionId: party.id,
        employerName: party.employer_name ?? party.name,
        employerTaxCode: party.employer_tax_code,
        status: draft.status,
        signedOn: draft.signedOn,
        effectiveOn: draft.effectiveOn,
        expiresOn: draft.expiresOn,
        registeredOn: draft.registeredOn,
        registrationNumber: draft.registeredOn ? `${Math.floor(random() * 900) + 100}/ĐK-${party.districtCode.slice(3)}` : null,
        inForceOn: draft.inForceOn,
        endedOn: draft.endedOn,
        endReason: draft.endReason,
        workersCovered: Math.max(1, Math.round(party.workers * (0.85 + random() * 0.15))),
        terms,
        favourableTerms: favourableTermCount(terms),
        notes: null,
        gradeCode: draft.grade,
        gradedOn,
        gradedByUserId: draft.grade ? officer : null,
        gradeNote: null,
        replacesId: draft.replacesId,
        createdByUserId: officer,
        createdAt: new Date(`${draft.startedOn}T02:00:00Z`),
        updatedAt: new Date(`${today}T02:00:00Z`),
      })
      const event = (kind: string, onDate: string, fromStatus: AgreementStatus | null, toStatus: AgreementStatus | null, detail: string | null = null) =>
        eventRows.push({ id: uuidv7(), agreementId: draft.id, kind, onDate, fromStatus, toStatus, detail, actorUserId: officer, at: new Date(`${onDate}T03:00:00Z`) })
      event(renewal ? 'renewal_started' : 'created', draft.startedOn, null, 'negotiating')
      if (!draft.signedOn) continue
      event('signed', draft.signedOn, 'negotiating', 'signed')
      if (draft.registeredOn) event('registered', draft.registeredOn, 'signed', 'registered')
      if (draft.inForceOn) event('in_force', draft.inForceOn, 'registered', 'in_force')
      if (draft.grade && gradedOn) event('graded', gradedOn, null, null, `Loại ${draft.grade}`)
      if (draft.status === 'expired') event('expired', addDays(draft.expiresOn!, 1), 'in_force', 'expired')
      if (draft.status === 'replaced') event('replaced', draft.endedOn!, 'in_force', 'replaced')
      if (draft.status === 'terminated') event('terminated', draft.endedOn!, 'in_force', 'terminated', draft.endReason)
    }
  }

  for (let i = 0; i < agreementRows.length; i += 500) await tx.insert(agreements).values(agreementRows.slice(i, i + 500))
  for (let i = 0; i < eventRows.length; i += 1000) await tx.insert(agreementEvents).values(eventRows.slice(i, i + 1000))
}
