import { useState } from 'react'
import { Alert, Button, Group, Modal, NumberInput, Stack, Text, Textarea, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { IconInfoCircle } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import { ProposePaymentBody, type SupportCandidate, type SupportProgram } from '@liendoan/contracts'
import { isApiError } from '../../api/api-error'
import { DateField } from '../../components/date-field'
import { MemberPicker } from '../../components/member-picker'
import { checkBody, problemToFormErrors } from '../../lib/form-errors'
import { formatDate, formatMoney, todayIso } from '../../lib/format'
import { randomKey } from '../../lib/ids'
import { notifyFailure, notifySuccess } from '../../lib/notify'
import { currentLanguage } from '../../i18n'
import { useCurrentUser } from '../../app/session'
import { useProposePayment } from './api/propose-payment'
import { parseAccountId } from './candidate-selection'
import { parseVnd } from './money'
import { defined } from './program-body'
import { supportErrorMessage } from './support-errors'
import { VND_INPUT } from '../../lib/vnd-input'

/** The propose call's outcome on a small form: field errors on the inputs, else a message in words. */
function useProposal(setErrors: (errors: Record<string, string>) => void, onClose: () => void) {
  const { t } = useTranslation()
  const propose = useProposePayment()
  // One key per opened form; a lost answer is retried with it, a refusal gets a new one.
  const [key, setKey] = useState(() => randomKey())
  const send = (body: ProposePaymentBody, done: string) =>
    propose.mutate(
      { body, key },
      {
        onSuccess: () => {
          notifySuccess(done)
          onClose()
        },
        onError: (error) => {
          if (!isApiError(error) || error.status !== 0) setKey(randomKey())
          if (isApiError(error) && error.fieldErrors.length > 0) setErrors(problemToFormErrors(error.fieldErrors, currentLanguage()))
          notifyFailure(supportErrorMessage(error, t), t)
        },
      },
    )
  return { send, pending: propose.isPending }
}

/**
 * The organising officer's payment for a newly founded union: the candidate does not name the
 * officer, so the proposer gives the officer's account (often their own: "that is me").
 */
export function OrganiserProposalModal({ program, candidate, onClose }: { program: SupportProgram; candidate: SupportCandidate; onClose: () => void }) {
  const { t } = useTranslation()
  const user = useCurrentUser()
  const form = useForm({ initialValues: { organiserUserId: '', note: '' } })
  const { send, pending } = useProposal(form.setErrors, onClose)
  return (
    <Modal opened onClose={onClose} title={t('support.organiser.title')}>
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          const id = parseAccountId(values.organiserUserId)
          if (!id) {
            form.setErrors({ organiserUserId: t('support.organiser.badId') })
            return
          }
          const note = values.note.trim()
          const checked = checkBody(
            ProposePaymentBody,
            { programId: program.id, kind: 'union_founding', unionId: candidate.reason.id, role: 'organiser', organiserUserId: id, ...(note ? { note } : {}) },
            currentLanguage(),
          )
          if (!checked.ok) return form.setErrors(checked.errors)
          send(checked.value, t('support.organiser.done', { amount: formatMoney(candidate.amountVnd) }))
        })}
      >
        <Stack>
          <div>
            <Text size="sm" fw={500}>
              {candidate.reason.label}
            </Text>
            <Text size="sm" c="dimmed">
              {candidate.basis} · {formatMoney(candidate.amountVnd)}
            </Text>
          </div>
          <Alert color="blue" icon={<IconInfoCircle />} p="xs">
            {t('support.organiser.hint')}
          </Alert>
          <TextInput
            label={t('support.organiser.accountId')}
            description={t('support.organiser.accountIdHint')}
            placeholder="0192…-…"
            required
            autoFocus
            autoComplete="off"
            spellCheck={false}
            ff="monospace"
            {...form.getInputProps('organiserUserId')}
            rightSectionWidth={110}
            rightSection={
              <Button size="compact-xs" variant="light" onClick={() => form.setFieldValue('organiserUserId', user.id)}>
                {t('support.organiser.me')}
              </Button>
            }
          />
          <Textarea label={t('support.fields.note')} autosize minRows={1} maxLength={2000} {...form.getInputProps('note')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('app.cancel')}
            </Button>
            <Button type="submit" loading={pending} data-testid="action-submit">
              {t('support.actions.propose')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}

/** Hardship support for one member: any amount up to the rule's cap, with what happened and when. */
export function HardshipProposalModal({ program, onClose }: { program: SupportProgram; onClose: () => void }) {
  const { t } = useTranslation()
  const cap = program.rules.hardship?.maxAmountVnd ?? 0
  const perYear = program.rules.hardship?.maxPerYear ?? 1
  const today = todayIso()
  // The hardship happened within the programme's period: today while it runs, else its last day.
  const lastDay = today < program.periodTo ? today : program.periodTo
  const form = useForm({
    initialValues: { memberId: null as string | null, occurredOn: lastDay as string | null, description: '', amountVnd: cap as number | string, note: '' },
  })
  const { send, pending } = useProposal(form.setErrors, onClose)
  return (
    <Modal opened onClose={onClose} title={t('support.hardship.title')} size="lg">
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          const amount = parseVnd(values.amountVnd)
          const note = values.note.trim()
          const body = defined({
            programId: program.id,
            kind: 'hardship',
            memberId: values.memberId ?? undefined,
            occurredOn: values.occurredOn ?? undefined,
            description: values.description.trim(),
            amountVnd: amount ?? undefined,
            ...(note ? { note } : {}),
          })
          const checked = checkBody(ProposePaymentBody, body, currentLanguage())
          const errors: Record<string, string> = checked.ok ? {} : { ...checked.errors }
          if (!values.memberId) errors.memberId ??= t('support.hardship.memberRequired')
          if (amount === null) errors.amountVnd ??= t('support.hardship.amountRequired')
          else if (amount > cap) errors.amountVnd = t('support.hardship.overCap', { cap: formatMoney(cap) })
          if (!checked.ok || Object.keys(errors).length > 0) return form.setErrors(errors)
          send(checked.value, t('support.hardship.done', { amount: formatMoney(amount ?? 0) }))
        })}
      >
        <Stack>
          <Text size="sm" c="dimmed">
            {t('support.rules.hardship', { amount: formatMoney(cap), count: perYear })}
          </Text>
          <MemberPicker
            label={t('support.hardship.member')}
            required
            autoFocus
            scope={{ status: 'active' }}
            value={form.values.memberId}
            onChange={(id) => form.setFieldValue('memberId', id)}
            error={form.errors.memberId}
          />
          <DateField
            label={t('support.hardship.occurredOn')}
            description={t('support.hardship.occurredOnHint', { from: formatDate(program.periodFrom), to: formatDate(program.periodTo) })}
            required
            minDate={program.periodFrom}
            maxDate={lastDay}
            {...form.getInputProps('occurredOn')}
          />
          <Textarea label={t('support.hardship.description')} required autosize minRows={2} maxLength={2000} {...form.getInputProps('description')} />
          <NumberInput label={t('support.fields.amount')} required max={cap} {...VND_INPUT} {...form.getInputProps('amountVnd')} />
          <Textarea label={t('support.fields.note')} autosize minRows={1} maxLength={2000} {...form.getInputProps('note')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('app.cancel')}
            </Button>
            <Button type="submit" loading={pending} data-testid="action-submit">
              {t('support.actions.propose')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
