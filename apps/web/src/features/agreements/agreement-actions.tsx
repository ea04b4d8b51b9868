import type { ReactNode } from 'react'
import { Alert, Button, Grid, Group, Modal, NumberInput, Radio, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core'
import { useForm, type GetInputPropsReturnType } from '@mantine/form'
import { IconAlertTriangle } from '@tabler/icons-react'
import { useNavigate } from 'react-router'
import { useTranslation } from 'react-i18next'
import {
  BringIntoForceBody,
  GradeAgreementBody,
  RegisterAgreementBody,
  RenewAgreementBody,
  SignAgreementBody,
  TerminateAgreementBody,
  validationMessage,
  type Agreement,
} from '@liendoan/contracts'
import type { TFunction } from 'i18next'
import type { TSchema } from 'typebox'
import { isApiError } from '../../api/api-error'
import { DateField } from '../../components/date-field'
import { checkBody, problemToFormErrors } from '../../lib/form-errors'
import { formatDate, todayIso } from '../../lib/format'
import { notifyError, notifySuccess } from '../../lib/notify'
import { currentLanguage } from '../../i18n'
import { paths } from '../../app/paths'
import { useBringIntoForce } from './api/bring-into-force'
import { useAgreementGrades } from './api/list-agreement-grades'
import { useGradeAgreement } from './api/grade-agreement'
import { useRegisterAgreement } from './api/register-agreement'
import { useRenewAgreement } from './api/renew-agreement'
import { useSignAgreement } from './api/sign-agreement'
import { useTerminateAgreement } from './api/terminate-agreement'
import { datesProblem, datesProblemField, expiryAfterYears, missingDates } from './agreement-body'
import { suggestedGrade } from './agreement-rules'

/** The transitions that open a small form; editing is a page, documents a tab. */
export type ModalAction = 'sign' | 'register' | 'bringIntoForce' | 'grade' | 'renew' | 'terminate'

export function AgreementActionModal({ agreement, action, onClose }: { agreement: Agreement; action: ModalAction; onClose: () => void }) {
  const { t } = useTranslation()
  const forms: Record<ModalAction, ReactNode> = {
    sign: <SignForm agreement={agreement} onClose={onClose} />,
    register: <RegisterForm agreement={agreement} onClose={onClose} />,
    bringIntoForce: <BringIntoForceForm agreement={agreement} onClose={onClose} />,
    grade: <GradeForm agreement={agreement} onClose={onClose} />,
    renew: <RenewForm agreement={agreement} onClose={onClose} />,
    terminate: <TerminateForm agreement={agreement} onClose={onClose} />,
  }
  return (
    <Modal opened onClose={onClose} title={t(`agreementDetail.titles.${action}`)} size={action === 'grade' || action === 'renew' ? 'lg' : 'md'}>
      {forms[action]}
    </Modal>
  )
}

/** Validates a modal's body with the contract schema; puts the messages on the inputs, or returns the typed body. */
function useChecked<V extends Record<string, unknown>>(initialValues: V) {
  const form = useForm<V>({ initialValues })
  const check = <T extends TSchema>(schema: T, body: unknown, extra: Record<string, string> = {}) => {
    const checked = checkBody(schema, body, currentLanguage())
    const errors = { ...(checked.ok ? {} : checked.errors), ...extra }
    if (!checked.ok || Object.keys(errors).length > 0) {
      form.setErrors(errors)
      return null
    }
    return checked.value
  }
  return { form, check }
}

/** What a refused transition does: field errors on the inputs, else a notification. */
function useFailure(setErrors: (errors: Record<string, string>) => void) {
  const { t } = useTranslation()
  return (error: unknown) => {
    if (isApiError(error) && error.fieldErrors.length > 0) setErrors(problemToFormErrors(error.fieldErrors, currentLanguage()))
    notifyError(error, t)
  }
}

interface StepMutation<B, R> {
  mutate: (body: B, options: { onSuccess: (result: R) => void; onError: (error: unknown) => void }) => void
}

/**
 * Sends a checked body (nothing when the check failed): on success a notice and the modal closes;
 * a refusal puts its field errors on the inputs.
 */
function useStepSender(setErrors: (errors: Record<string, string>) => void, onClose: () => void) {
  const fail = useFailure(setErrors)
  return <B, R>(body: B | null, mutation: StepMutation<B, R>, done: (result: R) => string) => {
    if (!body) return
    mutation.mutate(body, {
      onSuccess: (result) => {
        notifySuccess(done(result))
        onClose()
      },
      onError: fail,
    })
  }
}

function Actions({ onClose, loading, color, label }: { onClose: () => void; loading: boolean; color?: string; label?: string }) {
  const { t } = useTranslation()
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onClose}>
        {t('app.cancel')}
      </Button>
      <Button type="submit" loading={loading} color={color} data-testid="action-submit">
        {label ?? t('app.confirm')}
      </Button>
    </Group>
  )
}

const withValue = (entries: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== null && value !== '' && value !== undefined))

type DateField3 = 'signedOn' | 'effectiveOn' | 'expiresOn'
type DateValues = Record<DateField3, string | null>

/** The three dates, with the term rule checked while typing and one-click terms of 1 to 3 years. */
function TermDates({
  values,
  inputProps,
  setExpiresOn,
}: {
  values: DateValues
  inputProps: (field: DateField3) => GetInputPropsReturnType
  setExpiresOn: (value: string) => void
}) {
  const { t } = useTranslation()
  const problem = datesProblem(values)
  return (
    <>
      <Grid gutter="sm">
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <DateField label={t('agreement.fields.signedOn')} required autoFocus {...inputProps('signedOn')} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <DateField label={t('agreement.fields.effectiveOn')} required {...inputProps('effectiveOn')} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <DateField label={t('agreement.fields.expiresOn')} required {...inputProps('expiresOn')} />
        </Grid.Col>
      </Grid>
      {values.effectiveOn && (
        <Group gap="xs">
          <Text size="sm" c="dimmed">
            {t('agreementForm.fillTermHint')}
          </Text>
          {[1, 2, 3].map((years) => (
            <Button key={years} size="compact-xs" variant="light" onClick={() => values.effectiveOn && setExpiresOn(expiryAfterYears(values.effectiveOn, years))}>
              {t('agreementForm.fillTerm', { count: years })}
            </Button>
          ))}
        </Group>
      )}
      {problem && (
        <Alert color="yellow" icon={<IconAlertTriangle />} p="xs" role="status" data-testid="dates-warning">
          {t(`agreement.datesProblems.${problem}`)}
        </Alert>
      )}
    </>
  )
}

/** The term rule as errors on the date inputs (the API refuses the same dates). */
function dateRuleErrors(values: DateValues, t: TFunction): Record<string, string> {
  const errors: Record<string, string> = Object.fromEntries(missingDates(values).map((field) => [field, validationMessage('required', {}, currentLanguage())]))
  const problem = datesProblem(values)
  if (!problem) return errors
  const message: string = t(`agreement.datesProblems.${problem}`)
  return { ...errors, [datesProblemField(problem)]: message }
}

function SignForm({ agreement, onClose }: { agreement: Agreement; onClose: () => void }) {
  const { t } = useTranslation()
  const sign = useSignAgreement(agreement.id)
  const { form, check } = useChecked({
    signedOn: todayIso() as string | null,
    effectiveOn: null as string | null,
    expiresOn: null as string | null,
    workersCovered: agreement.workersCovered as number | '',
  })
  const send = useStepSender(form.setErrors, onClose)
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => {
        send(check(SignAgreementBody, withValue(values), dateRuleErrors(values, t)), sign, () => t('agreementDetail.done.sign'))
      })}
    >
      <Stack>
        <TermDates values={form.values} inputProps={(field) => form.getInputProps(field)} setExpiresOn={(value) => form.setFieldValue('expiresOn', value)} />
        <NumberInput
          label={t('agreement.fields.workersCovered')}
          required
          min={1}
          max={1_000_000}
          allowDecimal={false}
          allowNegative={false}
          thousandSeparator="."
          decimalSeparator=","
          {...form.getInputProps('workersCovered')}
        />
        <Actions onClose={onClose} loading={sign.isPending} label={t('agreementDetail.actions.sign')} />
      </Stack>
    </form>
  )
}

function RegisterForm({ agreement, onClose }: { agreement: Agreement; onClose: () => void }) {
  const { t } = useTranslation()
  const register = useRegisterAgreement(agreement.id)
  const { form, check } = useChecked({ registeredOn: todayIso() as string | null, registrationNumber: '' })
  const send = useStepSender(form.setErrors, onClose)
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => {
        send(check(RegisterAgreementBody, withValue({ ...values, registrationNumber: values.registrationNumber.trim() })), register, () => t('agreementDetail.done.register'))
      })}
    >
      <Stack>
        <DateField label={t('agreement.fields.registeredOn')} required autoFocus {...form.getInputProps('registeredOn')} />
        <TextInput label={t('agreement.fields.registrationNumber')} maxLength={60} {...form.getInputProps('registrationNumber')} />
        <Actions onClose={onClose} loading={register.isPending} label={t('agreementDetail.actions.register')} />
      </Stack>
    </form>
  )
}

function BringIntoForceForm({ agreement, onClose }: { agreement: Agreement; onClose: () => void }) {
  const { t } = useTranslation()
  const bring = useBringIntoForce(agreement.id)
  const { form, check } = useChecked({ inForceOn: agreement.effectiveOn })
  const send = useStepSender(form.setErrors, onClose)
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => {
        send(check(BringIntoForceBody, withValue(values)), bring, () => t('agreementDetail.done.bringIntoForce'))
      })}
    >
      <Stack>
        <Text size="sm">
          {agreement.title} · {formatDate(agreement.effectiveOn)} – {formatDate(agreement.expiresOn)}
        </Text>
        <DateField
          label={t('agreement.fields.inForceOn')}
          description={t('agreementDetail.inForceOnHint')}
          autoFocus
          minDate={agreement.effectiveOn ?? undefined}
          maxDate={todayIso()}
          {...form.getInputProps('inForceOn')}
        />
        <Actions onClose={onClose} loading={bring.isPending} label={t('agreementDetail.actions.bringIntoForce')} />
      </Stack>
    </form>
  )
}

function TerminateForm({ agreement, onClose }: { agreement: Agreement; onClose: () => void }) {
  const { t } = useTranslation()
  const terminate = useTerminateAgreement(agreement.id)
  const { form, check } = useChecked({ terminatedOn: todayIso() as string | null, reason: '' })
  const send = useStepSender(form.setErrors, onClose)
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => {
        send(check(TerminateAgreementBody, withValue({ ...values, reason: values.reason.trim() })), terminate, () => t('agreementDetail.done.terminate'))
      })}
    >
      <Stack>
        <DateField label={t('agreementDetail.terminatedOn')} required {...form.getInputProps('terminatedOn')} />
        <Textarea label={t('agreementDetail.reason')} required autoFocus autosize minRows={2} maxLength={1000} {...form.getInputProps('reason')} />
        <Actions onClose={onClose} loading={terminate.isPending} color="red" label={t('agreementDetail.actions.terminate')} />
      </Stack>
    </form>
  )
}

/** The grade, with each grade's criteria beside the agreement's favourable-term count. */
function GradeForm({ agreement, onClose }: { agreement: Agreement; onClose: () => void }) {
  const { t } = useTranslation()
  const grades = useAgreementGrades()
  const gradeIt = useGradeAgreement(agreement.id)
  const suggestion = suggestedGrade(grades.data ?? [], agreement.favourableTerms)
  const { form, check } = useChecked({
    grade: (agreement.grade?.code ?? null) as string | null,
    assessedOn: todayIso() as string | null,
    note: agreement.grade?.note ?? '',
  })
  const send = useStepSender(form.setErrors, onClose)
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => {
        const body = check(GradeAgreementBody, withValue({ ...values, note: values.note.trim() }))
        send(body, gradeIt, (saved) => t('agreementDetail.done.grade', { grade: saved.grade?.name ?? body?.grade }))
      })}
    >
      <Stack>
        <Alert color="blue" p="xs" data-testid="grade-favourable">
          <Text size="sm">{t('agreementDetail.favourableOfAgreement', { count: agreement.favourableTerms })}</Text>
          {suggestion && (
            <Text size="sm" fw={500}>
              {t('agreementDetail.suggested', { grade: suggestion.name })}
            </Text>
          )}
        </Alert>
        <Radio.Group label={t('agreementDetail.gradeCriteria')} required {...form.getInputProps('grade')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs" spacing="xs">
            {(grades.data ?? []).map((grade) => (
              <Radio.Card key={grade.code} value={grade.code} p="sm" radius="sm" data-grade-option={grade.code} aria-label={grade.name}>
                <Group wrap="nowrap" align="flex-start" gap="sm">
                  <Radio.Indicator />
                  <div>
                    <Text fw={600} size="sm">
                      {grade.name}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t('agreementDetail.minTerms', { count: grade.minFavourableTerms })}
                    </Text>
                    <Text size="xs" mt={4}>
                      {grade.criteria}
                    </Text>
                  </div>
                </Group>
              </Radio.Card>
            ))}
          </SimpleGrid>
        </Radio.Group>
        <Grid gutter="sm">
          <Grid.Col span={{ base: 12, sm: 5 }}>
            <DateField label={t('agreementDetail.assessedOn')} maxDate={todayIso()} {...form.getInputProps('assessedOn')} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 7 }}>
            <Textarea label={t('agreement.fields.gradeNote')} autosize minRows={1} maxLength={2000} {...form.getInputProps('note')} />
          </Grid.Col>
        </Grid>
        <Actions onClose={onClose} loading={gradeIt.isPending} label={t('agreementDetail.actions.grade')} />
      </Stack>
    </form>
  )
}

/** The agreement that renews this one: same union and employer, terms copied by the API. */
function RenewForm({ agreement, onClose }: { agreement: Agreement; onClose: () => void }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const renew = useRenewAgreement(agreement.id)
  const nextStart = agreement.expiresOn ? nextDay(agreement.expiresOn) : null
  const { form, check } = useChecked({
    title: agreement.title,
    status: 'negotiating' as 'negotiating' | 'signed',
    signedOn: null as string | null,
    effectiveOn: nextStart,
    expiresOn: nextStart ? expiryAfterYears(nextStart, 3) : null,
    workersCovered: agreement.workersCovered as number | '',
  })
  const fail = useFailure(form.setErrors)
  const signed = form.values.status === 'signed'
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => {
        const { signedOn, effectiveOn, expiresOn, ...rest } = values
        const raw = withValue({ ...rest, title: values.title.trim(), ...(signed ? { signedOn, effectiveOn, expiresOn } : {}) })
        const body = check(RenewAgreementBody, raw, signed ? dateRuleErrors(values, t) : {})
        if (!body) return
        renew.mutate(body, {
          onSuccess: ({ data }) => {
            notifySuccess(t('agreementDetail.done.renew'))
            onClose()
            void navigate(paths.agreement(data.id))
          },
          onError: fail,
        })
      })}
    >
      <Stack>
        <Text size="sm" c="dimmed">
          {t('agreementDetail.renewHint')}
        </Text>
        <TextInput label={t('agreementDetail.newTitle')} required autoFocus maxLength={300} {...form.getInputProps('title')} />
        <Radio.Group label={t('agreementForm.initialStatus')} {...form.getInputProps('status')}>
          <Group gap="lg" mt={6}>
            <Radio value="negotiating" label={t('agreementForm.statusNegotiating')} />
            <Radio value="signed" label={t('agreementForm.statusSigned')} />
          </Group>
        </Radio.Group>
        {signed && <TermDates values={form.values} inputProps={(field) => form.getInputProps(field)} setExpiresOn={(value) => form.setFieldValue('expiresOn', value)} />}
        <NumberInput
          label={t('agreement.fields.workersCovered')}
          min={1}
          max={1_000_000}
          allowDecimal={false}
          allowNegative={false}
          thousandSeparator="."
          decimalSeparator=","
          {...form.getInputProps('workersCovered')}
        />
        <Actions onClose={onClose} loading={renew.isPending} label={t('agreementDetail.actions.renew')} />
      </Stack>
    </form>
  )
}

function nextDay(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`)
  date.setUTCDate(date.getUTCDate() + 1)
  return date.toISOString().slice(0, 10)
}
