import { createHash, randomBytes } from 'node:crypto'
import type { Role, TokenPair, User } from '@liendoan/contracts'
import { and, eq, isNull, sql } from 'drizzle-orm'
import { v7 as uuidv7 } from 'uuid'
import type { Database } from '../../db/client.js'
import { refreshTokens, users } from '../../db/schema/index.js'
import { ProblemError, unauthorized } from '../../lib/errors.js'
import type { UsersService } from '../users/users.service.js'
import { verifyAgainstDummy, verifyPassword } from './password.js'

export interface AuthServiceDeps {
  db: Database
  users: UsersService
  signAccessToken: (user: { userId: string; role: Role; unionId: string }) => string
  accessTokenTtlSeconds: number
  refreshTokenTtlDays: number
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')
const invalidCredentials = () =>
  new ProblemError(401, 'invalid_credentials', 'The email or password is wrong, or the account is disabled.')

/** Sign-in, refresh-token rotation with reuse detection, and sign-out. */
export function createAuthService(deps: AuthServiceDeps) {
  const { db } = deps

  async function issueTokens(tx: Database, user: User, familyId: string): Promise<TokenPair> {
    const refreshToken = randomBytes(32).toString('base64url')
    await tx.insert(refreshTokens).values({
      id: uuidv7(),
      userId: user.id,
      familyId,
      tokenHash: hashToken(refreshToken),
      expiresAt: new Date(Date.now() + deps.refreshTokenTtlDays * 86_400_000),
    })
    const accessToken = deps.signAccessToken({ userId: user.id, role: user.role, unionId: user.unionId })
    return { accessToken, refreshToken, expiresIn: deps.accessTokenTtlSeconds, user }
  }

  return {
    async login(email: string, password: string): Promise<TokenPair> {
      const [account] = await db
        .select({ id: users.id, passwordHash: users.passwordHash, status: users.status })
        .from(users)
        .where(sql`lower(${users.email}) = lower(${email})`)
      if (!account) {
        await verifyAgainstDummy(password)
        throw invalidCredentials()
      }
      const passwordOk = await verifyPassword(account.passwordHash, password)
      if (!passwordOk || account.status !== 'active') throw invalidCredentials()
      return db.transaction(async (tx) => {
        await tx.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, account.id))
        const user = await deps.users.findById(tx, account.id)
        if (!user) throw invalidCredentials()
        return issueTokens(tx, user, uuidv7())
      })
    },

    /**
     * Exchanges a refresh token for a new pair. A token that was already rotated means a copy
     * leaked: the whole family is revoked and both holders must sign in again.
     */
    async refresh(refreshToken: string): Promise<TokenPair> {
      const tokenHash = hashToken(refreshToken)
      const outcome = await db.transaction(async (tx) => {
        const [row] = await tx.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, tokenHash)).for('update')
        if (!row || row.revokedAt) return { error: unauthorized('token_invalid', 'The session is no longer valid.') }
        if (row.rotatedAt) {
          await tx
            .update(refreshTokens)
            .set({ revokedAt: new Date() })
            .where(and(eq(refreshTokens.familyId, row.familyId), isNull(refreshTokens.revokedAt)))
          return { error: unauthorized('refresh_token_reused', 'This session was used twice and has been revoked.') }
        }
        if (row.expiresAt.getTime() <= Date.now()) return { error: unauthorized('token_expired', 'The session has expired.') }
        const user = await deps.users.findById(tx, row.userId)
        if (!user || user.status !== 'active') return { error: unauthorized('token_invalid', 'The account is disabled.') }
        await tx.update(refreshTokens).set({ rotatedAt: new Date() }).where(eq(refreshTokens.id, row.id))
        return { pair: await issueTokens(tx, user, row.familyId) }
      })
      // Errors are returned, not thrown, so the family revocation above commits.
      if ('error' in outcome) throw outcome.error
      return outcome.pair
    },

    /** Revokes the token's whole family. Unknown tokens are ignored: sign-out always succeeds. */
    async logout(refreshToken: string): Promise<void> {
      const [row] = await db
        .select({ familyId: refreshTokens.familyId })
        .from(refreshTokens)
        .where(eq(refreshTokens.tokenHash, hashToken(refreshToken)))
      if (!row) return
      await db
        .update(refreshTokens)
        .set({ revokedAt: new Date() })
        .where(and(eq(refreshTokens.familyId, row.familyId), isNull(refreshTokens.revokedAt)))
    },

  }
}

export type AuthService = ReturnType<typeof createAuthService>
