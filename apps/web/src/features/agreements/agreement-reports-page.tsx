import '@mantine/charts/styles.css'
import { useMemo, useState } from 'react'
import { BarChart, DonutChart } from '@mantine/charts'
import { Anchor, Button, Card, Grid, Group, Paper, Skeleton, Stack, Table, Text, Title } from '@mantine/core'
import { Link, useSearchParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import type { AgreementCoverageReport, AgreementGradeDistribution, Sector } from '@liendoan/contracts'
import { DateField } from '../../components/date-field'
import { EmptyState } from '../../components/empty-state'
import { PagedListEnd } from '../../components/list-footer'
import { PageHeader } from '../../components/page-header'
import { QueryError } from '../../components/query-error'
import { SkeletonRows } from '../../components/skeleton-rows'
import { UnionSelect } from '../../components/union-select'
import { formatDate, formatNumber, formatPercent, todayIso } from '../../lib/format'
import { paths } from '../../app/paths'
import { useAgreementCoverage } from './api/get-coverage'
import { useGradeDistribution } from './api/get-grade-distribution'
import { useSignedReport } from './api/get-signed-report'
import { useCoverageUnions } from './api/list-coverage-unions'
import type { CoverageUnionsFilters } from './api/agreement-keys'
import { withParam } from './agreement-filters'
import { GradeBadge } from './agreement-labels'
import { ALL_SECTORS, coverageBars, gradeSlices, reportParamsFromUrl } from './agreement-report-data'
import { FigureTiles } from '../../components/figure-tiles'

/** Coverage by sector with the unions behind each figure, agreements signed in a period, and grades. */
export function AgreementReportsPage() {
  const { t } = useTranslation()
  const [params, setParams] = useSearchParams()
  const today = todayIso()
  const { query, drill } = useMemo(() => reportParamsFromUrl(params, today), [params, today])
  const set = (key: string, value: string | null) =>
    setParams(
      (current) => {
        const next = withParam(current, key, value)
        if (key === 'under' || key === 'asOf') {
          next.delete('drill')
          next.delete('drillSector')
        }
        return next
      },
      { replace: true },
    )

  return (
    <>
      <PageHeader
        above={
          <Anchor component={Link} to={paths.agreements} size="sm">
            {t('agreementDetail.backToList')}
          </Anchor>
        }
        title={t('agreementReports.title')}
      />
      <Stack gap="lg">
        <Card withBorder>
          <Grid gutter="sm">
            <Grid.Col span={{ base: 12, md: 8 }}>
              <UnionSelect label={t('agreementReports.under')} placeholder={t('agreementReports.ownUnion')} value={query.under ?? null} onChange={(id) => set('under', id)} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 4 }}>
              <DateField
                label={t('agreementReports.asOf')}
                clearable={false}
                value={query.asOf}
                onChange={(value) => set('asOf', value === today ? null : value)}
                data-testid="report-as-of"
              />
            </Grid.Col>
          </Grid>
        </Card>
        <CoverageSection
          query={query}
          drill={drill}
          onDrill={(covered, sector) =>
            setParams(
              (current) => {
                const next = withParam(current, 'drill', covered ? 'covered' : 'uncovered')
                next.set('drillSector', sector ?? ALL_SECTORS)
                return next
              },
              { replace: true },
            )
          }
        />
        <GradesSection query={query} />
        <SignedSection under={query.under ?? null} />
      </Stack>
    </>
  )
}

function useSectorLabel() {
  const { t } = useTranslation()
  return (sector: Sector | null, total = true) => (sector ? t(`union.sectors.${sector}`) : total ? t('agreementReports.total') : t('agreementReports.unknownSector'))
}

function CoverageSection({
  query,
  drill,
  onDrill,
}: {
  query: { under?: string; asOf: string }
  drill: CoverageUnionsFilters | null
  onDrill: (covered: boolean, sector: Sector | null) => void
}) {
  const { t } = useTranslation()
  const coverage = useAgreementCoverage(query)
  return (
    <Card withBorder component="section" aria-labelledby="coverage-title">
      <Title order={3} size="h4" id="coverage-title">
        {t('agreementReports.coverageTitle')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('agreementReports.coverageHint')}
        {coverage.data ? ` ${coverage.data.under.name} · ${formatDate(coverage.data.asOf)}` : ''}
      </Text>
      {coverage.isError ? (
        <QueryError error={coverage.error} onRetry={() => void coverage.refetch()} />
      ) : coverage.isPending ? (
        <Stack aria-busy="true">
          <Skeleton height={200} />
          <Skeleton height={24} />
          <Skeleton height={24} />
        </Stack>
      ) : (
        <>
          <CoverageChart report={coverage.data} />
          <CoverageTable report={coverage.data} busy={coverage.isFetching} drill={drill} onDrill={onDrill} />
          {drill && <CoverageUnions filters={drill} />}
        </>
      )}
    </Card>
  )
}

function CoverageChart({ report }: { report: AgreementCoverageReport }) {
  const { t } = useTranslation()
  const label = useSectorLabel()
  const data = coverageBars(report.rows, (sector) => label(sector))
  return (
    <div role="img" aria-label={t('agreementReports.chartLabel')} data-testid="coverage-chart">
      <BarChart
        h={220}
        data={data}
        dataKey="label"
        type="stacked"
        orientation="vertical"
        withLegend
        yAxisProps={{ width: 170 }}
        valueFormatter={(value) => formatNumber(value)}
        series={[
          { name: 'covered', label: t('agreementReports.covered'), color: 'teal.6' },
          { name: 'notCovered', label: t('agreementReports.notCovered'), color: 'gray.4' },
        ]}
      />
    </div>
  )
}

function CoverageTable({
  report,
  busy,
  drill,
  onDrill,
}: {
  report: AgreementCoverageReport
  busy: boolean
  drill: CoverageUnionsFilters | null
  onDrill: (covered: boolean, sector: Sector | null) => void
}) {
  const { t } = useTranslation()
  const label = useSectorLabel()
  const opened = (covered: boolean, sector: Sector | null) => drill !== null && drill.covered === covered && (drill.sector ?? null) === sector
  return (
    <Table.ScrollContainer minWidth={820} mt="md">
      <Table striped data-testid="coverage-table" aria-busy={busy}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('agreementReports.sector')}</Table.Th>
            <Table.Th ta="right">{t('agreementReports.activeUnions')}</Table.Th>
            <Table.Th ta="right">{t('agreementReports.covered')}</Table.Th>
            <Table.Th ta="right">{t('agreementReports.share')}</Table.Th>
            <Table.Th ta="right">{t('agreementReports.workersCovered')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {report.rows.map((row) => (
            <Table.Tr key={row.sector ?? ALL_SECTORS} data-sector={row.sector ?? ALL_SECTORS} fw={row.sector === null ? 600 : undefined}>
              <Table.Td>{label(row.sector)}</Table.Td>
              <Table.Td ta="right">{formatNumber(row.activeUnions)}</Table.Td>
              <Table.Td ta="right" data-testid="coverage-covered">
                {formatNumber(row.covered)}
              </Table.Td>
              <Table.Td ta="right" data-testid="coverage-share">
                {formatPercent(row.share)}
              </Table.Td>
              <Table.Td ta="right">{formatNumber(row.workersCovered)}</Table.Td>
              <Table.Td>
                <Group gap={4} justify="flex-end" wrap="nowrap">
                  <Button
                    size="compact-xs"
                    variant={opened(true, row.sector) ? 'filled' : 'light'}
                    disabled={row.covered === 0}
                    onClick={() => onDrill(true, row.sector)}
                    data-testid="drill-covered"
                  >
                    {t('agreementReports.showCovered')}
                  </Button>
                  <Button
                    size="compact-xs"
                    variant={opened(false, row.sector) ? 'filled' : 'light'}
                    color="gray"
                    disabled={row.activeUnions - row.covered <= 0}
                    onClick={() => onDrill(false, row.sector)}
                    data-testid="drill-uncovered"
                  >
                    {t('agreementReports.showNotCovered')}
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}

/** The unions behind a coverage figure, with the agreement in force for each covered one. */
function CoverageUnions({ filters }: { filters: CoverageUnionsFilters }) {
  const { t } = useTranslation()
  const label = useSectorLabel()
  const unions = useCoverageUnions(filters)
  const items = unions.data?.pages.flatMap((page) => page.items) ?? []
  const sector = label(filters.sector ?? null)
  return (
    <Paper withBorder mt="md" data-testid="coverage-unions" data-covered={String(filters.covered)}>
      <Title order={4} size="h5" p="sm">
        {filters.covered ? t('agreementReports.unionsTitleCovered', { sector }) : t('agreementReports.unionsTitleNotCovered', { sector })}
      </Title>
      {unions.isError ? (
        <QueryError error={unions.error} onRetry={() => void unions.refetch()} />
      ) : (
        <>
          <Table.ScrollContainer minWidth={760}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('agreementReports.union')}</Table.Th>
                  <Table.Th>{t('agreementReports.sector')}</Table.Th>
                  {filters.covered && (
                    <>
                      <Table.Th>{t('agreementReports.agreement')}</Table.Th>
                      <Table.Th>{t('agreementReports.expiresOn')}</Table.Th>
                      <Table.Th>{t('agreementReports.grade')}</Table.Th>
                    </>
                  )}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody data-testid="coverage-union-rows">
                {unions.isPending ? (
                  <SkeletonRows rows={5} columns={filters.covered ? 5 : 2} />
                ) : (
                  items.map((entry) => (
                    <Table.Tr key={entry.union.id} data-union={entry.union.code}>
                      <Table.Td>
                        <Anchor component={Link} to={paths.union(entry.union.id)}>
                          {entry.union.name}
                        </Anchor>
                        <Text size="xs" c="dimmed">
                          {entry.union.code}
                        </Text>
                      </Table.Td>
                      <Table.Td>{label(entry.union.sector, false)}</Table.Td>
                      {filters.covered && (
                        <>
                          <Table.Td>
                            {entry.agreement ? (
                              <Anchor component={Link} to={paths.agreement(entry.agreement.id)}>
                                {entry.agreement.title}
                              </Anchor>
                            ) : (
                              t('app.none')
                            )}
                          </Table.Td>
                          <Table.Td className="nowrap">{formatDate(entry.agreement?.expiresOn)}</Table.Td>
                          <Table.Td>{entry.agreement && <GradeBadge code={entry.agreement.grade} />}</Table.Td>
                        </>
                      )}
                    </Table.Tr>
                  ))
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <PagedListEnd
            list={unions}
            count={items.length}
            shownText={(counted) => t('agreementReports.unionsCount', counted)}
            empty={<EmptyState text={t('agreementReports.unionsEmpty')} />}
          />
        </>
      )}
    </Paper>
  )
}

function GradesSection({ query }: { query: { under?: string; asOf: string } }) {
  const { t } = useTranslation()
  const grades = useGradeDistribution(query)
  return (
    <Card withBorder component="section" aria-labelledby="grades-title">
      <Title order={3} size="h4" id="grades-title">
        {t('agreementReports.gradesTitle')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('agreementReports.gradesHint')}
      </Text>
      {grades.isError ? (
        <QueryError error={grades.error} onRetry={() => void grades.refetch()} />
      ) : grades.isPending ? (
        <Skeleton height={180} />
      ) : (
        <GradeDistribution report={grades.data} />
      )}
    </Card>
  )
}

function GradeDistribution({ report }: { report: AgreementGradeDistribution }) {
  const { t } = useTranslation()
  const slices = gradeSlices(report, t('agreement.ungraded'))
  return (
    <Grid gutter="lg" align="center">
      <Grid.Col span={{ base: 12, md: 4 }}>
        {slices.length > 0 ? (
          <Group justify="center" role="img" aria-label={t('agreementReports.gradesChartLabel')}>
            <DonutChart data={slices} size={170} thickness={28} withTooltip chartLabel={t('agreementReports.inForce', { count: report.total })} />
          </Group>
        ) : (
          <EmptyState text={t('agreementReports.inForce', { count: 0 })} />
        )}
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 8 }}>
        <Table striped data-testid="grade-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('agreementReports.grade')}</Table.Th>
              <Table.Th ta="right">{t('agreementReports.count')}</Table.Th>
              <Table.Th ta="right">{t('agreementReports.share')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.rows.map((row) => (
              <Table.Tr key={row.grade ?? 'none'} data-grade={row.grade ?? 'none'}>
                <Table.Td>{row.grade === null ? t('agreement.ungraded') : row.name}</Table.Td>
                <Table.Td ta="right" data-testid="grade-count">
                  {formatNumber(row.count)}
                </Table.Td>
                <Table.Td ta="right">{formatPercent(row.share)}</Table.Td>
              </Table.Tr>
            ))}
            <Table.Tr fw={600}>
              <Table.Td>{t('agreementReports.total')}</Table.Td>
              <Table.Td ta="right">{formatNumber(report.total)}</Table.Td>
              <Table.Td />
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Grid.Col>
    </Grid>
  )
}

function SignedSection({ under }: { under: string | null }) {
  const { t } = useTranslation()
  const label = useSectorLabel()
  const today = todayIso()
  const [from, setFrom] = useState<string | null>(`${today.slice(0, 4)}-01-01`)
  const [to, setTo] = useState<string | null>(today)
  const query = from && to && from <= to ? { from, to, ...(under ? { under } : {}) } : null
  const signed = useSignedReport(query)
  const figures = signed.data
    ? ([
        ['signedAgreements', signed.data.agreements],
        ['signedUnions', signed.data.unions],
        ['signedWorkers', signed.data.workersCovered],
      ] as const)
    : []
  return (
    <Card withBorder component="section" aria-labelledby="signed-title">
      <Title order={3} size="h4" id="signed-title">
        {t('agreementReports.signedTitle')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('agreementReports.signedHint')}
      </Text>
      <Grid gutter="sm" mb="md">
        <Grid.Col span={{ base: 6, md: 3 }}>
          <DateField label={t('agreementReports.from')} value={from} onChange={setFrom} />
        </Grid.Col>
        <Grid.Col span={{ base: 6, md: 3 }}>
          <DateField label={t('agreementReports.to')} value={to} onChange={setTo} />
        </Grid.Col>
      </Grid>
      {signed.isError ? (
        <QueryError error={signed.error} onRetry={() => void signed.refetch()} />
      ) : (
        <>
          <FigureTiles
            figures={figures.map(([key, value]) => ({ key, label: t(`agreementReports.${key}`), value }))}
            loadingCount={signed.isPending && query ? 3 : 0}
            cols={{ base: 1, sm: 3 }}
            testId="signed-figures"
          />
          {signed.data && signed.data.bySector.length > 0 && (
            <Table mt="md" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('agreementReports.sector')}</Table.Th>
                  <Table.Th ta="right">{t('agreementReports.signedAgreements')}</Table.Th>
                  <Table.Th ta="right">{t('agreementReports.signedUnions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {signed.data.bySector.map((row) => (
                  <Table.Tr key={row.sector ?? 'none'}>
                    <Table.Td>{label(row.sector, false)}</Table.Td>
                    <Table.Td ta="right">{formatNumber(row.agreements)}</Table.Td>
                    <Table.Td ta="right">{formatNumber(row.unions)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </>
      )}
    </Card>
  )
}
