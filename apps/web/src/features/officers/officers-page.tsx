import { useMemo, useState } from 'react'
import { Anchor, Badge, Button, Card, Checkbox, Grid, Select, Table } from '@mantine/core'
import { useQueryClient } from '@tanstack/react-query'
import { Link, useSearchParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { Sectors, type OfficerTerm } from '@liendoan/contracts'
import { PagedListEnd } from '../../components/list-footer'
import { EmptyState } from '../../components/empty-state'
import { OfficerPositionSelect } from '../../components/officer-position-select'
import { SearchBox } from '../../components/search-box'
import { PageHeader } from '../../components/page-header'
import { QueryError } from '../../components/query-error'
import { SkeletonRows } from '../../components/skeleton-rows'
import { UnionSelect } from '../../components/union-select'
import { ClearFiltersButton } from '../../components/clear-filters-button'
import { formatDate } from '../../lib/format'
import { can } from '../../lib/permissions'
import { paths } from '../../app/paths'
import { useCurrentUser } from '../../app/session'
import { useOfficerList } from './api/list-officers'
import { officerKeys } from './api/officer-keys'
import { EndTermModal } from './end-term-modal'
import { OFFICER_FILTER_KEYS, officerFiltersFromParams, termViewFromParams, withOfficerFilter, type OfficerFilterKey } from './officer-filters'

/**
 * Union officers across the person's scope, e.g. "current chairpersons of
 * non-state grassroots unions" for the training coverage report.
 */
export function OfficersPage() {
  const { t } = useTranslation()
  const user = useCurrentUser()
  const queryClient = useQueryClient()
  const [params, setParams] = useSearchParams()
  const filters = useMemo(() => officerFiltersFromParams(params), [params])
  const view = termViewFromParams(params)
  const list = useOfficerList(filters)
  const [ending, setEnding] = useState<OfficerTerm | null>(null)

  const setFilter = (key: OfficerFilterKey, value: string | null) =>
    setParams((current) => withOfficerFilter(current, key, value), { replace: true })

  const items = list.data?.pages.flatMap((page) => page.items) ?? []
  const hasFilters = OFFICER_FILTER_KEYS.some((key) => params.has(key))
  const canManage = can(user, 'officer.manage')

  return (
    <>
      <PageHeader title={t('officers.listTitle')} />
      <Card withBorder mb="md" component="section" aria-label={t('officers.filtersLabel')}>
        <Grid gutter="sm">
          <Grid.Col span={{ base: 12, md: 4 }}>
            <SearchBox
              label={t('officers.searchLabel')}
              placeholder={t('officers.searchPlaceholder')}
              value={filters.q ?? ''}
              onSearch={(value) => setFilter('q', value)}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 8 }}>
            <UnionSelect
              label={t('officers.filterUnder')}
              placeholder={t('members.anyUnion')}
              value={filters.under ?? null}
              onChange={(id) => setFilter('under', id)}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
            <OfficerPositionSelect
              valueKind="code"
              label={t('officers.position')}
              placeholder={t('members.any')}
              clearable
              value={filters.position ?? null}
              onChange={(value) => setFilter('position', value)}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
            <Select
              label={t('officers.filterSector')}
              placeholder={t('members.any')}
              clearable
              data={Sectors.map((sector) => ({ value: sector, label: t(`union.sectors.${sector}`) }))}
              value={filters.sector ?? null}
              onChange={(value) => setFilter('sector', value)}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
            <Select
              label={t('officers.filterTerm')}
              allowDeselect={false}
              data={[
                { value: 'true', label: t('officers.termViews.current') },
                { value: 'false', label: t('officers.termViews.past') },
                { value: 'all', label: t('officers.termViews.all') },
              ]}
              value={view === 'current' ? 'true' : view === 'past' ? 'false' : 'all'}
              onChange={(value) => setFilter('current', value)}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, md: 3 }} style={{ display: 'flex', alignItems: 'flex-end' }}>
            <Checkbox
              label={t('officers.grassrootsOnly')}
              checked={filters.grassroots === true}
              onChange={(event) => setFilter('grassroots', event.currentTarget.checked ? 'true' : null)}
              mb={8}
            />
          </Grid.Col>
          {hasFilters && (
            <Grid.Col span={12}>
              <ClearFiltersButton onClear={() => setParams({}, { replace: true })} />
            </Grid.Col>
          )}
        </Grid>
      </Card>

      {list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Card withBorder p={0}>
          <Table.ScrollContainer minWidth={1000}>
            <Table striped highlightOnHover verticalSpacing="sm" aria-busy={list.isFetching}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('officers.member')}</Table.Th>
                  <Table.Th>{t('officers.position')}</Table.Th>
                  <Table.Th>{t('officers.union')}</Table.Th>
                  <Table.Th>{t('officers.term')}</Table.Th>
                  <Table.Th>{t('officers.startedOn')}</Table.Th>
                  <Table.Th>{t('officers.endedOn')}</Table.Th>
                  <Table.Th>{t('officers.employment')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody data-testid="officer-rows">
                {list.isPending ? (
                  <SkeletonRows rows={6} columns={8} />
                ) : (
                  items.map((term) => (
                    <Table.Tr key={term.id}>
                      <Table.Td>
                        <Anchor component={Link} to={paths.member(term.memberId)} fw={500}>
                          {term.memberName}
                        </Anchor>
                      </Table.Td>
                      <Table.Td className="nowrap">{term.position.name}</Table.Td>
                      <Table.Td>
                        <Anchor component={Link} to={paths.union(term.union.id)}>
                          {term.union.name}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{term.termLabel ?? t('app.none')}</Table.Td>
                      <Table.Td className="nowrap">{formatDate(term.startedOn)}</Table.Td>
                      <Table.Td className="nowrap">
                        {term.current ? (
                          <Badge variant="light" color="teal" styles={{ root: { overflow: 'visible' }, label: { overflow: 'visible' } }}>
                            {t('officers.inOffice')}
                          </Badge>
                        ) : (
                          formatDate(term.endedOn)
                        )}
                      </Table.Td>
                      <Table.Td>{t(`officers.employments.${term.employment}`)}</Table.Td>
                      <Table.Td>
                        {canManage && term.current && (
                          <Button size="xs" variant="subtle" color="red" onClick={() => setEnding(term)}>
                            {t('officers.endTerm')}
                          </Button>
                        )}
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
            shownText={(counted) => t('officers.shownCount', counted)}
            empty={
              <EmptyState title={t('officers.emptyTitle')} text={hasFilters ? t('officers.emptyFiltered') : t('officers.emptyText')} />
            }
          />
        </Card>
      )}
      {ending && (
        <EndTermModal
          term={ending}
          onClose={() => setEnding(null)}
          onStale={() => void queryClient.invalidateQueries({ queryKey: officerKeys.all })}
        />
      )}
    </>
  )
}
