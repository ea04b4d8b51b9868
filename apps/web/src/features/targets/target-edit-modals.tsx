import { useState } from 'react'
import { Modal, Stack, Text, Textarea } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useTranslation } from 'react-i18next'
import { UpdateTargetBody, type Target } from '@liendoan/contracts'
import { isApiError } from '../../api/api-error'
import { ConfirmModal } from '../../components/confirm-modal'
import { FormActions } from '../../components/form-actions'
import { StaleRecordAlert } from '../../components/stale-record-alert'
import { applyProblemToForm, checkBody } from '../../lib/form-errors'
import { notifyError, notifySuccess } from '../../lib/notify'
import { metricLabel } from '../../lib/target-figures'
import { currentLanguage } from '../../i18n'
import { useDeleteTarget } from './api/delete-target'
import { useUpdateTarget } from './api/update-target'
import { TARGET_EDIT_FIELDS, periodText, shareAbove100, targetToEditForm, toUpdateBody, type TargetEditValues } from './target-body'
import { TargetValueInput } from './target-value-input'

/** What the modals' titles say of a target: its metric, unit and period. */
function useTargetWords(target: Target) {
  const language = currentLanguage()
  return { metric: metricLabel(target.metric, language), unit: target.unit.name, period: periodText(target) }
}

/**
 * Changes a target's figure or note, sending the version the list showed (If-Match); when someone
 * changed it meanwhile (412) the person reloads the list and edits again.
 */
export function TargetEditModal({ target, onClose, onStale }: { target: Target; onClose: () => void; onStale: () => void }) {
  const { t } = useTranslation()
  const words = useTargetWords(target)
  const update = useUpdateTarget()
  const [stale, setStale] = useState(false)
  const form = useForm<TargetEditValues>({ initialValues: targetToEditForm(target) })

  const submit = (values: TargetEditValues) => {
    const language = currentLanguage()
    const changes = toUpdateBody(target, values)
    if (Object.keys(changes).length === 0) return onClose()
    const checked = checkBody(UpdateTargetBody, changes, language)
    const errors = checked.ok ? {} : { ...checked.errors }
    if (shareAbove100(values, target.kind)) errors.targetValue = t('targets.form.shareMax')
    if (!checked.ok || Object.keys(errors).length > 0) return form.setErrors(errors)
    update.mutate(
      { target, body: checked.value },
      {
        onSuccess: () => {
          notifySuccess(t('targets.updated', words))
          onClose()
        },
        onError: (error) => {
          if (isApiError(error) && error.status === 412) return setStale(true)
          if (isApiError(error) && error.fieldErrors.length > 0) {
            const rest = applyProblemToForm(error.fieldErrors, TARGET_EDIT_FIELDS, form.setErrors, language)
            if (Object.keys(rest).length === 0) return
          }
          notifyError(error, t)
        },
      },
    )
  }

  return (
    <Modal opened onClose={onClose} title={t('targets.form.editTitle', words)}>
      <form noValidate onSubmit={form.onSubmit(submit)} data-testid="target-edit-form">
        <Stack>
          {stale && (
            <StaleRecordAlert
              title={t('targets.form.staleTitle')}
              onReload={() => {
                onStale()
                onClose()
              }}
            />
          )}
          <Text size="sm" c="dimmed">
            {t('targets.form.editContext', words)}
          </Text>
          <TargetValueInput kind={target.kind} required data-autofocus {...form.getInputProps('targetValue')} />
          <Textarea label={t('targets.fields.note')} autosize minRows={2} maxLength={2000} {...form.getInputProps('note')} />
          <FormActions onCancel={onClose} submitting={update.isPending} />
        </Stack>
      </form>
    </Modal>
  )
}

/** Removes a target after the person confirms; the unit's results then stand without it. */
export function TargetDeleteModal({ target, onClose }: { target: Target; onClose: () => void }) {
  const { t } = useTranslation()
  const words = useTargetWords(target)
  const remove = useDeleteTarget()
  return (
    <ConfirmModal
      title={t('targets.deleteTitle')}
      text={t('targets.deleteText', words)}
      confirmLabel={t('targets.delete')}
      loading={remove.isPending}
      onClose={onClose}
      onConfirm={() =>
        remove.mutate(target, {
          onSuccess: () => {
            notifySuccess(t('targets.deleted', words))
            onClose()
          },
          onError: (error) => notifyError(error, t),
        })
      }
    />
  )
}
