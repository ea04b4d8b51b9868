import { Alert, Button, Group, Text } from '@mantine/core'
import { IconAlertTriangle } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'

/** Shown when a save came back 412: someone else changed the record since it was read. */
export function StaleRecordAlert({ title, onReload }: { title: string; onReload?: (() => void) | undefined }) {
  const { t } = useTranslation()
  return (
    <Alert color="orange" icon={<IconAlertTriangle />} title={title} role="alert">
      <Group justify="space-between">
        <Text size="sm">{t('errors.stale')}</Text>
        {onReload && (
          <Button size="xs" color="orange" onClick={onReload}>
            {t('app.reload')}
          </Button>
        )}
      </Group>
    </Alert>
  )
}
