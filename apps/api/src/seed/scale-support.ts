import { UUID_V7_SQL } from '../db/sql-uuid.js'
import type { ScaleContext, ScaleStep } from './scale.js'

/**
 * Support payments at national scale for `pnpm seed:scale`, in the demo's proportions: every
 * provincial federation runs a collective-agreement scheme for 2023–2026 (8,500,000 VND per
 * type-A and 6,000,000 VND per type-B agreement registered in the period) whose budget is a third
 * above what it has committed; payments for older registrations are disbursed, recent ones
 * approved or proposed. Each payment's ledger entries go in in date order, so the ledger trigger
 * keeps the programmes' totals (and the budget check) exactly as the API would. Runs after the
 * benchmark accounts: proposer and approver are two of them.
 */
export const supportStep: ScaleStep = {
  name: 'support programmes and payments (set-based SQL)',
  async run(ctx: ScaleContext) {
    // Fresh statistics first: the agreements were written moments ago, and without them the
    // planner picked a nested loop that ran for over half an hour at 10 million members.
    await ctx.pool.query('ANALYZE agreements, unions, support_payments')
    const client = await ctx.pool.connect()
    try {
      await client.query('BEGIN')
      const { rows: people } = await client.query<{ proposer: string | null; approver: string | null }>(
        `SELECT (SELECT id FROM users WHERE email = 'bench-officer@liendoan.vn') AS proposer,
                (SELECT id FROM users WHERE email = 'bench-admin@liendoan.vn') AS approver`,
      )
      const { proposer, approver } = people[0] ?? { proposer: null, approver: null }
      if (!proposer || !approver) {
        ctx.log('  no benchmark accounts: skipped')
        await client.query('ROLLBACK')
        return
      }
      await client.query(
        `CREATE TEMP TABLE scale_support_payments ON COMMIT DROP AS
           SELECT ${UUID_V7_SQL} AS id, p.id AS province_id, a.id AS agreement_id, a.union_id, g.name AS union_name,
                  CASE a.grade_code WHEN 'A' THEN 8500000 ELSE 6000000 END AS amount,
                  a.registered_on + 30 AS proposed_on,
                  CASE WHEN a.registered_on < current_date - 120 THEN 'disbursed'
                       WHEN a.registered_on < current_date - 45 THEN 'approved' ELSE 'proposed' END AS status
             FROM agreements a
             JOIN unions g ON g.id = a.union_id
             JOIN unions p ON p.depth = 1 AND g.path > p.path AND g.path < p.path || '~'
            WHERE a.grade_code IN ('A', 'B') AND a.registered_on BETWEEN DATE '2023-01-01' AND current_date - 30
              AND p.code LIKE $1 || '%'
              AND NOT EXISTS (SELECT 1 FROM support_payments x WHERE x.reason_id = a.id)`,
        [ctx.codePrefix],
      )
      const programs = await client.query(
        `INSERT INTO support_programs (id, name, description, decision_number, decision_date, period_from, period_to, union_id, budget_vnd, rules,
                                       created_by_user_id, created_at, updated_at)
         SELECT ${UUID_V7_SQL}, 'Đề án hỗ trợ ký kết thỏa ước lao động tập thể giai đoạn 2023–2026 (' || p.name || ')', NULL,
                (100 + floor(random() * 900))::int || '/QĐ-LĐLĐ', DATE '2022-12-20', DATE '2023-01-01', DATE '2026-12-31', p.id,
                greatest(100000000, (ceil(coalesce(s.committed, 0) * 4 / 3 / 10000000.0) * 10000000)::bigint),
                '{"agreementGrade":{"amounts":[{"grade":"A","amountVnd":8500000},{"grade":"B","amountVnd":6000000}]}}'::jsonb,
                $2::uuid, TIMESTAMPTZ '2022-12-20 09:00+07', now()
           FROM unions p
           LEFT JOIN (SELECT province_id, sum(amount) AS committed FROM scale_support_payments WHERE status <> 'proposed' GROUP BY province_id) s
             ON s.province_id = p.id
          WHERE p.depth = 1 AND p.code LIKE $1 || '%'
            AND NOT EXISTS (SELECT 1 FROM support_programs x WHERE x.union_id = p.id)
         RETURNING id`,
        [ctx.codePrefix, approver],
      )
      const payments = await client.query(
        `INSERT INTO support_payments (id, program_id, reason_kind, reason_id, role, beneficiary_kind, beneficiary_id, beneficiary_name, union_id,
                                       amount_vnd, rule_amount_vnd, status, proposed_by_user_id, proposed_at, approved_by_user_id, approved_at,
                                       disbursed_on, disbursement_method, disbursement_reference, created_at, updated_at)
         SELECT s.id, pr.id, 'agreement', s.agreement_id, 'union', 'union', s.union_id, s.union_name, s.union_id, s.amount, s.amount, s.status,
                $1::uuid, s.proposed_on + TIME '09:00',
                CASE WHEN s.status = 'proposed' THEN NULL ELSE $2::uuid END,
                CASE WHEN s.status = 'proposed' THEN NULL ELSE s.proposed_on + 7 + TIME '09:00' END,
                CASE WHEN s.status = 'disbursed' THEN s.proposed_on + 21 END,
                CASE WHEN s.status = 'disbursed' THEN 'bank_transfer' END,
                CASE WHEN s.status = 'disbursed' THEN 'UNC-' || to_char(s.proposed_on + 21, 'YYYYMMDD') || '-' || substr(s.id::text, 25, 6) END,
                s.proposed_on + TIME '09:00', s.proposed_on + 21 + TIME '09:00'
           FROM scale_support_payments s JOIN support_programs pr ON pr.union_id = s.province_id`,
        [proposer, approver],
      )
      // The ledger's row trigger moves the programme's totals one entry at a time: tens of
      // thousands of updates of a few dozen rows at national scale (over 20 minutes at 10 million
      // members). The bulk insert goes without it and sets the same totals in one pass.
      await client.query('ALTER TABLE support_ledger DISABLE TRIGGER support_ledger_apply')
      await client.query(
        `INSERT INTO support_ledger (program_id, payment_id, kind, amount_vnd, proposed_delta_vnd, approved_delta_vnd, disbursed_delta_vnd, actor_user_id, at)
         SELECT sp.program_id, sp.id, e.kind, sp.amount_vnd, e.proposed, e.approved, e.disbursed, e.actor, e.at
           FROM support_payments sp JOIN scale_support_payments s ON s.id = sp.id
          CROSS JOIN LATERAL (VALUES
                ('proposed', sp.amount_vnd, 0::bigint, 0::bigint, sp.proposed_by_user_id, sp.proposed_at, true),
                ('approved', -sp.amount_vnd, sp.amount_vnd, 0::bigint, sp.approved_by_user_id, sp.approved_at, sp.status <> 'proposed'),
                ('disbursed', 0::bigint, -sp.amount_vnd, sp.amount_vnd, sp.approved_by_user_id, sp.disbursed_on + TIME '10:00', sp.status = 'disbursed'))
                AS e(kind, proposed, approved, disbursed, actor, at, applies)
          WHERE e.applies
          ORDER BY e.at, sp.id`,
      )
      await client.query('ALTER TABLE support_ledger ENABLE TRIGGER support_ledger_apply')
      await client.query(
        `UPDATE support_programs p
            SET proposed_vnd = p.proposed_vnd + t.proposed, approved_vnd = p.approved_vnd + t.approved, disbursed_vnd = p.disbursed_vnd + t.disbursed
           FROM (SELECT l.program_id, sum(l.proposed_delta_vnd) AS proposed, sum(l.approved_delta_vnd) AS approved, sum(l.disbursed_delta_vnd) AS disbursed
                   FROM support_ledger l JOIN scale_support_payments s ON s.id = l.payment_id
                  GROUP BY l.program_id) t
          WHERE p.id = t.program_id`,
      )
      await client.query('COMMIT')
      ctx.counts.supportPrograms = programs.rowCount ?? 0
      ctx.counts.supportPayments = payments.rowCount ?? 0
      ctx.log(`  ${ctx.counts.supportPrograms.toLocaleString('en')} programmes, ${ctx.counts.supportPayments.toLocaleString('en')} payments`)
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined)
      throw error
    } finally {
      client.release()
    }
  },
}
