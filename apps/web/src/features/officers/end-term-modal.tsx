import { useState } from 'react'
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useTranslation } from 'react-i18next'
import { UpdateOfficerTermBody, validationMessage, type OfficerTerm } from '@liendoan/contracts'
import { isApiError } from '../../api/api-error'
import { DateField } from '../../components/date-field'
import { StaleRecordAlert } from '../../components/stale-record-alert'
import { applyProblemToForm, checkBody } from '../../lib/form-errors'
import { formatDate, todayIso } from '../../lib/format'
import { notifyError, notifySuccess } from '../../lib/notify'
import { currentLanguage } from '../../i18n'
import { useUpdateOfficerTerm } from './api/update-officer'

/** Ends an officer's term (thôi giữ chức vụ) from a date, with the reason. */
export function EndTermModal({ term, onClose, onStale }: { term: OfficerTerm; onClose: () => void; onStale: () => void }) {
  const { t } = useTranslation()
  const update = useUpdateOfficerTerm()
  const [stale, setStale] = useState(false)
  const form = useForm({ initialValues: { endedOn: todayIso() as string | null, endReason: '' } })
  return (
    <Modal opened onClose={onClose} title={t('officers.endTermTitle', { name: term.memberName, position: term.position.name })} centered>
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          const body = {
            ...(values.endedOn ? { endedOn: values.endedOn } : {}),
            ...(values.endReason.trim() ? { endReason: values.endReason.trim() } : {}),
          }
          // The contract lets a PATCH change other fields alone; ending a term needs its date.
          if (!body.endedOn) return form.setErrors({ endedOn: validationMessage('required', {}, currentLanguage()) })
          const checked = checkBody(UpdateOfficerTermBody, body, currentLanguage())
          if (!checked.ok) return form.setErrors(checked.errors)
          update.mutate(
            { term, body: checked.value },
            {
              onSuccess: () => {
                notifySuccess(t('officers.termEnded', { name: term.memberName }))
                onClose()
              },
              onError: (error) => {
                if (isApiError(error) && error.status === 412) return setStale(true)
                if (isApiError(error) && error.fieldErrors.length > 0) {
                  const rest = applyProblemToForm(error.fieldErrors, ['endedOn', 'endReason'], form.setErrors, currentLanguage())
                  if (Object.keys(rest).length === 0) return
                }
                notifyError(error, t)
              },
            },
          )
        })}
      >
        <Stack>
          {stale && (
            <StaleRecordAlert
              title={t('officers.staleTitle')}
              onReload={() => {
                onStale()
                onClose()
              }}
            />
          )}
          <Text size="sm" c="dimmed">
            {t('officers.since', { date: formatDate(term.startedOn) })}
          </Text>
          <DateField label={t('officers.endedOn')} required {...form.getInputProps('endedOn')} />
          <Textarea label={t('officers.endReason')} autosize minRows={2} maxLength={1000} data-autofocus {...form.getInputProps('endReason')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('app.cancel')}
            </Button>
            <Button type="submit" color="red" loading={update.isPending}>
              {t('officers.endTerm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
