import { useState, type ReactNode } from 'react'
import { Alert, Button, Group, Modal, Radio, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { IconAlertTriangle } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import { ApprovePaymentBody, ClosePaymentBody, DisbursePaymentBody, type SupportPayment } from '@liendoan/contracts'
import type { TSchema } from 'typebox'
import { isApiError } from '../../api/api-error'
import { DateField } from '../../components/date-field'
import { checkBody, problemToFormErrors } from '../../lib/form-errors'
import { formatMoney, todayIso } from '../../lib/format'
import { randomKey } from '../../lib/ids'
import { notifySuccess } from '../../lib/notify'
import { currentLanguage } from '../../i18n'
import { useApprovePayment, useCancelPayment, useDisbursePayment, useRejectPayment } from './api/payment-transitions'
import { needsOverride, type PaymentAction } from './payment-actions'
import { defined } from './program-body'
import { asksForOverride, supportErrorMessage } from './support-errors'
import { useRoleLabel } from './support-labels'

/** One step on a payment, as a small keyboard-friendly form (Enter submits, Escape closes). */
export function PaymentActionModal({ payment, action, onClose }: { payment: SupportPayment; action: PaymentAction; onClose: () => void }) {
  const { t } = useTranslation()
  const forms: Record<PaymentAction, ReactNode> = {
    approve: <ApproveForm payment={payment} onClose={onClose} />,
    reject: <CloseForm payment={payment} action="reject" onClose={onClose} />,
    cancel: <CloseForm payment={payment} action="cancel" onClose={onClose} />,
    disburse: <DisburseForm payment={payment} onClose={onClose} />,
  }
  return (
    <Modal opened onClose={onClose} title={t(`support.titles.${action}`)} size="lg">
      <Stack>
        <PaymentSummary payment={payment} />
        {forms[action]}
      </Stack>
    </Modal>
  )
}

function PaymentSummary({ payment }: { payment: SupportPayment }) {
  const { t } = useTranslation()
  const roleLabel = useRoleLabel()
  return (
    <SimpleGrid cols={2} spacing="xs" verticalSpacing={6} data-testid="payment-summary">
      <Item label={t('support.fields.program')} value={payment.program.name} />
      <Item label={t('support.fields.reason')} value={payment.reason.label} />
      <Item label={t('support.fields.beneficiary')} value={`${payment.beneficiary.name} · ${roleLabel(payment.role)}`} />
      <Item
        label={t('support.fields.amount')}
        value={
          <>
            <Text span fw={700}>
              {formatMoney(payment.amountVnd)}
            </Text>
            {payment.ruleAmountVnd !== null && (
              <Text span size="xs" c={needsOverride(payment) ? 'orange' : 'dimmed'}>
                {' '}
                ({t('support.payment.ruleGives', { amount: formatMoney(payment.ruleAmountVnd) })})
              </Text>
            )}
          </>
        }
      />
      <Item label={t('support.fields.proposedBy')} value={payment.proposedBy.name} />
      {payment.approvedBy && <Item label={t('support.fields.approvedBy')} value={payment.approvedBy.name} />}
      {payment.note && <Item label={t('support.fields.note')} value={payment.note} />}
    </SimpleGrid>
  )
}

function Item({ label, value }: { label: string; value: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={500}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {value}
      </Text>
    </div>
  )
}

/** A refusal shown inside the form, in words, so the person sees why before closing it. */
function Refusal({ error }: { error: unknown }) {
  const { t } = useTranslation()
  if (!error) return null
  return (
    <Alert color="red" icon={<IconAlertTriangle />} role="alert" p="xs" data-testid="payment-error">
      {supportErrorMessage(error, t)}
    </Alert>
  )
}

function Actions({ onClose, loading, label, color }: { onClose: () => void; loading: boolean; label: string; color?: string }) {
  const { t } = useTranslation()
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onClose}>
        {t('app.close')}
      </Button>
      <Button type="submit" loading={loading} color={color} data-testid="action-submit">
        {label}
      </Button>
    </Group>
  )
}

/** Validates with the contract schema; the messages go on the inputs. */
function check<T extends TSchema>(schema: T, body: unknown, setErrors: (errors: Record<string, string>) => void) {
  const checked = checkBody(schema, body, currentLanguage())
  if (!checked.ok) {
    setErrors(checked.errors)
    return null
  }
  return checked.value
}

function ApproveForm({ payment, onClose }: { payment: SupportPayment; onClose: () => void }) {
  const { t } = useTranslation()
  const approve = useApprovePayment(payment.id)
  const [key, setKey] = useState(() => randomKey())
  const [asked, setAsked] = useState(false)
  const [failure, setFailure] = useState<unknown>(null)
  const form = useForm({ initialValues: { overrideReason: '' } })
  const override = needsOverride(payment) || asked
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => {
        const reason = values.overrideReason.trim()
        if (override && reason === '') return form.setErrors({ overrideReason: t('support.approve.overrideRequired') })
        const body = check(ApprovePaymentBody, override ? { overrideReason: reason } : {}, form.setErrors)
        if (!body) return
        setFailure(null)
        approve.mutate(
          { body, key },
          {
            onSuccess: () => {
              notifySuccess(t('support.done.approve', { amount: formatMoney(payment.amountVnd), name: payment.beneficiary.name }))
              onClose()
            },
            onError: (error) => {
              if (!isApiError(error) || error.status !== 0) setKey(randomKey())
              if (asksForOverride(error)) {
                setAsked(true)
                return form.setErrors({ overrideReason: t('support.approve.overrideAsked') })
              }
              if (isApiError(error) && error.fieldErrors.length > 0) form.setErrors(problemToFormErrors(error.fieldErrors, currentLanguage()))
              setFailure(error)
            },
          },
        )
      })}
    >
      <Stack>
        {override ? (
          <>
            <Alert color="orange" icon={<IconAlertTriangle />} p="xs">
              {payment.ruleAmountVnd !== null && payment.ruleAmountVnd !== payment.amountVnd
                ? t('support.approve.overrideHint', { amount: formatMoney(payment.amountVnd), rule: formatMoney(payment.ruleAmountVnd) })
                : t('support.approve.overrideAskedHint')}
            </Alert>
            <Textarea label={t('support.approve.overrideReason')} required autoFocus autosize minRows={2} maxLength={1000} {...form.getInputProps('overrideReason')} />
          </>
        ) : (
          <Text size="sm">{t('support.approve.confirm', { amount: formatMoney(payment.amountVnd) })}</Text>
        )}
        <Refusal error={failure} />
        <Actions onClose={onClose} loading={approve.isPending} label={t('support.actions.approve')} />
      </Stack>
    </form>
  )
}

function CloseForm({ payment, action, onClose }: { payment: SupportPayment; action: 'reject' | 'cancel'; onClose: () => void }) {
  const { t } = useTranslation()
  const reject = useRejectPayment(payment.id)
  const cancel = useCancelPayment(payment.id)
  const mutation = action === 'reject' ? reject : cancel
  const [failure, setFailure] = useState<unknown>(null)
  const form = useForm({ initialValues: { reason: '' } })
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => {
        const body = check(ClosePaymentBody, { reason: values.reason.trim() }, form.setErrors)
        if (!body) return
        setFailure(null)
        mutation.mutate(body, {
          onSuccess: () => {
            notifySuccess(t(`support.done.${action}`, { amount: formatMoney(payment.amountVnd), name: payment.beneficiary.name }))
            onClose()
          },
          onError: (error) => {
            if (isApiError(error) && error.fieldErrors.length > 0) form.setErrors(problemToFormErrors(error.fieldErrors, currentLanguage()))
            setFailure(error)
          },
        })
      })}
    >
      <Stack>
        <Textarea
          label={t(action === 'reject' ? 'support.close.rejectReason' : 'support.close.cancelReason')}
          required
          autoFocus
          autosize
          minRows={2}
          maxLength={1000}
          {...form.getInputProps('reason')}
        />
        <Refusal error={failure} />
        <Actions onClose={onClose} loading={mutation.isPending} color="red" label={t(`support.actions.${action}`)} />
      </Stack>
    </form>
  )
}

function DisburseForm({ payment, onClose }: { payment: SupportPayment; onClose: () => void }) {
  const { t } = useTranslation()
  const disburse = useDisbursePayment(payment.id)
  const [key, setKey] = useState(() => randomKey())
  const [failure, setFailure] = useState<unknown>(null)
  const today = todayIso()
  const approvedOn = payment.approvedAt ? todayIso(new Date(payment.approvedAt)) : undefined
  const form = useForm({
    initialValues: { disbursedOn: today as string | null, method: 'bank_transfer' as 'bank_transfer' | 'cash', reference: '' },
  })
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => {
        const body = check(DisbursePaymentBody, defined({ disbursedOn: values.disbursedOn ?? undefined, method: values.method, reference: values.reference.trim() }), form.setErrors)
        if (!body) return
        setFailure(null)
        disburse.mutate(
          { body, key },
          {
            onSuccess: () => {
              notifySuccess(t('support.done.disburse', { amount: formatMoney(payment.amountVnd), name: payment.beneficiary.name }))
              onClose()
            },
            onError: (error) => {
              if (!isApiError(error) || error.status !== 0) setKey(randomKey())
              if (isApiError(error) && error.fieldErrors.length > 0) form.setErrors(problemToFormErrors(error.fieldErrors, currentLanguage()))
              setFailure(error)
            },
          },
        )
      })}
    >
      <Stack>
        <DateField
          label={t('support.disburse.date')}
          description={t('support.disburse.dateHint')}
          required
          clearable={false}
          minDate={approvedOn}
          maxDate={today}
          {...form.getInputProps('disbursedOn')}
        />
        <Radio.Group label={t('support.disburse.method')} required {...form.getInputProps('method')}>
          <Group gap="lg" mt={6}>
            <Radio value="bank_transfer" label={t('support.methods.bank_transfer')} />
            <Radio value="cash" label={t('support.methods.cash')} />
          </Group>
        </Radio.Group>
        <TextInput
          label={form.values.method === 'cash' ? t('support.disburse.receipt') : t('support.disburse.transaction')}
          required
          autoFocus
          autoComplete="off"
          maxLength={100}
          {...form.getInputProps('reference')}
        />
        <Refusal error={failure} />
        <Actions onClose={onClose} loading={disburse.isPending} color="teal" label={t('support.actions.disburse')} />
      </Stack>
    </form>
  )
}
