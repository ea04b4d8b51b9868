import { useMemo } from 'react'
import { Anchor, Button, Card, Grid, Group, SegmentedControl, Select, Table, Text } from '@mantine/core'
import { IconChartBar, IconPlus, IconX } from '@tabler/icons-react'
import { Link, useSearchParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { TrainingStatuses } from '@liendoan/contracts'
import { DateField } from '../../components/date-field'
import { EmptyState } from '../../components/empty-state'
import { PagedListEnd } from '../../components/list-footer'
import { PageHeader } from '../../components/page-header'
import { QueryError } from '../../components/query-error'
import { SearchBox } from '../../components/search-box'
import { SkeletonRows } from '../../components/skeleton-rows'
import { UnionSelect } from '../../components/union-select'
import { formatDate, formatNumber } from '../../lib/format'
import { can } from '../../lib/permissions'
import { paths } from '../../app/paths'
import { useCurrentUser } from '../../app/session'
import { useTrainingList } from './api/list-trainings'
import { useTrainingTopics } from './api/list-training-topics'
import { TrainingCalendar } from './training-calendar'
import { TRAINING_FILTER_KEYS, trainingFiltersFromParams, withParam } from './training-filters'
import { TrainingStatusBadge } from './training-labels'

/** Classes in the person's scope as a paged list or a month calendar; filters kept in the URL. */
export function TrainingsPage() {
  const { t, i18n } = useTranslation()
  const user = useCurrentUser()
  const [params, setParams] = useSearchParams()
  const filters = useMemo(() => trainingFiltersFromParams(params), [params])
  const view = params.get('view') === 'calendar' ? 'calendar' : 'list'
  const topics = useTrainingTopics()
  const hasFilters = TRAINING_FILTER_KEYS.some((key) => params.has(key))
  const setFilter = (key: string, value: string | null) => setParams((current) => withParam(current, key, value), { replace: true })

  return (
    <>
      <PageHeader
        title={t('trainings.listTitle')}
        actions={
          <>
            <Button component={Link} to={paths.trainingCoverage} variant="default" leftSection={<IconChartBar size={16} />}>
              {t('trainings.coverageLink')}
            </Button>
            {can(user, 'training.manage') && (
              <Button component={Link} to={paths.trainingNew} leftSection={<IconPlus size={16} />}>
                {t('trainings.create')}
              </Button>
            )}
          </>
        }
      />
      <Card withBorder mb="md" component="section" aria-label={t('trainings.filtersLabel')}>
        <Grid gutter="sm">
          <Grid.Col span={{ base: 12, md: 4 }}>
            <SearchBox
              label={t('trainings.searchLabel')}
              placeholder={t('trainings.searchPlaceholder')}
              data-testid="training-search"
              value={filters.q ?? ''}
              onSearch={(value) => setFilter('q', value)}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, md: 4 }}>
            <UnionSelect
              label={t('trainings.filterUnder')}
              placeholder={t('trainings.anyUnion')}
              value={filters.under ?? null}
              onChange={(id) => setFilter('under', id)}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, md: 4 }}>
            <Select
              label={t('trainings.fields.topics')}
              placeholder={t('trainings.any')}
              clearable
              searchable
              data={(topics.data ?? []).map((topic) => ({ value: topic.id, label: i18n.language === 'en' ? topic.nameEn : topic.name }))}
              value={filters.topicId ?? null}
              onChange={(value) => setFilter('topicId', value)}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, sm: 4, md: 3 }}>
            <Select
              label={t('trainings.fields.status')}
              placeholder={t('trainings.any')}
              clearable
              data={TrainingStatuses.map((status) => ({ value: status, label: t(`trainings.statuses.${status}`) }))}
              value={filters.status ?? null}
              onChange={(value) => setFilter('status', value)}
            />
          </Grid.Col>
          {view === 'list' && (
            <>
              <Grid.Col span={{ base: 6, sm: 4, md: 3 }}>
                <DateField label={t('trainings.from')} value={filters.from ?? null} onChange={(value) => setFilter('from', value)} />
              </Grid.Col>
              <Grid.Col span={{ base: 6, sm: 4, md: 3 }}>
                <DateField label={t('trainings.to')} value={filters.to ?? null} onChange={(value) => setFilter('to', value)} />
              </Grid.Col>
            </>
          )}
          <Grid.Col span={{ base: 12, md: 'auto' }}>
            <Group h="100%" align="flex-end" justify="flex-end" gap="xs">
              {hasFilters && (
                <Button
                  variant="subtle"
                  size="xs"
                  leftSection={<IconX size={16} />}
                  onClick={() => setParams(view === 'calendar' ? { view } : {}, { replace: true })}
                >
                  {t('app.clearFilters')}
                </Button>
              )}
              <SegmentedControl
                aria-label={t('trainings.viewLabel')}
                value={view}
                onChange={(value) => setFilter('view', value === 'calendar' ? 'calendar' : null)}
                data={[
                  { value: 'list', label: t('trainings.viewList') },
                  { value: 'calendar', label: t('trainings.viewCalendar') },
                ]}
              />
            </Group>
          </Grid.Col>
        </Grid>
      </Card>
      {view === 'calendar' ? <TrainingCalendar filters={filters} /> : <TrainingTable />}
    </>
  )
}

function TrainingTable() {
  const { t } = useTranslation()
  const [params] = useSearchParams()
  const filters = useMemo(() => trainingFiltersFromParams(params), [params])
  const list = useTrainingList(filters)
  const items = list.data?.pages.flatMap((page) => page.items) ?? []
  const hasFilters = TRAINING_FILTER_KEYS.some((key) => params.has(key))

  if (list.isError) return <QueryError error={list.error} onRetry={() => void list.refetch()} />
  return (
    <Card withBorder p={0}>
      <Table.ScrollContainer minWidth={900}>
        <Table striped highlightOnHover verticalSpacing="sm" aria-busy={list.isFetching}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('trainings.fields.title')}</Table.Th>
              <Table.Th>{t('trainings.fields.topics')}</Table.Th>
              <Table.Th>{t('trainings.fields.organiser')}</Table.Th>
              <Table.Th>{t('trainings.fields.dates')}</Table.Th>
              <Table.Th ta="right">{t('trainings.fields.enrolled')}</Table.Th>
              <Table.Th>{t('trainings.fields.status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody data-testid="training-rows">
            {list.isPending ? (
              <SkeletonRows rows={8} columns={6} />
            ) : (
              items.map((training) => (
                <Table.Tr key={training.id}>
                  <Table.Td>
                    <Anchor component={Link} to={paths.training(training.id)} fw={500}>
                      {training.title}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{training.topics.map((topic) => topic.name).join(', ')}</Text>
                  </Table.Td>
                  <Table.Td>{training.organiser.name}</Table.Td>
                  <Table.Td className="nowrap">
                    {training.startsOn === training.endsOn
                      ? formatDate(training.startsOn)
                      : `${formatDate(training.startsOn)} – ${formatDate(training.endsOn)}`}
                  </Table.Td>
                  <Table.Td ta="right" className="nowrap">
                    {t('trainingDetail.enrolledOf', { enrolled: formatNumber(training.enrolledCount), capacity: formatNumber(training.capacity) })}
                  </Table.Td>
                  <Table.Td className="nowrap">
                    <TrainingStatusBadge status={training.status} />
                  </Table.Td>
                </Table.Tr>
              ))
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <PagedListEnd
        list={list}
        count={items.length}
        shownText={(counted) => t('trainings.shownCount', counted)}
        empty={
          <EmptyState title={t('trainings.emptyTitle')} text={hasFilters ? t('trainings.emptyFiltered') : t('trainings.emptyText')} />
        }
      />
    </Card>
  )
}
