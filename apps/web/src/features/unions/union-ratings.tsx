import { useState } from 'react'
import { Badge, Button, Card, Group, NumberInput, Select, Stack, Table, Text, Textarea, Title } from '@mantine/core'
import { useForm } from '@mantine/form'
import { IconPlus } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import { SetRatingBody, type Union } from '@liendoan/contracts'
import { isApiError } from '../../api/api-error'
import { EmptyState } from '../../components/empty-state'
import { QueryError } from '../../components/query-error'
import { applyProblemToForm, validateBody } from '../../lib/form-errors'
import { formatDateTime } from '../../lib/format'
import { notifyError, notifySuccess } from '../../lib/notify'
import { currentLanguage } from '../../i18n'
import { useUnionRatings } from './api/get-ratings'
import { scaleForYear, useRatingScales } from './api/get-rating-scales'
import { useRateUnion } from './api/rate-union'
import { SkeletonRows } from '../../components/skeleton-rows'

export function UnionRatings({ union, canRate }: { union: Union; canRate: boolean }) {
  const { t } = useTranslation()
  const ratings = useUnionRatings(union.id)
  const [adding, setAdding] = useState(false)

  if (ratings.isError) return <QueryError error={ratings.error} onRetry={() => void ratings.refetch()} />
  const items = [...(ratings.data?.items ?? [])].sort((a, b) => b.year - a.year || b.ratedAt.localeCompare(a.ratedAt))

  return (
    <Stack>
      {canRate && !adding && (
        <Group>
          <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
            {t('ratings.add')}
          </Button>
        </Group>
      )}
      {canRate && adding && <RatingForm union={union} onDone={() => setAdding(false)} />}
      <Card withBorder p={0}>
        <Table.ScrollContainer minWidth={640}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('ratings.year')}</Table.Th>
                <Table.Th>{t('ratings.grade')}</Table.Th>
                <Table.Th>{t('ratings.note')}</Table.Th>
                <Table.Th>{t('ratings.ratedBy')}</Table.Th>
                <Table.Th>{t('ratings.ratedAt')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {ratings.isPending
                ? <SkeletonRows rows={3} columns={5} />
                : items.map((rating) => (
                    <Table.Tr key={rating.id} c={rating.supersededAt ? 'dimmed' : undefined}>
                      <Table.Td>{rating.year}</Table.Td>
                      <Table.Td>
                        <Group gap={6}>
                          <Text size="sm" td={rating.supersededAt ? 'line-through' : undefined}>
                            {rating.gradeLabel}
                          </Text>
                          {rating.isStrong && !rating.supersededAt && (
                            <Badge size="xs" color="teal" variant="light">
                              {t('ratings.strong')}
                            </Badge>
                          )}
                          {rating.supersededAt && (
                            <Badge size="xs" color="gray" variant="light">
                              {t('ratings.superseded')}
                            </Badge>
                          )}
                        </Group>
                      </Table.Td>
                      <Table.Td>{rating.note ?? t('app.none')}</Table.Td>
                      <Table.Td>{rating.ratedByName ?? t('app.none')}</Table.Td>
                      <Table.Td>{formatDateTime(rating.ratedAt)}</Table.Td>
                    </Table.Tr>
                  ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {!ratings.isPending && items.length === 0 && <EmptyState text={t('ratings.empty')} />}
      </Card>
    </Stack>
  )
}

function RatingForm({ union, onDone }: { union: Union; onDone: () => void }) {
  const { t, i18n } = useTranslation()
  const scales = useRatingScales()
  const rate = useRateUnion(union.id)
  // Ratings are made early in the year for the year just ended.
  const form = useForm<{ year: number | string; gradeCode: string | null; note: string }>({
    initialValues: { year: new Date().getFullYear() - 1, gradeCode: null, note: '' },
  })
  const year = typeof form.values.year === 'number' ? form.values.year : Number(form.values.year) || null
  const scale = scaleForYear(scales.data, year)

  const toBody = (values: typeof form.values): SetRatingBody => ({
    year: Number(values.year),
    gradeCode: values.gradeCode ?? '',
    ...(values.note.trim() ? { note: values.note.trim() } : {}),
  })

  return (
    <Card withBorder>
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          const body = toBody(values)
          const errors = validateBody(SetRatingBody, body, currentLanguage())
          if (Object.keys(errors).length > 0) return form.setErrors(errors)
          rate.mutate(body, {
            onSuccess: () => {
              notifySuccess(t('ratings.saved'))
              onDone()
            },
            onError: (error) => {
              if (isApiError(error) && error.fieldErrors.length > 0) {
                applyProblemToForm(error.fieldErrors, ['year', 'gradeCode', 'note'], form.setErrors, currentLanguage())
              }
              notifyError(error, t)
            },
          })
        })}
      >
        <Title order={3} size="h5" mb="sm">
          {t('ratings.addTitle')}
        </Title>
        <Group align="flex-start" grow preventGrowOverflow={false} wrap="wrap">
          <NumberInput
            label={t('ratings.year')}
            min={1990}
            max={2100}
            allowDecimal={false}
            thousandSeparator=""
            required
            maw={140}
            {...form.getInputProps('year')}
            onChange={(value) => {
              form.setFieldValue('year', value)
              form.setFieldValue('gradeCode', null)
            }}
          />
          <Select
            label={t('ratings.grade')}
            required
            data={(scale?.grades ?? [])
              .slice()
              .sort((a, b) => a.rank - b.rank)
              .map((grade) => ({ value: grade.code, label: i18n.language === 'en' ? grade.labelEn : grade.label }))}
            placeholder={scale ? undefined : t('ratings.noScale')}
            disabled={!scale}
            miw={240}
            {...form.getInputProps('gradeCode')}
          />
        </Group>
        <Textarea label={t('ratings.note')} autosize minRows={2} mt="sm" {...form.getInputProps('note')} />
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={onDone}>
            {t('app.cancel')}
          </Button>
          <Button type="submit" loading={rate.isPending}>
            {t('app.save')}
          </Button>
        </Group>
      </form>
    </Card>
  )
}
