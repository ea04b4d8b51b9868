import { Grid, Modal, SegmentedControl, Select, Stack, Text, Textarea } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useTranslation } from 'react-i18next'
import { CreateTargetBody, isShareMetric, type TargetMetricKind } from '@liendoan/contracts'
import { isApiError } from '../../api/api-error'
import { DateField } from '../../components/date-field'
import { FormActions } from '../../components/form-actions'
import { UnionSelect } from '../../components/union-select'
import { applyProblemToForm, checkBody } from '../../lib/form-errors'
import { notifyError, notifySuccess } from '../../lib/notify'
import { metricLabel } from '../../lib/target-figures'
import { currentLanguage } from '../../i18n'
import { useCurrentUser } from '../../app/session'
import { useCreateTarget } from './api/create-target'
import { useTargetMetrics } from './api/list-metrics'
import { SECTOR_CHOICES, TARGET_FORM_FIELDS, emptyTargetForm, metricKind, shareAbove100, toCreateBody, type TargetFormValues } from './target-body'
import { TargetValueInput } from './target-value-input'

/** Years offered for a target: a few back (late assignments) and a congress term ahead. */
export function yearChoices(current: number): string[] {
  return Array.from({ length: 9 }, (_, index) => String(current - 3 + index))
}

/**
 * "Giao chỉ tiêu": an upper union assigns a figure on a metric to a unit below it, for a year or a
 * range of days (a congress term); share metrics may be for one sector.
 */
export function TargetCreateModal({ year, onClose }: { year: number; onClose: () => void }) {
  const { t } = useTranslation()
  const user = useCurrentUser()
  const metrics = useTargetMetrics()
  const create = useCreateTarget()
  const form = useForm<TargetFormValues>({ initialValues: emptyTargetForm(year) })
  const { values } = form
  const kind: TargetMetricKind | null = values.metric ? metricKind(values.metric) : null
  const language = currentLanguage()
  const metricOptions = (metrics.data?.items ?? []).map((item) => ({ value: item.code, label: language === 'en' ? item.labelEn : item.label }))

  const submit = (formValues: TargetFormValues) => {
    const checked = checkBody(CreateTargetBody, toCreateBody(formValues), language)
    const errors = checked.ok ? {} : { ...checked.errors }
    if (shareAbove100(formValues, kind)) errors.targetValue = t('targets.form.shareMax')
    if (!checked.ok || Object.keys(errors).length > 0) return form.setErrors(errors)
    create.mutate(checked.value, {
      onSuccess: (target) => {
        notifySuccess(t('targets.created', { metric: metricLabel(target.metric, language), unit: target.unit.name }))
        onClose()
      },
      onError: (error) => {
        if (isApiError(error) && error.status === 409) return form.setErrors({ metric: t('targets.form.duplicate') })
        if (isApiError(error) && error.fieldErrors.length > 0) {
          const rest = applyProblemToForm(error.fieldErrors, TARGET_FORM_FIELDS, form.setErrors, language)
          if (Object.keys(rest).length === 0) return
        }
        notifyError(error, t)
      },
    })
  }

  return (
    <Modal opened onClose={onClose} title={t('targets.form.createTitle')} size="lg">
      <form noValidate onSubmit={form.onSubmit(submit)} data-testid="target-form">
        <Stack>
          <Select
            label={t('targets.fields.metric')}
            required
            searchable
            data={metricOptions}
            nothingFoundMessage={metrics.isPending ? t('app.loading') : undefined}
            data-autofocus
            {...form.getInputProps('metric')}
            onChange={(value) => {
              form.setFieldValue('metric', (value as TargetFormValues['metric']) ?? null)
              if (!value || !isShareMetric(value as NonNullable<TargetFormValues['metric']>)) form.setFieldValue('sector', null)
            }}
          />
          {/* The API words the definitions in English (they document the OpenAPI too). */}
          {values.metric && language === 'en' && (
            <Text size="xs" c="dimmed" mt={-8}>
              {metrics.data?.items.find((item) => item.code === values.metric)?.definition}
            </Text>
          )}
          <UnionSelect
            label={t('targets.fields.unit')}
            description={t('targets.form.unitHint')}
            required
            excludeIds={[user.unionId]}
            value={values.unitId}
            onChange={(id) => form.setFieldValue('unitId', id)}
            error={form.errors.unitId}
          />
          <div>
            <Text size="sm" fw={500} mb={4} id="target-period-kind">
              {t('targets.form.periodKind')}
            </Text>
            <SegmentedControl
              aria-labelledby="target-period-kind"
              value={values.periodKind}
              onChange={(value) => form.setFieldValue('periodKind', value === 'range' ? 'range' : 'year')}
              data={[
                { value: 'year', label: t('targets.form.byYear') },
                { value: 'range', label: t('targets.form.byRange') },
              ]}
            />
          </div>
          {values.periodKind === 'year' ? (
            <Select
              label={t('targets.fields.year')}
              required
              allowDeselect={false}
              data={yearChoices(year)}
              value={String(values.year)}
              onChange={(value) => form.setFieldValue('year', value ? Number(value) : '')}
              error={form.errors.year}
            />
          ) : (
            <Grid gutter="sm">
              <Grid.Col span={6}>
                <DateField label={t('targets.fields.periodFrom')} required {...form.getInputProps('periodFrom')} />
              </Grid.Col>
              <Grid.Col span={6}>
                <DateField label={t('targets.fields.periodTo')} required {...form.getInputProps('periodTo')} />
              </Grid.Col>
            </Grid>
          )}
          <Grid gutter="sm">
            <Grid.Col span={{ base: 12, sm: kind === 'share' ? 6 : 12 }}>
              <TargetValueInput kind={kind ?? 'count'} required {...form.getInputProps('targetValue')} />
            </Grid.Col>
            {kind === 'share' && (
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <Select
                  label={t('targets.fields.sector')}
                  allowDeselect={false}
                  data={SECTOR_CHOICES.map((sector) => ({ value: sector ?? 'all', label: sector ? t(`union.sectors.${sector}`) : t('targets.allSectors') }))}
                  value={values.sector ?? 'all'}
                  onChange={(value) => form.setFieldValue('sector', value === 'state' || value === 'non_state' ? value : null)}
                  error={form.errors.sector}
                />
              </Grid.Col>
            )}
          </Grid>
          <Textarea label={t('targets.fields.note')} autosize minRows={2} maxLength={2000} {...form.getInputProps('note')} />
          <FormActions onCancel={onClose} submitting={create.isPending} />
        </Stack>
      </form>
    </Modal>
  )
}
