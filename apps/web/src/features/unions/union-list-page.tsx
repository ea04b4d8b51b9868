import { useMemo } from 'react'
import { Anchor, Badge, Button, Card, Grid, Group, NumberInput, Select, Table, Text } from '@mantine/core'
import { IconPlus, IconX } from '@tabler/icons-react'
import { Link, useSearchParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { Sectors, UnionStatuses, type Sector, type UnionStatus } from '@liendoan/contracts'
import { SearchBox } from '../../components/search-box'
import { PageHeader } from '../../components/page-header'
import { PagedListEnd } from '../../components/list-footer'
import { EmptyState } from '../../components/empty-state'
import { QueryError } from '../../components/query-error'
import { formatNumber } from '../../lib/format'
import { can } from '../../lib/permissions'
import { paths } from '../../app/paths'
import { useCurrentUser } from '../../app/session'
import { useUnionList } from './api/list-unions'
import { useUnitTypes } from './api/get-unit-types'
import { scaleForYear, useRatingScales } from './api/get-rating-scales'
import { useUnion } from './api/get-union'
import type { UnionFilters } from './api/union-keys'
import { UnionStatusBadge } from './union-labels'
import { SkeletonRows } from '../../components/skeleton-rows'

const FILTER_KEYS = ['q', 'under', 'unitTypeId', 'sector', 'status', 'ratingYear', 'ratingGrade'] as const

/** Reads filters from the URL so a filtered list can be bookmarked, shared and survives reloads. */
function filtersFromParams(params: URLSearchParams): UnionFilters {
  const filters: UnionFilters = {}
  const q = params.get('q')?.trim()
  if (q) filters.q = q
  const under = params.get('under')
  if (under) filters.under = under
  const unitTypeId = params.get('unitTypeId')
  if (unitTypeId) filters.unitTypeId = unitTypeId
  const sector = params.get('sector')
  if (sector && (Sectors as readonly string[]).includes(sector)) filters.sector = sector as Sector
  const status = params.get('status')
  if (status && (UnionStatuses as readonly string[]).includes(status)) filters.status = status as UnionStatus
  const year = Number(params.get('ratingYear'))
  if (Number.isInteger(year) && year >= 1990 && year <= 2100) {
    filters.ratingYear = year
    const grade = params.get('ratingGrade')
    if (grade) filters.ratingGrade = grade
  }
  return filters
}

export function UnionListPage() {
  const { t, i18n } = useTranslation()
  const user = useCurrentUser()
  const [params, setParams] = useSearchParams()
  const filters = useMemo(() => filtersFromParams(params), [params])
  const list = useUnionList(filters)
  const unitTypes = useUnitTypes()
  const scales = useRatingScales()
  const underUnion = useUnion(filters.under ?? '')


  const setFilter = (key: (typeof FILTER_KEYS)[number], value: string | null) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current)
        if (value) next.set(key, value)
        else next.delete(key)
        if (key === 'ratingYear') next.delete('ratingGrade')
        return next
      },
      { replace: true },
    )
  }

  const scale = scaleForYear(scales.data, filters.ratingYear)
  const items = list.data?.pages.flatMap((page) => page.items) ?? []
  const hasFilters = FILTER_KEYS.some((key) => params.has(key))
  const lang = i18n.language

  return (
    <>
      <PageHeader
        title={t('unions.listTitle')}
        actions={
          can(user, 'union.create') && (
            <Button component={Link} to={paths.unionNew} leftSection={<IconPlus size={16} />}>
              {t('unions.newUnion')}
            </Button>
          )
        }
      />
      <Card withBorder mb="md" component="section" aria-label={t('unions.filtersLabel')}>
        <Grid gutter="sm">
          <Grid.Col span={{ base: 12, md: 6 }}>
            <SearchBox
              label={t('unions.searchLabel')}
              placeholder={t('unions.searchPlaceholder')}
              data-testid="union-search"
              value={filters.q ?? ''}
              onSearch={(value) => setFilter('q', value)}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
            <Select
              label={t('unions.filterUnitType')}
              placeholder={t('unions.any')}
              clearable
              data={(unitTypes.data ?? []).map((type) => ({ value: type.id, label: lang === 'en' ? type.nameEn : type.name }))}
              value={filters.unitTypeId ?? null}
              onChange={(value) => setFilter('unitTypeId', value)}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
            <Select
              label={t('unions.filterSector')}
              placeholder={t('unions.any')}
              clearable
              data={Sectors.map((sector) => ({ value: sector, label: t(`union.sectors.${sector}`) }))}
              value={filters.sector ?? null}
              onChange={(value) => setFilter('sector', value)}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4, md: 3 }}>
            <Select
              label={t('unions.filterStatus')}
              placeholder={t('unions.any')}
              clearable
              data={UnionStatuses.map((status) => ({ value: status, label: t(`union.statuses.${status}`) }))}
              value={filters.status ?? null}
              onChange={(value) => setFilter('status', value)}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4, md: 3 }}>
            <NumberInput
              label={t('unions.filterRatingYear')}
              placeholder={t('unions.any')}
              min={1990}
              max={2100}
              allowDecimal={false}
              thousandSeparator=""
              value={filters.ratingYear ?? ''}
              onChange={(value) => setFilter('ratingYear', typeof value === 'number' && value >= 1990 && value <= 2100 ? String(value) : null)}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4, md: 3 }}>
            <Select
              label={t('unions.filterRatingGrade')}
              placeholder={filters.ratingYear ? t('unions.any') : t('unions.filterRatingGradeHint')}
              clearable
              disabled={!scale}
              data={(scale?.grades ?? []).map((grade) => ({ value: grade.code, label: lang === 'en' ? grade.labelEn : grade.label }))}
              value={filters.ratingGrade ?? null}
              onChange={(value) => setFilter('ratingGrade', value)}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 3 }} style={{ display: 'flex', alignItems: 'flex-end' }}>
            {hasFilters && (
              <Button variant="subtle" leftSection={<IconX size={16} />} onClick={() => setParams({}, { replace: true })}>
                {t('app.clearFilters')}
              </Button>
            )}
          </Grid.Col>
        </Grid>
        {filters.under && underUnion.data && (
          <Group mt="sm">
            <Badge
              variant="light"
              rightSection={
                <IconX size={12} style={{ cursor: 'pointer' }} aria-label={t('app.clearFilters')} onClick={() => setFilter('under', null)} />
              }
            >
              {t('unions.filterUnder', { name: underUnion.data.union.name })}
            </Badge>
          </Group>
        )}
      </Card>

      {list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Card withBorder p={0}>
          <Table.ScrollContainer minWidth={1150}>
            <Table striped highlightOnHover verticalSpacing="sm" aria-busy={list.isFetching}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('union.fields.code')}</Table.Th>
                  <Table.Th>{t('union.fields.name')}</Table.Th>
                  <Table.Th>{t('union.fields.unitType')}</Table.Th>
                  <Table.Th>{t('union.fields.parent')}</Table.Th>
                  <Table.Th>{t('union.fields.sector')}</Table.Th>
                  <Table.Th ta="right">{t('union.fields.workersEmployed')}</Table.Th>
                  <Table.Th>{t('union.fields.latestRating')}</Table.Th>
                  <Table.Th>{t('union.fields.status')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody data-testid="union-rows">
                {list.isPending
                  ? <SkeletonRows rows={8} columns={8} />
                  : items.map((union) => (
                      <Table.Tr key={union.id}>
                        <Table.Td className="nowrap">{union.code}</Table.Td>
                        <Table.Td>
                          <Anchor component={Link} to={paths.union(union.id)} fw={500}>
                            {union.name}
                          </Anchor>
                          {union.employerName && union.employerName !== union.name && (
                            <Text size="xs" c="dimmed">
                              {union.employerName}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>{lang === 'en' ? union.unitType.nameEn : union.unitType.name}</Table.Td>
                        <Table.Td>{union.parentName ?? t('app.none')}</Table.Td>
                        <Table.Td>{union.sector ? t(`union.sectors.${union.sector}`) : t('app.none')}</Table.Td>
                        <Table.Td ta="right">{formatNumber(union.workersEmployed)}</Table.Td>
                        <Table.Td>
                          {union.latestRating ? `${union.latestRating.gradeLabel} (${union.latestRating.year})` : t('app.none')}
                        </Table.Td>
                        <Table.Td>
                          <UnionStatusBadge status={union.status} />
                        </Table.Td>
                      </Table.Tr>
                    ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <PagedListEnd
            list={list}
            count={items.length}
            shownText={(counted) => t('unions.shownCount', counted)}
            empty={
              <EmptyState title={t('unions.emptyTitle')} text={hasFilters ? t('unions.emptyFiltered') : t('unions.emptyChildren')} />
            }
          />
        </Card>
      )}
    </>
  )
}
