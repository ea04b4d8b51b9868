import closeWithGrace from 'close-with-grace'
import { LOG_SERIALIZERS, REDACTED_LOG_PATHS, buildApp } from './app.js'
import { ConfigError, loadConfig } from './config.js'
import { DatabaseLockedError, databaseOptions, openDatabase } from './db/client.js'
import { recordSystemAudits } from './lib/audit.js'
import { scheduleAgreementExpiry } from './modules/agreements/agreement-expiry.js'
import { prepareDatabase } from './seed/prepare.js'

/** The process: config from the environment, database, migrations, seed, listen, graceful close. */
async function main() {
  const config = loadConfig(process.env)
  const database = await openDatabase(databaseOptions(config))
  const app = await buildApp({
    config,
    database,
    logger: {
      level: config.LOG_LEVEL,
      redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' },
      serializers: LOG_SERIALIZERS,
    },
  })
  // The expiry job on a timer in every API process (it is safe run by several at once).
  const expirySchedule = scheduleAgreementExpiry({
    db: database.db,
    intervalMinutes: config.AGREEMENT_EXPIRY_INTERVAL_MINUTES,
    audit: recordSystemAudits,
    log: app.log,
  })
  app.addHook('onClose', async () => {
    await expirySchedule.stop()
    await database.close()
  })
  try {
    const seeded = await prepareDatabase(database, config, app.log)
    await app.listen({ host: config.HOST, port: config.PORT })
    expirySchedule.start()
    app.log.info({ database: database.kind, seeded }, `Liendoan API listening on port ${config.PORT}`)
  } catch (error) {
    app.log.error({ err: error }, 'start-up failed')
    await app.close()
    process.exitCode = 1
    return
  }

  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'closing after an error')
    else app.log.info({ signal }, 'closing')
    await app.close()
  })
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DatabaseLockedError) {
    console.error(error.message)
  } else {
    console.error(error)
  }
  process.exit(1)
})
