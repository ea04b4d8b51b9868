import { Card, Table, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { EmptyState } from '../../components/empty-state'
import { PagedListEnd } from '../../components/list-footer'
import { QueryError } from '../../components/query-error'
import { SkeletonRows } from '../../components/skeleton-rows'
import { formatDateTime, formatMoney } from '../../lib/format'
import { useLedger } from './api/get-ledger'
import { formatDelta } from './support-figures'
import { LedgerKindBadge } from './support-labels'

/**
 * The programme's ledger: every state change of every payment in order, never edited. The deltas
 * add up to the figures at the top of the page.
 */
export function LedgerTab({ programId }: { programId: string }) {
  const { t } = useTranslation()
  const ledger = useLedger(programId)
  const items = ledger.data?.pages.flatMap((page) => page.items) ?? []
  if (ledger.isError) return <QueryError error={ledger.error} onRetry={() => void ledger.refetch()} />
  return (
    <Card withBorder p={0} data-testid="program-ledger">
      <Table.ScrollContainer minWidth={960}>
        <Table striped verticalSpacing="xs" aria-busy={ledger.isFetching}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th ta="right">#</Table.Th>
              <Table.Th>{t('support.ledger.at')}</Table.Th>
              <Table.Th>{t('support.ledger.kind')}</Table.Th>
              <Table.Th>{t('support.ledger.payment')}</Table.Th>
              <Table.Th ta="right">{t('support.fields.amount')}</Table.Th>
              <Table.Th ta="right">{t('support.figures.proposed')}</Table.Th>
              <Table.Th ta="right">{t('support.figures.approved')}</Table.Th>
              <Table.Th ta="right">{t('support.figures.disbursed')}</Table.Th>
              <Table.Th>{t('support.ledger.actor')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {ledger.isPending ? (
              <SkeletonRows rows={5} columns={9} />
            ) : (
              items.map((entry) => (
                <Table.Tr key={entry.seq} data-kind={entry.kind}>
                  <Table.Td ta="right">{entry.seq}</Table.Td>
                  <Table.Td className="nowrap">{formatDateTime(entry.at)}</Table.Td>
                  <Table.Td>
                    <LedgerKindBadge kind={entry.kind} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" ff="monospace" title={entry.paymentId}>
                      {entry.paymentId.slice(-12)}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right" className="nowrap">
                    {formatMoney(entry.amountVnd)}
                  </Table.Td>
                  <Table.Td ta="right" className="nowrap">
                    {formatDelta(entry.proposedDeltaVnd)}
                  </Table.Td>
                  <Table.Td ta="right" className="nowrap">
                    {formatDelta(entry.approvedDeltaVnd)}
                  </Table.Td>
                  <Table.Td ta="right" className="nowrap">
                    {formatDelta(entry.disbursedDeltaVnd)}
                  </Table.Td>
                  <Table.Td>{entry.actor.name}</Table.Td>
                </Table.Tr>
              ))
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <PagedListEnd
        list={ledger}
        count={items.length}
        shownText={(counted) => t('support.ledger.shownCount', counted)}
        empty={<EmptyState text={t('support.ledger.empty')} />}
      />
    </Card>
  )
}
