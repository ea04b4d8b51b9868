import { Button, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useTranslation } from 'react-i18next'
import { EndingStatuses, MemberStatusBody, type EndingStatus, type Member } from '@liendoan/contracts'
import { isApiError } from '../../api/api-error'
import { DateField } from '../../components/date-field'
import { applyProblemToForm, checkBody } from '../../lib/form-errors'
import { todayIso } from '../../lib/format'
import { notifyError, notifySuccess } from '../../lib/notify'
import { currentLanguage } from '../../i18n'
import { useChangeMemberStatus } from './api/change-member-status'

const FIELDS = ['status', 'effectiveDate', 'reason']

/** Ends a membership: left the union, deceased, or moved to a union outside this system. */
export function MemberStatusModal({ member, onClose }: { member: Member; onClose: () => void }) {
  const { t } = useTranslation()
  const change = useChangeMemberStatus(member.id)
  const form = useForm<{ status: EndingStatus | null; effectiveDate: string | null; reason: string }>({
    initialValues: { status: null, effectiveDate: todayIso(), reason: '' },
  })
  return (
    <Modal opened onClose={onClose} title={t('memberActions.statusTitle', { name: member.fullName })} centered>
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          const body = {
            ...(values.status ? { status: values.status } : {}),
            ...(values.effectiveDate ? { effectiveDate: values.effectiveDate } : {}),
            reason: values.reason.trim(),
          }
          const checked = checkBody(MemberStatusBody, body, currentLanguage())
          if (!checked.ok) return form.setErrors(checked.errors)
          change.mutate(checked.value, {
            onSuccess: (updated) => {
              notifySuccess(t('memberActions.statusChanged', { status: t(`member.statuses.${updated.status}`) }))
              onClose()
            },
            onError: (error) => {
              if (isApiError(error) && error.fieldErrors.length > 0) {
                const rest = applyProblemToForm(error.fieldErrors, FIELDS, form.setErrors, currentLanguage())
                if (Object.keys(rest).length === 0) return
              }
              notifyError(error, t)
            },
          })
        })}
      >
        <Stack>
          <Text size="sm" c="dimmed">
            {t('memberActions.statusHint')}
          </Text>
          <Select
            label={t('memberActions.newStatus')}
            required
            data-autofocus
            data={EndingStatuses.map((status) => ({ value: status, label: t(`member.statuses.${status}`) }))}
            {...form.getInputProps('status')}
          />
          <DateField label={t('memberActions.effectiveDate')} required {...form.getInputProps('effectiveDate')} />
          <Textarea label={t('memberActions.reason')} required autosize minRows={2} maxLength={1000} {...form.getInputProps('reason')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('app.cancel')}
            </Button>
            <Button type="submit" color="red" loading={change.isPending}>
              {t('app.confirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
