import 'i18next'
import type { vi } from './vi'

// Typed keys: `t('unions.listTitle')` is checked against the Vietnamese messages.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation'
    resources: { translation: typeof vi }
  }
}
