import { useState } from 'react'
import { Alert, Anchor, Badge, Button, Card, Checkbox, Grid, Group, Select, Stack, Table, Text, Title } from '@mantine/core'
import { IconUserMinus, IconUserPlus, IconUsersPlus } from '@tabler/icons-react'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import { Sectors, type Sector, type TrainingClass, type TrainingParticipant } from '@liendoan/contracts'
import { isApiError } from '../../api/api-error'
import { EmptyState } from '../../components/empty-state'
import { ListFooter } from '../../components/list-footer'
import { MemberPicker } from '../../components/member-picker'
import { OfficerPositionSelect } from '../../components/officer-position-select'
import { QueryError } from '../../components/query-error'
import { SkeletonRows } from '../../components/skeleton-rows'
import { UnionSelect } from '../../components/union-select'
import { formatNumber } from '../../lib/format'
import { randomKey } from '../../lib/ids'
import { notifyError, notifyFailure, notifySuccess } from '../../lib/notify'
import { paths } from '../../app/paths'
import { useCandidates } from './api/list-candidates'
import { useEnrol } from './api/enrol-participant'
import { useEnrolBulk } from './api/enrol-participants-bulk'
import { useParticipants } from './api/list-participants'
import { useWithdraw } from './api/withdraw-participant'
import type { CandidateFilters } from './api/training-keys'
import { OutcomeBadge } from './training-labels'

const PAGE = 100

/** The class list: enrol one member or many by criteria (while open), withdraw, and see each one's progress. */
export function ParticipantsTab({ training, canManage }: { training: TrainingClass; canManage: boolean }) {
  const { t } = useTranslation()
  const participants = useParticipants(training.id)
  const withdraw = useWithdraw(training.id)
  const enrolling = canManage && training.status === 'open'
  const canWithdraw = canManage && (training.status === 'open' || training.status === 'running')
  const rows = participants.data ?? []
  // The whole list is loaded (the sheets need it); the table grows by a hundred rows at a time.
  const [shown, setShown] = useState(PAGE)

  return (
    <Stack>
      {canManage && !enrolling && (training.status === 'planned') && (
        <Alert color="blue" variant="light">
          {t('participants.notEnrolling')}
        </Alert>
      )}
      {enrolling && (
        <Grid>
          <Grid.Col span={{ base: 12, lg: 5 }}>
            <EnrolOne training={training} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 7 }}>
            <BulkEnrol training={training} />
          </Grid.Col>
        </Grid>
      )}
      {participants.isError ? (
        <QueryError error={participants.error} onRetry={() => void participants.refetch()} />
      ) : (
        <Card withBorder p={0}>
          <Table.ScrollContainer minWidth={820}>
            <Table striped verticalSpacing="xs" aria-busy={participants.isFetching}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('participants.member')}</Table.Th>
                  <Table.Th>{t('participants.union')}</Table.Th>
                  <Table.Th ta="right">{t('participants.attended')}</Table.Th>
                  <Table.Th ta="right">{t('participants.score')}</Table.Th>
                  <Table.Th>{t('participants.outcome')}</Table.Th>
                  <Table.Th>{t('participants.certificate')}</Table.Th>
                  {canWithdraw && <Table.Th />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody data-testid="participant-rows">
                {participants.isPending ? (
                  <SkeletonRows rows={5} columns={canWithdraw ? 7 : 6} />
                ) : (
                  rows.slice(0, shown).map((participant) => (
                    <ParticipantRow
                      key={participant.id}
                      participant={participant}
                      sessionCount={training.sessions.length}
                      onWithdraw={
                        canWithdraw && participant.status === 'enrolled'
                          ? () =>
                              withdraw.mutate(participant.id, {
                                onSuccess: () => notifySuccess(t('participants.withdrawn', { name: participant.member.fullName })),
                                onError: (error) => notifyError(error, t),
                              })
                          : undefined
                      }
                      showActions={canWithdraw}
                    />
                  ))
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {!participants.isPending && rows.length === 0 && <EmptyState title={t('participants.emptyTitle')} text={t('participants.emptyText')} />}
          {rows.length > 0 && (
            <ListFooter
              shownText={t('participants.count', { count: rows.length, formattedCount: formatNumber(rows.length) })}
              hasNextPage={shown < rows.length}
              isFetchingNextPage={false}
              onLoadMore={() => setShown((current) => current + PAGE)}
            />
          )}
        </Card>
      )}
    </Stack>
  )
}

function ParticipantRow({
  participant,
  sessionCount,
  onWithdraw,
  showActions,
}: {
  participant: TrainingParticipant
  sessionCount: number
  onWithdraw: (() => void) | undefined
  showActions: boolean
}) {
  const { t } = useTranslation()
  const withdrawn = participant.status === 'withdrawn'
  return (
    <Table.Tr data-participant={participant.member.fullName} c={withdrawn ? 'dimmed' : undefined}>
      <Table.Td>
        <Anchor component={Link} to={paths.member(participant.member.id)} fw={500}>
          {participant.member.fullName}
        </Anchor>
        {withdrawn && (
          <Badge ml="xs" size="xs" color="gray" variant="light">
            {t('trainings.participantStatuses.withdrawn')}
          </Badge>
        )}
      </Table.Td>
      <Table.Td>{participant.member.union.name}</Table.Td>
      <Table.Td ta="right">
        {participant.attendedCount}/{sessionCount}
      </Table.Td>
      <Table.Td ta="right">{participant.score ?? t('app.none')}</Table.Td>
      <Table.Td className="nowrap">
        <OutcomeBadge outcome={participant.outcome} />
      </Table.Td>
      <Table.Td ff="monospace" className="nowrap">{participant.certificate?.number ?? t('app.none')}</Table.Td>
      {showActions && (
        <Table.Td>
          {onWithdraw && (
            <Button size="compact-xs" variant="subtle" color="red" leftSection={<IconUserMinus size={14} />} onClick={onWithdraw}>
              {t('participants.withdraw')}
            </Button>
          )}
        </Table.Td>
      )}
    </Table.Tr>
  )
}

function EnrolOne({ training }: { training: TrainingClass }) {
  const { t } = useTranslation()
  const enrol = useEnrol(training.id)
  const [memberId, setMemberId] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  return (
    <Card withBorder h="100%">
      <Title order={3} size="h5" mb="sm">
        {t('participants.enrolOne')}
      </Title>
      <form
        onSubmit={(event) => {
          event.preventDefault()
          if (!memberId) return
          enrol.mutate(memberId, {
            onSuccess: (participant) => {
              setMemberId(null)
              setError(null)
              notifySuccess(t('participants.enrolled', { name: participant.member.fullName }))
            },
            onError: (failure) => {
              // A refused member (out of scope, not active, already enrolled) is said next to the picker.
              if (isApiError(failure) && failure.status === 422 && failure.fieldErrors[0]) return setError(failure.fieldErrors[0].message)
              notifyError(failure, t)
            },
          })
        }}
      >
        <Group align="flex-end" wrap="nowrap">
          <MemberPicker
            label={t('participants.enrolOneLabel')}
            scope={{ under: training.organiser.id, status: 'active' }}
            value={memberId}
            onChange={(id) => {
              setMemberId(id)
              setError(null)
            }}
            error={error}
            style={{ flex: 1 }}
          />
          <Button type="submit" leftSection={<IconUserPlus size={16} />} loading={enrol.isPending} disabled={!memberId}>
            {t('participants.enrol')}
          </Button>
        </Group>
      </form>
    </Card>
  )
}

/**
 * Enrolment from a query ("current chairpersons of non-state grassroots unions under X
 * without a certificate for this topic"): preview who is not on the list yet, then
 * enrol them all at once (the API takes all or none).
 */
function BulkEnrol({ training }: { training: TrainingClass }) {
  const { t } = useTranslation()
  const [under, setUnder] = useState<string | null>(null)
  const [position, setPosition] = useState<string | null>(training.audience.positions[0] ?? null)
  const [sector, setSector] = useState<Sector | null>(training.audience.sector)
  const [grassroots, setGrassroots] = useState(training.audience.positions.length > 0)
  const [topicId, setTopicId] = useState<string | null>(training.topics[0]?.id ?? null)
  const [previewing, setPreviewing] = useState(false)
  const filters: CandidateFilters = {
    ...(under ? { under } : {}),
    ...(position ? { position: [position] } : {}),
    ...(sector ? { sector } : {}),
    ...(grassroots ? { grassroots: true } : {}),
    ...(topicId ? { withoutCertificateFor: topicId } : {}),
  }
  const candidates = useCandidates(training.id, filters, previewing)
  const bulk = useEnrolBulk(training.id)
  const [attemptKey, setAttemptKey] = useState(randomKey)
  const found = candidates.data?.items ?? []
  const more = !!candidates.data?.nextCursor
  const change = (apply: () => void) => {
    apply()
    setAttemptKey(randomKey())
  }

  return (
    <Card withBorder h="100%" data-testid="bulk-enrol">
      <Title order={3} size="h5" mb={4}>
        {t('participants.bulkTitle')}
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        {t('participants.bulkHint')}
      </Text>
      <Grid gutter="xs">
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <UnionSelect
            label={t('participants.under')}
            placeholder={training.organiser.name}
            value={under}
            onChange={(id) => change(() => setUnder(id))}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <OfficerPositionSelect
            valueKind="code"
            label={t('participants.position')}
            placeholder={t('participants.anyPosition')}
            clearable
            value={position}
            onChange={(value) => change(() => setPosition(value))}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <Select
            label={t('trainings.fields.sector')}
            placeholder={t('trainings.anySector')}
            clearable
            data={Sectors.map((value) => ({ value, label: t(`union.sectors.${value}`) }))}
            value={sector}
            onChange={(value) => change(() => setSector(value === 'state' || value === 'non_state' ? value : null))}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <Select
            label={t('participants.withoutCertificateFor')}
            placeholder={t('participants.anyCertificate')}
            clearable
            data={training.topics.map((topic) => ({ value: topic.id, label: topic.name }))}
            value={topicId}
            onChange={(value) => change(() => setTopicId(value))}
          />
        </Grid.Col>
        <Grid.Col span={12}>
          <Checkbox label={t('participants.grassroots')} checked={grassroots} onChange={(event) => change(() => setGrassroots(event.currentTarget.checked))} />
        </Grid.Col>
      </Grid>
      <Group mt="sm" justify="space-between">
        <Button variant="default" onClick={() => setPreviewing(true)} loading={previewing && candidates.isFetching} data-testid="bulk-preview">
          {t('participants.preview')}
        </Button>
        {previewing && candidates.isSuccess && found.length > 0 && (
          <Button
            leftSection={<IconUsersPlus size={16} />}
            loading={bulk.isPending}
            data-testid="bulk-enrol-submit"
            onClick={() =>
              bulk.mutate(
                {
                  key: attemptKey,
                  body: {
                    filter: {
                      ...(under ? { under } : {}),
                      ...(position ? { positions: [position] } : {}),
                      ...(sector ? { sector } : {}),
                      ...(grassroots ? { grassroots: true } : {}),
                      ...(topicId ? { withoutCertificateFor: topicId } : {}),
                    },
                  },
                },
                {
                  onSuccess: (result) => {
                    setPreviewing(false)
                    setAttemptKey(randomKey())
                    notifySuccess(t('participants.bulkDone', { enrolled: result.enrolled, placesLeft: result.placesLeft }))
                  },
                  onError: (error) =>
                    isApiError(error) && error.code === 'class_full' ? notifyFailure(t('participants.classFull'), t) : notifyError(error, t),
                },
              )
            }
          >
            {t('participants.enrolAll')}
          </Button>
        )}
      </Group>
      {previewing && candidates.isError && <QueryError error={candidates.error} />}
      {previewing && candidates.isSuccess && (
        <Stack gap={4} mt="sm" data-testid="bulk-candidates">
          <Text size="sm" fw={600}>
            {found.length === 0
              ? t('participants.noCandidates')
              : more
                ? t('participants.candidatesMore', { count: found.length })
                : t('participants.candidatesCount', { count: found.length })}
          </Text>
          {found.length > 0 && (
            <Text size="xs" c="dimmed" lineClamp={3}>
              {found.map((candidate) => `${candidate.fullName} (${candidate.union.name})`).join('; ')}
            </Text>
          )}
        </Stack>
      )}
    </Card>
  )
}
