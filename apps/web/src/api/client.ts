import { HttpClient } from './http-client'
import { createTokenStore } from './token-store'
import i18n from '../i18n'

/** The app's single client instance; session expiry is signalled through `sessionEvents`. */
export const tokenStore = createTokenStore(typeof window === 'undefined' ? null : window.localStorage)

const expiredListeners = new Set<() => void>()
export const sessionEvents = {
  onExpired(listener: () => void): () => void {
    expiredListeners.add(listener)
    return () => expiredListeners.delete(listener)
  },
}

export const api = new HttpClient({
  tokens: tokenStore,
  getLocale: () => i18n.language,
  onSessionExpired: () => expiredListeners.forEach((listener) => listener()),
})
