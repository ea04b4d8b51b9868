import { useState } from 'react'
import { Alert, Button, Group, List, Modal, ScrollArea, Stack, Text, TextInput, Textarea } from '@mantine/core'
import { useForm } from '@mantine/form'
import { IconAlertTriangle, IconInfoCircle } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import { DissolveUnionBody, MergeUnionBody, MoveUnionBody, type RestructurePreview, type Union } from '@liendoan/contracts'
import { isApiError } from '../../api/api-error'
import { DateField } from '../../components/date-field'
import { applyProblemToForm, checkBody, type FormErrors } from '../../lib/form-errors'
import { formatNumber, todayIso } from '../../lib/format'
import { notifyError, notifySuccess } from '../../lib/notify'
import { currentLanguage } from '../../i18n'
import {
  usePreviewRestructure,
  useRestructureUnion,
  type AnyRestructureRequest,
  type RestructureOperation,
} from './api/restructure-union'
import { UnionPicker } from './union-picker'

interface Values {
  targetId: string | null
  effectiveDate: string | null
  decisionNumber: string
  reason: string
}
const FIELDS = ['targetId', 'newParentId', 'effectiveDate', 'decisionNumber', 'reason']

/** Builds and validates the request for the chosen operation against its contract schema. */
function buildRequest(operation: RestructureOperation, values: Values): { request: AnyRestructureRequest } | { errors: FormErrors } {
  const locale = currentLanguage()
  const common = {
    ...(values.effectiveDate ? { effectiveDate: values.effectiveDate } : {}),
    ...(values.decisionNumber.trim() ? { decisionNumber: values.decisionNumber.trim() } : {}),
    ...(values.reason.trim() ? { reason: values.reason.trim() } : {}),
  }
  const target = values.targetId ? values.targetId : undefined
  if (operation === 'move') {
    const checked = checkBody(MoveUnionBody, { ...common, ...(target ? { newParentId: target } : {}) }, locale)
    if (!checked.ok) return { errors: renameTarget(checked.errors, 'newParentId') }
    return { request: { operation, body: checked.value } }
  }
  if (operation === 'merge') {
    const checked = checkBody(MergeUnionBody, { ...common, ...(target ? { targetId: target } : {}) }, locale)
    if (!checked.ok) return { errors: checked.errors }
    return { request: { operation, body: checked.value } }
  }
  const checked = checkBody(DissolveUnionBody, common, locale)
  if (!checked.ok) return { errors: checked.errors }
  return { request: { operation, body: checked.value } }
}

/** The move body calls the target `newParentId`; the form has one `targetId` input for both. */
function renameTarget(errors: FormErrors, from: string): FormErrors {
  const { [from]: message, ...rest } = errors
  return message ? { ...rest, targetId: message } : rest
}

/**
 * Move, merge or dissolve a union. The person first sees the preview (how many
 * units move, which direct children, what blocks it) and only then confirms.
 */
export function RestructureModal({ union, operation, onClose }: { union: Union; operation: RestructureOperation; onClose: () => void }) {
  const { t, i18n } = useTranslation()
  const previewCall = usePreviewRestructure(union.id)
  const commitCall = useRestructureUnion(union.id)
  const [preview, setPreview] = useState<{ result: RestructurePreview; request: AnyRestructureRequest } | null>(null)
  const form = useForm<Values>({
    initialValues: { targetId: null, effectiveDate: todayIso(), decisionNumber: '', reason: '' },
    // Any edit after a preview makes that preview stale.
    onValuesChange: () => setPreview(null),
  })

  const title = t(`restructure.${operation}Title`, { name: union.name })
  const confirmLabel = t(operation === 'move' ? 'restructure.confirmMove' : operation === 'merge' ? 'restructure.confirmMerge' : 'restructure.confirmDissolve')

  const handleError = (error: unknown) => {
    if (isApiError(error)) {
      const rest = applyProblemToForm(
        error.fieldErrors.map((fieldError) => (fieldError.field === '/newParentId' ? { ...fieldError, field: '/targetId' } : fieldError)),
        FIELDS,
        form.setErrors,
        currentLanguage(),
      )
      if (Object.keys(rest).length === 0 && error.fieldErrors.length > 0) return
    }
    notifyError(error, t)
  }

  const runPreview = form.onSubmit((values) => {
    const built = buildRequest(operation, values)
    if ('errors' in built) return form.setErrors(built.errors)
    previewCall.mutate(built.request, {
      onSuccess: (result) => setPreview({ result, request: built.request }),
      onError: handleError,
    })
  })

  const blocked = (preview?.result.blockers.length ?? 0) > 0
  // The API explains blockers in English for logs; the code picks our own wording.
  const blockerText = (blocker: RestructurePreview['blockers'][number]) => {
    const key = `restructure.blockerCodes.${blocker.code}`
    return i18n.exists(key) ? String(t(key as 'restructure.blockerCodes.level')) : blocker.message
  }

  return (
    <Modal opened onClose={onClose} title={title} size="lg" centered>
      <form noValidate onSubmit={runPreview}>
        <Stack>
          {operation !== 'dissolve' && (
            <UnionPicker
              label={operation === 'move' ? t('restructure.newParent') : t('restructure.mergeTarget')}
              required
              data-autofocus
              nonGrassrootsOnly={operation === 'move' || !union.unitType.isGrassroots}
              excludeIds={[union.id, ...(operation === 'move' && union.parentId ? [union.parentId] : [])]}
              value={form.values.targetId}
              onChange={(id) => form.setFieldValue('targetId', id)}
              error={form.errors.targetId}
              comboboxProps={{ withinPortal: true, zIndex: 400 }}
            />
          )}
          <Group grow align="flex-start">
            <DateField label={t('restructure.effectiveDate')} required clearable={false} data-autofocus={operation === 'dissolve' || undefined} {...form.getInputProps('effectiveDate')} popoverProps={{ zIndex: 400 }} />
            <TextInput label={t('restructure.decisionNumber')} maxLength={60} {...form.getInputProps('decisionNumber')} />
          </Group>
          <Textarea label={t('restructure.reason')} maxLength={1000} autosize minRows={2} {...form.getInputProps('reason')} />

          {preview && (
            <Alert
              color={blocked ? 'red' : 'blue'}
              icon={blocked ? <IconAlertTriangle /> : <IconInfoCircle />}
              title={t('restructure.previewTitle')}
              data-testid="restructure-preview"
            >
              <Stack gap="xs">
                <Text size="sm" fw={600}>
                  {t('restructure.affected', { count: preview.result.affectedUnitCount, formatted: formatNumber(preview.result.affectedUnitCount) })}
                </Text>
                <Text size="sm">{t(operation === 'move' ? 'restructure.directChildren' : operation === 'merge' ? 'restructure.directChildrenMerge' : 'restructure.directChildrenDissolve', { count: preview.result.directChildren.length })}</Text>
                {preview.result.directChildren.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    {t('restructure.noChildren')}
                  </Text>
                ) : (
                  <ScrollArea.Autosize mah={180}>
                    <List size="sm">
                      {preview.result.directChildren.map((child) => (
                        <List.Item key={child.id}>
                          {child.name} ({child.code})
                        </List.Item>
                      ))}
                    </List>
                  </ScrollArea.Autosize>
                )}
                {blocked && (
                  <>
                    <Text size="sm" fw={600}>
                      {t('restructure.blockers')}
                    </Text>
                    <List size="sm">
                      {preview.result.blockers.map((blocker, index) => (
                        <List.Item key={`${blocker.code}-${index}`}>{blockerText(blocker)}</List.Item>
                      ))}
                    </List>
                  </>
                )}
              </Stack>
            </Alert>
          )}

          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('app.cancel')}
            </Button>
            {!preview ? (
              <Button type="submit" loading={previewCall.isPending}>
                {t('restructure.preview')}
              </Button>
            ) : (
              <Button
                color={operation === 'dissolve' ? 'red' : undefined}
                disabled={blocked}
                loading={commitCall.isPending}
                onClick={() =>
                  commitCall.mutate(preview.request, {
                    onSuccess: () => {
                      notifySuccess(t('restructure.done', { operation: t(`restructure.${operation}`) }))
                      onClose()
                    },
                    onError: handleError,
                  })
                }
              >
                {confirmLabel}
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
