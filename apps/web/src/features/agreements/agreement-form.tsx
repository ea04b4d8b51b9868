import { useEffect, useRef } from 'react'
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Grid,
  Group,
  NumberInput,
  Radio,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
  type NumberInputProps,
} from '@mantine/core'
import { useForm, type UseFormReturnType } from '@mantine/form'
import { IconAlertTriangle, IconPlus, IconTrash } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import { MAX_AGREEMENT_TERM_YEARS, MIN_AGREEMENT_TERM_YEARS, favourableTermCount } from '@liendoan/contracts'
import { DateField } from '../../components/date-field'
import { FormActions } from '../../components/form-actions'
import { StaleRecordAlert } from '../../components/stale-record-alert'
import { UnionSelect } from '../../components/union-select'
import { VND_INPUT } from '../../lib/vnd-input'
import { useUnionDefaults, type UnionDefaults } from './api/get-union-defaults'
import { datesProblem, emptyAllowance, expiryAfterYears, formTerms, type AgreementFormValues } from './agreement-body'

export function useAgreementForm(initialValues: AgreementFormValues) {
  return useForm<AgreementFormValues>({ initialValues })
}


const WHOLE: Partial<NumberInputProps> = { allowDecimal: false, allowNegative: false, min: 0 }

interface AgreementFormProps {
  form: UseFormReturnType<AgreementFormValues>
  mode: 'create' | 'edit'
  /** Edit: the agreement is signed or later, so its dates can change (and are checked again). */
  signed?: boolean
  /** Edit: the union, shown but not changed. */
  unionName?: string
  submitting: boolean
  staleError?: boolean
  onReload?: () => void
  onCancel: () => void
  onSubmit: (values: AgreementFormValues) => void
}

/**
 * Registration and edit of an agreement. Tab moves in reading order, Enter in a text field saves;
 * the term rule (one to three years) is checked while the dates are typed, as the API checks it.
 */
export function AgreementForm({ form, mode, signed, unionName, submitting, staleError, onReload, onCancel, onSubmit }: AgreementFormProps) {
  const { t } = useTranslation()
  const showDates = mode === 'create' ? form.values.status === 'signed' : !!signed
  const problem = showDates ? datesProblem(form.values) : null
  const favourable = favourableTermCount(formTerms(form.values))
  const union = useUnionDefaults(mode === 'create' ? form.values.unionId : null)
  useUnionEmployerDefaults(form, union.data)
  const notGrassroots = mode === 'create' && union.data && !union.data.isGrassroots

  return (
    <form noValidate onSubmit={form.onSubmit(onSubmit)} data-testid="agreement-form">
      <Stack>
        {staleError && <StaleRecordAlert title={t('agreementForm.staleTitle')} onReload={onReload} />}
        <Card withBorder>
          <Title order={3} size="h5" mb="sm">
            {t('agreementForm.partiesSection')}
          </Title>
          <Grid gutter="sm">
            <Grid.Col span={{ base: 12, md: 6 }}>
              {mode === 'create' ? (
                <UnionSelect
                  label={t('agreement.fields.union')}
                  description={t('agreementForm.unionHint')}
                  placeholder={t('pickers.grassrootsPlaceholder')}
                  required
                  grassrootsOnly
                  autoFocus={!form.values.unionId}
                  value={form.values.unionId}
                  onChange={(id) => form.setFieldValue('unionId', id)}
                  error={form.errors.unionId ?? (notGrassroots ? t('agreementForm.notGrassroots') : undefined)}
                  data-testid="agreement-union"
                />
              ) : (
                <TextInput label={t('agreement.fields.union')} value={unionName ?? ''} readOnly variant="filled" />
              )}
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 6 }}>
              <TextInput
                label={t('agreement.fields.employerName')}
                description={mode === 'create' ? t('agreementForm.employerHint') : undefined}
                autoComplete="off"
                required
                maxLength={255}
                {...form.getInputProps('employerName')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 6 }}>
              <TextInput
                label={t('agreement.fields.title')}
                required
                maxLength={300}
                autoFocus={mode === 'edit' || !!form.values.unionId}
                autoComplete="off"
                {...form.getInputProps('title')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 6, md: 3 }}>
              <TextInput
                label={t('agreement.fields.employerTaxCode')}
                maxLength={14}
                inputMode="numeric"
                {...form.getInputProps('employerTaxCode')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 6, md: 3 }}>
              <NumberInput
                label={t('agreement.fields.workersCovered')}
                required
                max={1_000_000}
                thousandSeparator="."
                decimalSeparator=","
                {...WHOLE}
                {...form.getInputProps('workersCovered')}
              />
            </Grid.Col>
          </Grid>
        </Card>

        <Card withBorder>
          <Title order={3} size="h5" mb="sm">
            {t('agreementForm.statusSection')}
          </Title>
          <Stack gap="sm">
            {mode === 'create' && (
              <Radio.Group label={t('agreementForm.initialStatus')} description={t('agreementForm.statusHint')} {...form.getInputProps('status')}>
                <Group gap="lg" mt={6}>
                  <Radio value="signed" label={t('agreementForm.statusSigned')} />
                  <Radio value="negotiating" label={t('agreementForm.statusNegotiating')} />
                </Group>
              </Radio.Group>
            )}
            {showDates ? (
              <>
                <Grid gutter="sm">
                  <Grid.Col span={{ base: 12, sm: 4 }}>
                    <DateField label={t('agreement.fields.signedOn')} required {...form.getInputProps('signedOn')} />
                  </Grid.Col>
                  <Grid.Col span={{ base: 12, sm: 4 }}>
                    <DateField label={t('agreement.fields.effectiveOn')} required {...form.getInputProps('effectiveOn')} />
                  </Grid.Col>
                  <Grid.Col span={{ base: 12, sm: 4 }}>
                    <DateField label={t('agreement.fields.expiresOn')} required {...form.getInputProps('expiresOn')} />
                  </Grid.Col>
                </Grid>
                {form.values.effectiveOn && (
                  <Group gap="xs">
                    <Text size="sm" c="dimmed">
                      {t('agreementForm.fillTermHint')}
                    </Text>
                    {Array.from({ length: MAX_AGREEMENT_TERM_YEARS - MIN_AGREEMENT_TERM_YEARS + 1 }, (_, index) => MIN_AGREEMENT_TERM_YEARS + index).map(
                      (years) => (
                        <Button
                          key={years}
                          size="compact-xs"
                          variant="light"
                          onClick={() => form.values.effectiveOn && form.setFieldValue('expiresOn', expiryAfterYears(form.values.effectiveOn, years))}
                        >
                          {t('agreementForm.fillTerm', { count: years })}
                        </Button>
                      ),
                    )}
                  </Group>
                )}
                {problem && (
                  <Alert color="yellow" icon={<IconAlertTriangle />} p="xs" role="status" data-testid="dates-warning">
                    {t(`agreement.datesProblems.${problem}`)}
                  </Alert>
                )}
              </>
            ) : (
              <Text size="sm" c="dimmed">
                {t('agreementForm.datesAfterSigning')}
              </Text>
            )}
          </Stack>
        </Card>

        <Card withBorder>
          <Group justify="space-between" mb="xs">
            <Title order={3} size="h5">
              {t('agreementForm.termsSection')}
            </Title>
            <Badge variant="light" color={favourable > 0 ? 'teal' : 'gray'} data-testid="favourable-count">
              {t('agreementForm.favourableCount', { count: favourable })}
            </Badge>
          </Group>
          <Text size="sm" c="dimmed" mb="sm">
            {t('agreementForm.termsHint')}
          </Text>
          <Grid gutter="sm">
            <Grid.Col span={{ base: 12, sm: 6, md: 4 }}>
              <NumberInput label={`${t('agreement.terms.wageAboveMinimumPercent')} (%)`} max={500} suffix="%" {...WHOLE} {...form.getInputProps('wageAboveMinimumPercent')} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6, md: 4 }}>
              <NumberInput label={`${t('agreement.terms.annualRaisePercent')} (%)`} max={100} suffix="%" {...WHOLE} {...form.getInputProps('annualRaisePercent')} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6, md: 4 }}>
              <NumberInput
                label={`${t('agreement.terms.tetBonusMonths')} (${t('agreementForm.unitMonths')})`}
                min={0}
                max={24}
                step={0.5}
                decimalScale={1}
                decimalSeparator=","
                allowNegative={false}
                suffix={t('agreementForm.monthsSuffix')}
                {...form.getInputProps('tetBonusMonths')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6, md: 4 }}>
              <NumberInput label={`${t('agreement.terms.mealAllowanceVnd')} (${t('agreementForm.unitVnd')})`} max={1_000_000_000_000} {...VND_INPUT} {...form.getInputProps('mealAllowanceVnd')} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6, md: 4 }}>
              <NumberInput
                label={`${t('agreement.terms.extraLeaveDays')} (${t('agreementForm.unitDays')})`}
                max={60}
                suffix={t('agreementForm.daysSuffix')}
                {...WHOLE}
                {...form.getInputProps('extraLeaveDays')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6, md: 4 }}>
              <NumberInput
                label={`${t('agreement.terms.healthCheckupsPerYear')} (${t('agreementForm.unitTimes')})`}
                max={12}
                suffix={t('agreementForm.timesSuffix')}
                {...WHOLE}
                {...form.getInputProps('healthCheckupsPerYear')}
              />
            </Grid.Col>
            <Grid.Col span={12}>
              <Checkbox label={t('agreement.terms.extraInsurance')} {...form.getInputProps('extraInsurance', { type: 'checkbox' })} />
            </Grid.Col>
          </Grid>

          <Text size="sm" fw={500} mt="md" mb={4}>
            {t('agreement.terms.allowances')}
          </Text>
          <Stack gap="xs">
            {form.values.allowances.map((row, index) => (
              <Grid key={row.key} gutter="sm" align="flex-start" data-testid={`allowance-row-${index}`}>
                <Grid.Col span={{ base: 12, sm: 6 }}>
                  <TextInput
                    label={`${t('agreement.terms.allowanceName')} ${index + 1}`}
                    required
                    maxLength={200}
                    {...form.getInputProps(`allowances.${index}.name`)}
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 10, sm: 5 }}>
                  <NumberInput
                    label={t('agreement.terms.allowanceAmount')}
                    required
                    max={1_000_000_000}
                    {...VND_INPUT}
                    {...form.getInputProps(`allowances.${index}.amountVnd`)}
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 2, sm: 1 }} pt={32}>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t('agreementForm.removeAllowance', { index: index + 1 })}
                    onClick={() => form.removeListItem('allowances', index)}
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                </Grid.Col>
              </Grid>
            ))}
            {typeof form.errors.allowances === 'string' && (
              <Text size="sm" c="red" role="alert">
                {form.errors.allowances}
              </Text>
            )}
            <Group>
              <Button
                variant="light"
                size="xs"
                leftSection={<IconPlus size={14} />}
                disabled={form.values.allowances.length >= 30}
                onClick={() => form.insertListItem('allowances', emptyAllowance())}
              >
                {t('agreementForm.addAllowance')}
              </Button>
            </Group>
          </Stack>
        </Card>

        <Card withBorder>
          <Title order={3} size="h5" mb="sm">
            {t('agreementForm.otherSection')}
          </Title>
          <Stack gap="sm">
            <Textarea label={t('agreement.terms.otherTerms')} autosize minRows={3} maxLength={20000} {...form.getInputProps('otherTerms')} />
            <Textarea label={t('agreement.fields.notes')} autosize minRows={2} maxLength={4000} {...form.getInputProps('notes')} />
          </Stack>
        </Card>
        <FormActions onCancel={onCancel} submitting={submitting} />
      </Stack>
    </form>
  )
}

/**
 * When a union is picked on a new agreement, the employer and the number of workers come from
 * its record, unless the person already typed them (or they came with the page).
 */
function useUnionEmployerDefaults(form: UseFormReturnType<AgreementFormValues>, data: UnionDefaults | undefined) {
  const applied = useRef<string | null>(null)
  const { setFieldValue, values } = form
  const unionId = values.unionId
  useEffect(() => {
    if (!data || data.id !== unionId || applied.current === data.id) return
    const previous = applied.current
    applied.current = data.id
    // Replace what an earlier union filled in; keep what the person typed.
    const typedEmployer = values.employerName.trim() !== '' && previous === null
    if (!typedEmployer && data.employerName) setFieldValue('employerName', data.employerName)
    if (!typedEmployer) setFieldValue('employerTaxCode', data.employerTaxCode ?? '')
    if ((values.workersCovered === '' || previous !== null) && data.workersEmployed) setFieldValue('workersCovered', data.workersEmployed)
  }, [data, unionId, setFieldValue, values.employerName, values.workersCovered])
}
