import { Anchor, Breadcrumbs, Button, Grid, Group, Stack, Text } from '@mantine/core'
import { IconFileSpreadsheet, IconPrinter } from '@tabler/icons-react'
import { Link, useSearchParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import type { ResultsQuery, TargetMetric, Sector } from '@liendoan/contracts'
import { PageHeader } from '../../components/page-header'
import { fileSafeName, saveBlob } from '../../lib/download'
import { formatDate, todayIso } from '../../lib/format'
import { notifyError } from '../../lib/notify'
import { withParam } from '../../lib/search-params'
import { paths } from '../../app/paths'
import { useCurrentUser } from '../../app/session'
import { useExportResults } from './api/export-results'
import { useDashboard } from './api/get-dashboard'
import { useDashboardUnion } from './api/get-union'
import { useResults } from './api/get-results'
import { dashboardParamsFromUrl } from './dashboard-data'
import { AdmissionCharts, DashboardFigures, RatingsSection, SupportSection } from './dashboard-sections'
import { ChildrenSection } from './children-section'
import { TargetsSection } from './targets-section'

/**
 * "Tổng quan": the signed-in officer's branch of the tree at a glance (or, with `?under=`, a unit
 * below it): headline figures, this year's targets with their progress, admissions over time,
 * ratings by sector, support budgets, and the figures of each direct child. Prints cleanly and
 * exports the results as XLSX.
 */
export function DashboardPage() {
  const { t } = useTranslation()
  const user = useCurrentUser()
  const [params, setParams] = useSearchParams()
  const { under, drill } = dashboardParamsFromUrl(params)
  const today = todayIso()
  const year = Number(today.slice(0, 4))
  const resultsQuery: ResultsQuery = { ...(under ? { under } : {}), year }
  const dashboard = useDashboard(under ? { under } : {})
  const results = useResults(resultsQuery)
  const unitName = dashboard.data?.under.name ?? results.data?.under.name
  const asOf = dashboard.data?.asOf ?? results.data?.asOf ?? today
  const exporter = useExportResults()

  const setDrill = (metric: TargetMetric, sector: Sector | null) =>
    setParams((current) => withParam(withParam(current, 'metric', metric), 'sector', sector), { replace: true })

  return (
    <>
      <PageHeader
        above={under && under !== user.unionId ? <UnitBreadcrumbs unionId={under} /> : undefined}
        title={unitName ?? t('dashboard.title')}
        actions={
          <Group gap="xs" className="no-print">
            <Button
              variant="default"
              leftSection={<IconFileSpreadsheet size={16} />}
              loading={exporter.isPending}
              data-testid="export-results"
              onClick={() =>
                exporter.mutate(resultsQuery, {
                  onSuccess: ({ blob, fileName }) => saveBlob(blob, fileName ?? `${fileSafeName(t('dashboard.exportFileName', { name: unitName ?? '' }))}-${year}.xlsx`),
                  onError: (error) => notifyError(error, t),
                })
              }
            >
              {t('dashboard.export')}
            </Button>
            <Button variant="default" leftSection={<IconPrinter size={16} />} onClick={() => window.print()}>
              {t('dashboard.print')}
            </Button>
          </Group>
        }
      />
      <Text c="dimmed" size="sm" mt={-8} mb="md" data-testid="dashboard-as-of">
        {dashboard.data ? `${dashboard.data.under.unitTypeName} · ` : ''}
        {t('dashboard.asOf', { date: formatDate(asOf) })}
      </Text>
      <Stack gap="lg">
        <DashboardFigures query={dashboard} />
        <TargetsSection query={results} year={year} onDrill={setDrill} />
        <Grid>
          <Grid.Col span={{ base: 12, lg: 6 }}>
            <AdmissionCharts query={dashboard} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 6 }}>
            <RatingsSection query={dashboard} />
          </Grid.Col>
        </Grid>
        <SupportSection query={dashboard} />
        <ChildrenSection under={under} year={year} drill={drill} onDrill={setDrill} />
      </Stack>
    </>
  )
}

/** From the person's own union down to the unit shown; each step opens that unit's dashboard. */
function UnitBreadcrumbs({ unionId }: { unionId: string }) {
  const { t } = useTranslation()
  const user = useCurrentUser()
  const union = useDashboardUnion(unionId)
  const ancestors = union.data?.ancestors ?? []
  const ownIndex = ancestors.findIndex((ancestor) => ancestor.id === user.unionId)
  const between = ownIndex === -1 ? [] : ancestors.slice(ownIndex + 1)
  return (
    <nav aria-label={t('dashboard.breadcrumbLabel')} className="no-print">
      <Breadcrumbs separatorMargin={6} style={{ flexWrap: 'wrap' }}>
        <Anchor component={Link} to={paths.dashboard} size="sm" data-testid="dashboard-home">
          {user.unionName}
        </Anchor>
        {between.map((ancestor) => (
          <Anchor key={ancestor.id} component={Link} to={paths.dashboardOf(ancestor.id)} size="sm">
            {ancestor.name}
          </Anchor>
        ))}
        <Text size="sm" c="dimmed">
          {union.data?.name ?? '…'}
        </Text>
      </Breadcrumbs>
    </nav>
  )
}
