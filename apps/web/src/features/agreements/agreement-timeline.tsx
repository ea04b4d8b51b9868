import { Card, Skeleton, Stack, Text, Timeline } from '@mantine/core'
import {
  IconArrowsExchange,
  IconBan,
  IconCalendarOff,
  IconCertificate,
  IconCirclePlus,
  IconFileMinus,
  IconFilePlus,
  IconPencil,
  IconRefresh,
  IconRosetteDiscountCheck,
  IconSignature,
  IconClipboardCheck,
} from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import type { AgreementEvent, AgreementEventKind } from '@liendoan/contracts'
import { EmptyState } from '../../components/empty-state'
import { QueryError } from '../../components/query-error'
import { formatDate, formatDateTime } from '../../lib/format'
import { useAgreementTimeline } from './api/get-timeline'

const ICONS: Record<AgreementEventKind, typeof IconPencil> = {
  created: IconCirclePlus,
  updated: IconPencil,
  signed: IconSignature,
  registered: IconClipboardCheck,
  in_force: IconRosetteDiscountCheck,
  expired: IconCalendarOff,
  replaced: IconArrowsExchange,
  terminated: IconBan,
  graded: IconCertificate,
  renewal_started: IconRefresh,
  document_added: IconFilePlus,
  document_removed: IconFileMinus,
}

/** The agreement's life, newest first: creation, signing, registration, grades, documents, the end. */
export function AgreementTimeline({ agreementId }: { agreementId: string }) {
  const { t } = useTranslation()
  const timeline = useAgreementTimeline(agreementId)
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
  const events = [...timeline.data].sort((a, b) => b.at.localeCompare(a.at))
  if (events.length === 0) return <EmptyState text={t('memberDetail.noEvents')} />
  return (
    <Card withBorder>
      <Timeline bulletSize={26} lineWidth={2} data-testid="agreement-timeline">
        {events.map((event) => (
          <TimelineEntry key={event.id} event={event} />
        ))}
      </Timeline>
    </Card>
  )
}

function TimelineEntry({ event }: { event: AgreementEvent }) {
  const { t } = useTranslation()
  const Icon = ICONS[event.kind]
  return (
    <Timeline.Item bullet={<Icon size={14} />} title={t(`agreement.events.${event.kind}`)} data-kind={event.kind}>
      <Text size="sm">
        {formatDate(event.onDate)}
        {event.toStatus && event.fromStatus !== event.toStatus ? ` · ${t(`agreement.statuses.${event.toStatus}`)}` : ''}
      </Text>
      {event.detail && (
        <Text size="sm" c="dimmed">
          {event.detail}
        </Text>
      )}
      <Text size="xs" c="dimmed">
        {event.actor ? t('unionDetail.eventBy', { name: event.actor.name }) : t('agreementDetail.createdBy')} · {formatDateTime(event.at)}
      </Text>
    </Timeline.Item>
  )
}
