import { Alert, Button, Checkbox, Group, Modal, Stack, Textarea } from '@mantine/core'
import { useForm } from '@mantine/form'
import { IconAlertTriangle } from '@tabler/icons-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { EraseMemberBody, type Member } from '@liendoan/contracts'
import { isApiError } from '../../api/api-error'
import { DateField } from '../../components/date-field'
import { applyProblemToForm, checkBody } from '../../lib/form-errors'
import { todayIso } from '../../lib/format'
import { notifyError, notifySuccess } from '../../lib/notify'
import { currentLanguage } from '../../i18n'
import { useEraseMember } from './api/erase-member'

/**
 * Erasure of personal data at the member's request. It cannot be undone, so the
 * person confirms explicitly after reading what will be kept.
 */
export function MemberEraseModal({ member, onClose }: { member: Member; onClose: () => void }) {
  const { t } = useTranslation()
  const erase = useEraseMember(member.id)
  const [understood, setUnderstood] = useState(false)
  const form = useForm({ initialValues: { requestedOn: todayIso() as string | null, reason: '' } })
  return (
    <Modal opened onClose={onClose} title={t('memberActions.eraseTitle', { name: member.fullName })} centered>
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          const body = { ...(values.requestedOn ? { requestedOn: values.requestedOn } : {}), reason: values.reason.trim() }
          const checked = checkBody(EraseMemberBody, body, currentLanguage())
          if (!checked.ok) return form.setErrors(checked.errors)
          erase.mutate(checked.value, {
            onSuccess: () => {
              notifySuccess(t('memberActions.erased'))
              onClose()
            },
            onError: (error) => {
              if (isApiError(error) && error.fieldErrors.length > 0) {
                const rest = applyProblemToForm(error.fieldErrors, ['requestedOn', 'reason'], form.setErrors, currentLanguage())
                if (Object.keys(rest).length === 0) return
              }
              notifyError(error, t)
            },
          })
        })}
      >
        <Stack>
          <Alert color="red" icon={<IconAlertTriangle />}>
            {t('memberActions.eraseWarning')}
          </Alert>
          <DateField label={t('memberActions.requestedOn')} required {...form.getInputProps('requestedOn')} />
          <Textarea label={t('memberActions.reason')} required autosize minRows={2} maxLength={1000} data-autofocus {...form.getInputProps('reason')} />
          <Checkbox label={t('memberActions.eraseConfirm')} checked={understood} onChange={(event) => setUnderstood(event.currentTarget.checked)} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('app.cancel')}
            </Button>
            <Button type="submit" color="red" disabled={!understood} loading={erase.isPending}>
              {t('memberActions.erase')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
