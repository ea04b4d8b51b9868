import { ActionIcon, Alert, Button, Card, Checkbox, Grid, Group, NumberInput, Radio, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core'
import { useForm, type UseFormReturnType } from '@mantine/form'
import { IconAlertTriangle, IconPlus, IconTrash } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import { Sectors } from '@liendoan/contracts'
import { DateField } from '../../components/date-field'
import { FormActions } from '../../components/form-actions'
import { StaleRecordAlert } from '../../components/stale-record-alert'
import { UnionSelect } from '../../components/union-select'
import { formatMoney } from '../../lib/format'
import { useGradeOptions } from './api/list-grades'
import { emptyGradeRow, periodProblem, type ProgramFormValues } from './program-body'
import { VND_INPUT } from '../../lib/vnd-input'

export function useProgramForm(initialValues: ProgramFormValues) {
  return useForm<ProgramFormValues>({ initialValues })
}

const WHOLE = { allowDecimal: false, allowNegative: false, thousandSeparator: '.', decimalSeparator: ',' } as const

interface ProgramFormProps {
  form: UseFormReturnType<ProgramFormValues>
  mode: 'create' | 'edit'
  /** Edit: the running union, shown but not changed. */
  unionName?: string
  /** Edit: approved + disbursed; the budget cannot go below it. */
  committedVnd?: number
  /** Edit: money has moved under the rules, so the API keeps them as they are. */
  rulesLocked?: boolean
  submitting: boolean
  staleError?: boolean
  onReload?: () => void
  onCancel: () => void
  onSubmit: (values: ProgramFormValues) => void
}

/**
 * A support programme: its legal basis, period, budget and union, and its rules as data (an
 * amount per agreement grade; amounts for a newly founded union and its organiser; hardship
 * support up to a cap). Tab moves in reading order, Enter in a text field saves.
 */
export function ProgramForm({ form, mode, unionName, committedVnd, rulesLocked, submitting, staleError, onReload, onCancel, onSubmit }: ProgramFormProps) {
  const { t } = useTranslation()
  const badPeriod = periodProblem(form.values)
  return (
    <form noValidate onSubmit={form.onSubmit(onSubmit)} data-testid="program-form">
      <Stack>
        {staleError && <StaleRecordAlert title={t('support.form.staleTitle')} onReload={onReload} />}
        <Card withBorder>
          <Title order={3} size="h5" mb="sm">
            {t('support.form.basisSection')}
          </Title>
          <Grid gutter="sm">
            <Grid.Col span={12}>
              <TextInput label={t('support.fields.name')} required autoFocus maxLength={300} autoComplete="off" {...form.getInputProps('name')} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6, md: 4 }}>
              <TextInput label={t('support.fields.decisionNumber')} placeholder="2312/QĐ-LĐLĐ" required maxLength={60} autoComplete="off" {...form.getInputProps('decisionNumber')} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6, md: 4 }}>
              <DateField label={t('support.fields.decisionDate')} required {...form.getInputProps('decisionDate')} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 4 }}>
              {mode === 'create' ? (
                <UnionSelect
                  label={t('support.fields.union')}
                  description={t('support.form.unionHint')}
                  placeholder={t('support.form.ownUnion')}
                  value={form.values.unionId}
                  onChange={(id) => form.setFieldValue('unionId', id)}
                  error={form.errors.unionId}
                />
              ) : (
                <TextInput label={t('support.fields.union')} value={unionName ?? ''} readOnly variant="filled" />
              )}
            </Grid.Col>
            <Grid.Col span={{ base: 6, md: 4 }}>
              <DateField label={t('support.fields.periodFrom')} required {...form.getInputProps('periodFrom')} />
            </Grid.Col>
            <Grid.Col span={{ base: 6, md: 4 }}>
              <DateField
                label={t('support.fields.periodTo')}
                required
                {...form.getInputProps('periodTo')}
                error={form.errors.periodTo ?? (badPeriod ? t('support.form.periodOrder') : undefined)}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 4 }}>
              <NumberInput
                label={t('support.figures.budget')}
                description={committedVnd ? t('support.form.budgetFloor', { amount: formatMoney(committedVnd) }) : undefined}
                required
                max={1_000_000_000_000}
                {...VND_INPUT}
                {...form.getInputProps('budgetVnd')}
              />
            </Grid.Col>
            <Grid.Col span={12}>
              <Textarea label={t('support.fields.description')} autosize minRows={2} maxLength={4000} {...form.getInputProps('description')} />
            </Grid.Col>
            {mode === 'edit' && (
              <Grid.Col span={12}>
                <Radio.Group label={t('support.fields.status')} description={t('support.form.statusHint')} {...form.getInputProps('status')}>
                  <Group gap="lg" mt={6}>
                    <Radio value="open" label={t('support.programStatuses.open')} />
                    <Radio value="closed" label={t('support.programStatuses.closed')} />
                  </Group>
                </Radio.Group>
              </Grid.Col>
            )}
          </Grid>
        </Card>
        <RulesEditor form={form} locked={!!rulesLocked} />
        <FormActions onCancel={onCancel} submitting={submitting} />
      </Stack>
    </form>
  )
}

function RulesEditor({ form, locked }: { form: UseFormReturnType<ProgramFormValues>; locked: boolean }) {
  const { t } = useTranslation()
  const grades = useGradeOptions()
  const rules = form.values.rules
  const rulesError = typeof form.errors.rules === 'string' ? form.errors.rules : null
  const gradeOptions = (grades.data ?? []).map((grade) => ({ value: grade.code, label: grade.name }))
  return (
    <Card withBorder data-testid="rules-editor">
      <Title order={3} size="h5">
        {t('support.fields.rules')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('support.form.rulesHint')}
      </Text>
      {locked && (
        <Alert color="blue" p="xs" mb="sm">
          {t('support.form.rulesLocked')}
        </Alert>
      )}
      {rulesError && (
        <Alert color="red" icon={<IconAlertTriangle />} p="xs" mb="sm" role="alert">
          {t('support.form.rulesRequired')}
        </Alert>
      )}
      <fieldset disabled={locked} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
        <Stack gap="md">
          <Card withBorder bg={rules.agreementGrade.enabled ? undefined : 'var(--mantine-color-gray-light)'}>
            <Checkbox label={t('support.form.agreementGradeRule')} {...form.getInputProps('rules.agreementGrade.enabled', { type: 'checkbox' })} />
            {rules.agreementGrade.enabled && (
              <Stack gap="xs" mt="sm">
                {rules.agreementGrade.amounts.map((row, index) => (
                  <Grid key={row.key} gutter="sm" align="flex-start" data-testid={`grade-row-${index}`}>
                    <Grid.Col span={{ base: 5, sm: 4 }}>
                      <Select
                        label={t('support.form.grade')}
                        required
                        searchable
                        data={gradeOptions.length > 0 ? gradeOptions : row.grade ? [{ value: row.grade, label: row.grade }] : []}
                        {...form.getInputProps(`rules.agreementGrade.amounts.${index}.grade`)}
                      />
                    </Grid.Col>
                    <Grid.Col span={{ base: 5, sm: 6 }}>
                      <NumberInput
                        label={t('support.form.amountPerAgreement')}
                        required
                        max={1_000_000_000_000}
                        {...VND_INPUT}
                        {...form.getInputProps(`rules.agreementGrade.amounts.${index}.amountVnd`)}
                      />
                    </Grid.Col>
                    <Grid.Col span={2} pt={32}>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        disabled={rules.agreementGrade.amounts.length <= 1}
                        aria-label={t('support.form.removeGrade', { index: index + 1 })}
                        onClick={() => form.removeListItem('rules.agreementGrade.amounts', index)}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Grid.Col>
                  </Grid>
                ))}
                <Group>
                  <Button
                    variant="light"
                    size="xs"
                    leftSection={<IconPlus size={14} />}
                    disabled={rules.agreementGrade.amounts.length >= 10}
                    onClick={() => form.insertListItem('rules.agreementGrade.amounts', emptyGradeRow())}
                  >
                    {t('support.form.addGrade')}
                  </Button>
                </Group>
              </Stack>
            )}
          </Card>

          <Card withBorder bg={rules.newUnion.enabled ? undefined : 'var(--mantine-color-gray-light)'}>
            <Checkbox label={t('support.form.newUnionRule')} {...form.getInputProps('rules.newUnion.enabled', { type: 'checkbox' })} />
            {rules.newUnion.enabled && (
              <Grid gutter="sm" mt="sm">
                <Grid.Col span={{ base: 12, sm: 6 }}>
                  <Select
                    label={t('support.form.sector')}
                    allowDeselect={false}
                    data={[
                      { value: 'any', label: t('support.form.anySector') },
                      ...Sectors.map((sector) => ({ value: sector, label: t(`union.sectors.${sector}`) })),
                    ]}
                    value={rules.newUnion.sector ?? 'any'}
                    onChange={(value) =>
                      form.setFieldValue('rules.newUnion.sector', value === 'state' || value === 'non_state' ? value : null)
                    }
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 12, sm: 6 }}>
                  <NumberInput label={t('support.form.minMembers')} required min={1} max={100_000} {...WHOLE} {...form.getInputProps('rules.newUnion.minMembers')} />
                </Grid.Col>
                <Grid.Col span={{ base: 12, sm: 6 }}>
                  <NumberInput label={t('support.form.unionAmount')} required max={1_000_000_000_000} {...VND_INPUT} {...form.getInputProps('rules.newUnion.unionAmountVnd')} />
                </Grid.Col>
                <Grid.Col span={{ base: 12, sm: 6 }}>
                  <NumberInput
                    label={t('support.form.organiserAmount')}
                    description={t('support.form.organiserAmountHint')}
                    max={1_000_000_000_000}
                    {...VND_INPUT}
                    {...form.getInputProps('rules.newUnion.organiserAmountVnd')}
                  />
                </Grid.Col>
              </Grid>
            )}
          </Card>

          <Card withBorder bg={rules.hardship.enabled ? undefined : 'var(--mantine-color-gray-light)'}>
            <Checkbox label={t('support.form.hardshipRule')} {...form.getInputProps('rules.hardship.enabled', { type: 'checkbox' })} />
            {rules.hardship.enabled && (
              <Grid gutter="sm" mt="sm">
                <Grid.Col span={{ base: 12, sm: 6 }}>
                  <NumberInput label={t('support.form.maxAmount')} required max={1_000_000_000_000} {...VND_INPUT} {...form.getInputProps('rules.hardship.maxAmountVnd')} />
                </Grid.Col>
                <Grid.Col span={{ base: 12, sm: 6 }}>
                  <NumberInput label={t('support.form.maxPerYear')} required min={1} max={12} {...WHOLE} {...form.getInputProps('rules.hardship.maxPerYear')} />
                </Grid.Col>
              </Grid>
            )}
          </Card>
        </Stack>
      </fieldset>
    </Card>
  )
}
