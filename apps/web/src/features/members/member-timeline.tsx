import { Button, Card, Skeleton, Stack, Text, Timeline } from '@mantine/core'
import {
  IconArrowsExchange,
  IconCards,
  IconCircleX,
  IconEraser,
  IconPencil,
  IconSend,
  IconShieldCheck,
  IconShieldOff,
  IconUserCheck,
  IconUserPlus,
  IconUserX,
  IconCreditCardOff,
  IconArrowBackUp,
} from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import type { MemberEvent, MemberEventKind } from '@liendoan/contracts'
import { EmptyState } from '../../components/empty-state'
import { QueryError } from '../../components/query-error'
import { formatDate, formatDateTime } from '../../lib/format'
import { useMemberTimeline } from './api/get-timeline'
import { describeMemberEvent, type MemberEventLine } from './member-event-details'

const ICONS: Record<MemberEventKind, typeof IconPencil> = {
  admitted: IconUserPlus,
  readmitted: IconUserCheck,
  updated: IconPencil,
  status_changed: IconUserX,
  card_issued: IconCards,
  card_lost: IconCreditCardOff,
  transfer_requested: IconSend,
  transfer_rejected: IconCircleX,
  transfer_cancelled: IconArrowBackUp,
  transferred: IconArrowsExchange,
  position_started: IconShieldCheck,
  position_ended: IconShieldOff,
  erased: IconEraser,
}

/** The member's history, newest first: admissions, cards, transfers, positions, status changes. */
export function MemberTimeline({ memberId }: { memberId: string }) {
  const { t } = useTranslation()
  const timeline = useMemberTimeline(memberId)
  if (timeline.isError) return <QueryError error={timeline.error} onRetry={() => void timeline.refetch()} />
  if (timeline.isPending) {
    return (
      <Stack>
        {Array.from({ length: 3 }, (_, index) => (
          <Skeleton key={index} height={40} />
        ))}
      </Stack>
    )
  }
  const events = timeline.data.pages.flatMap((page) => page.items)
  if (events.length === 0) return <EmptyState text={t('memberDetail.noEvents')} />
  return (
    <Card withBorder>
      <Timeline bulletSize={26} lineWidth={2} data-testid="member-timeline">
        {events.map((event) => (
          <TimelineEntry key={event.id} event={event} />
        ))}
      </Timeline>
      {timeline.hasNextPage && (
        <Button mt="md" variant="light" size="xs" onClick={() => void timeline.fetchNextPage()} loading={timeline.isFetchingNextPage}>
          {t('app.loadMore')}
        </Button>
      )}
    </Card>
  )
}

function TimelineEntry({ event }: { event: MemberEvent }) {
  const { t, i18n } = useTranslation()
  const Icon = ICONS[event.kind]
  const fieldLabel = (field: string) => {
    const key = `member.fields.${field}`
    return i18n.exists(key) ? String(t(key as 'member.fields.fullName')) : field
  }
  const say = (line: MemberEventLine): string => {
    switch (line.kind) {
      case 'union':
        return t('memberDetail.eventUnion', { name: line.name })
      case 'fields':
        return t('memberDetail.eventFields', { fields: line.fields.map(fieldLabel).join(', ') })
      case 'status':
        return t('memberDetail.eventStatus', { status: t(`member.statuses.${line.status}`) })
      case 'card':
        return line.cardKind
          ? t('memberDetail.eventCardKind', { number: line.cardNumber, kind: t(`cards.kinds.${line.cardKind}`) })
          : t('memberDetail.eventCard', { number: line.cardNumber })
      case 'move':
        return t('memberDetail.eventMove', { from: line.from ?? t('app.none'), to: line.to ?? t('app.none') })
      case 'position':
        return line.termLabel ? t('memberDetail.eventPositionTerm', { name: line.name, term: line.termLabel }) : line.name
      case 'reason':
        return t('memberDetail.eventReason', { reason: line.text })
      case 'note':
        return t('memberDetail.eventNote', { note: line.text })
    }
  }
  return (
    <Timeline.Item bullet={<Icon size={14} />} title={t(`memberDetail.events.${event.kind}`)} data-kind={event.kind}>
      {describeMemberEvent(event).map((line, index) => (
        <Text size="sm" key={index}>
          {say(line)}
        </Text>
      ))}
      <Text size="sm" c="dimmed">
        {t('memberDetail.occurredOn', { date: formatDate(event.occurredOn) })}
      </Text>
      <Text size="xs" c="dimmed" mt={2}>
        {t('memberDetail.recordedAt', { at: formatDateTime(event.recordedAt) })}
        {event.actorName ? ` · ${t('memberDetail.eventBy', { name: event.actorName })}` : ''}
      </Text>
    </Timeline.Item>
  )
}
