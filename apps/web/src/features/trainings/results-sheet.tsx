import { useRef, useState, type KeyboardEvent } from 'react'
import { Alert, Button, Card, Group, Stack, Table, Text, TextInput } from '@mantine/core'
import { IconDeviceFloppy } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import type { TrainingClass, TrainingParticipant } from '@liendoan/contracts'
import { EmptyState } from '../../components/empty-state'
import { QueryError } from '../../components/query-error'
import { SkeletonRows } from '../../components/skeleton-rows'
import { notifyError, notifySuccess } from '../../lib/notify'
import { useParticipants } from './api/list-participants'
import { useSaveResults } from './api/save-results'
import { OutcomeBadge } from './training-labels'
import { parseScore, shownOutcome } from './training-rules'

/** Test scores typed down a column, with the outcome the completion rule gives. */
export function ResultsTab({ training, canManage }: { training: TrainingClass; canManage: boolean }) {
  const { t } = useTranslation()
  const participants = useParticipants(training.id)
  if (participants.isError) return <QueryError error={participants.error} onRetry={() => void participants.refetch()} />
  return (
    <Stack>
      {training.passMark === null && (
        <Alert color="gray" variant="light">
          {t('results.noTest')}
        </Alert>
      )}
      {training.passMark !== null && training.status !== 'running' && training.status !== 'completed' && canManage && (
        <Alert color="blue" variant="light">
          {t('results.notRunning')}
        </Alert>
      )}
      {participants.isPending ? (
        <Table>
          <Table.Tbody>
            <SkeletonRows rows={5} columns={5} />
          </Table.Tbody>
        </Table>
      ) : (
        <ResultsSheet
          training={training}
          participants={participants.data.filter((participant) => participant.status === 'enrolled')}
          editable={canManage && training.status === 'running' && training.passMark !== null}
        />
      )}
    </Stack>
  )
}

function ResultsSheet({ training, participants, editable }: { training: TrainingClass; participants: TrainingParticipant[]; editable: boolean }) {
  const { t } = useTranslation()
  const save = useSaveResults(training.id)
  const [texts, setTexts] = useState<Record<string, string>>(() =>
    Object.fromEntries(participants.map((participant) => [participant.id, participant.score === null ? '' : String(participant.score)])),
  )
  const inputs = useRef<(HTMLInputElement | null)[]>([])
  const sessionCount = training.sessions.length

  if (participants.length === 0) return <EmptyState text={t('participants.emptyTitle')} />

  const move = (row: number, delta: number) => inputs.current[Math.max(0, Math.min(participants.length - 1, row + delta))]?.focus()
  const onKeyDown = (row: number) => (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' || event.key === 'ArrowDown') {
      event.preventDefault()
      move(row, 1)
    } else if (event.key === 'ArrowUp') {
      event.preventDefault()
      move(row, -1)
    }
  }

  const submit = () => {
    const entries = []
    for (const participant of participants) {
      const score = parseScore(texts[participant.id] ?? '')
      if (score === undefined) return
      if (score !== participant.score) entries.push({ participantId: participant.id, score })
    }
    if (entries.length === 0) return notifySuccess(t('trainingForm.noChanges'))
    save.mutate(
      { entries },
      {
        onSuccess: (result) => notifySuccess(t('results.saved', { count: result.updated })),
        onError: (error) => notifyError(error, t),
      },
    )
  }

  return (
    <Card withBorder p={0}>
      {editable && (
        <Text size="xs" c="dimmed" p="sm">
          {t('results.hint')}
        </Text>
      )}
      <form
        onSubmit={(event) => {
          event.preventDefault()
          submit()
        }}
      >
        <Table verticalSpacing={4} data-testid="results-sheet">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('participants.member')}</Table.Th>
              <Table.Th ta="right">{t('participants.attended')}</Table.Th>
              <Table.Th w={140}>{t('participants.score')}</Table.Th>
              <Table.Th>{t('participants.outcome')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {participants.map((participant, row) => {
              const text = texts[participant.id] ?? ''
              const score = parseScore(text)
              const outcome = shownOutcome(participant, score ?? null, {
                status: training.status,
                sessionCount,
                minAttendancePercent: training.minAttendancePercent,
                passMark: training.passMark,
              })
              return (
                <Table.Tr key={participant.id} data-participant={participant.member.fullName}>
                  <Table.Td fw={500}>{participant.member.fullName}</Table.Td>
                  <Table.Td ta="right">
                    {participant.attendedCount}/{sessionCount}
                  </Table.Td>
                  <Table.Td>
                    {editable ? (
                      <TextInput
                        ref={(element) => {
                          inputs.current[row] = element
                        }}
                        size="xs"
                        inputMode="numeric"
                        autoComplete="off"
                        maxLength={3}
                        aria-label={t('results.scoreFor', { name: participant.member.fullName })}
                        value={text}
                        error={score === undefined ? t('results.invalidScore') : undefined}
                        onChange={(event) => {
                          const value = event.currentTarget.value
                          setTexts((current) => ({ ...current, [participant.id]: value }))
                        }}
                        onKeyDown={onKeyDown(row)}
                      />
                    ) : (
                      (participant.score ?? t('app.none'))
                    )}
                  </Table.Td>
                  <Table.Td className="nowrap">
                    <OutcomeBadge outcome={outcome.outcome} expected={outcome.expected} />
                  </Table.Td>
                </Table.Tr>
              )
            })}
          </Table.Tbody>
        </Table>
        {editable && (
          <Group justify="flex-end" p="sm">
            <Button type="submit" leftSection={<IconDeviceFloppy size={16} />} loading={save.isPending} data-testid="results-save">
              {t('results.save')}
            </Button>
          </Group>
        )}
      </form>
    </Card>
  )
}
