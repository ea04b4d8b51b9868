import { Anchor, Badge, Button, Group, SimpleGrid, Stack, Text } from '@mantine/core'
import { IconSitemap } from '@tabler/icons-react'
import type { UseQueryResult } from '@tanstack/react-query'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import type { ResultsReport, Sector, TargetMetric } from '@liendoan/contracts'
import { formatDate } from '../../lib/format'
import { can } from '../../lib/permissions'
import { metricLabel } from '../../lib/target-figures'
import { currentLanguage } from '../../i18n'
import { paths } from '../../app/paths'
import { useCurrentUser } from '../../app/session'
import { ReportCard } from './report-card'
import { TargetProgress } from './target-progress'

/** This year's results of the unit, metric by metric; those with a target show their progress. */
export function TargetsSection({
  query,
  year,
  onDrill,
}: {
  query: UseQueryResult<ResultsReport>
  year: number
  onDrill: (metric: TargetMetric, sector: Sector | null) => void
}) {
  const { t } = useTranslation()
  const user = useCurrentUser()
  const language = currentLanguage()
  return (
    <ReportCard
      title={t('dashboard.targets.title', { year })}
      hint={query.data ? t('dashboard.targets.hint', { date: formatDate(query.data.asOf) }) : undefined}
      query={query}
      testId="targets-section"
      skeletonHeight={180}
    >
      {(report) => {
        const withTarget = report.rows.filter((row) => row.target).length
        return (
          <>
            {withTarget === 0 && (
              <Group justify="space-between" gap="xs">
                <Text size="sm" c="dimmed">
                  {t('dashboard.targets.none')}
                </Text>
                {can(user, 'target.manage') && (
                  <Anchor component={Link} to={paths.targets} size="sm" className="no-print">
                    {t('dashboard.targets.manage')}
                  </Anchor>
                )}
              </Group>
            )}
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg" verticalSpacing="md">
              {report.rows.map((row) => {
                const label = metricLabel(row.metric, language)
                const sector = row.sector ? t(`union.sectors.${row.sector}`) : null
                return (
                  <Stack key={`${row.metric}-${row.sector ?? 'all'}`} gap={2} data-testid="target-row" data-metric={row.metric} data-sector={row.sector ?? ''}>
                    <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
                      <Text size="sm" fw={600} style={{ flex: 1 }}>
                        {label}
                        {sector && (
                          <Badge ml={6} size="xs" variant="light" color="gray">
                            {sector}
                          </Badge>
                        )}
                      </Text>
                      <Button
                        variant="subtle"
                        size="compact-xs"
                        leftSection={<IconSitemap size={14} />}
                        className="no-print"
                        style={{ flexShrink: 0 }}
                        aria-label={t('dashboard.targets.drillLabel', { metric: label })}
                        onClick={() => {
                          onDrill(row.metric, row.sector)
                          document.getElementById('children-section')?.scrollIntoView({ behavior: 'smooth' })
                        }}
                      >
                        {t('dashboard.targets.drill')}
                      </Button>
                    </Group>
                    <TargetProgress
                      value={row.value}
                      targetValue={row.target?.targetValue ?? null}
                      achievement={row.achievement}
                      kind={row.kind}
                      label={t('dashboard.targets.barLabel', { metric: sector ? `${label} (${sector})` : label })}
                    />
                    {row.target && (
                      <Text size="xs" c="dimmed">
                        {t('dashboard.targets.assignedBy', { name: row.target.assignedBy.name })}
                      </Text>
                    )}
                  </Stack>
                )
              })}
            </SimpleGrid>
          </>
        )
      }}
    </ReportCard>
  )
}
