import type { AgreementExpiryRunResult, AgreementStatus } from '@liendoan/contracts'
import { inArray, sql } from 'drizzle-orm'
import { type Database, rowsOf } from '../../db/client.js'
import type { AuditEntry } from '../../lib/audit.js'
import { todayInVietnam } from '../../lib/dates.js'
import { ProblemError } from '../../lib/errors.js'
import { pathWithinSubtree } from '../unions/union-scope.js'
import { agreementConflict, enterIntoForce } from './agreement-rules.js'
import { agreements } from '../../db/schema/index.js'
import { hasWebhookSubscribers, recordWebhookEvents } from '../webhooks/webhook-outbox.js'
import { insertAgreementEvents, presentAgreement, selectAgreements } from './agreements.repository.js'

/** Rows taken per statement: each batch is one short transaction. */
const BATCH = 200

export interface AgreementExpiryOptions {
  /**
   * Writes the audit entries of a batch, in its transaction: the caller's account when the run
   * was asked for through the API, the system's when it runs on its schedule.
   */
  audit: (tx: Database, entries: readonly AuditEntry[]) => Promise<void>
  /** Only agreements of unions in this subtree (tests run it over their own fixture). */
  under?: string
}

function dayAfter(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`)
  date.setUTCDate(date.getUTCDate() + 1)
  return date.toISOString().slice(0, 10)
}

/**
 * The expiry job "as of" a day: in-force agreements past their last day become expired, then
 * registered agreements whose effective date has come (and whose last day has not passed) enter
 * into force on their effective date, replacing the agreement they renew. Every change gets a
 * timeline event with no actor.
 *
 * Idempotent (a second run finds nothing to do) and safe when several API processes run it at
 * once: rows are taken with FOR UPDATE SKIP LOCKED, so two runs never take the same row and never
 * wait on a row a person is changing (it is picked up by the next run). Expiry goes first, so a
 * renewal whose predecessor just expired can take its place in the same run.
 */
export async function runAgreementExpiry(db: Database, asOf: string, options: AgreementExpiryOptions): Promise<AgreementExpiryRunResult> {
  const scope = options.under ? sql`AND a.union_id IN (SELECT u.id FROM unions u WHERE ${pathWithinSubtree(sql`u.path`, options.under)})` : sql``

  let expired = 0
  for (;;) {
    const batch = await db.transaction(async (tx) => {
      const rows = rowsOf<{ id: string; union_id: string; expires_on: string }>(
        await tx.execute(sql`
          UPDATE agreements t SET status = 'expired', version = t.version + 1, updated_at = now()
           WHERE t.id IN (SELECT a.id FROM agreements a
                           WHERE a.status = 'in_force' AND a.expires_on < ${asOf}::date ${scope}
                           ORDER BY a.expires_on, a.id LIMIT ${BATCH}
                           FOR UPDATE OF a SKIP LOCKED)
             AND t.status = 'in_force'
          RETURNING t.id, t.union_id, t.expires_on::text AS expires_on`),
      )
      await insertAgreementEvents(
        tx,
        rows.map((row) => ({
          agreementId: row.id,
          kind: 'expired' as const,
          // Its last day was expires_on: it is no longer in force from the day after.
          onDate: dayAfter(row.expires_on),
          fromStatus: 'in_force' as const,
          toStatus: 'expired' as const,
          actorUserId: null,
        })),
      )
      // The expired agreements as the API shows them, read in one statement, only when someone listens.
      if (rows.length > 0 && (await hasWebhookSubscribers(tx, 'agreement.expired'))) {
        const expiredRows = await selectAgreements(tx).where(inArray(agreements.id, rows.map((row) => row.id)))
        await recordWebhookEvents(
          tx,
          expiredRows.map((row) => ({ type: 'agreement.expired' as const, unionId: row.unionId, data: { agreement: presentAgreement(row), asOf } })),
        )
      }
      await options.audit(
        tx,
        rows.map((row) => ({
          action: 'agreement.expire',
          entityType: 'agreement',
          entityId: row.id,
          unionId: row.union_id,
          before: { status: 'in_force' },
          after: { status: 'expired', asOf },
        })),
      )
      return rows.length
    })
    expired += batch
    if (batch === 0) break
  }

  let broughtIntoForce = 0
  let after = '00000000-0000-0000-0000-000000000000'
  for (;;) {
    const { taken, entered, last } = await db.transaction(async (tx) => {
      // Not when another agreement (other than the one it renews) holds the in-force place:
      // that needs a person's decision, and the row is left registered.
      const rows = rowsOf<{ id: string; title: string; union_id: string; replaces_id: string | null; effective_on: string }>(
        await tx.execute(sql`
          SELECT a.id, a.title, a.union_id, a.replaces_id, a.effective_on::text AS effective_on FROM agreements a
           WHERE a.status = 'registered' AND a.effective_on <= ${asOf}::date AND a.expires_on >= ${asOf}::date
             AND a.id > ${after}::uuid ${scope}
             AND NOT EXISTS (SELECT 1 FROM agreements o
                              WHERE o.union_id = a.union_id AND o.employer_key = a.employer_key AND o.status = 'in_force'
                                AND o.id IS DISTINCT FROM a.replaces_id)
           ORDER BY a.id LIMIT ${BATCH}
           FOR UPDATE OF a SKIP LOCKED`),
      )
      let count = 0
      for (const row of rows) {
        try {
          // A savepoint per agreement: one refused by a rule does not undo the batch.
          const result = await tx.transaction(async (savepoint) =>
            enterIntoForce(savepoint, {
              agreement: { id: row.id, title: row.title, status: 'registered', replacesId: row.replaces_id },
              inForceOn: row.effective_on,
              actorUserId: null,
            }),
          )
          const entries: AuditEntry[] = [
            {
              action: 'agreement.in_force',
              entityType: 'agreement',
              entityId: row.id,
              unionId: row.union_id,
              before: { status: 'registered' },
              after: { status: 'in_force', inForceOn: row.effective_on, asOf },
            },
          ]
          if (result.replaced) {
            entries.push({
              action: 'agreement.replace',
              entityType: 'agreement',
              entityId: result.replaced.id,
              unionId: result.replaced.unionId,
              before: { status: result.replaced.fromStatus },
              after: { status: 'replaced' satisfies AgreementStatus, endedOn: row.effective_on, replacedBy: row.id },
            })
          }
          await options.audit(tx, entries)
          count += 1
        } catch (error) {
          if (!(error instanceof ProblemError) && !agreementConflict(error)) throw error
        }
      }
      return { taken: rows.length, entered: count, last: rows.at(-1)?.id }
    })
    broughtIntoForce += entered
    if (taken < BATCH || last === undefined) break
    after = last
  }

  return { asOf, broughtIntoForce, expired }
}

export interface AgreementExpiryScheduleOptions {
  db: Database
  intervalMinutes: number
  audit: AgreementExpiryOptions['audit']
  log: { info(object: object, message: string): void; error(object: object, message: string): void }
}

/**
 * Runs the expiry job in this process every `intervalMinutes` (0: never), as of today in Vietnam,
 * first shortly after start. Runs never overlap within a process; across processes the job is safe
 * by itself. The timer does not keep the process alive, and `stop` clears it.
 */
export function scheduleAgreementExpiry(options: AgreementExpiryScheduleOptions): { start(): void; stop(): Promise<void> } {
  let timer: NodeJS.Timeout | undefined
  let first: NodeJS.Timeout | undefined
  let running: Promise<void> | undefined
  let stopped = false

  const runOnce = () => {
    if (running || stopped) return
    running = (async () => {
      try {
        const result = await runAgreementExpiry(options.db, todayInVietnam(), { audit: options.audit })
        if (result.expired > 0 || result.broughtIntoForce > 0) options.log.info({ ...result }, 'agreement expiry run')
      } catch (error) {
        options.log.error({ err: error }, 'agreement expiry run failed')
      } finally {
        running = undefined
      }
    })()
  }

  return {
    start() {
      if (options.intervalMinutes <= 0 || timer) return
      timer = setInterval(runOnce, options.intervalMinutes * 60_000)
      timer.unref()
      first = setTimeout(runOnce, 5_000)
      first.unref()
    },
    async stop() {
      stopped = true
      if (timer) clearInterval(timer)
      if (first) clearTimeout(first)
      timer = undefined
      // Let a run in progress finish before the database closes.
      await running
    },
  }
}
