import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useTranslation } from 'react-i18next'
import { ReadmitMemberBody, type Member } from '@liendoan/contracts'
import { isApiError } from '../../api/api-error'
import { DateField } from '../../components/date-field'
import { UnionSelect } from '../../components/union-select'
import { applyProblemToForm, checkBody } from '../../lib/form-errors'
import { todayIso } from '../../lib/format'
import { notifyError, notifySuccess } from '../../lib/notify'
import { currentLanguage } from '../../i18n'
import { useReadmitMember } from './api/readmit-member'

const FIELDS = ['unionId', 'admittedOn', 'reason']

/** Admits a former member again, into their last union or another grassroots union; the old history stays. */
export function MemberReadmitModal({ member, onClose }: { member: Member; onClose: () => void }) {
  const { t } = useTranslation()
  const readmit = useReadmitMember(member.id)
  const form = useForm<{ unionId: string | null; admittedOn: string | null; reason: string }>({
    initialValues: { unionId: member.union.id, admittedOn: todayIso(), reason: '' },
  })
  return (
    <Modal opened onClose={onClose} title={t('memberActions.readmitTitle', { name: member.fullName })} centered size="lg">
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          const body = {
            ...(values.unionId ? { unionId: values.unionId } : {}),
            ...(values.admittedOn ? { admittedOn: values.admittedOn } : {}),
            ...(values.reason.trim() ? { reason: values.reason.trim() } : {}),
          }
          const checked = checkBody(ReadmitMemberBody, body, currentLanguage())
          if (!checked.ok) return form.setErrors(checked.errors)
          readmit.mutate(checked.value, {
            onSuccess: () => {
              notifySuccess(t('memberActions.readmitted'))
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
            {t('memberActions.readmitHint')}
          </Text>
          <UnionSelect
            label={t('member.fields.union')}
            required
            grassrootsOnly
            value={form.values.unionId}
            onChange={(id) => form.setFieldValue('unionId', id)}
            error={form.errors.unionId}
          />
          <DateField label={t('member.fields.admittedOn')} required {...form.getInputProps('admittedOn')} />
          <Textarea label={t('memberActions.reason')} autosize minRows={2} maxLength={1000} data-autofocus {...form.getInputProps('reason')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('app.cancel')}
            </Button>
            <Button type="submit" loading={readmit.isPending}>
              {t('memberActions.readmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
