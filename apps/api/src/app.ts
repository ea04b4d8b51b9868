import { randomUUID } from 'node:crypto'
import cors from '@fastify/cors'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import { type Config, corsOrigins, documentStorageDir } from './config.js'
import type { Database, DatabaseHandle } from './db/client.js'
import { type DocumentStorage, createLocalDocumentStorage } from './lib/document-storage.js'
import { ProblemError } from './lib/errors.js'
import { agreementsRoutes } from './modules/agreements/agreements.routes.js'
import { createAgreementsService } from './modules/agreements/agreements.service.js'
import { publicAuthRoutes, meRoutes } from './modules/auth/auth.routes.js'
import { apiClientsRoutes, tokenRoutes } from './modules/integrations/api-clients.routes.js'
import { createApiClientsService } from './modules/integrations/api-clients.service.js'
import { createAuthService } from './modules/auth/auth.service.js'
import { revokeUserSessions } from './modules/auth/sessions.js'
import { createRatingsService } from './modules/unions/ratings.service.js'
import { createRestructureService } from './modules/unions/restructure.service.js'
import { unionsRoutes } from './modules/unions/unions.routes.js'
import { createUnionsService } from './modules/unions/unions.service.js'
import { membersRoutes } from './modules/members/members.routes.js'
import { createMembersService } from './modules/members/members.service.js'
import { memberSheetsRoutes } from './modules/members/sheets/member-sheets.routes.js'
import { createMemberSheetsService } from './modules/members/sheets/member-sheets.service.js'
import { transfersRoutes } from './modules/members/transfers.routes.js'
import { createTransfersService } from './modules/members/transfers.service.js'
import { officersRoutes } from './modules/officers/officers.routes.js'
import { createOfficersService } from './modules/officers/officers.service.js'
import { targetsRoutes } from './modules/targets/targets.routes.js'
import { dashboardRoutesPlugin } from './modules/dashboard/dashboard.routes.js'
import { createDashboardService } from './modules/dashboard/dashboard.service.js'
import { createTargetResultsService } from './modules/targets/target-results.service.js'
import { createTargetsService } from './modules/targets/targets.service.js'
import { agreementReportsRoutes } from './modules/agreements/agreement-reports.routes.js'
import { createAgreementReportsService } from './modules/agreements/agreement-reports.service.js'
import { createSupportPaymentsService } from './modules/support/support-payments.service.js'
import { createSupportProgramsService } from './modules/support/support-programs.service.js'
import { supportRoutes } from './modules/support/support.routes.js'
import { createTrainingReportsService } from './modules/trainings/training-reports.service.js'
import { certificateVerificationRoutes, trainingsRoutes } from './modules/trainings/trainings.routes.js'
import { createTrainingsService } from './modules/trainings/trainings.service.js'
import { usersRoutes } from './modules/users/users.routes.js'
import { webhookDispatcherPlugin } from './modules/webhooks/webhook-dispatcher.plugin.js'
import { webhooksRoutes } from './modules/webhooks/webhooks.routes.js'
import { createWebhooksService } from './modules/webhooks/webhooks.service.js'
import { createUsersService } from './modules/users/users.service.js'
import { authPlugin, documentForbidden } from './plugins/auth.js'
import { errorsPlugin } from './plugins/errors.js'
import { idempotencyPlugin } from './plugins/idempotency.js'
import { openapiPlugin } from './plugins/openapi.js'
import { rateLimitPlugin } from './plugins/rate-limit.js'
import { securityHeadersPlugin } from './plugins/security-headers.js'

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * For read-only queries that tolerate replication lag (heavy reports): the DATABASE_READ_URL
     * replica when configured, otherwise the primary. See DatabaseHandle.readDb.
     */
    readDb: Database
  }
}

export interface AppOptions {
  config: Config
  database: DatabaseHandle
  /** Logger settings; the server passes pino options, tests leave it off. */
  logger?: FastifyServerOptions['logger']
  /** Where uploaded documents go; default: the local disk in DOCUMENT_STORAGE_DIR. */
  documentStorage?: DocumentStorage
}

/** Paths pino must never print: credentials and personal fields. */
export const REDACTED_LOG_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.passwordHash',
  '*.accessToken',
  '*.refreshToken',
  '*.token',
  '*.citizenId',
  '*.phone',
]

/** Query parameters that carry personal data (an exact-CCCD lookup) and must not reach the logs. */
const PERSONAL_QUERY_PARAMETER = /([?&](?:citizenId|phone)=)[^&#]*/gi

/** A request URL as logs show it: personal query values replaced. */
export function urlForLog(url: string): string {
  return url.replace(PERSONAL_QUERY_PARAMETER, '$1[redacted]')
}

/** pino serializers for the request line: Fastify's own fields, with the URL made safe to log. */
export const LOG_SERIALIZERS = {
  req(request: { method: string; url: string; host?: string; ip?: string }) {
    return { method: request.method, url: urlForLog(request.url), host: request.host, remoteAddress: request.ip }
  },
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/

/**
 * Builds the whole API from a config and an open database. No side effects: the caller owns
 * the database and the listening socket.
 */
export async function buildApp({ config, database, logger = false, documentStorage }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger,
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: config.TRUST_PROXY,
    // Honour a caller's request id so one id follows a request across systems.
    genReqId: (request) => {
      const incoming = request.headers['x-request-id']
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID()
    },
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>()

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id)
  })

  // 1. external plugins
  await app.register(securityHeadersPlugin)
  // No origins configured means no cross-origin access: then no CORS hook runs at all.
  const origins = corsOrigins(config)
  if (origins.length > 0) {
    await app.register(cors, {
      origin: origins,
      credentials: false,
      exposedHeaders: ['etag', 'location', 'x-request-id', 'ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset', 'retry-after'],
    })
  }
  // Counters in the database (on the primary): every API process shares them.
  await app.register(rateLimitPlugin, { db: database.db, perMinute: config.API_RATE_LIMIT_PER_MINUTE })

  // API clients first: authentication reads a client's live state for each of its tokens.
  const apiClients = createApiClientsService({
    db: database.db,
    defaultRateLimitPerMinute: config.API_CLIENT_RATE_LIMIT_PER_MINUTE,
    accessTokenTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
    signClientToken: ({ clientId, unionId, scope, generation }) =>
      app.jwt.sign({ sub: clientId, typ: 'access', kind: 'client', unionId, scope, gen: generation }),
  })

  // 2. cross-cutting plugins
  await app.register(errorsPlugin)
  await app.register(authPlugin, { config, clients: apiClients.lookup })
  await app.register(idempotencyPlugin, { db: database.db })
  await app.register(openapiPlugin)

  // Probes of load balancers and orchestrators are not callers to limit.
  app.get('/health', { schema: { hide: true }, config: { rateLimit: false } }, async () => ({ status: 'ok' }))
  app.get('/ready', { schema: { hide: true }, config: { rateLimit: false } }, async () => {
    try {
      await database.ping()
      return { status: 'ready', database: database.kind }
    } catch {
      throw new ProblemError(503, 'service_unavailable', 'The database is not reachable.')
    }
  })

  // 3. modules: services get their dependencies as arguments
  const db = database.db
  // Heavy read-only reports that tolerate replication lag read from the replica when there is one.
  const readDb = database.readDb
  app.decorate('readDb', readDb)
  const users = createUsersService({ db, revokeSessions: revokeUserSessions })
  const auth = createAuthService({
    db,
    users,
    signAccessToken: (user) => app.jwt.sign({ sub: user.userId, role: user.role, unionId: user.unionId, typ: 'access' }),
    accessTokenTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlDays: config.REFRESH_TOKEN_TTL_DAYS,
  })
  const unions = createUnionsService({ db })
  const restructure = createRestructureService({ db, unions })
  const ratings = createRatingsService({ db, unions })
  const members = createMembersService({ db, config, unions })
  const transfers = createTransfersService({ db, unions, members })
  const officers = createOfficersService({ db, unions, members })
  const sheets = createMemberSheetsService({ db, config, unions })
  const trainings = createTrainingsService({ db, unions, members })
  const trainingReports = createTrainingReportsService({ db: readDb, unions })
  const storage = documentStorage ?? createLocalDocumentStorage(documentStorageDir(config))
  const agreements = createAgreementsService({ db, unions, storage })
  const agreementReports = createAgreementReportsService({ db: readDb, unions })
  const supportPrograms = createSupportProgramsService({ db, unions })
  const supportPayments = createSupportPaymentsService({ db })
  const targets = createTargetsService({ db, unions })
  const targetResults = createTargetResultsService({ db, unions })
  const dashboard = createDashboardService({ db, unions })
  const webhooks = createWebhooksService({ db, unions, secretKey: config.WEBHOOK_SECRET_KEY })

  await app.register(publicAuthRoutes, { auth, loginRateLimitPerMinute: config.LOGIN_RATE_LIMIT_PER_MINUTE })
  await app.register(certificateVerificationRoutes, { trainings })
  // The same budget per address as refreshing a session: integrations fetch a token every few minutes.
  await app.register(tokenRoutes, { apiClients, rateLimitPerMinute: config.LOGIN_RATE_LIMIT_PER_MINUTE * 6 })

  // Everything below requires a valid access token.
  await app.register(async (protectedScope) => {
    protectedScope.addHook('onRequest', protectedScope.authenticate)
    protectedScope.addHook('onRoute', documentForbidden)
    await protectedScope.register(meRoutes, { users })
    await protectedScope.register(usersRoutes, { users })
    await protectedScope.register(apiClientsRoutes, { apiClients })
    await protectedScope.register(unionsRoutes, { unions, restructure, ratings })
    // Sheets and transfers first: their static paths (/members/imports, /members/transfers) sit beside /members/:id.
    await protectedScope.register(memberSheetsRoutes, { sheets })
    await protectedScope.register(transfersRoutes, { transfers })
    await protectedScope.register(membersRoutes, { members })
    await protectedScope.register(officersRoutes, { officers })
    await protectedScope.register(trainingsRoutes, { trainings, reports: trainingReports })
    await protectedScope.register(agreementsRoutes, { agreements, storage, maxDocumentBytes: config.AGREEMENT_DOCUMENT_MAX_BYTES })
    await protectedScope.register(agreementReportsRoutes, { reports: agreementReports })
    await protectedScope.register(supportRoutes, { programs: supportPrograms, payments: supportPayments })
    await protectedScope.register(targetsRoutes, { targets, results: targetResults })
    await protectedScope.register(dashboardRoutesPlugin, { dashboard, results: targetResults })
    await protectedScope.register(webhooksRoutes, { webhooks })
  })

  // Every process delivers the outbox (claims are row-locked and leased in the database).
  if (config.WEBHOOK_DISPATCH) await app.register(webhookDispatcherPlugin, { db, config })

  return app
}
