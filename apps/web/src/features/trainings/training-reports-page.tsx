import { useMemo, useState } from 'react'
import { Anchor, Box, Button, Card, Checkbox, Grid, Group, NumberInput, Paper, Progress, Select, Skeleton, Stack, Table, Text, Title } from '@mantine/core'
import { Link, useSearchParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { Sectors, type CoverageYear } from '@liendoan/contracts'
import { DateField } from '../../components/date-field'
import { EmptyState } from '../../components/empty-state'
import { PagedListEnd } from '../../components/list-footer'
import { OfficerPositionSelect } from '../../components/officer-position-select'
import { PageHeader } from '../../components/page-header'
import { QueryError } from '../../components/query-error'
import { SkeletonRows } from '../../components/skeleton-rows'
import { UnionSelect } from '../../components/union-select'
import { formatNumber, formatPercent, todayIso } from '../../lib/format'
import { paths } from '../../app/paths'
import { useTrainingTopics } from './api/list-training-topics'
import { useCoverage } from './api/get-coverage'
import { useCoverageMissing } from './api/list-coverage-missing'
import { useTrainingActivity } from './api/get-training-activity'
import type { CoverageFilters } from './api/training-keys'
import { coverageFiltersFromParams } from './coverage-filters'
import { withParam } from './training-filters'
import { FigureTiles } from '../../components/figure-tiles'

/** Coverage of a target group by a topic's certificates, per year, with the people missing; and activity figures. */
export function TrainingReportsPage() {
  const { t } = useTranslation()
  return (
    <>
      <PageHeader
        above={
          <Anchor component={Link} to={paths.trainings} size="sm">
            {t('trainingDetail.backToList')}
          </Anchor>
        }
        title={t('trainingReports.title')}
      />
      <Stack gap="lg">
        <CoverageSection />
        <ActivitySection />
      </Stack>
    </>
  )
}

function CoverageSection() {
  const { t, i18n } = useTranslation()
  const [params, setParams] = useSearchParams()
  const currentYear = Number(todayIso().slice(0, 4))
  const parsed = useMemo(() => coverageFiltersFromParams(params, currentYear), [params, currentYear])
  const topics = useTrainingTopics()
  const coverage = useCoverage(parsed.filters)
  const drillYear = Number(params.get('year')) || null
  const set = (key: string, value: string | number | null) =>
    setParams((current) => {
      const next = withParam(current, key, value)
      if (key !== 'year') next.delete('year')
      return next
    }, { replace: true })

  return (
    <Card withBorder component="section" aria-labelledby="coverage-title">
      <Title order={3} size="h4" id="coverage-title">
        {t('trainingReports.coverageTitle')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('trainingReports.coverageHint')}
      </Text>
      <Grid gutter="sm" mb="md">
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Select
            label={t('trainingReports.topic')}
            required
            searchable
            data={(topics.data ?? []).map((topic) => ({ value: topic.id, label: i18n.language === 'en' ? topic.nameEn : topic.name }))}
            value={parsed.topicId}
            onChange={(value) => set('topicId', value)}
            data-testid="coverage-topic"
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <UnionSelect
            label={t('trainingReports.under')}
            placeholder={t('trainingReports.ownUnion')}
            value={parsed.under ?? null}
            onChange={(id) => set('under', id)}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 6, md: 2 }}>
          <NumberInput
            label={t('trainingReports.fromYear')}
            min={1990}
            max={2100}
            allowDecimal={false}
            value={parsed.fromYear}
            onChange={(value) => typeof value === 'number' && value >= 1990 && set('fromYear', value)}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 6, md: 2 }}>
          <NumberInput
            label={t('trainingReports.toYear')}
            min={1990}
            max={2100}
            allowDecimal={false}
            value={parsed.toYear}
            onChange={(value) => typeof value === 'number' && value >= 1990 && set('toYear', value)}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <OfficerPositionSelect
            valueKind="code"
            label={t('trainingReports.position')}
            allowDeselect={false}
            value={parsed.position?.[0] ?? 'chairperson'}
            onChange={(value) => set('position', value)}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <Select
            label={t('trainingReports.sector')}
            allowDeselect={false}
            data={[
              ...Sectors.map((sector) => ({ value: sector, label: t(`union.sectors.${sector}`) })),
              { value: 'any', label: t('trainings.anySector') },
            ]}
            value={parsed.sector ?? 'any'}
            onChange={(value) => set('sector', value)}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }} pt={{ sm: 34 }}>
          <Checkbox
            label={t('trainingReports.grassroots')}
            checked={parsed.grassroots ?? true}
            onChange={(event) => set('grassroots', event.currentTarget.checked ? null : 'false')}
          />
        </Grid.Col>
      </Grid>

      {!parsed.filters ? (
        <EmptyState text={t('trainingReports.pickTopic')} />
      ) : coverage.isError ? (
        <QueryError error={coverage.error} onRetry={() => void coverage.refetch()} />
      ) : coverage.isPending ? (
        <Stack aria-busy="true">
          <Skeleton height={24} />
          <Skeleton height={24} />
          <Skeleton height={24} />
        </Stack>
      ) : (
        <>
          <CoverageChart years={coverage.data.years} />
          <Table mt="md" striped data-testid="coverage-table" aria-busy={coverage.isFetching}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('trainingReports.year')}</Table.Th>
                <Table.Th ta="right">{t('trainingReports.target')}</Table.Th>
                <Table.Th ta="right">{t('trainingReports.certified')}</Table.Th>
                <Table.Th ta="right">{t('trainingReports.missing')}</Table.Th>
                <Table.Th ta="right">{t('trainingReports.share')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {coverage.data.years.map((row) => (
                <Table.Tr key={row.year} data-year={row.year}>
                  <Table.Td>{row.year}</Table.Td>
                  <Table.Td ta="right">{formatNumber(row.target)}</Table.Td>
                  <Table.Td ta="right" data-testid="coverage-certified">
                    {formatNumber(row.certified)}
                  </Table.Td>
                  <Table.Td ta="right">{formatNumber(row.missing)}</Table.Td>
                  <Table.Td ta="right">{formatPercent(row.share)}</Table.Td>
                  <Table.Td ta="right">
                    {row.missing > 0 && (
                      <Button size="compact-xs" variant={drillYear === row.year ? 'filled' : 'light'} onClick={() => set('year', row.year)}>
                        {t('trainingReports.showMissing', { count: row.missing })}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {drillYear && coverage.data.years.some((row) => row.year === drillYear) && (
            <MissingList filters={parsed.filters} year={drillYear} />
          )}
        </>
      )}
    </Card>
  )
}

/** Certified against the target group, one bar per year (no chart library needed for this shape). */
function CoverageChart({ years }: { years: CoverageYear[] }) {
  const { t } = useTranslation()
  return (
    <Stack gap={6} role="img" aria-label={t('trainingReports.chartLabel')} data-testid="coverage-chart">
      <Group gap="md">
        <Group gap={4}>
          <Box w={12} h={12} bg="teal.6" style={{ borderRadius: 2 }} />
          <Text size="xs">{t('trainingReports.certified')}</Text>
        </Group>
        <Group gap={4}>
          <Box w={12} h={12} bg="gray.3" style={{ borderRadius: 2 }} />
          <Text size="xs">{t('trainingReports.missing')}</Text>
        </Group>
      </Group>
      {years.map((row) => {
        const certified = row.target > 0 ? (row.certified / row.target) * 100 : 0
        return (
          <Group key={row.year} gap="sm" wrap="nowrap">
            <Text size="sm" w={48} fw={500}>
              {row.year}
            </Text>
            <Progress.Root size={22} style={{ flex: 1 }}>
              <Progress.Section value={certified} color="teal.6">
                {certified >= 12 && <Progress.Label>{formatNumber(row.certified)}</Progress.Label>}
              </Progress.Section>
              <Progress.Section value={100 - certified} color="gray.3" />
            </Progress.Root>
            <Text size="sm" w={150} ta="right" className="nowrap">
              {formatNumber(row.certified)}/{formatNumber(row.target)} · {formatPercent(row.share)}
            </Text>
          </Group>
        )
      })}
    </Stack>
  )
}

function MissingList({ filters, year }: { filters: CoverageFilters; year: number }) {
  const { t } = useTranslation()
  const { fromYear: _fromYear, toYear: _toYear, ...group } = filters
  const missing = useCoverageMissing({ ...group, year })
  const items = missing.data?.pages.flatMap((page) => page.items) ?? []
  return (
    <Paper withBorder mt="md" data-testid="coverage-missing">
      <Title order={4} size="h5" p="sm">
        {t('trainingReports.missingTitle', { year })}
      </Title>
      {missing.isError ? (
        <QueryError error={missing.error} onRetry={() => void missing.refetch()} />
      ) : (
        <>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('participants.member')}</Table.Th>
                <Table.Th>{t('trainingReports.position')}</Table.Th>
                <Table.Th>{t('participants.union')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {missing.isPending ? (
                <SkeletonRows rows={5} columns={3} />
              ) : (
                items.map((person) => (
                  <Table.Tr key={`${person.memberId}-${person.position.code}-${person.union.id}`}>
                    <Table.Td>
                      <Anchor component={Link} to={paths.member(person.memberId)}>
                        {person.fullName}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{person.position.name}</Table.Td>
                    <Table.Td>{person.union.name}</Table.Td>
                  </Table.Tr>
                ))
              )}
            </Table.Tbody>
          </Table>
          <PagedListEnd list={missing} count={items.length} shownText={(counted) => t('trainingReports.missingCount', counted)} empty={<EmptyState text={t('trainingReports.missingEmpty')} />} />
        </>
      )}
    </Paper>
  )
}

function ActivitySection() {
  const { t } = useTranslation()
  const today = todayIso()
  const [from, setFrom] = useState<string | null>(`${Number(today.slice(0, 4)) - 5}-01-01`)
  const [to, setTo] = useState<string | null>(today)
  const [under, setUnder] = useState<string | null>(null)
  const query = from && to && from <= to ? { from, to, ...(under ? { under } : {}) } : null
  const activity = useTrainingActivity(query)
  const figures = activity.data
    ? ([
        ['classes', activity.data.classes],
        ['participants', activity.data.participants],
        ['participantAttendances', activity.data.participantAttendances],
        ['sessionAttendances', activity.data.sessionAttendances],
        ['completed', activity.data.completed],
        ['certificates', activity.data.certificates],
      ] as const)
    : []
  return (
    <Card withBorder component="section" aria-labelledby="activity-title">
      <Title order={3} size="h4" id="activity-title">
        {t('trainingReports.activityTitle')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('trainingReports.activityHint')}
      </Text>
      <Grid gutter="sm" mb="md">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <UnionSelect label={t('trainingReports.under')} placeholder={t('trainingReports.ownUnion')} value={under} onChange={setUnder} />
        </Grid.Col>
        <Grid.Col span={{ base: 6, md: 3 }}>
          <DateField label={t('trainingReports.from')} value={from} onChange={setFrom} />
        </Grid.Col>
        <Grid.Col span={{ base: 6, md: 3 }}>
          <DateField label={t('trainingReports.to')} value={to} onChange={setTo} />
        </Grid.Col>
      </Grid>
      {activity.isError ? (
        <QueryError error={activity.error} onRetry={() => void activity.refetch()} />
      ) : (
        <FigureTiles
          figures={(activity.isPending ? [] : figures).map(([key, value]) => ({ key, label: t(`trainingReports.${key}`), value }))}
          loadingCount={activity.isPending && query ? 6 : 0}
          cols={{ base: 2, sm: 3, lg: 6 }}
          testId="training-activity"
        />
      )}
    </Card>
  )
}
