import type { CreateUserBody, PageOf, UpdateUserBody, User, UserListQuery } from '@liendoan/contracts'
import { type SQL, and, asc, eq, gt, or, sql } from 'drizzle-orm'
import { v7 as uuidv7 } from 'uuid'
import type { Database } from '../../db/client.js'
import { unions, users } from '../../db/schema/index.js'
import { type RequestContext, requirePermission } from '../../lib/actor.js'
import { diff, recordAudit } from '../../lib/audit.js'
import { staleVersion } from '../../lib/etag.js'
import { ProblemError, notFound } from '../../lib/errors.js'
import { decodeCursor, pageSize, toPage } from '../../lib/pagination.js'
import { hashPassword } from '../auth/password.js'
import { unionIdWithinSubtree } from '../unions/union-scope.js'

const userColumns = {
  id: users.id,
  email: users.email,
  fullName: users.fullName,
  role: users.role,
  unionId: users.unionId,
  unionName: unions.name,
  status: users.status,
  lastLoginAt: users.lastLoginAt,
  version: users.version,
  createdAt: users.createdAt,
  updatedAt: users.updatedAt,
}
const selectUsers = (executor: Database) =>
  executor.select(userColumns).from(users).innerJoin(unions, eq(unions.id, users.unionId))
type UserRow = Awaited<ReturnType<typeof selectUsers>>[number]

export function presentUser(row: UserRow): User & { version: number } {
  return {
    id: row.id,
    email: row.email,
    fullName: row.fullName,
    role: row.role,
    unionId: row.unionId,
    unionName: row.unionName,
    status: row.status,
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  }
}

export interface UsersServiceDeps {
  db: Database
  /** Revokes every session of a user (the auth module owns refresh tokens). */
  revokeSessions: (tx: Database, userId: string) => Promise<void>
}

/** Accounts: admins manage the accounts attached to unions in their subtree. */
export function createUsersService(deps: UsersServiceDeps) {
  const { db } = deps

  async function findInScope(executor: Database, context: RequestContext, id: string) {
    const [row] = await selectUsers(executor).where(
      and(eq(users.id, id), unionIdWithinSubtree(users.unionId, context.actor.unionId)),
    )
    if (!row) throw notFound()
    return row
  }

  async function requireUnionInScope(executor: Database, context: RequestContext, unionId: string) {
    const [row] = await executor
      .select({ id: unions.id })
      .from(unions)
      .where(and(eq(unions.id, unionId), unionIdWithinSubtree(unions.id, context.actor.unionId)))
    if (!row) {
      throw new ProblemError(422, 'validation_failed', 'The union does not exist or is outside your scope.', [
        { field: '/unionId', code: 'not_found' },
      ])
    }
  }

  return {
    async findById(executor: Database | undefined, id: string): Promise<(User & { version: number }) | undefined> {
      const [row] = await selectUsers(executor ?? db).where(eq(users.id, id))
      return row ? presentUser(row) : undefined
    },

    async list(context: RequestContext, query: UserListQuery): Promise<PageOf<User>> {
      requirePermission(context.actor, 'users:manage')
      const limit = pageSize(query.limit)
      const conditions: (SQL | undefined)[] = [unionIdWithinSubtree(users.unionId, context.actor.unionId)]
      if (query.under) conditions.push(unionIdWithinSubtree(users.unionId, query.under))
      if (query.role) conditions.push(eq(users.role, query.role))
      if (query.q) {
        const pattern = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
        conditions.push(
          or(
            sql`liendoan_normalize(${users.fullName}) LIKE liendoan_normalize(${pattern})`,
            sql`lower(${users.email}) LIKE lower(${pattern})`,
          ),
        )
      }
      const cursor = decodeCursor(query.cursor, 2)
      if (cursor) {
        conditions.push(
          or(gt(users.email, String(cursor[0])), and(eq(users.email, String(cursor[0])), gt(users.id, String(cursor[1])))),
        )
      }
      const rows = await selectUsers(db)
        .where(and(...conditions))
        .orderBy(asc(users.email), asc(users.id))
        .limit(limit + 1)
      return toPage(rows, limit, (row) => [row.email, row.id], presentUser)
    },

    async get(context: RequestContext, id: string) {
      requirePermission(context.actor, 'users:manage')
      return presentUser(await findInScope(db, context, id))
    },

    async create(context: RequestContext, body: CreateUserBody) {
      requirePermission(context.actor, 'users:manage')
      const passwordHash = await hashPassword(body.password)
      return db.transaction(async (tx) => {
        await requireUnionInScope(tx, context, body.unionId)
        const id = uuidv7()
        await tx.insert(users).values({
          id,
          email: body.email.trim(),
          fullName: body.fullName.trim(),
          role: body.role,
          unionId: body.unionId,
          passwordHash,
        })
        const created = presentUser(await findInScope(tx, context, id))
        const { version: _version, ...after } = created
        await recordAudit(tx, context, { action: 'user.create', entityType: 'user', entityId: id, unionId: body.unionId, after })
        return created
      })
    },

    async update(context: RequestContext, id: string, expectedVersion: number, body: UpdateUserBody) {
      requirePermission(context.actor, 'users:manage')
      const passwordHash = body.password ? await hashPassword(body.password) : undefined
      return db.transaction(async (tx) => {
        const current = presentUser(await findInScope(tx, context, id))
        if (current.version !== expectedVersion) throw staleVersion()
        if (id === context.actor.userId && (body.role !== undefined || body.status === 'disabled' || body.unionId !== undefined)) {
          throw new ProblemError(422, 'invalid_state', 'You cannot change your own role, union or status.')
        }
        if (body.unionId) await requireUnionInScope(tx, context, body.unionId)
        const updated = await tx
          .update(users)
          .set({
            ...(body.fullName !== undefined ? { fullName: body.fullName.trim() } : {}),
            ...(body.role !== undefined ? { role: body.role } : {}),
            ...(body.unionId !== undefined ? { unionId: body.unionId } : {}),
            ...(body.status !== undefined ? { status: body.status } : {}),
            ...(passwordHash ? { passwordHash } : {}),
            version: sql`${users.version} + 1`,
            updatedAt: new Date(),
          })
          .where(and(eq(users.id, id), eq(users.version, expectedVersion)))
          .returning({ id: users.id })
        if (updated.length === 0) throw staleVersion()
        // A changed password, role, union or a disabled account ends every open session.
        if (passwordHash || body.role || body.unionId || body.status === 'disabled') await deps.revokeSessions(tx, id)
        const after = presentUser(await findInScope(tx, context, id))
        const changes = diff(
          { fullName: current.fullName, role: current.role, unionId: current.unionId, status: current.status },
          { fullName: after.fullName, role: after.role, unionId: after.unionId, status: after.status },
        )
        await recordAudit(tx, context, {
          action: 'user.update',
          entityType: 'user',
          entityId: id,
          unionId: after.unionId,
          before: changes.before,
          after: { ...changes.after, ...(passwordHash ? { passwordChanged: true } : {}) },
        })
        return after
      })
    },
  }
}

export type UsersService = ReturnType<typeof createUsersService>
