import { tmpdir } from 'node:os'
import path from 'node:path'
import Type from 'typebox'
import Value from 'typebox/value'

const LogLevel = Type.Enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])

/** Every setting the API reads, with its rules. Nothing else reads `process.env`. */
export const ConfigSchema = Type.Object({
  NODE_ENV: Type.Enum(['development', 'production', 'test'], { default: 'development' }),
  HOST: Type.String({ default: '0.0.0.0' }),
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  /** PostgreSQL connection string; unset means the embedded database in DATA_DIR. */
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  DATABASE_POOL_SIZE: Type.Integer({ minimum: 1, maximum: 200, default: 10 }),
  /**
   * Optional PostgreSQL connection string of a read replica of DATABASE_URL. Heavy read-only
   * reports that can tolerate replication lag read there; everything else stays on the primary.
   */
  DATABASE_READ_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  /** Folder of the embedded database; `memory://` keeps it in memory (tests). */
  DATA_DIR: Type.String({ default: './data' }),
  /** Secret that signs access tokens (at least 32 characters). No default on purpose. */
  JWT_SECRET: Type.String({ minLength: 32 }),
  ACCESS_TOKEN_TTL_SECONDS: Type.Integer({ minimum: 30, maximum: 86400, default: 900 }),
  REFRESH_TOKEN_TTL_DAYS: Type.Integer({ minimum: 1, maximum: 365, default: 30 }),
  /** Comma-separated origins allowed by CORS; empty allows none. */
  CORS_ORIGINS: Type.String({ default: '' }),
  LOG_LEVEL: LogLevel,
  /** Sign-in attempts allowed per IP per minute. */
  LOGIN_RATE_LIMIT_PER_MINUTE: Type.Integer({ minimum: 1, maximum: 10000, default: 10 }),
  /**
   * Requests per minute allowed to one caller on every other route: per signed-in account, or
   * per IP before sign-in. Counted in the database, so shared by every API process. 0 (the default) turns it off: the
   * counter's statement per request halved the throughput of primary-key reads in `pnpm bench`.
   */
  API_RATE_LIMIT_PER_MINUTE: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
  /**
   * Requests per minute allowed to an API client that has no limit of its own set. Client limits
   * apply even when API_RATE_LIMIT_PER_MINUTE is off, counted in the database like it.
   */
  API_CLIENT_RATE_LIMIT_PER_MINUTE: Type.Integer({ minimum: 1, maximum: 100_000, default: 600 }),
  /** Largest request body in bytes. */
  BODY_LIMIT_BYTES: Type.Integer({ minimum: 1024, maximum: 100 * 1024 * 1024, default: 1024 * 1024 }),
  SEED_DEMO: Type.Boolean({ default: true }),
  BOOTSTRAP_ADMIN_EMAIL: Type.Optional(Type.String({ format: 'email' })),
  BOOTSTRAP_ADMIN_PASSWORD: Type.Optional(Type.String({ minLength: 10 })),
  /** Name of the root union created for the first administrator on an empty database. */
  BOOTSTRAP_UNION_NAME: Type.String({ minLength: 1, maxLength: 255, default: 'Tổng Liên đoàn Lao động Việt Nam' }),
  /**
   * Numbers of the membership cards the system issues: `{yyyy}` is the year of issue and
   * `{seq:N}` the next number of a database sequence, zero-padded to N digits.
   */
  MEMBER_CARD_NUMBER_FORMAT: Type.String({ pattern: '^[A-Z0-9-]*(\\{yyyy\\}|\\{yy\\})?[A-Z0-9-]*\\{seq:[4-9]\\}$', default: 'DV{yyyy}{seq:7}' }),
  /** A card this many years old is due for renewal (đổi thẻ). */
  MEMBER_CARD_RENEWAL_YEARS: Type.Integer({ minimum: 1, maximum: 50, default: 10 }),
  /**
   * A member search whose scope holds fewer members reads the scope's names for later-word
   * matches; a larger one walks the word index (see member-search.ts). A tuning knob: both give
   * the same results.
   */
  MEMBER_SEARCH_SMALL_SCOPE: Type.Integer({ minimum: 0, maximum: 10_000_000, default: 4000 }),
  /** Largest member import file in bytes. */
  MEMBER_IMPORT_MAX_BYTES: Type.Integer({ minimum: 1024, maximum: 200 * 1024 * 1024, default: 20 * 1024 * 1024 }),
  /**
   * Folder of the local document storage (agreement documents). Unset: `documents` inside
   * DATA_DIR, or a folder in the system's temporary directory when DATA_DIR is `memory://`.
   */
  DOCUMENT_STORAGE_DIR: Type.Optional(Type.String({ minLength: 1 })),
  /** Largest agreement document (PDF, JPEG or PNG) in bytes. */
  AGREEMENT_DOCUMENT_MAX_BYTES: Type.Integer({ minimum: 1024, maximum: 200 * 1024 * 1024, default: 10 * 1024 * 1024 }),
  /**
   * Minutes between runs of the agreement expiry job in the server process (registered
   * agreements enter into force on their effective date, in-force ones expire after their last
   * day); 0 turns the schedule off.
   */
  AGREEMENT_EXPIRY_INTERVAL_MINUTES: Type.Integer({ minimum: 0, maximum: 7 * 24 * 60, default: 60 }),
  /**
   * Run the webhook dispatcher in this process (default on; off by default when NODE_ENV=test).
   * Every process may run it: deliveries are claimed with row locks and leases in PostgreSQL.
   */
  WEBHOOK_DISPATCH: Type.Boolean({ default: true }),
  /** Milliseconds between the dispatcher's polls of the outbox when nothing is due. */
  WEBHOOK_POLL_MS: Type.Integer({ minimum: 10, maximum: 600_000, default: 1000 }),
  /** A receiver that has not answered in this many milliseconds fails the attempt. */
  WEBHOOK_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 120_000, default: 10_000 }),
  /** How long a process holds a claimed delivery; must exceed WEBHOOK_TIMEOUT_MS. A crashed process's deliveries are retried after it. */
  WEBHOOK_LEASE_MS: Type.Integer({ minimum: 200, maximum: 600_000, default: 30_000 }),
  /** First retry delay in milliseconds; each next one is 4 times longer (±20% jitter), at most 6 hours. */
  WEBHOOK_RETRY_BASE_MS: Type.Integer({ minimum: 10, maximum: 3_600_000, default: 10_000 }),
  /** Attempts before a delivery is given up (dead); a manual replay starts again. */
  WEBHOOK_MAX_ATTEMPTS: Type.Integer({ minimum: 1, maximum: 20, default: 8 }),
  /** Optional passphrase (at least 32 characters) that encrypts the stored webhook secrets (AES-256-GCM). */
  WEBHOOK_SECRET_KEY: Type.Optional(Type.String({ minLength: 32 })),
  /** Trust X-Forwarded-* from a proxy in front (for client IPs in rate limits and logs). */
  TRUST_PROXY: Type.Boolean({ default: false }),
})

export type Config = Readonly<Type.Static<typeof ConfigSchema>>

export class ConfigError extends Error {}

/** Parse and validate the environment once; the frozen result is passed to everything that needs it. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const raw: Record<string, unknown> = {}
  for (const key of Object.keys(ConfigSchema.properties)) {
    const value = env[key]
    if (value !== undefined && value !== '') raw[key] = value
  }
  if (raw.LOG_LEVEL === undefined) raw.LOG_LEVEL = raw.NODE_ENV === 'test' ? 'silent' : 'info'
  // Tests turn the dispatcher on where they test it, so other files' events are not sent anywhere.
  if (raw.WEBHOOK_DISPATCH === undefined && raw.NODE_ENV === 'test') raw.WEBHOOK_DISPATCH = 'false'
  const withDefaults = Value.Default(ConfigSchema, raw)
  const converted = Value.Convert(ConfigSchema, withDefaults)
  if (!Value.Check(ConfigSchema, converted)) {
    const problems = [...Value.Errors(ConfigSchema, converted)].map(
      (error) => `  ${error.instancePath.replace(/^\//, '') || '(root)'}: ${error.message}`,
    )
    throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`)
  }
  const config = converted as Type.Static<typeof ConfigSchema>
  if (Boolean(config.BOOTSTRAP_ADMIN_EMAIL) !== Boolean(config.BOOTSTRAP_ADMIN_PASSWORD)) {
    throw new ConfigError('Invalid configuration:\n  BOOTSTRAP_ADMIN_EMAIL and BOOTSTRAP_ADMIN_PASSWORD go together')
  }
  if (config.DATABASE_READ_URL && !config.DATABASE_URL) {
    // A replica of the embedded database cannot exist: refuse rather than silently ignore it.
    throw new ConfigError('Invalid configuration:\n  DATABASE_READ_URL is a replica of DATABASE_URL: set DATABASE_URL too')
  }
  if (config.WEBHOOK_LEASE_MS <= config.WEBHOOK_TIMEOUT_MS) {
    // A lease shorter than a request would let a second process send the same attempt again.
    throw new ConfigError('Invalid configuration:\n  WEBHOOK_LEASE_MS must be longer than WEBHOOK_TIMEOUT_MS')
  }
  return Object.freeze(config)
}

/** Where the local document storage keeps its files (see DOCUMENT_STORAGE_DIR). */
export function documentStorageDir(config: Config): string {
  if (config.DOCUMENT_STORAGE_DIR) return path.resolve(config.DOCUMENT_STORAGE_DIR)
  if (config.DATA_DIR.startsWith('memory://')) return path.join(tmpdir(), 'liendoan-documents')
  return path.resolve(config.DATA_DIR, 'documents')
}

export function corsOrigins(config: Config): string[] {
  return config.CORS_ORIGINS.split(',')
    .map((origin) => origin.trim())
    .filter(Boolean)
}
