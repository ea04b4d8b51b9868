import { notifications } from '@mantine/notifications'
import type { TFunction } from 'i18next'
import { isApiError } from '../api/api-error'

/** Human message for a failed call, for notifications and alerts. */
export function errorMessage(error: unknown, t: TFunction): string {
  if (!isApiError(error)) return t('errors.generic')
  if (error.status === 0) return t('errors.network')
  if (error.status === 403) return t('errors.forbidden')
  if (error.status === 412) return t('errors.stale')
  if (error.status === 400 && error.fieldErrors.length > 0) return t('errors.validation')
  return error.problem?.detail ?? error.problem?.title ?? t('errors.generic')
}

export function notifyError(error: unknown, t: TFunction): void {
  notifications.show({ color: 'red', title: t('errors.title'), message: errorMessage(error, t) })
}

export function notifySuccess(message: string): void {
  notifications.show({ color: 'teal', message })
}
