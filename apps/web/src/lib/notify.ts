import { notifications } from '@mantine/notifications'
import type { TFunction } from 'i18next'
import { isApiError } from '../api/api-error'
import { currentLanguage } from '../i18n'

/** Human message for a failed call, for notifications and alerts. */
export function errorMessage(error: unknown, t: TFunction): string {
  if (!isApiError(error)) return t('errors.generic')
  if (error.status === 0) return t('errors.network')
  if (error.status === 403) return t('errors.forbidden')
  if (error.status === 412) return t('errors.stale')
  if (error.fieldErrors.length > 0 && [400, 409, 422].includes(error.status)) return t('errors.validation')
  // The API localises `title` by Accept-Language but writes `detail` in English for
  // developers and logs: Vietnamese readers get the title, English readers the detail.
  const preferred = currentLanguage() === 'en' ? (error.problem?.detail ?? error.problem?.title) : error.problem?.title
  return preferred ?? t('errors.generic')
}

export function notifyError(error: unknown, t: TFunction): void {
  notifications.show({ color: 'red', title: t('errors.title'), message: errorMessage(error, t) })
}

/** A failure the caller already put into words (e.g. a rule the API enforces). */
export function notifyFailure(message: string, t: TFunction): void {
  notifications.show({ color: 'red', title: t('errors.title'), message })
}

export function notifySuccess(message: string): void {
  notifications.show({ color: 'teal', message })
}
