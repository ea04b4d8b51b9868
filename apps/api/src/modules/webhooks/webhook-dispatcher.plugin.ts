import type { FastifyPluginAsync } from 'fastify'
import fp from 'fastify-plugin'
import type { Config } from '../../config.js'
import type { Database } from '../../db/client.js'
import { createWebhookDispatcher } from './webhook-dispatcher.js'

export interface WebhookDispatcherPluginOptions {
  db: Database
  config: Config
}

/** Runs the dispatcher while the app is up: started when ready, stopped (in-flight attempts interrupted and recorded) as closing starts. */
const plugin: FastifyPluginAsync<WebhookDispatcherPluginOptions> = async (app, { db, config }) => {
  const dispatcher = createWebhookDispatcher({
    db,
    log: app.log.child({ module: 'webhooks' }),
    pollMs: config.WEBHOOK_POLL_MS,
    timeoutMs: config.WEBHOOK_TIMEOUT_MS,
    leaseMs: config.WEBHOOK_LEASE_MS,
    retryBaseMs: config.WEBHOOK_RETRY_BASE_MS,
    maxAttempts: config.WEBHOOK_MAX_ATTEMPTS,
    secretKey: config.WEBHOOK_SECRET_KEY,
  })
  app.addHook('onReady', async () => dispatcher.start())
  // preClose, not onClose: the server closes the database in an onClose hook that may run first.
  app.addHook('preClose', async () => dispatcher.stop())
}

export const webhookDispatcherPlugin = fp(plugin, { name: 'webhook-dispatcher' })
