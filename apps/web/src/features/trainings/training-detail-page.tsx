import { useState } from 'react'
import { Anchor, Button, Card, Group, Modal, SimpleGrid, Stack, Tabs, Text, Textarea } from '@mantine/core'
import { IconPencil } from '@tabler/icons-react'
import { Link, useParams, useSearchParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { validationMessage, type TrainingClass, type TrainingStatus } from '@liendoan/contracts'
import { useOfficerPositions } from '../../components/officer-position-select'
import { currentLanguage } from '../../i18n'
import { PageHeader } from '../../components/page-header'
import { QueryError } from '../../components/query-error'
import { formatDate, formatNumber } from '../../lib/format'
import { notifyError, notifySuccess } from '../../lib/notify'
import { can } from '../../lib/permissions'
import { paths } from '../../app/paths'
import { useCurrentUser } from '../../app/session'
import { useTraining } from './api/get-training'
import { useChangeTrainingStatus } from './api/change-training-status'
import { AttendanceTab } from './attendance-sheet'
import { CertificatesTab } from './certificates-tab'
import { ParticipantsTab } from './participants-tab'
import { ResultsTab } from './results-sheet'
import { TrainingStatusBadge } from './training-labels'
import { nextStatuses } from './training-rules'
import { DetailField, DetailSkeleton } from '../../components/detail-field'

const TABS = ['participants', 'attendance', 'results', 'certificates'] as const
type Tab = (typeof TABS)[number]

export function TrainingDetailPage() {
  const { id = '' } = useParams()
  const query = useTraining(id)
  if (query.isPending) return <DetailSkeleton />
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />
  return <TrainingDetail training={query.data.training} />
}

function TrainingDetail({ training }: { training: TrainingClass }) {
  const { t } = useTranslation()
  const user = useCurrentUser()
  const canManage = can(user, 'training.manage')
  const [params, setParams] = useSearchParams()
  const tabParam = params.get('tab')
  const tab: Tab = TABS.find((value) => value === tabParam) ?? 'participants'
  const editable = canManage && training.status !== 'completed' && training.status !== 'cancelled'

  return (
    <>
      <PageHeader
        above={
          <Anchor component={Link} to={paths.trainings} size="sm">
            {t('trainingDetail.backToList')}
          </Anchor>
        }
        title={
          <Group gap="sm" component="span">
            <span>{training.title}</span>
            <TrainingStatusBadge status={training.status} />
          </Group>
        }
        actions={
          <>
            {editable && (
              <Button component={Link} to={paths.trainingEdit(training.id)} variant="default" leftSection={<IconPencil size={16} />}>
                {t('app.edit')}
              </Button>
            )}
            {canManage && <StatusButtons training={training} />}
          </>
        }
      />
      <TrainingInfo training={training} />
      <Tabs
        mt="lg"
        value={tab}
        keepMounted={false}
        onChange={(value) => setParams((current) => {
          const next = new URLSearchParams(current)
          next.set('tab', value ?? 'participants')
          return next
        }, { replace: true })}
      >
        <Tabs.List>
          <Tabs.Tab value="participants">{t('trainingDetail.participants')}</Tabs.Tab>
          <Tabs.Tab value="attendance">{t('trainingDetail.attendance')}</Tabs.Tab>
          <Tabs.Tab value="results">{t('trainingDetail.results')}</Tabs.Tab>
          <Tabs.Tab value="certificates">{t('trainingDetail.certificates')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="participants" pt="md">
          <ParticipantsTab training={training} canManage={canManage} />
        </Tabs.Panel>
        <Tabs.Panel value="attendance" pt="md">
          <AttendanceTab training={training} canManage={canManage} />
        </Tabs.Panel>
        <Tabs.Panel value="results" pt="md">
          <ResultsTab training={training} canManage={canManage} />
        </Tabs.Panel>
        <Tabs.Panel value="certificates" pt="md">
          <CertificatesTab training={training} canManage={canManage} />
        </Tabs.Panel>
      </Tabs>
    </>
  )
}

function TrainingInfo({ training }: { training: TrainingClass }) {
  const { t, i18n } = useTranslation()
  const positions = useOfficerPositions()
  const positionName = (code: string) => {
    const position = positions.data?.find((candidate) => candidate.code === code)
    return position ? (i18n.language === 'en' ? position.nameEn : position.name) : code
  }
  const sessions = [...training.sessions].sort((a, b) => (a.date + a.startTime).localeCompare(b.date + b.startTime))
  const audience = [
    training.audience.positions.length > 0 ? training.audience.positions.map(positionName).join(', ') : t('trainings.anyMember'),
    training.audience.sector ? t(`union.sectors.${training.audience.sector}`) : null,
  ]
    .filter(Boolean)
    .join(' · ')
  return (
    <Card withBorder>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm" verticalSpacing="sm">
        <DetailField label={t('trainings.fields.topics')} value={training.topics.map((topic) => topic.name).join(', ')} />
        <DetailField label={t('trainings.fields.organiser')} value={training.organiser.name} />
        <DetailField label={t('trainings.fields.audience')} value={audience} />
        <DetailField
          label={t('trainings.fields.enrolled')}
          value={t('trainingDetail.enrolledOf', { enrolled: formatNumber(training.enrolledCount), capacity: formatNumber(training.capacity) })}
          testId="field-enrolled"
        />
        <DetailField
          label={t('trainingDetail.results')}
          value={
            training.passMark === null
              ? t('trainings.rule', { percent: training.minAttendancePercent })
              : t('trainings.ruleWithTest', { percent: training.minAttendancePercent, passMark: training.passMark })
          }
        />
        <DetailField label={t('trainings.fields.trainers')} value={training.trainers.join(', ')} />
        {training.status === 'completed' && (
          <DetailField
            label={t('trainings.fields.completed')}
            value={t('trainingDetail.completedSummary', { completed: training.completedCount, certificates: training.certificateCount })}
            testId="field-completed"
          />
        )}
        {training.statusReason && <DetailField label={t('trainings.fields.statusReason')} value={training.statusReason} />}
        {training.description && <DetailField label={t('trainings.fields.description')} value={training.description} />}
      </SimpleGrid>
      <Text size="xs" c="dimmed" fw={500} mt="sm">
        {t('trainings.fields.sessions')}
      </Text>
      <Stack gap={2} data-testid="training-sessions">
        {sessions.map((session, index) => (
          <Text size="sm" key={session.id}>
            {formatDate(session.date)} ·{' '}
            {t('trainings.sessionLine', { index: index + 1, count: sessions.length, start: session.startTime, end: session.endTime, place: session.place })}
          </Text>
        ))}
      </Stack>
    </Card>
  )
}

/** One button per transition the class's status allows; completing and cancelling ask first. */
function StatusButtons({ training }: { training: TrainingClass }) {
  const { t } = useTranslation()
  const change = useChangeTrainingStatus(training.id)
  const [confirming, setConfirming] = useState<TrainingStatus | null>(null)
  const [reason, setReason] = useState('')
  const [reasonError, setReasonError] = useState<string | null>(null)

  const run = (status: TrainingStatus, text?: string) =>
    change.mutate(
      { status, ...(text ? { reason: text } : {}) },
      {
        onSuccess: () => {
          setConfirming(null)
          notifySuccess(t('trainingDetail.statusChanged', { status: t(`trainings.statuses.${status}`) }))
        },
        onError: (error) => notifyError(error, t),
      },
    )

  return (
    <>
      {nextStatuses(training.status).map((status) => (
        <Button
          key={status}
          variant={status === 'cancelled' || status === 'planned' ? 'default' : 'filled'}
          color={status === 'cancelled' ? 'red' : undefined}
          loading={change.isPending && change.variables.status === status}
          onClick={() => (status === 'completed' || status === 'cancelled' ? setConfirming(status) : run(status))}
          data-testid={`status-${status}`}
        >
          {t(`trainingDetail.toStatus.${status}`)}
        </Button>
      ))}
      <Modal
        opened={confirming !== null}
        onClose={() => setConfirming(null)}
        title={confirming === 'completed' ? t('trainingDetail.completeTitle') : t('trainingDetail.cancelTitle')}
      >
        <form
          onSubmit={(event) => {
            event.preventDefault()
            if (confirming === 'cancelled') {
              if (!reason.trim()) return setReasonError(validationMessage('required', {}, currentLanguage()))
              run('cancelled', reason.trim())
            } else if (confirming) run(confirming)
          }}
        >
          <Stack>
            {confirming === 'completed' && <Text size="sm">{t('trainingDetail.completeText')}</Text>}
            {confirming === 'cancelled' && (
              <Textarea
                label={t('trainingDetail.cancelReason')}
                required
                autoFocus
                maxLength={1000}
                value={reason}
                error={reasonError}
                onChange={(event) => {
                  setReason(event.currentTarget.value)
                  setReasonError(null)
                }}
              />
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setConfirming(null)}>
                {t('app.cancel')}
              </Button>
              <Button type="submit" color={confirming === 'cancelled' ? 'red' : undefined} loading={change.isPending} data-autofocus>
                {t('app.confirm')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  )
}

