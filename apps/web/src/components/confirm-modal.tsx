import { Button, Group, Modal, Stack, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'

/** Asks before something that cannot be undone (a deletion): the consequence in words, Cancel, and the red action, focused. */
export function ConfirmModal({
  title,
  text,
  confirmLabel,
  loading,
  onConfirm,
  onClose,
}: {
  title: string
  text: string
  confirmLabel: string
  loading: boolean
  onConfirm: () => void
  onClose: () => void
}) {
  const { t } = useTranslation()
  return (
    <Modal opened onClose={onClose} title={title}>
      <Stack>
        <Text size="sm">{text}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('app.cancel')}
          </Button>
          <Button color="red" data-autofocus loading={loading} onClick={onConfirm}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}
