import { createContext, useContext, useEffect, useMemo, useSyncExternalStore, type ReactNode } from 'react'
import { useQueryClient } from '@tanstack/react-query'
import { notifications } from '@mantine/notifications'
import { useTranslation } from 'react-i18next'
import type { User } from '@liendoan/contracts'
import { sessionEvents, tokenStore } from '../api/client'
import { useMe } from '../features/auth/api/me'

type SessionState =
  | { status: 'loading'; user: null }
  | { status: 'signedOut'; user: null }
  | { status: 'signedIn'; user: User }

const SessionContext = createContext<SessionState>({ status: 'signedOut', user: null })

const hasRefreshToken = () => !!tokenStore.getRefreshToken()

/** Who is signed in, derived from the stored refresh token and `GET /me`. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const signedIn = useSyncExternalStore(tokenStore.subscribe, hasRefreshToken, hasRefreshToken)
  const me = useMe(signedIn)

  useEffect(
    () =>
      sessionEvents.onExpired(() => {
        queryClient.clear()
        notifications.show({ color: 'yellow', message: t('auth.sessionExpired') })
      }),
    [queryClient, t],
  )

  const value = useMemo<SessionState>(() => {
    if (!signedIn) return { status: 'signedOut', user: null }
    if (me.data) return { status: 'signedIn', user: me.data }
    if (me.isError) return { status: 'signedOut', user: null }
    return { status: 'loading', user: null }
  }, [signedIn, me.data, me.isError])

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>
}

export function useSession(): SessionState {
  return useContext(SessionContext)
}

/** For pages inside the signed-in shell, where a user always exists. */
export function useCurrentUser(): User {
  const session = useSession()
  if (!session.user) throw new Error('useCurrentUser outside a signed-in route')
  return session.user
}
