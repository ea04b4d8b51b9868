import {
  WEBHOOK_DELIVERY_HEADER,
  WEBHOOK_EVENT_HEADER,
  WEBHOOK_SIGNATURE_HEADER,
  type WebhookEnvelope,
  type WebhookEventType,
} from '@liendoan/contracts'
import { sql } from 'drizzle-orm'
import type { FastifyBaseLogger } from 'fastify'
import { v7 as uuidv7 } from 'uuid'
import { type Database, selectRows } from '../../db/client.js'
import { openWebhookSecret, signWebhookBody } from './webhook-secrets.js'

export interface WebhookDispatcherOptions {
  db: Database
  log: FastifyBaseLogger
  /** Milliseconds between polls when nothing is due. */
  pollMs: number
  /** A receiver that has not answered after this long counts as a failed attempt. */
  timeoutMs: number
  /** How long a claimed delivery stays reserved for this process; a crashed one's lease runs out. */
  leaseMs: number
  /** First retry delay; each further one is 4 times longer (with ±20% jitter), capped at 6 hours. */
  retryBaseMs: number
  /** Attempts of a run before a delivery is dead (a manual replay starts a new run). */
  maxAttempts: number
  /** WEBHOOK_SECRET_KEY, to open sealed secrets. */
  secretKey: string | undefined
  /** Deliveries one process sends at once. */
  concurrency?: number
}

interface ClaimedDelivery {
  id: string
  attempts: number
  url: string
  secret: string
  eventId: string
  type: WebhookEventType
  unionId: string
  payload: Record<string, unknown>
  createdAt: string | Date
}

interface AttemptResult {
  statusCode: number | null
  error: string | null
  durationMs: number
  attemptedAt: Date
  /** Cut short because this process is shutting down: retried at once by whichever process is next. */
  interrupted: boolean
}

const MAX_RETRY_DELAY_MS = 6 * 60 * 60 * 1000

/** Delay before attempt `attempts + 1`, after `attempts` failures of this run. */
export function retryDelayMs(attempts: number, baseMs: number, random: () => number = Math.random): number {
  const exponential = Math.min(MAX_RETRY_DELAY_MS, baseMs * 4 ** Math.max(0, attempts - 1))
  return Math.round(exponential * (0.8 + 0.4 * random()))
}

const errorText = (error: unknown): string => {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause
    const detail = cause instanceof Error ? `: ${cause.message}` : ''
    return `${error.name}: ${error.message}${detail}`.slice(0, 500)
  }
  return String(error).slice(0, 500)
}

/**
 * Sends the outbox's deliveries. Every API process runs one: each poll claims due deliveries
 * with FOR UPDATE SKIP LOCKED and a lease, so two processes never send the same attempt, and a
 * delivery whose process died is taken again when its lease runs out. A result is written only
 * while the lease is still this process's.
 */
export function createWebhookDispatcher(options: WebhookDispatcherOptions) {
  const { db, log, pollMs, timeoutMs, leaseMs, retryBaseMs, maxAttempts, secretKey } = options
  const concurrency = options.concurrency ?? 10
  const shutdown = new AbortController()
  let timer: NodeJS.Timeout | undefined
  let polling: Promise<void> | undefined
  const inFlight = new Set<Promise<void>>()
  let backlog = false
  let stopped = true

  async function claim(leaseId: string, limit: number): Promise<ClaimedDelivery[]> {
    return selectRows<ClaimedDelivery>(
      db,
      sql`
        WITH due AS (
          SELECT d.id FROM webhook_deliveries d
          WHERE d.status = 'pending' AND d.next_attempt_at <= now()
            AND (d.locked_until IS NULL OR d.locked_until <= now())
            AND EXISTS (SELECT 1 FROM webhook_subscriptions s WHERE s.id = d.subscription_id AND s.active AND s.deleted_at IS NULL)
          ORDER BY d.next_attempt_at
          LIMIT ${limit}
          FOR UPDATE SKIP LOCKED
        ), claimed AS (
          UPDATE webhook_deliveries d
          SET locked_until = now() + ${leaseMs} * interval '1 millisecond', lease_id = ${leaseId}, attempts = d.attempts + 1
          FROM due WHERE d.id = due.id
          RETURNING d.id, d.attempts, d.subscription_id, d.event_id
        )
        SELECT c.id, c.attempts, s.url, s.secret, e.id AS "eventId", e.type, e.union_id AS "unionId", e.payload, e.created_at AS "createdAt"
        FROM claimed c
        JOIN webhook_subscriptions s ON s.id = c.subscription_id
        JOIN webhook_events e ON e.id = c.event_id`,
    )
  }

  async function send(delivery: ClaimedDelivery): Promise<AttemptResult> {
    const attemptedAt = new Date()
    const started = performance.now()
    const elapsed = () => Math.round(performance.now() - started)
    try {
      const envelope: WebhookEnvelope = {
        id: delivery.eventId,
        type: delivery.type,
        occurredAt: new Date(delivery.createdAt).toISOString(),
        unionId: delivery.unionId,
        data: delivery.payload,
      }
      const body = JSON.stringify(envelope)
      const signature = signWebhookBody(openWebhookSecret(delivery.secret, secretKey), body, Math.floor(Date.now() / 1000))
      const response = await fetch(delivery.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Liendoan-Webhooks/1',
          [WEBHOOK_EVENT_HEADER]: delivery.type,
          [WEBHOOK_DELIVERY_HEADER]: delivery.id,
          [WEBHOOK_SIGNATURE_HEADER]: signature,
        },
        body,
        // A redirect is not followed: the receiver answers at the address it registered.
        redirect: 'manual',
        signal: AbortSignal.any([AbortSignal.timeout(timeoutMs), shutdown.signal]),
      })
      // The body is not needed; dropping it frees the connection.
      await response.body?.cancel().catch(() => undefined)
      const ok = response.status >= 200 && response.status < 300
      return { statusCode: response.status, error: ok ? null : `HTTP ${response.status}`, durationMs: elapsed(), attemptedAt, interrupted: false }
    } catch (error) {
      if (shutdown.signal.aborted) {
        return { statusCode: null, error: 'Interrupted: the API process delivering it shut down', durationMs: elapsed(), attemptedAt, interrupted: true }
      }
      const timedOut = error instanceof Error && error.name === 'TimeoutError'
      return { statusCode: null, error: timedOut ? `Timeout after ${timeoutMs} ms` : errorText(error), durationMs: elapsed(), attemptedAt, interrupted: false }
    }
  }

  async function record(delivery: ClaimedDelivery, leaseId: string, result: AttemptResult): Promise<void> {
    const succeeded = result.error === null
    const dead = !succeeded && !result.interrupted && delivery.attempts >= maxAttempts
    const status = succeeded ? 'succeeded' : dead ? 'dead' : 'pending'
    const nextAttempt = status !== 'pending' ? sql`NULL` : result.interrupted ? sql`now()` : sql`now() + ${retryDelayMs(delivery.attempts, retryBaseMs)} * interval '1 millisecond'`
    await db.transaction(async (tx) => {
      const updated = await selectRows<{ id: string }>(
        tx,
        sql`
          UPDATE webhook_deliveries
          SET status = ${status}, next_attempt_at = ${nextAttempt}, locked_until = NULL, lease_id = NULL,
              last_status_code = ${result.statusCode}, last_error = ${result.error}, last_attempt_at = ${result.attemptedAt.toISOString()}::timestamptz
          WHERE id = ${delivery.id} AND lease_id = ${leaseId}
          RETURNING id`,
      )
      // The lease ran out and another process took the delivery over: its result is the one that counts.
      if (updated.length === 0) return
      await tx.execute(sql`
        INSERT INTO webhook_delivery_attempts (id, delivery_id, attempt, attempted_at, duration_ms, status_code, error, succeeded)
        VALUES (${uuidv7()}, ${delivery.id}, ${delivery.attempts}, ${result.attemptedAt.toISOString()}::timestamptz, ${result.durationMs}, ${result.statusCode}, ${result.error}, ${succeeded})`)
    })
  }

  /** One delivery: sent, then its result written; never throws (a failure to record is logged, the lease then expires). */
  async function deliver(delivery: ClaimedDelivery, leaseId: string): Promise<void> {
    try {
      await record(delivery, leaseId, await send(delivery))
    } catch (error) {
      log.error({ err: error, deliveryId: delivery.id }, 'webhook delivery could not be recorded')
    }
  }

  /** Claims and sends a batch, waiting for all of it (tests and one-off runs); the number handled. */
  async function runOnce(): Promise<number> {
    const leaseId = uuidv7()
    const claimed = await claim(leaseId, concurrency)
    await Promise.all(claimed.map((delivery) => deliver(delivery, leaseId)))
    return claimed.length
  }

  /**
   * One poll: claims as many due deliveries as there are free slots and starts them without
   * waiting, so a slow receiver holds one slot, not the whole process's dispatch.
   */
  async function poll(): Promise<void> {
    const free = concurrency - inFlight.size
    if (free <= 0) return
    try {
      const leaseId = uuidv7()
      const claimed = await claim(leaseId, free)
      // Every free slot filled: more may be due, so a slot that frees polls again at once.
      backlog = claimed.length === free
      for (const delivery of claimed) {
        const running: Promise<void> = deliver(delivery, leaseId).finally(() => {
          inFlight.delete(running)
          if (backlog) kick()
        })
        inFlight.add(running)
      }
    } catch (error) {
      log.error({ err: error }, 'webhook dispatch failed')
    }
  }

  /** Polls now unless stopped or a poll is already running. */
  function kick(): void {
    if (stopped || polling) return
    polling = poll().finally(() => {
      polling = undefined
    })
  }

  function schedule(): void {
    if (stopped) return
    timer = setTimeout(() => {
      kick()
      schedule()
    }, pollMs)
    timer.unref()
  }

  return {
    runOnce,
    start(): void {
      if (!stopped) return
      stopped = false
      schedule()
    },
    /** Stops polling and interrupts deliveries in flight (they are retried at once by another process). */
    async stop(): Promise<void> {
      stopped = true
      if (timer) clearTimeout(timer)
      shutdown.abort()
      await polling
      await Promise.all([...inFlight])
    },
  }
}

export type WebhookDispatcher = ReturnType<typeof createWebhookDispatcher>
