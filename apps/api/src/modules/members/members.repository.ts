import type { Member, RevealableField } from '@liendoan/contracts'
import { type SQL, eq, sql } from 'drizzle-orm'
import type { Database } from '../../db/client.js'
import { members, unions } from '../../db/schema/index.js'
import { maskCitizenId, maskPhone, presentPersonalFields } from '../../lib/personal-data.js'
import { pathIncludesUnion } from '../unions/union-scope.js'

/** Columns of a member as every read needs them, with the union's code and name. */
export const memberColumns = {
  id: members.id,
  unionId: members.unionId,
  unionPath: members.unionPath,
  unionCode: unions.code,
  unionName: unions.name,
  fullName: members.fullName,
  nameKey: members.nameKey,
  dateOfBirth: members.dateOfBirth,
  gender: members.gender,
  citizenId: members.citizenId,
  phone: members.phone,
  ethnicity: members.ethnicity,
  occupation: members.occupation,
  admittedOn: members.admittedOn,
  status: members.status,
  statusDate: members.statusDate,
  statusReason: members.statusReason,
  cardNumber: members.cardNumber,
  cardIssuedOn: members.cardIssuedOn,
  cardStatus: members.cardStatus,
  erasedAt: members.erasedAt,
  version: members.version,
  createdAt: members.createdAt,
  updatedAt: members.updatedAt,
}

/**
 * memberColumns as a select list for raw SQL over `members` joined to `unions`, for
 * `json_agg`: PostgreSQL builds a page's rows as one JSON text, which Node parses natively; mapping
 * 24 columns of 50 rows through the driver and the ORM cost more than the rest of the request.
 */
export const memberJsonColumns: SQL = sql.join(
  Object.entries(memberColumns).map(([key, column]) => sql`${column} AS ${sql.identifier(key)}`),
  sql`, `,
)

type JsonTimestamps = 'erasedAt' | 'createdAt' | 'updatedAt'
export type MemberJsonRow = Omit<MemberRow, JsonTimestamps> & { erasedAt: string | null; createdAt: string; updatedAt: string }

/** A row of `json_agg` over memberJsonColumns (dates arrive as text, timestamps as ISO text). */
export function memberRowFromJson<Row extends MemberJsonRow>(row: Row): Omit<Row, JsonTimestamps> & Pick<MemberRow, JsonTimestamps> {
  return {
    ...row,
    erasedAt: row.erasedAt === null ? null : new Date(row.erasedAt),
    createdAt: new Date(row.createdAt),
    updatedAt: new Date(row.updatedAt),
  }
}

/** Members joined to their union; add `.where(...)`. */
export function selectMembers(executor: Database) {
  return executor.select(memberColumns).from(members).innerJoin(unions, eq(unions.id, members.unionId))
}

export type MemberRow = Awaited<ReturnType<typeof selectMembers>>[number]

/** Whether the actor whose scope root is `actorUnionId` may see this member (its union is in the subtree). */
export function memberInScope(row: Pick<MemberRow, 'unionPath'>, actorUnionId: string): boolean {
  return pathIncludesUnion(row.unionPath, actorUnionId)
}

/**
 * A member the actor may see, by id, or undefined (answer 404: out of scope looks like missing).
 * `lock` takes a row lock for a change made in the same transaction.
 */
export async function findMemberInScope(
  executor: Database,
  actorUnionId: string,
  memberId: string,
  options: { lock?: boolean } = {},
): Promise<MemberRow | undefined> {
  const query = selectMembers(executor).where(eq(members.id, memberId))
  const [row] = options.lock ? await query.for('update', { of: members }) : await query
  return row && memberInScope(row, actorUnionId) ? row : undefined
}

/** Row → contract, the one place a member's JSON shape is made. Personal fields masked unless revealed. */
export function presentMember(row: MemberRow, reveal: ReadonlySet<RevealableField> = new Set()): Member {
  const personal = presentPersonalFields(row, reveal)
  return {
    id: row.id,
    union: { id: row.unionId, code: row.unionCode, name: row.unionName },
    fullName: row.fullName,
    dateOfBirth: row.dateOfBirth,
    gender: row.gender,
    citizenId: personal.citizenId,
    phone: personal.phone,
    revealed: personal.revealed,
    ethnicity: row.ethnicity,
    occupation: row.occupation,
    admittedOn: row.admittedOn,
    status: row.status,
    statusDate: row.statusDate,
    statusReason: row.statusReason,
    cardNumber: row.cardNumber,
    cardIssuedOn: row.cardIssuedOn,
    cardStatus: row.cardStatus,
    erased: row.erasedAt !== null,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }
}

/** A member as the audit log keeps it: personal fields always masked. */
export function memberAuditSnapshot(row: MemberRow): Record<string, unknown> {
  return {
    unionId: row.unionId,
    fullName: row.fullName,
    dateOfBirth: row.dateOfBirth,
    gender: row.gender,
    citizenId: row.citizenId === null ? null : maskCitizenId(row.citizenId),
    phone: row.phone === null ? null : maskPhone(row.phone),
    ethnicity: row.ethnicity,
    occupation: row.occupation,
    admittedOn: row.admittedOn,
    status: row.status,
    statusDate: row.statusDate,
    statusReason: row.statusReason,
    cardNumber: row.cardNumber,
    cardStatus: row.cardStatus,
    version: row.version,
  }
}
