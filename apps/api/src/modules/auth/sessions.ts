import { and, eq, isNull } from 'drizzle-orm'
import type { Database } from '../../db/client.js'
import { refreshTokens } from '../../db/schema/index.js'

/** Ends every open session of an account (its refresh tokens); access tokens expire on their own. */
export async function revokeUserSessions(tx: Database, userId: string): Promise<void> {
  await tx
    .update(refreshTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt)))
}
