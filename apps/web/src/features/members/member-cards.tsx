import { useState } from 'react'
import { Badge, Button, Card, Group, Modal, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core'
import { useForm } from '@mantine/form'
import { IconCards, IconCreditCardOff, IconRefresh } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import { IssueCardBody, ReportCardLostBody, type CardKind, type CardRecordStatus, type Member } from '@liendoan/contracts'
import { isApiError } from '../../api/api-error'
import { DateField } from '../../components/date-field'
import { EmptyState } from '../../components/empty-state'
import { QueryError } from '../../components/query-error'
import { SkeletonRows } from '../../components/skeleton-rows'
import { applyProblemToForm, checkBody } from '../../lib/form-errors'
import { formatDate, todayIso } from '../../lib/format'
import { notifyError, notifySuccess } from '../../lib/notify'
import { currentLanguage } from '../../i18n'
import { useMemberCards } from './api/get-cards'
import { useIssueCard } from './api/issue-card'
import { useReportCardLost } from './api/report-card-lost'
import { CardStatusBadge } from './member-labels'
import { cleanCardNumber } from './member-body'

type CardAction = { kind: 'issue' | 'renewal' | 'reissue' } | { kind: 'lost' }

const RECORD_COLORS: Record<CardRecordStatus, string> = { active: 'teal', replaced: 'gray', lost: 'red', cancelled: 'gray' }

/** Which card actions make sense now: a first card, a renewal or loss of the current one, a reissue after a loss. */
function availableActions(member: Member): CardKind[] {
  if (member.status !== 'active' || member.erased) return []
  if (member.cardStatus === 'none') return ['issue']
  if (member.cardStatus === 'lost') return ['reissue']
  return ['renewal']
}

/** The membership card (thẻ đoàn viên): the current one, its history, and the actions on it. */
export function MemberCards({ member, canWrite }: { member: Member; canWrite: boolean }) {
  const { t } = useTranslation()
  const cards = useMemberCards(member.id)
  const [action, setAction] = useState<CardAction | null>(null)
  const actions = canWrite ? availableActions(member) : []
  const items = [...(cards.data ?? [])].sort((a, b) => b.issuedOn.localeCompare(a.issuedOn) || b.createdAt.localeCompare(a.createdAt))

  return (
    <Card withBorder data-testid="member-cards">
      <Group justify="space-between" mb="sm">
        <Group gap="xs">
          <Title order={3} size="h5">
            {t('cards.title')}
          </Title>
          <CardStatusBadge status={member.cardStatus} />
        </Group>
        <Group gap="xs">
          {actions.map((kind) => (
            <Button
              key={kind}
              size="xs"
              variant={kind === 'issue' ? 'filled' : 'light'}
              leftSection={kind === 'renewal' ? <IconRefresh size={14} /> : <IconCards size={14} />}
              onClick={() => setAction({ kind })}
            >
              {t(`cards.actions.${kind}`)}
            </Button>
          ))}
          {canWrite && member.status === 'active' && member.cardStatus === 'active' && (
            <Button size="xs" variant="light" color="red" leftSection={<IconCreditCardOff size={14} />} onClick={() => setAction({ kind: 'lost' })}>
              {t('cards.actions.lost')}
            </Button>
          )}
        </Group>
      </Group>
      {cards.isError ? (
        <QueryError error={cards.error} onRetry={() => void cards.refetch()} />
      ) : (
        <>
          <Table.ScrollContainer minWidth={560}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('member.fields.cardNumber')}</Table.Th>
                  <Table.Th>{t('cards.kind')}</Table.Th>
                  <Table.Th>{t('cards.issuedOn')}</Table.Th>
                  <Table.Th>{t('cards.status')}</Table.Th>
                  <Table.Th>{t('cards.endedOn')}</Table.Th>
                  <Table.Th>{t('cards.reason')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {cards.isPending ? (
                  <SkeletonRows rows={2} columns={6} />
                ) : (
                  items.map((card) => (
                    <Table.Tr key={card.id}>
                      <Table.Td ff="monospace">{card.cardNumber}</Table.Td>
                      <Table.Td>{t(`cards.kinds.${card.kind}`)}</Table.Td>
                      <Table.Td>{formatDate(card.issuedOn)}</Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={RECORD_COLORS[card.status]}>
                          {t(`cards.recordStatuses.${card.status}`)}
                        </Badge>
                      </Table.Td>
                      <Table.Td>{formatDate(card.endedOn)}</Table.Td>
                      <Table.Td>{card.reason ?? t('app.none')}</Table.Td>
                    </Table.Tr>
                  ))
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {!cards.isPending && items.length === 0 && <EmptyState text={t('cards.empty')} />}
        </>
      )}
      {action && action.kind !== 'lost' && <IssueCardModal member={member} kind={action.kind} onClose={() => setAction(null)} />}
      {action?.kind === 'lost' && <ReportLostModal member={member} onClose={() => setAction(null)} />}
    </Card>
  )
}

function IssueCardModal({ member, kind, onClose }: { member: Member; kind: CardKind; onClose: () => void }) {
  const { t } = useTranslation()
  const issue = useIssueCard(member.id)
  const form = useForm({ initialValues: { issuedOn: todayIso() as string | null, cardNumber: '', reason: '' } })
  return (
    <Modal opened onClose={onClose} title={t(`cards.actions.${kind}`)} centered>
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          const body = {
            kind,
            ...(values.issuedOn ? { issuedOn: values.issuedOn } : {}),
            ...(cleanCardNumber(values.cardNumber) ? { cardNumber: cleanCardNumber(values.cardNumber) } : {}),
            ...(values.reason.trim() ? { reason: values.reason.trim() } : {}),
          }
          const checked = checkBody(IssueCardBody, body, currentLanguage())
          if (!checked.ok) return form.setErrors(checked.errors)
          issue.mutate(checked.value, {
            onSuccess: (card) => {
              notifySuccess(t('cards.issued', { number: card.cardNumber }))
              onClose()
            },
            onError: (error) => {
              if (isApiError(error) && error.fieldErrors.length > 0) {
                const rest = applyProblemToForm(error.fieldErrors, ['issuedOn', 'cardNumber', 'reason'], form.setErrors, currentLanguage())
                if (Object.keys(rest).length === 0) return
              }
              notifyError(error, t)
            },
          })
        })}
      >
        <Stack>
          {member.cardNumber && kind !== 'issue' && (
            <Text size="sm">{t('cards.currentCard', { number: member.cardNumber })}</Text>
          )}
          <DateField label={t('cards.issuedOn')} required {...form.getInputProps('issuedOn')} />
          <TextInput
            label={t('member.fields.cardNumber')}
            description={t('cards.numberHint')}
            maxLength={24}
            autoComplete="off"
            data-autofocus
            {...form.getInputProps('cardNumber')}
          />
          <Textarea label={t('cards.reason')} autosize minRows={2} maxLength={1000} {...form.getInputProps('reason')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('app.cancel')}
            </Button>
            <Button type="submit" loading={issue.isPending}>
              {t(`cards.actions.${kind}`)}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}

function ReportLostModal({ member, onClose }: { member: Member; onClose: () => void }) {
  const { t } = useTranslation()
  const report = useReportCardLost(member.id)
  const form = useForm({ initialValues: { reportedOn: todayIso() as string | null, reason: '' } })
  return (
    <Modal opened onClose={onClose} title={t('cards.actions.lost')} centered>
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          const body = {
            ...(values.reportedOn ? { reportedOn: values.reportedOn } : {}),
            ...(values.reason.trim() ? { reason: values.reason.trim() } : {}),
          }
          const checked = checkBody(ReportCardLostBody, body, currentLanguage())
          if (!checked.ok) return form.setErrors(checked.errors)
          report.mutate(checked.value, {
            onSuccess: () => {
              notifySuccess(t('cards.reportedLost'))
              onClose()
            },
            onError: (error) => {
              if (isApiError(error) && error.fieldErrors.length > 0) {
                const rest = applyProblemToForm(error.fieldErrors, ['reportedOn', 'reason'], form.setErrors, currentLanguage())
                if (Object.keys(rest).length === 0) return
              }
              notifyError(error, t)
            },
          })
        })}
      >
        <Stack>
          <Text size="sm">{t('cards.lostText', { number: member.cardNumber ?? t('app.none') })}</Text>
          <DateField label={t('cards.reportedOn')} required {...form.getInputProps('reportedOn')} />
          <Textarea label={t('cards.reason')} autosize minRows={2} maxLength={1000} data-autofocus {...form.getInputProps('reason')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('app.cancel')}
            </Button>
            <Button type="submit" color="red" loading={report.isPending}>
              {t('cards.actions.lost')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
