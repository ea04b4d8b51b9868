import { useMemo, useState } from 'react'
import { Alert, Button, Group, Loader, Modal, Select, Stack, Text, Textarea } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useDebouncedValue } from '@mantine/hooks'
import { IconArrowsExchange, IconSend } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import { CreateTransferBody, type Member } from '@liendoan/contracts'
import { isApiError } from '../../api/api-error'
import { DateField } from '../../components/date-field'
import { applyProblemToForm, checkBody } from '../../lib/form-errors'
import { todayIso } from '../../lib/format'
import { notifyError, notifySuccess } from '../../lib/notify'
import { currentLanguage } from '../../i18n'
import { useCreateTransfer } from './api/create-transfer'
import { useDestinationInScope, useTransferDestinations } from './api/get-transfer-destinations'

const FIELDS = ['toUnionId', 'effectiveDate', 'reason']

interface Values {
  toUnionId: string | null
  effectiveDate: string | null
  reason: string
}

/**
 * Chuyển sinh hoạt công đoàn: the destination is any grassroots union in the
 * system. Inside the person's scope the move is done at once; elsewhere it is a
 * request the receiving union accepts or rejects. The dialog says which before
 * the person confirms.
 */
export function MemberTransferModal({ member, onClose }: { member: Member; onClose: () => void }) {
  const { t } = useTranslation()
  const transfer = useCreateTransfer(member.id)
  const form = useForm<Values>({ initialValues: { toUnionId: null, effectiveDate: todayIso(), reason: '' } })
  const [search, setSearch] = useState('')
  const [debounced] = useDebouncedValue(search.trim(), 250)
  const [chosenLabel, setChosenLabel] = useState<string | null>(null)
  const q = debounced === chosenLabel ? '' : debounced
  const destinations = useTransferDestinations(q)
  const inScope = useDestinationInScope(form.values.toUnionId)

  const options = useMemo(() => {
    const list = (destinations.data ?? [])
      .filter((union) => union.id !== member.union.id)
      .map((union) => ({
        value: union.id,
        label: union.parentName ? `${union.name} (${union.code}) · ${union.parentName}` : `${union.name} (${union.code})`,
      }))
    const chosen = form.values.toUnionId
    if (chosen && chosenLabel && !list.some((option) => option.value === chosen)) list.unshift({ value: chosen, label: chosenLabel })
    return list
  }, [destinations.data, member.union.id, form.values.toUnionId, chosenLabel])

  const submit = form.onSubmit((values) => {
    const body = {
      ...(values.toUnionId ? { toUnionId: values.toUnionId } : {}),
      ...(values.effectiveDate ? { effectiveDate: values.effectiveDate } : {}),
      ...(values.reason.trim() ? { reason: values.reason.trim() } : {}),
    }
    const checked = checkBody(CreateTransferBody, body, currentLanguage())
    if (!checked.ok) return form.setErrors(checked.errors)
    transfer.mutate(checked.value, {
      onSuccess: (created) => {
        notifySuccess(
          created.kind === 'direct'
            ? t('transferModal.moved', { name: member.fullName, union: created.toUnion.name })
            : t('transferModal.requested', { union: created.toUnion.name }),
        )
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
  })

  const direct = inScope.data === true
  return (
    <Modal opened onClose={onClose} title={t('transferModal.title', { name: member.fullName })} centered size="lg">
      <form noValidate onSubmit={submit}>
        <Stack>
          <Text size="sm">{t('transferModal.from', { union: member.union.name })}</Text>
          <Select
            label={t('transferModal.destination')}
            placeholder={t('transferModal.destinationPlaceholder')}
            required
            searchable
            clearable
            data-autofocus
            data={options}
            value={form.values.toUnionId}
            onChange={(id, option) => {
              setChosenLabel(option?.label ?? null)
              form.setFieldValue('toUnionId', id)
            }}
            searchValue={search}
            onSearchChange={setSearch}
            // The server matched the text without diacritics; filtering again here would drop those matches.
            filter={({ options: all }) => all}
            nothingFoundMessage={
              q.length < 2 ? t('transferModal.typeMore') : destinations.isFetching ? t('app.loading') : t('pickers.noUnion')
            }
            rightSection={destinations.isFetching ? <Loader size="xs" /> : undefined}
            error={form.errors.toUnionId}
          />
          {form.values.toUnionId && inScope.isSuccess && (
            <Alert
              color={direct ? 'teal' : 'yellow'}
              icon={direct ? <IconArrowsExchange /> : <IconSend />}
              title={direct ? t('transferModal.directTitle') : t('transferModal.requestTitle')}
              data-testid="transfer-kind"
            >
              {direct ? t('transferModal.directText') : t('transferModal.requestText')}
            </Alert>
          )}
          <DateField label={t('transferModal.effectiveDate')} required {...form.getInputProps('effectiveDate')} />
          <Textarea label={t('memberActions.reason')} autosize minRows={2} maxLength={1000} {...form.getInputProps('reason')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('app.cancel')}
            </Button>
            <Button type="submit" loading={transfer.isPending} disabled={!!form.values.toUnionId && inScope.isPending}>
              {form.values.toUnionId && !direct && inScope.isSuccess ? t('transferModal.sendRequest') : t('transferModal.confirmMove')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
