import '@mantine/charts/styles.css'
import { BarChart } from '@mantine/charts'
import { Anchor, Group, Progress, Stack, Text } from '@mantine/core'
import type { UseQueryResult } from '@tanstack/react-query'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import type { DashboardReport, Sector } from '@liendoan/contracts'
import { BudgetBar } from '../../components/budget-bar'
import { EmptyState } from '../../components/empty-state'
import { FigureTiles, type Figure } from '../../components/figure-tiles'
import { QueryError } from '../../components/query-error'
import { formatDate, formatMoney, formatNumber, formatPercent } from '../../lib/format'
import { progressValue } from '../../lib/target-figures'
import { paths } from '../../app/paths'
import { gradeBars, gradeSeries, monthBars, yearBars } from './dashboard-data'
import { ReportCard } from './report-card'

type DashboardQueryResult = UseQueryResult<DashboardReport>

const FIGURE_COUNT = 6

/** The headline figures: members, grassroots unions by sector, admissions, agreements, trained chairpersons. */
export function DashboardFigures({ query }: { query: DashboardQueryResult }) {
  const { t } = useTranslation()
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />
  const report = query.data
  const sector = (name: Sector) => report?.grassroots.bySector.find((row) => row.sector === name)?.active ?? 0
  const figures: Figure[] = report
    ? [
        { key: 'members', label: t('dashboard.figures.members'), value: report.members.active },
        { key: 'female', label: t('dashboard.figures.female'), value: report.members.female },
        {
          key: 'grassroots',
          label: t('dashboard.figures.grassroots'),
          value: report.grassroots.active,
          detail: t('dashboard.figures.bySector', { state: formatNumber(sector('state')), nonState: formatNumber(sector('non_state')) }),
        },
        {
          key: 'admitted',
          label: t('dashboard.figures.admitted', { year: report.year }),
          value: report.members.admittedThisYear,
          detail: t('dashboard.figures.founded', { count: formatNumber(report.grassroots.foundedThisYear) }),
        },
        {
          key: 'agreements',
          label: t('dashboard.figures.agreements'),
          value: report.agreements.inForce,
          detail: t('dashboard.figures.coverage', shareWords(report.agreements.coverage)),
        },
        {
          key: 'chairpersons',
          label: t('dashboard.figures.chairpersons'),
          value: report.chairpersonsTrained.share.percent,
          display: formatPercent(report.chairpersonsTrained.share.percent),
          detail: t('dashboard.figures.chairpersonsDetail', {
            ...shareWords(report.chairpersonsTrained.share),
            topic: report.chairpersonsTrained.topic?.name ?? t('app.none'),
          }),
        },
      ]
    : []
  return (
    <section aria-label={t('dashboard.figures.label')}>
      <FigureTiles figures={figures} loadingCount={report ? 0 : FIGURE_COUNT} cols={{ base: 1, xs: 2, md: 3, xl: 6 }} testId="dashboard-figures" />
    </section>
  )
}

function shareWords(share: DashboardReport['agreements']['coverage']) {
  return { percent: formatPercent(share.percent), part: formatNumber(share.part), whole: formatNumber(share.whole) }
}

/** Admissions this year month by month, and over the last five years. */
export function AdmissionCharts({ query }: { query: DashboardQueryResult }) {
  const { t } = useTranslation()
  const series = [{ name: 'admitted', label: t('dashboard.charts.admitted'), color: 'blue.6' }]
  return (
    <ReportCard title={t('dashboard.charts.title')} query={query} testId="admission-charts" skeletonHeight={460}>
      {(report) =>
        report.admissionsByYear.every((row) => row.admitted === 0) ? (
          <EmptyState text={t('dashboard.charts.empty')} />
        ) : (
          <>
            <Text size="sm" fw={500}>
              {t('dashboard.charts.byMonth', { year: report.year })}
            </Text>
            <div role="img" aria-label={t('dashboard.charts.byMonthLabel', { year: report.year })} data-testid="admissions-by-month">
              <BarChart h={200} data={monthBars(report.admissionsByMonth)} dataKey="label" series={series} valueFormatter={formatNumber} />
            </div>
            <Text size="sm" fw={500}>
              {t('dashboard.charts.byYear')}
            </Text>
            <div role="img" aria-label={t('dashboard.charts.byYearLabel')} data-testid="admissions-by-year">
              <BarChart h={200} data={yearBars(report.admissionsByYear)} dataKey="label" series={series} valueFormatter={formatNumber} />
            </div>
          </>
        )
      }
    </ReportCard>
  )
}

/** Each sector's share of grassroots unions rated strong or better, and its grade counts stacked. */
export function RatingsSection({ query }: { query: DashboardQueryResult }) {
  const { t } = useTranslation()
  const sectorLabel = (sector: Sector) => t(`union.sectors.${sector}`)
  const year = query.data?.ratings.year
  return (
    <ReportCard title={year ? t('dashboard.ratings.titleYear', { year }) : t('dashboard.ratings.title')} query={query} testId="ratings-section" skeletonHeight={460}>
      {(report) =>
        report.ratings.year === null || report.ratings.bySector.length === 0 ? (
          <EmptyState text={t('dashboard.ratings.empty')} />
        ) : (
          <>
            {report.ratings.bySector.map((row) => (
              <div key={row.sector} data-sector={row.sector} data-testid="rating-share">
                <Group justify="space-between" gap="xs">
                  <Text size="sm" fw={500}>
                    {sectorLabel(row.sector)}
                  </Text>
                  <Text size="sm">{t('dashboard.ratings.strongShare', shareWords(row.strongOrBetter))}</Text>
                </Group>
                <Progress
                  value={progressValue(row.strongOrBetter.percent)}
                  color="teal"
                  size="lg"
                  mt={4}
                  aria-label={t('dashboard.ratings.barLabel', { sector: sectorLabel(row.sector) })}
                />
              </div>
            ))}
            <div role="img" aria-label={t('dashboard.ratings.chartLabel')} data-testid="ratings-chart">
              <BarChart
                h={220}
                data={gradeBars(report.ratings.bySector, sectorLabel)}
                dataKey="label"
                type="stacked"
                orientation="vertical"
                yAxisProps={{ width: 150 }}
                withLegend
                series={gradeSeries(report.ratings.bySector)}
                valueFormatter={formatNumber}
              />
            </div>
          </>
        )
      }
    </ReportCard>
  )
}

/** The support programmes of the year: budget against approved and disbursed, and what reached the unit. */
export function SupportSection({ query }: { query: DashboardQueryResult }) {
  const { t } = useTranslation()
  return (
    <ReportCard title={t('dashboard.support.title', { year: query.data?.year ?? '' })} query={query} testId="support-section" skeletonHeight={120}>
      {(report) =>
        report.support.programs.length === 0 ? (
          <EmptyState text={t('dashboard.support.empty')} />
        ) : (
          <Stack gap="lg">
            {report.support.programs.map((program) => (
              <div key={program.id} data-program={program.id}>
                <Group justify="space-between" align="flex-start" gap="xs">
                  <div>
                    <Anchor component={Link} to={paths.supportProgram(program.id)} fw={500}>
                      {program.name}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {program.union.name} · {formatDate(program.periodFrom)} – {formatDate(program.periodTo)}
                    </Text>
                  </div>
                  <Text size="sm" ta="right">
                    {t('dashboard.support.figures', {
                      budget: formatMoney(program.figures.budgetVnd),
                      approved: formatMoney(program.figures.approvedVnd),
                      disbursed: formatMoney(program.figures.disbursedVnd),
                    })}
                  </Text>
                </Group>
                <BudgetBar figures={program.figures} size="lg" mt={6} label={t('dashboard.support.barLabel', { name: program.name })} />
                <Text size="xs" c="dimmed" mt={4}>
                  {t('dashboard.support.disbursedUnder', { amount: formatMoney(program.disbursedUnderVnd), year: report.year })}
                </Text>
              </div>
            ))}
          </Stack>
        )
      }
    </ReportCard>
  )
}
