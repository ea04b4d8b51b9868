import { Anchor, Table, Text } from '@mantine/core'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import type { Agreement } from '@liendoan/contracts'
import { SkeletonRows } from '../../components/skeleton-rows'
import { formatDate, formatNumber, todayIso } from '../../lib/format'
import { paths } from '../../app/paths'
import { AgreementStatusBadge, GradeBadge } from './agreement-labels'
import { daysUntil } from './agreement-rules'

/** The agreements table, shared by the list and the union's tab. */
export function AgreementRows({
  items,
  loading,
  busy,
  showUnion,
  expiring = false,
}: {
  items: readonly Agreement[]
  loading: boolean
  busy: boolean
  showUnion: boolean
  expiring?: boolean
}) {
  const { t } = useTranslation()
  const today = todayIso()
  const columns = showUnion ? 7 : 6
  return (
    <Table.ScrollContainer minWidth={960}>
      <Table striped highlightOnHover verticalSpacing="sm" aria-busy={busy}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('agreement.fields.title')}</Table.Th>
            {showUnion && <Table.Th>{t('agreement.fields.union')}</Table.Th>}
            <Table.Th>{t('agreement.fields.status')}</Table.Th>
            <Table.Th>{t('agreement.fields.grade')}</Table.Th>
            <Table.Th>{t('agreement.fields.signedOn')}</Table.Th>
            <Table.Th>{t('agreement.fields.expiresOn')}</Table.Th>
            <Table.Th ta="right">{t('agreement.fields.workersCovered')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody data-testid="agreement-rows">
          {loading ? (
            <SkeletonRows rows={6} columns={columns} />
          ) : (
            items.map((agreement) => {
              const left = agreement.expiresOn ? daysUntil(agreement.expiresOn, today) : null
              return (
                <Table.Tr key={agreement.id} data-agreement={agreement.title}>
                  <Table.Td>
                    <Anchor component={Link} to={paths.agreement(agreement.id)} fw={500}>
                      {agreement.title}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {agreement.employerName}
                    </Text>
                  </Table.Td>
                  {showUnion && (
                    <Table.Td>
                      <Text size="sm">{agreement.union.name}</Text>
                      <Text size="xs" c="dimmed">
                        {agreement.union.code}
                        {agreement.union.sector ? ` · ${t(`union.sectors.${agreement.union.sector}`)}` : ''}
                      </Text>
                    </Table.Td>
                  )}
                  <Table.Td className="nowrap">
                    <AgreementStatusBadge status={agreement.status} />
                  </Table.Td>
                  <Table.Td className="nowrap">
                    <GradeBadge code={agreement.grade?.code ?? null} name={agreement.grade?.name} />
                  </Table.Td>
                  <Table.Td className="nowrap">{formatDate(agreement.signedOn)}</Table.Td>
                  <Table.Td className="nowrap">
                    {formatDate(agreement.expiresOn)}
                    {expiring && left !== null && (
                      <Text size="xs" c={left <= 30 ? 'red' : 'orange'} data-testid="days-left">
                        {left === 0 ? t('agreement.expiresToday') : t('agreement.daysLeft', { count: left })}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td ta="right">{formatNumber(agreement.workersCovered)}</Table.Td>
                </Table.Tr>
              )
            })
          )}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}
