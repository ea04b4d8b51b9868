import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { selectRows } from '../src/db/client.js'
import { DEMO_SUPPORT } from '../src/seed/demo-support.js'
import { type DemoApp, startDemoApp } from './helpers/demo.js'

/** The demo's support programmes: seed 003's 30 members with 30 million VND, and totals that are the ledger's sums. */

let demo: DemoApp

beforeAll(async () => {
  demo = await startDemoApp()
}, 120_000)
afterAll(async () => demo.close())

it('seeds the programmes with totals equal to their ledger sums, within budget', async () => {
  const programs = await selectRows<{ name: string; budget: number; proposed: number; approved: number; disbursed: number; l_proposed: number; l_approved: number; l_disbursed: number; payments: number }>(
    demo.database.db,
    sql`SELECT p.name, p.budget_vnd::float8 AS budget, p.proposed_vnd::float8 AS proposed, p.approved_vnd::float8 AS approved, p.disbursed_vnd::float8 AS disbursed,
               coalesce(sum(l.proposed_delta_vnd), 0)::float8 AS l_proposed, coalesce(sum(l.approved_delta_vnd), 0)::float8 AS l_approved,
               coalesce(sum(l.disbursed_delta_vnd), 0)::float8 AS l_disbursed,
               (SELECT count(*) FROM support_payments sp WHERE sp.program_id = p.id)::int AS payments
          FROM support_programs p LEFT JOIN support_ledger l ON l.program_id = p.id GROUP BY p.id ORDER BY p.name`,
  )
  expect(programs).toHaveLength(3)
  for (const program of programs) {
    expect([program.proposed, program.approved, program.disbursed]).toEqual([program.l_proposed, program.l_approved, program.l_disbursed])
    expect(program.approved + program.disbursed).toBeLessThanOrEqual(program.budget)
    expect(program.payments).toBeGreaterThan(0)
  }
  const hardship = programs.find((program) => program.name === DEMO_SUPPORT.hardship.name)!
  expect(hardship).toMatchObject({ payments: 30, disbursed: 30_000_000 })
  // The agreements scheme has paid most of its budget and still has some left for new candidates.
  const agreements = programs.find((program) => program.name === DEMO_SUPPORT.agreements.name)!
  expect(agreements.disbursed).toBeGreaterThan(0)
  expect(agreements.budget - agreements.approved - agreements.disbursed).toBeGreaterThan(50_000_000)
})
