import { eq } from 'drizzle-orm'
import type { Database } from '../../db/client.js'
import { supportPayments, supportPrograms, unions } from '../../db/schema/index.js'
import type { RequestContext } from '../../lib/actor.js'
import { forbidden, notFound } from '../../lib/errors.js'
import { pathIncludesUnion } from '../unions/union-scope.js'
import { type PaymentRow, type ProgramRow, selectPayments, selectPrograms } from './support.repository.js'

/*
 * Who sees what of support. A programme is seen by the accounts whose subtree holds the union
 * that runs it ("runs": they may manage it and decide on its payments, with the permission) and
 * by the accounts of the units below that union ("below": a city's programme applies to its
 * districts, whose officers read it and propose under it). A payment is seen by the accounts whose
 * subtree holds its union (the reason's) or the programme's union. Anything else answers 404.
 */

export type ProgramAccess = 'runs' | 'below'

export type VisibleProgram = ProgramRow & { access: ProgramAccess }

/** The path of the caller's own union (its ancestors and itself). */
export async function actorUnionPath(executor: Database, context: RequestContext): Promise<string> {
  const [row] = await executor.select({ path: unions.path }).from(unions).where(eq(unions.id, context.actor.unionId))
  return row?.path ?? ''
}

export function programAccess(program: { unionId: string; unionPath: string }, actorUnionId: string, actorPath: string): ProgramAccess | undefined {
  if (pathIncludesUnion(program.unionPath, actorUnionId)) return 'runs'
  if (pathIncludesUnion(actorPath, program.unionId)) return 'below'
  return undefined
}

/**
 * The programme if the caller sees it, with how; 404 otherwise. `lock` takes the programme's row
 * lock (an edit that compares against its totals).
 */
export async function findProgram(executor: Database, context: RequestContext, id: string, options: { lock?: boolean } = {}): Promise<VisibleProgram> {
  const query = selectPrograms(executor).where(eq(supportPrograms.id, id))
  const [row] = options.lock ? await query.for('update', { of: supportPrograms }) : await query
  if (!row) throw notFound()
  const access = programAccess(row, context.actor.unionId, pathIncludesUnion(row.unionPath, context.actor.unionId) ? '' : await actorUnionPath(executor, context))
  if (!access) throw notFound()
  return { ...row, access }
}

/** Deciding on a programme's money is for the union that runs it and the units above it. */
export function requireRunsProgram(access: ProgramAccess): void {
  if (access !== 'runs') throw forbidden('Only officers of the union running the programme, or of a union above it, may do this.')
}

export function paymentVisibleTo(row: Pick<PaymentRow, 'unionPath' | 'programUnionPath'>, actorUnionId: string): boolean {
  return pathIncludesUnion(row.unionPath, actorUnionId) || pathIncludesUnion(row.programUnionPath, actorUnionId)
}

/**
 * The payment if the caller sees it; 404 otherwise. `lock` takes its row lock (FOR UPDATE): every
 * state change holds it, so two decisions on one payment run one after the other and the second
 * sees the first's outcome.
 */
export async function findPayment(executor: Database, context: RequestContext, id: string, options: { lock?: boolean } = {}): Promise<PaymentRow> {
  const query = selectPayments(executor).where(eq(supportPayments.id, id))
  const [row] = options.lock ? await query.for('update', { of: supportPayments }) : await query
  if (!row || !paymentVisibleTo(row, context.actor.unionId)) throw notFound()
  return row
}

/** How the caller stands to the programme of a payment they see. */
export function paymentProgramAccess(row: Pick<PaymentRow, 'programUnionPath'>, actorUnionId: string): ProgramAccess | undefined {
  return pathIncludesUnion(row.programUnionPath, actorUnionId) ? 'runs' : undefined
}
