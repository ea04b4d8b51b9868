import '@mantine/charts/styles.css'
import { LineChart } from '@mantine/charts'
import { Button, Card, Group, SegmentedControl, Skeleton, Stack, Table, Text, Title } from '@mantine/core'
import { IconFileSpreadsheet } from '@tabler/icons-react'
import { useSearchParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import type { SupportProgram, SupportProgramReport } from '@liendoan/contracts'
import { QueryError } from '../../components/query-error'
import { fileSafeName, saveBlob } from '../../lib/download'
import { formatMoney, formatNumber } from '../../lib/format'
import { notifyError } from '../../lib/notify'
import { useExportPayments } from './api/export-payments'
import { useProgramReport } from './api/get-report'
import { budgetSeries } from './support-figures'
import { reportIntervalFromParams, withParam } from './support-filters'
import { useRoleLabel } from './support-labels'

/** Budget use over time (committed and disbursed against the budget line), by role, and the XLSX for the accountants. */
export function ProgramReportTab({ program }: { program: SupportProgram }) {
  const { t } = useTranslation()
  const [params, setParams] = useSearchParams()
  const interval = reportIntervalFromParams(params)
  const report = useProgramReport(program.id, interval)
  const exporter = useExportPayments(program.id)

  return (
    <Stack data-testid="program-report">
      <Group justify="space-between">
        <SegmentedControl
          aria-label={t('support.report.interval')}
          value={interval}
          onChange={(value) => setParams((current) => withParam(current, 'interval', value === 'quarter' ? 'quarter' : null), { replace: true })}
          data={[
            { value: 'month', label: t('support.report.byMonth') },
            { value: 'quarter', label: t('support.report.byQuarter') },
          ]}
        />
        <Button
          variant="default"
          leftSection={<IconFileSpreadsheet size={16} />}
          loading={exporter.isPending}
          data-testid="export-xlsx"
          onClick={() =>
            exporter.mutate(undefined, {
              onSuccess: ({ blob, fileName }) => saveBlob(blob, fileName ?? `${fileSafeName(program.name)}.xlsx`),
              onError: (error) => notifyError(error, t),
            })
          }
        >
          {t('support.report.export')}
        </Button>
      </Group>
      {report.isError ? (
        <QueryError error={report.error} onRetry={() => void report.refetch()} />
      ) : report.isPending ? (
        <Stack aria-busy="true">
          <Skeleton height={280} />
          <Skeleton height={120} />
        </Stack>
      ) : (
        <>
          <BudgetChart report={report.data} interval={interval} />
          <RoleTable report={report.data} />
        </>
      )}
    </Stack>
  )
}

function BudgetChart({ report, interval }: { report: SupportProgramReport; interval: 'month' | 'quarter' }) {
  const { t } = useTranslation()
  const data = budgetSeries(report, interval)
  return (
    <Card withBorder>
      <Title order={3} size="h5">
        {t('support.report.chartTitle')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('support.report.chartHint')}
      </Text>
      {data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('support.report.noSeries')}
        </Text>
      ) : (
        <div role="img" aria-label={t('support.report.chartLabel')} data-testid="budget-chart">
          <LineChart
            h={300}
            data={data}
            dataKey="label"
            withLegend
            curveType="stepAfter"
            withDots={data.length <= 24}
            yAxisProps={{ width: 120 }}
            valueFormatter={(value) => formatMoney(value)}
            series={[
              { name: 'budget', label: t('support.figures.budget'), color: 'red.6', strokeDasharray: '6 4' },
              { name: 'committed', label: t('support.report.committed'), color: 'blue.6' },
              { name: 'disbursed', label: t('support.figures.disbursed'), color: 'teal.6' },
            ]}
          />
        </div>
      )}
    </Card>
  )
}

function RoleTable({ report }: { report: SupportProgramReport }) {
  const { t } = useTranslation()
  const roleLabel = useRoleLabel()
  return (
    <Card withBorder p={0}>
      <Title order={3} size="h5" p="md" pb={0}>
        {t('support.report.byRole')}
      </Title>
      <Table.ScrollContainer minWidth={600}>
        <Table striped mt="xs" data-testid="role-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('support.report.role')}</Table.Th>
              <Table.Th ta="right">{t('support.report.payments')}</Table.Th>
              <Table.Th ta="right">{t('support.report.committed')}</Table.Th>
              <Table.Th ta="right">{t('support.figures.disbursed')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.byRole.map((row) => (
              <Table.Tr key={row.role} data-role={row.role}>
                <Table.Td>{roleLabel(row.role)}</Table.Td>
                <Table.Td ta="right">{formatNumber(row.payments)}</Table.Td>
                <Table.Td ta="right">{formatMoney(row.committedVnd)}</Table.Td>
                <Table.Td ta="right">{formatMoney(row.disbursedVnd)}</Table.Td>
              </Table.Tr>
            ))}
            {report.byRole.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={4}>
                  <Text size="sm" c="dimmed" ta="center">
                    {t('support.report.noPayments')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  )
}
