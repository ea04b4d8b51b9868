import type { vi } from './vi'

/** Same nested keys as the Vietnamese messages, every leaf a string. */
type DeepStrings<T> = { [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> }
export type Messages = DeepStrings<typeof vi>
export type Language = 'vi' | 'en'
export const LANGUAGES: Language[] = ['vi', 'en']
