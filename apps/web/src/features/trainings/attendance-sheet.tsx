import { useEffect, useReducer, useRef, useState, type KeyboardEvent } from 'react'
import { Alert, Badge, Button, Card, Checkbox, Group, Select, Stack, Table, Text } from '@mantine/core'
import { IconDeviceFloppy } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import type { TrainingClass, TrainingParticipant, TrainingSession } from '@liendoan/contracts'
import { EmptyState } from '../../components/empty-state'
import { QueryError } from '../../components/query-error'
import { formatDate, todayIso } from '../../lib/format'
import { notifyError, notifySuccess } from '../../lib/notify'
import { useParticipants } from './api/list-participants'
import { useSaveAttendance } from './api/save-attendance'
import { attendanceBody, initSheet, isDirty, keyToAction, presentCount, sheetReducer } from './attendance-sheet-state'

/** Attendance per session: pick the session, tick from the keyboard, save once. */
export function AttendanceTab({ training, canManage }: { training: TrainingClass; canManage: boolean }) {
  const { t } = useTranslation()
  const participants = useParticipants(training.id)
  const today = todayIso()
  const sessions = [...training.sessions].sort((a, b) => (a.date + a.startTime).localeCompare(b.date + b.startTime))
  // Start on the latest session that has taken place: the one usually being marked.
  const defaultSession = [...sessions].reverse().find((session) => session.date <= today) ?? sessions[0]
  const [sessionId, setSessionId] = useState(defaultSession?.id ?? null)
  const session = sessions.find((candidate) => candidate.id === sessionId)

  if (participants.isError) return <QueryError error={participants.error} onRetry={() => void participants.refetch()} />
  return (
    <Stack>
      <Group align="flex-end">
        <Select
          label={t('attendanceSheet.session')}
          allowDeselect={false}
          data={sessions.map((candidate, index) => ({
            value: candidate.id,
            label: `${index + 1}. ${formatDate(candidate.date)} ${candidate.startTime}–${candidate.endTime}`,
          }))}
          value={sessionId}
          onChange={setSessionId}
          w={320}
          data-testid="attendance-session"
        />
      </Group>
      {training.status !== 'running' && canManage && (
        <Alert color="blue" variant="light">
          {t('attendanceSheet.notRunning')}
        </Alert>
      )}
      {participants.isPending || !session ? (
        <Card withBorder h={200} aria-busy="true" />
      ) : (
        <Sheet
          key={session.id}
          training={training}
          session={session}
          index={sessions.indexOf(session) + 1}
          participants={participants.data}
          editable={canManage && training.status === 'running' && session.date <= today}
        />
      )}
    </Stack>
  )
}

function Sheet({
  training,
  session,
  index,
  participants,
  editable,
}: {
  training: TrainingClass
  session: TrainingSession
  index: number
  participants: TrainingParticipant[]
  editable: boolean
}) {
  const { t } = useTranslation()
  const [state, dispatch] = useReducer(sheetReducer, undefined, () => initSheet(session.id, participants))
  const save = useSaveAttendance(training.id)
  const cells = useRef<(HTMLDivElement | null)[]>([])
  const sheet = useRef<HTMLTableSectionElement | null>(null)
  const names = new Map(participants.map((participant) => [participant.id, participant]))
  const dirty = isDirty(state)

  // Keyboard focus follows the reducer's row, but only while the sheet already has it.
  useEffect(() => {
    if (sheet.current?.contains(document.activeElement)) cells.current[state.focus]?.focus()
  }, [state.focus])

  const submit = () => {
    if (!editable || state.rows.length === 0) return
    save.mutate(
      { sessionId: session.id, body: attendanceBody(state) },
      {
        onSuccess: (result) => {
          dispatch({ type: 'saved' })
          notifySuccess(t('attendanceSheet.saved', { present: result.present, absent: result.absent }))
        },
        onError: (error) => notifyError(error, t),
      },
    )
  }

  const onKeyDown = (event: KeyboardEvent) => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
      event.preventDefault()
      submit()
      return
    }
    const action = keyToAction(event.key, state.rows.length)
    if (!action || (!editable && action.type === 'toggle')) return
    event.preventDefault()
    dispatch(action)
  }

  if (state.rows.length === 0) return <EmptyState text={t('attendanceSheet.noParticipants')} />
  return (
    <Card withBorder p={0}>
      <Group justify="space-between" p="sm">
        <Text size="xs" c="dimmed">
          {editable ? t('attendanceSheet.hint') : session.date > todayIso() ? t('attendanceSheet.future') : null}
        </Text>
        <Group gap="xs">
          <Badge variant="light" size="lg" data-testid="attendance-count">
            {t('attendanceSheet.presentCount', { present: presentCount(state), total: state.rows.length })}
          </Badge>
          {editable && (
            <>
              <Button size="xs" variant="default" onClick={() => dispatch({ type: 'setAll', present: true })}>
                {t('attendanceSheet.allPresent')}
              </Button>
              <Button size="xs" variant="default" onClick={() => dispatch({ type: 'setAll', present: false })}>
                {t('attendanceSheet.nonePresent')}
              </Button>
            </>
          )}
        </Group>
      </Group>
      <Table verticalSpacing={4} aria-label={t('attendanceSheet.sheetLabel', { index })}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={110}>{t('attendanceSheet.present')}</Table.Th>
            <Table.Th>{t('participants.member')}</Table.Th>
            <Table.Th>{t('participants.union')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody ref={sheet} onKeyDown={onKeyDown} data-testid="attendance-sheet">
          {state.rows.map((id, row) => {
            const participant = names.get(id)
            const present = !!state.present[id]
            return (
              <Table.Tr key={id} bg={row === state.focus ? 'var(--mantine-color-blue-light)' : undefined}>
                <Table.Td>
                  {/* A custom checkbox: the sheet owns space and the arrows, so the browser's own toggling must not fire too. */}
                  <div
                    ref={(element) => {
                      cells.current[row] = element
                    }}
                    role="checkbox"
                    aria-checked={present}
                    aria-disabled={!editable}
                    aria-label={participant?.member.fullName}
                    tabIndex={row === state.focus ? 0 : -1}
                    onClick={() => editable && dispatch({ type: 'toggle', index: row })}
                    onFocus={() => row !== state.focus && dispatch({ type: 'focus', index: row })}
                    style={{ display: 'inline-block', padding: 4, cursor: editable ? 'pointer' : 'default' }}
                    data-row={row}
                  >
                    <Checkbox checked={present} readOnly tabIndex={-1} aria-hidden style={{ pointerEvents: 'none' }} disabled={!editable} />
                  </div>
                </Table.Td>
                <Table.Td fw={500}>{participant?.member.fullName}</Table.Td>
                <Table.Td>{participant?.member.union.name}</Table.Td>
              </Table.Tr>
            )
          })}
        </Table.Tbody>
      </Table>
      {editable && (
        <Group justify="flex-end" p="sm">
          {dirty && (
            <Text size="sm" c="orange">
              {t('attendanceSheet.unsaved')}
            </Text>
          )}
          <Button leftSection={<IconDeviceFloppy size={16} />} onClick={submit} loading={save.isPending} data-testid="attendance-save">
            {t('attendanceSheet.save')}
          </Button>
        </Group>
      )}
    </Card>
  )
}
