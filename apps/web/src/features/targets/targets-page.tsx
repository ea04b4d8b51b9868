import { useMemo, useState } from 'react'
import { ActionIcon, Anchor, Badge, Button, Card, Grid, Group, Select, Table, Text, VisuallyHidden } from '@mantine/core'
import { IconChartBar, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react'
import { useQueryClient } from '@tanstack/react-query'
import { Link, useSearchParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { TargetMetrics, type Target } from '@liendoan/contracts'
import { EmptyState } from '../../components/empty-state'
import { PagedListEnd } from '../../components/list-footer'
import { PageHeader } from '../../components/page-header'
import { QueryError } from '../../components/query-error'
import { SkeletonRows } from '../../components/skeleton-rows'
import { UnionSelect } from '../../components/union-select'
import { ClearFiltersButton } from '../../components/clear-filters-button'
import { todayIso } from '../../lib/format'
import { can } from '../../lib/permissions'
import { withParam } from '../../lib/search-params'
import { formatTargetValue, metricLabel } from '../../lib/target-figures'
import { currentLanguage } from '../../i18n'
import { paths } from '../../app/paths'
import { useCurrentUser } from '../../app/session'
import { useOwnUnion } from './api/get-own-union'
import { targetKeys } from './api/target-keys'
import { useTargetList } from './api/list-targets'
import { TARGET_FILTER_KEYS, periodText, targetFiltersFromParams } from './target-body'
import { TargetCreateModal, yearChoices } from './target-create-modal'
import { TargetDeleteModal, TargetEditModal } from './target-edit-modals'

type Dialog = { kind: 'create' } | { kind: 'edit'; target: Target } | { kind: 'delete'; target: Target } | null

/** "Chỉ tiêu": targets of the units under the person's union; managers assign, change and remove them. */
export function TargetsPage() {
  const { t } = useTranslation()
  const user = useCurrentUser()
  const queryClient = useQueryClient()
  const [params, setParams] = useSearchParams()
  const filters = useMemo(() => targetFiltersFromParams(params), [params])
  const hasFilters = TARGET_FILTER_KEYS.some((key) => params.has(key))
  const setFilter = (key: string, value: string | null) => setParams((current) => withParam(current, key, value), { replace: true })
  const list = useTargetList(filters)
  const items = list.data?.pages.flatMap((page) => page.items) ?? []
  const year = Number(todayIso().slice(0, 4))
  const manager = can(user, 'target.manage')
  // Targets assigned from above the person's union are theirs to meet, not to change.
  const ownUnion = useOwnUnion(user.unionId)
  const mayChange = (target: Target) => manager && !!ownUnion.data && !ownUnion.data.ancestorIds.includes(target.assignedBy.id)
  const [dialog, setDialog] = useState<Dialog>(null)
  const language = currentLanguage()

  return (
    <>
      <PageHeader
        title={t('targets.title')}
        actions={
          manager && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setDialog({ kind: 'create' })} data-testid="target-create">
              {t('targets.create')}
            </Button>
          )
        }
      />
      <Card withBorder mb="md" component="section" aria-label={t('targets.filtersLabel')}>
        <Grid gutter="sm" align="flex-end">
          <Grid.Col span={{ base: 12, sm: 4, md: 2 }}>
            <Select
              label={t('targets.fields.year')}
              placeholder={t('targets.anyYear')}
              clearable
              data={yearChoices(year)}
              value={filters.year ? String(filters.year) : null}
              onChange={(value) => setFilter('year', value)}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 8, md: 4 }}>
            <Select
              label={t('targets.fields.metric')}
              placeholder={t('targets.anyMetric')}
              clearable
              data={TargetMetrics.map((metric) => ({ value: metric, label: metricLabel(metric, language) }))}
              value={filters.metric ?? null}
              onChange={(value) => setFilter('metric', value)}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <UnionSelect label={t('targets.fields.unit')} placeholder={t('targets.anyUnit')} value={filters.unitId ?? null} onChange={(id) => setFilter('unitId', id)} />
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
          <Table.ScrollContainer minWidth={900}>
            <Table striped highlightOnHover verticalSpacing="sm" aria-busy={list.isFetching}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('targets.fields.unit')}</Table.Th>
                  <Table.Th>{t('targets.fields.metric')}</Table.Th>
                  <Table.Th>{t('targets.fields.period')}</Table.Th>
                  <Table.Th ta="right">{t('targets.fields.targetValue')}</Table.Th>
                  <Table.Th>{t('targets.fields.assignedBy')}</Table.Th>
                  <Table.Th>{t('targets.fields.note')}</Table.Th>
                  <Table.Th w={120}>
                    <VisuallyHidden>{t('targets.actions')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody data-testid="target-rows">
                {list.isPending ? (
                  <SkeletonRows rows={4} columns={7} />
                ) : (
                  items.map((target) => {
                    const words = { metric: metricLabel(target.metric, language), unit: target.unit.name }
                    return (
                      <Table.Tr key={target.id} data-target={target.id} data-metric={target.metric} data-unit={target.unit.id}>
                        <Table.Td>
                          <Anchor component={Link} to={paths.union(target.unit.id)}>
                            {target.unit.name}
                          </Anchor>
                        </Table.Td>
                        <Table.Td>
                          {words.metric}
                          {target.sector && (
                            <Badge ml={6} size="xs" variant="light" color="gray">
                              {t(`union.sectors.${target.sector}`)}
                            </Badge>
                          )}
                        </Table.Td>
                        <Table.Td className="nowrap">{periodText(target)}</Table.Td>
                        <Table.Td ta="right" className="nowrap" fw={500} data-testid="target-value" data-value={target.targetValue}>
                          {formatTargetValue(target.targetValue, target.kind)}
                        </Table.Td>
                        <Table.Td>{target.assignedBy.name}</Table.Td>
                        <Table.Td maw={260}>
                          <Text size="sm" lineClamp={2}>
                            {target.note ?? ''}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <Group gap={4} wrap="nowrap" justify="flex-end">
                            <ActionIcon component={Link} to={paths.dashboardOf(target.unit.id)} variant="subtle" aria-label={t('targets.progressLabel', words)}>
                              <IconChartBar size={16} />
                            </ActionIcon>
                            {mayChange(target) && (
                              <>
                                <ActionIcon variant="subtle" aria-label={t('targets.editLabel', words)} onClick={() => setDialog({ kind: 'edit', target })}>
                                  <IconPencil size={16} />
                                </ActionIcon>
                                <ActionIcon variant="subtle" color="red" aria-label={t('targets.deleteLabel', words)} onClick={() => setDialog({ kind: 'delete', target })}>
                                  <IconTrash size={16} />
                                </ActionIcon>
                              </>
                            )}
                          </Group>
                        </Table.Td>
                      </Table.Tr>
                    )
                  })
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <PagedListEnd
            list={list}
            count={items.length}
            shownText={(counted) => t('targets.shownCount', counted)}
            empty={<EmptyState title={t('targets.emptyTitle')} text={hasFilters ? t('targets.emptyFiltered') : t('targets.emptyText')} />}
          />
        </Card>
      )}
      {dialog?.kind === 'create' && <TargetCreateModal year={filters.year ?? year} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'edit' && (
        <TargetEditModal target={dialog.target} onClose={() => setDialog(null)} onStale={() => void queryClient.invalidateQueries({ queryKey: targetKeys.lists() })} />
      )}
      {dialog?.kind === 'delete' && <TargetDeleteModal target={dialog.target} onClose={() => setDialog(null)} />}
    </>
  )
}
