import { useMemo } from 'react'
import { Anchor, Button, Card, Grid, Group, Progress, SegmentedControl, Table, Text } from '@mantine/core'
import { IconChecklist, IconPlus } from '@tabler/icons-react'
import { Link, useSearchParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import type { SupportProgram } from '@liendoan/contracts'
import { EmptyState } from '../../components/empty-state'
import { PagedListEnd } from '../../components/list-footer'
import { PageHeader } from '../../components/page-header'
import { QueryError } from '../../components/query-error'
import { SearchBox } from '../../components/search-box'
import { SkeletonRows } from '../../components/skeleton-rows'
import { ClearFiltersButton } from '../../components/clear-filters-button'
import { formatDate, formatMoney } from '../../lib/format'
import { can } from '../../lib/permissions'
import { paths } from '../../app/paths'
import { useCurrentUser } from '../../app/session'
import { useProgramList } from './api/list-programs'
import { budgetShares } from '../../lib/budget'
import { PROGRAM_FILTER_KEYS, programFiltersFromParams, withParam } from './support-filters'
import { ProgramStatusBadge } from './support-labels'

/** "Đề án hỗ trợ": the programmes in the person's view, searchable, open or closed. */
export function ProgramsPage() {
  const { t } = useTranslation()
  const user = useCurrentUser()
  const [params, setParams] = useSearchParams()
  const filters = useMemo(() => programFiltersFromParams(params), [params])
  const hasFilters = PROGRAM_FILTER_KEYS.some((key) => params.has(key))
  const setFilter = (key: string, value: string | null) => setParams((current) => withParam(current, key, value), { replace: true })
  const list = useProgramList(filters)
  const items = list.data?.pages.flatMap((page) => page.items) ?? []

  return (
    <>
      <PageHeader
        title={t('support.listTitle')}
        actions={
          <>
            {can(user, 'support.approve') && (
              <Button component={Link} to={paths.supportApprovals} variant="default" leftSection={<IconChecklist size={16} />}>
                {t('support.queue.title')}
              </Button>
            )}
            {can(user, 'support.manage') && (
              <Button component={Link} to={paths.supportProgramNew} leftSection={<IconPlus size={16} />}>
                {t('support.create')}
              </Button>
            )}
          </>
        }
      />
      <Card withBorder mb="md" component="section" aria-label={t('support.filtersLabel')}>
        <Grid gutter="sm" align="flex-end">
          <Grid.Col span={{ base: 12, md: 6 }}>
            <SearchBox
              label={t('support.searchLabel')}
              placeholder={t('support.searchPlaceholder')}
              value={filters.q ?? ''}
              onSearch={(value) => setFilter('q', value)}
              data-testid="program-search"
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 'content' }}>
            <Text size="sm" fw={500} mb={4} id="program-status-label">
              {t('support.fields.status')}
            </Text>
            <SegmentedControl
              aria-labelledby="program-status-label"
              value={filters.status ?? 'all'}
              onChange={(value) => setFilter('status', value === 'all' ? null : value)}
              data={[
                { value: 'all', label: t('support.anyStatus') },
                { value: 'open', label: t('support.programStatuses.open') },
                { value: 'closed', label: t('support.programStatuses.closed') },
              ]}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 'auto' }}>
            <Group justify="flex-end">
              {hasFilters && (
                <ClearFiltersButton onClear={() => setParams(new URLSearchParams(), { replace: true })} />
              )}
            </Group>
          </Grid.Col>
        </Grid>
      </Card>
      {list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Card withBorder p={0}>
          <ProgramRows items={items} loading={list.isPending} busy={list.isFetching} />
          <PagedListEnd
            list={list}
            count={items.length}
            shownText={(counted) => t('support.shownCount', counted)}
            empty={<EmptyState title={t('support.emptyTitle')} text={hasFilters ? t('support.emptyFiltered') : t('support.emptyText')} />}
          />
        </Card>
      )}
    </>
  )
}

function ProgramRows({ items, loading, busy }: { items: readonly SupportProgram[]; loading: boolean; busy: boolean }) {
  const { t } = useTranslation()
  return (
    <Table.ScrollContainer minWidth={980}>
      <Table striped highlightOnHover verticalSpacing="sm" aria-busy={busy}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('support.fields.name')}</Table.Th>
            <Table.Th>{t('support.fields.union')}</Table.Th>
            <Table.Th>{t('support.fields.period')}</Table.Th>
            <Table.Th ta="right">{t('support.figures.budget')}</Table.Th>
            <Table.Th ta="right">{t('support.figures.remaining')}</Table.Th>
            <Table.Th w={140}>{t('support.figures.used')}</Table.Th>
            <Table.Th>{t('support.fields.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody data-testid="program-rows">
          {loading ? (
            <SkeletonRows rows={4} columns={7} />
          ) : (
            items.map((program) => {
              const shares = budgetShares(program.figures)
              return (
                <Table.Tr key={program.id} data-program={program.id}>
                  <Table.Td maw={460}>
                    <Anchor component={Link} to={paths.supportProgram(program.id)} fw={500}>
                      {program.name}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {t('support.decisionLine', { number: program.decisionNumber, date: formatDate(program.decisionDate) })}
                    </Text>
                  </Table.Td>
                  <Table.Td>{program.union.name}</Table.Td>
                  <Table.Td className="nowrap">
                    {formatDate(program.periodFrom)} – {formatDate(program.periodTo)}
                  </Table.Td>
                  <Table.Td ta="right" className="nowrap">
                    {formatMoney(program.figures.budgetVnd)}
                  </Table.Td>
                  <Table.Td ta="right" className="nowrap" fw={500}>
                    {formatMoney(program.figures.remainingVnd)}
                  </Table.Td>
                  <Table.Td>
                    <Progress.Root size="md" aria-hidden>
                      <Progress.Section value={shares.disbursed} color="teal.6" />
                      <Progress.Section value={shares.approved} color="blue.5" />
                    </Progress.Root>
                  </Table.Td>
                  <Table.Td>
                    <ProgramStatusBadge status={program.status} />
                  </Table.Td>
                </Table.Tr>
              )
            })
          )}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}
