import { Alert, Button, Group } from '@mantine/core'
import { IconAlertTriangle } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import { isNotFound } from '../api/api-error'
import { errorMessage } from '../lib/notify'
import { NotFound } from './not-found'

/** Error state for a failed query: the not-found page for 404, else a message with a retry button. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation()
  if (isNotFound(error)) return <NotFound />
  return (
    <Alert color="red" icon={<IconAlertTriangle />} title={t('errors.title')} role="alert">
      <Group justify="space-between">
        <span>{errorMessage(error, t)}</span>
        {onRetry && (
          <Button size="xs" variant="white" color="red" onClick={onRetry}>
            {t('app.retry')}
          </Button>
        )}
      </Group>
    </Alert>
  )
}
