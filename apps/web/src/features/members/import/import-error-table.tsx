import { useMemo, useState } from 'react'
import { Button, Card, Group, SegmentedControl, Stack, Table, Text, Title, Tooltip } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { ImportRowError } from '@liendoan/contracts'
import { QueryError } from '../../../components/query-error'
import { SkeletonRows } from '../../../components/skeleton-rows'
import { formatNumber } from '../../../lib/format'
import { useImportErrors } from '../api/get-import-errors'
import { buildErrorGrid } from './import-error-grid'

const BAD_CELL = { background: 'var(--mantine-color-red-light)', boxShadow: 'inset 0 0 0 1px var(--mantine-color-red-filled)' }

/**
 * The dry run's errors. The grid lays them out like the officer's sheet, one line
 * per bad row with the bad cells in red and the reason under the value; the list
 * shows the same errors one per line.
 */
export function ImportErrorTable({ jobId }: { jobId: string }) {
  const { t } = useTranslation()
  const errors = useImportErrors(jobId, true)
  const [view, setView] = useState<'grid' | 'list'>('grid')
  const items = useMemo(() => errors.data?.pages.flatMap((page) => page.items) ?? [], [errors.data])
  const grid = useMemo(() => buildErrorGrid(items), [items])

  if (errors.isError) return <QueryError error={errors.error} onRetry={() => void errors.refetch()} />

  return (
    <Card withBorder p={0}>
      <Group justify="space-between" p="sm">
        <Title order={3} size="h5">
          {t('imports.errorsTitle')}
        </Title>
        <SegmentedControl
          size="xs"
          value={view}
          onChange={(value) => setView(value === 'list' ? 'list' : 'grid')}
          data={[
            { value: 'grid', label: t('imports.viewGrid') },
            { value: 'list', label: t('imports.viewList') },
          ]}
        />
      </Group>
      {view === 'grid' ? (
        <Table.ScrollContainer minWidth={Math.max(900, 150 * grid.columns.length)}>
          <Table withColumnBorders withTableBorder={false} verticalSpacing="xs" data-testid="import-error-grid">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={70}>{t('imports.row')}</Table.Th>
                {grid.columns.map((column) => (
                  <Table.Th key={column}>{column}</Table.Th>
                ))}
                <Table.Th>{t('imports.rowProblems')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {errors.isPending ? (
                <SkeletonRows rows={3} columns={grid.columns.length + 2} />
              ) : (
                grid.rows.map((row) => (
                  <Table.Tr key={row.row} data-row={row.row}>
                    <Table.Td fw={600}>{row.row}</Table.Td>
                    {grid.columns.map((column) => {
                      const cellErrors = row.cells.get(column)
                      return cellErrors ? (
                        <BadCell key={column} errors={cellErrors} column={column} />
                      ) : (
                        <Table.Td key={column} />
                      )
                    })}
                    <Table.Td>
                      {row.rowErrors.map((error, index) => (
                        <Text key={index} size="xs" c="red">
                          {error.message}
                        </Text>
                      ))}
                    </Table.Td>
                  </Table.Tr>
                ))
              )}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : (
        <Table.ScrollContainer minWidth={700}>
          <Table striped verticalSpacing="xs" data-testid="import-error-list">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={70}>{t('imports.row')}</Table.Th>
                <Table.Th>{t('imports.column')}</Table.Th>
                <Table.Th>{t('imports.value')}</Table.Th>
                <Table.Th>{t('imports.message')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((error, index) => (
                <Table.Tr key={index}>
                  <Table.Td>{error.row}</Table.Td>
                  <Table.Td>{error.column ?? t('imports.wholeRow')}</Table.Td>
                  <Table.Td ff="monospace">{error.value ?? ''}</Table.Td>
                  <Table.Td>{error.message}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Group justify="space-between" p="sm">
        <Text size="sm" c="dimmed">
          {t('imports.errorsShown', { shown: formatNumber(items.length) })}
        </Text>
        {errors.hasNextPage && (
          <Button variant="light" size="xs" onClick={() => void errors.fetchNextPage()} loading={errors.isFetchingNextPage}>
            {t('app.loadMore')}
          </Button>
        )}
      </Group>
    </Card>
  )
}

function BadCell({ errors, column }: { errors: ImportRowError[]; column: string }) {
  const { t } = useTranslation()
  const value = errors.find((error) => error.value !== null && error.value !== '')?.value
  const messages = errors.map((error) => error.message)
  return (
    <Table.Td style={BAD_CELL} data-bad-cell={column} aria-invalid="true">
      <Tooltip label={messages.join(' · ')} multiline maw={320} withArrow>
        <Stack gap={2}>
          <Text size="sm" ff="monospace" fs={value ? undefined : 'italic'}>
            {value ?? t('imports.emptyCell')}
          </Text>
          {messages.map((message, index) => (
            <Text key={index} size="xs" c="red.8">
              {message}
            </Text>
          ))}
        </Stack>
      </Tooltip>
    </Table.Td>
  )
}
