import { favourableTermCount } from '@liendoan/contracts'
import { UUID_V7_SQL } from '../db/sql-uuid.js'
import { termsWith } from './demo-agreements.js'
import { makeRng } from './random.js'
import type { ScaleContext, ScaleStep } from './scale.js'

/**
 * Collective agreements at national scale for `pnpm seed:scale`, in the demo's proportions: about
 * 70% of state and 45% of non-state grassroots unions have an agreement signed 2024–2026 (in
 * force, or expired when its term has run out), a tenth more have an older one that expired, and
 * 88% of those are graded (A–D, weighted towards A and B in the state sector). Set-based SQL in
 * one transaction, with a timeline (created, signed, in force, expired) for each.
 */
export const agreementsStep: ScaleStep = {
  name: 'agreements (set-based SQL)',
  async run(ctx: ScaleContext) {
    const random = makeRng(ctx.options.seed + 5)
    const templates = Object.fromEntries(
      ([['A', 6], ['B', 3], ['C', 1], ['D', 0]] as const).map(([grade, favourable]) => {
        const terms = termsWith(favourable, random)
        return [grade, { terms: JSON.stringify(terms), favourable: favourableTermCount(terms) }]
      }),
    )
    const client = await ctx.pool.connect()
    try {
      await client.query('BEGIN')
      const { rows: gradeRows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM agreement_grades')
      if ((gradeRows[0]?.n ?? 0) === 0) throw new Error('no agreement grades: reference data is missing')
      // One row per agreement to make: current ones, then older expired ones.
      await client.query(
        `CREATE TEMP TABLE scale_agreement_plan ON COMMIT DROP AS
           SELECT ${UUID_V7_SQL} AS id, u.id AS union_id, u.name, u.employer_name, u.employer_tax_code,
                  greatest(1, coalesce(u.workers_employed, 20)) AS workers, kind.current,
                  CASE WHEN kind.current
                       THEN greatest(u.established_on, DATE '2024-01-02') + floor(random() * 800)::int
                       ELSE greatest(u.established_on, DATE '2021-01-04') + floor(random() * 500)::int END AS signed_on,
                  CASE WHEN kind.current THEN 3 ELSE 2 END AS years,
                  random() AS grade_roll, u.sector
             FROM unions u
             JOIN unit_types t ON t.id = u.unit_type_id AND t.is_grassroots
            CROSS JOIN LATERAL (VALUES (true), (false)) AS kind(current)
            WHERE u.status = 'active' AND u.code LIKE $1 || '%'
              AND NOT EXISTS (SELECT 1 FROM agreements x WHERE x.union_id = u.id)
              AND random() < CASE WHEN kind.current THEN (CASE WHEN u.sector = 'state' THEN 0.7 ELSE 0.45 END) ELSE 0.1 END`,
        [ctx.codePrefix],
      )
      // Agreements are signed in the past: drop what the random date put after today or in the same union's current term.
      await client.query(`DELETE FROM scale_agreement_plan WHERE signed_on + 10 > current_date`)
      await client.query(
        `DELETE FROM scale_agreement_plan old USING scale_agreement_plan cur
          WHERE NOT old.current AND cur.current AND cur.union_id = old.union_id
            AND old.signed_on + 10 + make_interval(years => old.years) > cur.signed_on + 10`,
      )
      await client.query('ANALYZE scale_agreement_plan')
      const gradeCase = (column: string) =>
        `CASE WHEN ${column}.grade_roll >= 0.88 THEN NULL
              WHEN ${column}.sector = 'state' THEN (CASE WHEN ${column}.grade_roll < 0.31 THEN 'A' WHEN ${column}.grade_roll < 0.66 THEN 'B' WHEN ${column}.grade_roll < 0.84 THEN 'C' ELSE 'D' END)
              ELSE (CASE WHEN ${column}.grade_roll < 0.18 THEN 'A' WHEN ${column}.grade_roll < 0.48 THEN 'B' WHEN ${column}.grade_roll < 0.75 THEN 'C' ELSE 'D' END) END`
      const inserted = await client.query(
        `INSERT INTO agreements (id, kind, title, union_id, employer_name, employer_tax_code, status, signed_on, effective_on, expires_on,
                                 registered_on, registration_number, in_force_on, workers_covered, terms, favourable_terms,
                                 grade_code, graded_on, created_at, updated_at)
         SELECT p.id, 'enterprise', 'Thỏa ước lao động tập thể ' || coalesce(p.employer_name, p.name) || ' năm ' || extract(year FROM p.signed_on)::int,
                p.union_id, coalesce(p.employer_name, p.name), p.employer_tax_code,
                CASE WHEN dates.expires_on >= current_date THEN 'in_force' ELSE 'expired' END,
                p.signed_on, dates.effective_on, dates.expires_on, p.signed_on + 5,
                (100 + floor(random() * 900))::int || '/ĐK-LĐLĐ', dates.effective_on,
                greatest(1, round(p.workers * 0.9))::int,
                (CASE g.grade WHEN 'A' THEN $1 WHEN 'B' THEN $2 WHEN 'C' THEN $3 ELSE $4 END)::jsonb,
                CASE g.grade WHEN 'A' THEN $5::int WHEN 'B' THEN $6::int WHEN 'C' THEN $7::int ELSE $8::int END,
                g.grade, CASE WHEN g.grade IS NULL THEN NULL ELSE least(p.signed_on + 25, current_date) END,
                p.signed_on - 45, p.signed_on + 25
           FROM scale_agreement_plan p
          CROSS JOIN LATERAL (SELECT p.signed_on + 10 AS effective_on,
                                     (p.signed_on + 10 + make_interval(years => p.years))::date - 1 AS expires_on) dates
          CROSS JOIN LATERAL (SELECT ${gradeCase('p')} AS grade) g`,
        [templates.A!.terms, templates.B!.terms, templates.C!.terms, templates.D!.terms, templates.A!.favourable, templates.B!.favourable, templates.C!.favourable, templates.D!.favourable],
      )
      const events = await client.query(
        `INSERT INTO agreement_events (id, agreement_id, kind, on_date, from_status, to_status, detail, at)
         SELECT ${UUID_V7_SQL}, a.id, e.kind, e.on_date, e.from_status, e.to_status, e.detail, e.on_date + TIME '09:00'
           FROM agreements a JOIN scale_agreement_plan p ON p.id = a.id
          CROSS JOIN LATERAL (VALUES
                ('created', a.signed_on - 45, NULL, 'negotiating', NULL),
                ('signed', a.signed_on, 'negotiating', 'signed', NULL),
                ('registered', a.registered_on, 'signed', 'registered', NULL),
                ('in_force', a.in_force_on, 'registered', 'in_force', NULL),
                ('graded', a.graded_on, NULL, NULL, 'Loại ' || a.grade_code),
                ('expired', a.expires_on + 1, 'in_force', 'expired', NULL)) AS e(kind, on_date, from_status, to_status, detail)
          WHERE (e.kind <> 'graded' OR a.grade_code IS NOT NULL) AND (e.kind <> 'expired' OR a.status = 'expired')`,
      )
      await client.query('COMMIT')
      ctx.counts.agreements = inserted.rowCount ?? 0
      ctx.log(`  ${ctx.counts.agreements.toLocaleString('en')} agreements, ${(events.rowCount ?? 0).toLocaleString('en')} timeline events`)
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined)
      throw error
    } finally {
      client.release()
    }
  },
}
