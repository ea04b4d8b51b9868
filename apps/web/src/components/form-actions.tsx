import { Button, Group } from '@mantine/core'
import { useTranslation } from 'react-i18next'

/** Cancel and Save at the foot of a form; Save submits, so Enter in a field saves too. */
export function FormActions({ onCancel, submitting }: { onCancel: () => void; submitting: boolean }) {
  const { t } = useTranslation()
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel}>
        {t('app.cancel')}
      </Button>
      <Button type="submit" loading={submitting}>
        {t('app.save')}
      </Button>
    </Group>
  )
}
