import { useMemo } from 'react'
import { Button, Card, Grid, Group, MultiSelect, SegmentedControl, Select, Text } from '@mantine/core'
import { IconChartBar, IconPlus, IconX } from '@tabler/icons-react'
import { Link, useSearchParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { AgreementSorts, AgreementStatuses, Sectors } from '@liendoan/contracts'
import { DateField } from '../../components/date-field'
import { EmptyState } from '../../components/empty-state'
import { PagedListEnd } from '../../components/list-footer'
import { PageHeader } from '../../components/page-header'
import { QueryError } from '../../components/query-error'
import { SearchBox } from '../../components/search-box'
import { UnionSelect } from '../../components/union-select'
import { can } from '../../lib/permissions'
import { paths } from '../../app/paths'
import { useCurrentUser } from '../../app/session'
import { useAgreementGrades } from './api/list-agreement-grades'
import { useAgreementList } from './api/list-agreements'
import {
  AGREEMENT_FILTER_KEYS,
  EXPIRY_WINDOWS,
  UNGRADED,
  agreementFiltersFromParams,
  expiryWindowFromParams,
  viewFromParams,
  withParam,
} from './agreement-filters'
import { AgreementRows } from './agreement-rows'

/** Agreements in the person's scope, or those expiring soon; filters kept in the URL. */
export function AgreementsPage() {
  const { t } = useTranslation()
  const user = useCurrentUser()
  const [params, setParams] = useSearchParams()
  const filters = useMemo(() => agreementFiltersFromParams(params), [params])
  const view = viewFromParams(params)
  const days = expiryWindowFromParams(params)
  const grades = useAgreementGrades()
  const hasFilters = AGREEMENT_FILTER_KEYS.some((key) => params.has(key))
  const setFilter = (key: string, value: string | readonly string[] | null) =>
    setParams((current) => withParam(current, key, value), { replace: true })
  // The view and its window are not filters: clearing keeps them.
  const clearFilters = () =>
    setParams(
      (current) => {
        const next = new URLSearchParams()
        for (const key of ['view', 'days']) {
          const value = current.get(key)
          if (value) next.set(key, value)
        }
        return next
      },
      { replace: true },
    )
  const setView = (next: string) =>
    setParams(
      (current) => {
        const params = withParam(current, 'view', next === 'expiring' ? 'expiring' : null)
        if (next !== 'expiring') params.delete('days')
        return params
      },
      { replace: true },
    )

  return (
    <>
      <PageHeader
        title={t('agreements.listTitle')}
        actions={
          <>
            <Button component={Link} to={paths.agreementReports} variant="default" leftSection={<IconChartBar size={16} />}>
              {t('agreements.reportsLink')}
            </Button>
            {can(user, 'agreement.manage') && (
              <Button component={Link} to={paths.agreementNew} leftSection={<IconPlus size={16} />}>
                {t('agreements.create')}
              </Button>
            )}
          </>
        }
      />
      <Card withBorder mb="md" component="section" aria-label={t('agreements.filtersLabel')}>
        <Grid gutter="sm">
          <Grid.Col span={{ base: 12, md: 'content' }}>
            <SegmentedControl
              aria-label={t('agreements.viewLabel')}
              value={view}
              onChange={setView}
              data-testid="agreement-view"
              data={[
                { value: 'all', label: t('agreements.viewAll') },
                { value: 'expiring', label: t('agreements.viewExpiring') },
              ]}
            />
          </Grid.Col>
          {view === 'expiring' && (
            <Grid.Col span={{ base: 12, md: 'auto' }}>
              <Group gap="xs">
                <Text size="sm">{t('agreements.expiringWithin')}</Text>
                <SegmentedControl
                  aria-label={t('agreements.expiringWithin')}
                  value={String(days)}
                  onChange={(value) => setFilter('days', value === '30' ? null : value)}
                  data={EXPIRY_WINDOWS.map((window) => ({ value: String(window), label: t('agreements.days', { count: window }) }))}
                />
              </Group>
            </Grid.Col>
          )}
          <Grid.Col span={12} />
          <Grid.Col span={{ base: 12, md: 4 }}>
            <SearchBox
              label={t('agreements.searchLabel')}
              placeholder={t('agreements.searchPlaceholder')}
              data-testid="agreement-search"
              value={filters.q ?? ''}
              onSearch={(value) => setFilter('q', value)}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, md: 4 }}>
            <UnionSelect
              label={t('agreements.filterUnder')}
              placeholder={t('agreements.anyUnion')}
              value={filters.under ?? null}
              onChange={(id) => setFilter('under', id)}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, sm: 3, md: 2 }}>
            <Select
              label={t('agreement.fields.grade')}
              placeholder={t('agreements.any')}
              clearable
              data={[
                ...(grades.data ?? []).map((grade) => ({ value: grade.code, label: grade.name })),
                { value: UNGRADED, label: t('agreement.ungraded') },
              ]}
              value={filters.ungraded ? UNGRADED : (filters.grade ?? null)}
              onChange={(value) => setFilter('grade', value)}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, sm: 3, md: 2 }}>
            <Select
              label={t('agreement.fields.sector')}
              placeholder={t('agreements.any')}
              clearable
              data={Sectors.map((sector) => ({ value: sector, label: t(`union.sectors.${sector}`) }))}
              value={filters.sector ?? null}
              onChange={(value) => setFilter('sector', value)}
            />
          </Grid.Col>
          {view === 'all' && (
            <>
              <Grid.Col span={{ base: 12, sm: 6, md: 4 }}>
                <MultiSelect
                  label={t('agreement.fields.status')}
                  placeholder={filters.status ? undefined : t('agreements.anyStatus')}
                  clearable
                  data={AgreementStatuses.map((status) => ({ value: status, label: t(`agreement.statuses.${status}`) }))}
                  value={filters.status ?? []}
                  onChange={(value) => setFilter('status', value)}
                  data-testid="agreement-status-filter"
                />
              </Grid.Col>
              <Grid.Col span={{ base: 6, sm: 3, md: 2 }}>
                <DateField label={t('agreements.signedFrom')} value={filters.signedFrom ?? null} onChange={(value) => setFilter('signedFrom', value)} />
              </Grid.Col>
              <Grid.Col span={{ base: 6, sm: 3, md: 2 }}>
                <DateField label={t('agreements.signedTo')} value={filters.signedTo ?? null} onChange={(value) => setFilter('signedTo', value)} />
              </Grid.Col>
              <Grid.Col span={{ base: 6, sm: 4, md: 2 }}>
                <Select
                  label={t('agreements.sort')}
                  allowDeselect={false}
                  data={AgreementSorts.map((sort) => ({ value: sort, label: t(`agreements.sorts.${sort}`) }))}
                  value={filters.sort ?? 'recent'}
                  onChange={(value) => setFilter('sort', value === 'recent' ? null : value)}
                />
              </Grid.Col>
            </>
          )}
          <Grid.Col span={{ base: 6, md: 'auto' }}>
            <Group h="100%" align="flex-end" justify="flex-end">
              {hasFilters && (
                <Button
                  variant="subtle"
                  size="xs"
                  leftSection={<IconX size={16} />}
                  onClick={clearFilters}
                >
                  {t('app.clearFilters')}
                </Button>
              )}
            </Group>
          </Grid.Col>
        </Grid>
        {view === 'expiring' && (
          <Text size="sm" c="dimmed" mt="sm">
            {t('agreements.expiringHint', { count: days })}
          </Text>
        )}
      </Card>
      <AgreementTable hasFilters={hasFilters} expiringDays={view === 'expiring' ? days : null} />
    </>
  )
}

function AgreementTable({ hasFilters, expiringDays }: { hasFilters: boolean; expiringDays: number | null }) {
  const { t } = useTranslation()
  const [params] = useSearchParams()
  const filters = useMemo(() => agreementFiltersFromParams(params), [params])
  const list = useAgreementList(filters)
  const items = list.data?.pages.flatMap((page) => page.items) ?? []
  const emptyText =
    expiringDays !== null ? t('agreements.emptyExpiring', { count: expiringDays }) : hasFilters ? t('agreements.emptyFiltered') : t('agreements.emptyText')

  if (list.isError) return <QueryError error={list.error} onRetry={() => void list.refetch()} />
  return (
    <Card withBorder p={0}>
      <AgreementRows items={items} loading={list.isPending} busy={list.isFetching} showUnion expiring={expiringDays !== null} />
      <PagedListEnd
        list={list}
        count={items.length}
        shownText={(counted) => t('agreements.shownCount', counted)}
        empty={<EmptyState title={t('agreements.emptyTitle')} text={emptyText} />}
      />
    </Card>
  )
}
