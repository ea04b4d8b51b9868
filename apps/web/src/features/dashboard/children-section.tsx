import { useState } from 'react'
import { Anchor, Badge, Button, Grid, Group, Select, Table, Text } from '@mantine/core'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import { TargetMetrics, isShareMetric, type ChildResult, type ResultChildrenQuery, type ResultChildrenReport, type Sector, type TargetMetric } from '@liendoan/contracts'
import { EmptyState } from '../../components/empty-state'
import { formatNumber } from '../../lib/format'
import { metricLabel } from '../../lib/target-figures'
import { currentLanguage } from '../../i18n'
import { paths } from '../../app/paths'
import { useResultChildren } from './api/get-result-children'
import { CHILDREN_SHOWN, childrenInOrder } from './dashboard-data'
import { ReportCard } from './report-card'
import { TargetProgress } from './target-progress'

/**
 * The drill-down: one metric for each direct child of the unit, with their targets; a child's
 * name opens its own dashboard. The unit's own figure closes the table.
 */
export function ChildrenSection({
  under,
  year,
  drill,
  onDrill,
}: {
  under: string | null
  year: number
  drill: { metric: TargetMetric; sector: Sector | null }
  onDrill: (metric: TargetMetric, sector: Sector | null) => void
}) {
  const { t } = useTranslation()
  const language = currentLanguage()
  const query: ResultChildrenQuery = { ...(under ? { under } : {}), year, metric: drill.metric, ...(drill.sector ? { sector: drill.sector } : {}) }
  const children = useResultChildren(query)
  return (
    <div id="children-section">
      <ReportCard title={t('dashboard.children.title')} hint={t('dashboard.children.hint')} query={children} testId="children-section" skeletonHeight={200}>
        {(report) => (
          <>
            <Grid gutter="sm" className="no-print">
              <Grid.Col span={{ base: 12, md: 8 }}>
                <Select
                  label={t('dashboard.children.metric')}
                  allowDeselect={false}
                  data={TargetMetrics.map((metric) => ({ value: metric, label: metricLabel(metric, language) }))}
                  value={drill.metric}
                  onChange={(value) => {
                    const metric = TargetMetrics.find((candidate) => candidate === value)
                    if (metric) onDrill(metric, isShareMetric(metric) ? drill.sector : null)
                  }}
                  data-testid="children-metric"
                />
              </Grid.Col>
              {isShareMetric(drill.metric) && (
                <Grid.Col span={{ base: 12, md: 4 }}>
                  <Select
                    label={t('dashboard.children.sector')}
                    allowDeselect={false}
                    data={[
                      { value: 'all', label: t('dashboard.children.allSectors') },
                      { value: 'state', label: t('union.sectors.state') },
                      { value: 'non_state', label: t('union.sectors.non_state') },
                    ]}
                    value={drill.sector ?? 'all'}
                    onChange={(value) => onDrill(drill.metric, value === 'state' || value === 'non_state' ? value : null)}
                  />
                </Grid.Col>
              )}
            </Grid>
            <Text size="sm" className="print-only" fw={500}>
              {metricLabel(report.metric, language)}
              {report.sector ? ` · ${t(`union.sectors.${report.sector}`)}` : ''}
            </Text>
            <ChildrenTable report={report} busy={children.isFetching} />
          </>
        )}
      </ReportCard>
    </div>
  )
}

function ChildrenTable({ report, busy }: { report: ResultChildrenReport; busy: boolean }) {
  const { t } = useTranslation()
  const [showAll, setShowAll] = useState(false)
  const ordered = childrenInOrder(report.children)
  const shown = showAll ? ordered : ordered.slice(0, CHILDREN_SHOWN)
  const label = metricLabel(report.metric, currentLanguage())
  const progress = (figures: ResultChildrenReport['total'] | ChildResult, name: string) => (
    <TargetProgress
      value={figures.value}
      targetValue={figures.target?.targetValue ?? null}
      achievement={figures.achievement}
      kind={report.kind}
      label={t('dashboard.children.barLabel', { metric: label, name })}
    />
  )
  if (report.children.length === 0) return <EmptyState text={t('dashboard.children.empty')} />
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table striped verticalSpacing="sm" aria-busy={busy} data-testid="children-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('dashboard.children.unit')}</Table.Th>
            <Table.Th w="45%">{t('dashboard.children.progress')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {shown.map((child) => (
              <Table.Tr key={child.union.id} data-union={child.union.id}>
                <Table.Td>
                  <Anchor component={Link} to={paths.dashboardOf(child.union.id)}>
                    {child.union.name}
                  </Anchor>
                  {child.union.status !== 'active' && (
                    <Badge ml={6} size="xs" variant="light" color="gray">
                      {t(`union.statuses.${child.union.status}`)}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{progress(child, child.union.name)}</Table.Td>
              </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr data-union={report.under.id} data-testid="children-total">
            <Table.Th>{t('dashboard.children.total', { name: report.under.name })}</Table.Th>
            <Table.Td>{progress(report.total, report.under.name)}</Table.Td>
          </Table.Tr>
        </Table.Tfoot>
      </Table>
      {ordered.length > shown.length && (
        <Group justify="center" mt="xs" className="no-print">
          <Button variant="subtle" size="xs" onClick={() => setShowAll(true)} data-testid="children-show-all">
            {t('dashboard.children.showAll', { count: formatNumber(ordered.length) })}
          </Button>
        </Group>
      )}
    </Table.ScrollContainer>
  )
}
