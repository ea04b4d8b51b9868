import { sql } from 'drizzle-orm'

/**
 * A UUID v7 made by PostgreSQL, for set-based inserts (imports, seeders) whose ids cannot travel
 * as parameters. Same layout as the `uuid` package's v7: 48 bits of Unix milliseconds, then
 * random bits (from gen_random_uuid, whose variant bits are kept), the version nibble set to 7.
 */
export const UUID_V7_SQL =
  "encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) placing substring(int8send(floor(extract(epoch from clock_timestamp()) * 1000)::bigint) from 3) from 1 for 6), 52, 1), 53, 1), 'hex')::uuid"

/** The same, as a drizzle fragment. */
export const uuidV7 = sql.raw(UUID_V7_SQL)
