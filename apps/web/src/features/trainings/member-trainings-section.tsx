import { Anchor, Card, Table, Text, Title } from '@mantine/core'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import { QueryError } from '../../components/query-error'
import { SkeletonRows } from '../../components/skeleton-rows'
import { formatDate } from '../../lib/format'
import { paths } from '../../app/paths'
import { useMemberTrainingHistory } from './api/get-member-trainings'
import { CertificateStatusBadge, OutcomeBadge, TrainingStatusBadge } from './training-labels'

/**
 * "Quá trình tập huấn" on a member's page: every class they were enrolled in, with
 * attendance, score, outcome and certificate. The router composes it into the member
 * page, so the members feature does not depend on this one.
 */
export function MemberTrainingsSection({ memberId }: { memberId: string }) {
  const { t } = useTranslation()
  const history = useMemberTrainingHistory(memberId)
  const items = history.data ?? []
  return (
    <section data-testid="member-trainings">
      <Title order={3} size="h4" mb="sm">
        {t('memberTrainings.title')}
      </Title>
      {history.isError ? (
        <QueryError error={history.error} onRetry={() => void history.refetch()} />
      ) : !history.isPending && items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('memberTrainings.empty')}
        </Text>
      ) : (
        <Card withBorder p={0}>
          <Table.ScrollContainer minWidth={820}>
            <Table striped verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('memberTrainings.class')}</Table.Th>
                  <Table.Th>{t('memberTrainings.dates')}</Table.Th>
                  <Table.Th ta="right">{t('memberTrainings.attended')}</Table.Th>
                  <Table.Th ta="right">{t('memberTrainings.score')}</Table.Th>
                  <Table.Th>{t('memberTrainings.outcome')}</Table.Th>
                  <Table.Th>{t('memberTrainings.certificate')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {history.isPending ? (
                  <SkeletonRows rows={2} columns={6} />
                ) : (
                  items.map((entry) => (
                    <Table.Tr key={entry.participantId}>
                      <Table.Td>
                        <Anchor component={Link} to={paths.training(entry.class.id)} fw={500}>
                          {entry.class.title}
                        </Anchor>
                        <Text size="xs" c="dimmed">
                          {entry.topics.map((topic) => topic.name).join(', ')} · {entry.class.organiser.name}
                        </Text>
                      </Table.Td>
                      <Table.Td className="nowrap">
                        {formatDate(entry.class.startsOn)}
                        {entry.class.endsOn !== entry.class.startsOn ? ` – ${formatDate(entry.class.endsOn)}` : ''}
                      </Table.Td>
                      <Table.Td ta="right">
                        {entry.attendedCount}/{entry.sessionCount}
                      </Table.Td>
                      <Table.Td ta="right">{entry.score ?? t('app.none')}</Table.Td>
                      <Table.Td className="nowrap">
                        {entry.class.status === 'completed' ? <OutcomeBadge outcome={entry.outcome} /> : <TrainingStatusBadge status={entry.class.status} />}
                      </Table.Td>
                      <Table.Td className="nowrap">
                        {entry.certificate ? (
                          <Text size="sm" ff="monospace" component="span" data-testid="history-certificate">
                            {entry.certificate.number}{' '}
                            {entry.certificate.status !== 'valid' && <CertificateStatusBadge status={entry.certificate.status} />}
                          </Text>
                        ) : (
                          t('app.none')
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      )}
    </section>
  )
}
