import i18n from 'i18next'
import { initReactI18next } from 'react-i18next'
import dayjs from 'dayjs'
import 'dayjs/locale/vi'
import { vi } from './vi'
import { en } from './en'
import { LANGUAGES, type Language } from './types'

const STORAGE_KEY = 'liendoan.language'

function storedLanguage(): Language {
  const value = typeof window === 'undefined' ? null : window.localStorage.getItem(STORAGE_KEY)
  return LANGUAGES.includes(value as Language) ? (value as Language) : 'vi'
}

const initial = storedLanguage()
void i18n.use(initReactI18next).init({
  resources: { vi: { translation: vi }, en: { translation: en } },
  lng: initial,
  fallbackLng: 'vi',
  interpolation: { escapeValue: false }, // React escapes already
  returnNull: false,
  // No console banner (it lands in every test run's output).
  showSupportNotice: false,
})
dayjs.locale(initial)

/** Switches language, remembers the choice and keeps dayjs (date pickers) in step. */
export function setLanguage(language: Language): void {
  window.localStorage.setItem(STORAGE_KEY, language)
  dayjs.locale(language)
  document.documentElement.lang = language
  void i18n.changeLanguage(language)
}

export function currentLanguage(): Language {
  return i18n.language === 'en' ? 'en' : 'vi'
}

export default i18n
