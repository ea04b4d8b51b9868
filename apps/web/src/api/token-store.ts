/**
 * Where the session's tokens live. The access token stays in memory only (a
 * script injected later cannot read it from storage); the refresh token is kept
 * in localStorage so a reload or a new tab can resume the session.
 */
export interface TokenStore {
  getAccessToken(): string | null
  getRefreshToken(): string | null
  set(tokens: { accessToken: string; refreshToken: string }): void
  clear(): void
  subscribe(listener: () => void): () => void
}

const REFRESH_KEY = 'liendoan.refreshToken'

export function createTokenStore(storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null): TokenStore {
  let accessToken: string | null = null
  let memoryRefresh: string | null = null
  const listeners = new Set<() => void>()
  const emit = () => listeners.forEach((listener) => listener())

  return {
    getAccessToken: () => accessToken,
    getRefreshToken: () => (storage ? storage.getItem(REFRESH_KEY) : memoryRefresh),
    set(tokens) {
      accessToken = tokens.accessToken
      if (storage) storage.setItem(REFRESH_KEY, tokens.refreshToken)
      else memoryRefresh = tokens.refreshToken
      emit()
    },
    clear() {
      accessToken = null
      memoryRefresh = null
      storage?.removeItem(REFRESH_KEY)
      emit()
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
