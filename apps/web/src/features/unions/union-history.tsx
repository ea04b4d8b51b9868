import { Button, Card, Skeleton, Stack, Text, Timeline } from '@mantine/core'
import { useQueries } from '@tanstack/react-query'
import { IconArrowsMove, IconCirclePlus, IconGitMerge, IconPencil, IconStar, IconTrash } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import type { UnionEvent } from '@liendoan/contracts'
import { isNotFound } from '../../api/api-error'
import { EmptyState } from '../../components/empty-state'
import { QueryError } from '../../components/query-error'
import { formatDate, formatDateTime, formatNumber } from '../../lib/format'
import { useUnionHistory } from './api/get-history'
import { unionQueryOptions } from './api/get-union'
import { describeEvent, referencedUnionIds, type EventLine } from './union-event-details'

const ICONS: Record<UnionEvent['kind'], typeof IconPencil> = {
  created: IconCirclePlus,
  updated: IconPencil,
  moved: IconArrowsMove,
  merged_into: IconGitMerge,
  absorbed: IconGitMerge,
  dissolved: IconTrash,
  rated: IconStar,
}

export function UnionHistory({ unionId }: { unionId: string }) {
  const { t } = useTranslation()
  const history = useUnionHistory(unionId)
  if (history.isError) return <QueryError error={history.error} onRetry={() => void history.refetch()} />
  if (history.isPending) {
    return (
      <Stack>
        {Array.from({ length: 3 }, (_, index) => (
          <Skeleton key={index} height={40} />
        ))}
      </Stack>
    )
  }
  const events = history.data.pages.flatMap((page) => page.items)
  if (events.length === 0) return <EmptyState text={t('unionDetail.noHistory')} />
  return (
    <Card withBorder>
      <HistoryTimeline events={events} />
      {history.hasNextPage && (
        <Button mt="md" variant="light" size="xs" onClick={() => void history.fetchNextPage()} loading={history.isFetchingNextPage}>
          {t('app.loadMore')}
        </Button>
      )}
    </Card>
  )
}

function HistoryTimeline({ events }: { events: UnionEvent[] }) {
  const { t, i18n } = useTranslation()
  // Events name other unions by id; their names come through the detail cache. A
  // union outside the person's scope answers 404 and is described, not named.
  const ids = referencedUnionIds(events)
  const unions = useQueries({
    queries: ids.map((id) => ({ ...unionQueryOptions(id), staleTime: 5 * 60_000 })),
    combine: (results) => new Map(results.map((result, index) => [ids[index] ?? '', result])),
  })
  const nameOf = (id: string | null): string => {
    if (!id) return t('app.none')
    const result = unions.get(id)
    if (result?.data) return result.data.union.name
    if (result?.isError) return isNotFound(result.error) ? t('unionDetail.unknownUnion') : t('app.none')
    return '…'
  }
  const fieldLabel = (field: string) => {
    const key = `union.fields.${field}`
    return i18n.exists(key) ? String(t(key as 'union.fields.name')) : field
  }
  const say = (line: EventLine): string => {
    switch (line.kind) {
      case 'fields':
        return t('unionDetail.eventFields', { fields: line.fields.map(fieldLabel).join(', ') })
      case 'createdUnder':
        return t('unionDetail.eventCreatedUnder', { name: nameOf(line.unionId) })
      case 'moved':
        return t('unionDetail.eventMoved', { from: nameOf(line.fromId), to: nameOf(line.toId) })
      case 'movedWithParent':
        return t('unionDetail.eventMovedWithParent')
      case 'affected':
        return t('unionDetail.eventAffected', { count: formatNumber(line.count) })
      case 'mergedInto':
        return t('unionDetail.eventMergedInto', { name: nameOf(line.unionId) })
      case 'absorbed':
        return t('unionDetail.eventAbsorbed', { name: nameOf(line.unionId) })
      case 'movedChildren':
        return t('unionDetail.eventMovedChildren', { count: formatNumber(line.count) })
      case 'rated':
        return t('unionDetail.eventRated', { year: line.year, grade: line.grade })
    }
  }

  return (
    <Timeline bulletSize={26} lineWidth={2} data-testid="union-history">
      {events.map((event) => {
        const Icon = ICONS[event.kind]
        return (
          <Timeline.Item key={event.id} bullet={<Icon size={14} />} title={t(`unionDetail.events.${event.kind}`)} data-kind={event.kind}>
            {describeEvent(event).map((line, index) => (
              <Text size="sm" key={index}>
                {say(line)}
              </Text>
            ))}
            <Text size="sm" c="dimmed">
              {t('unionDetail.effectiveOn', { date: formatDate(event.effectiveDate) })}
              {event.decisionNumber ? ` · ${t('unionDetail.eventDecision', { number: event.decisionNumber })}` : ''}
            </Text>
            {event.reason && (
              <Text size="sm" c="dimmed">
                {t('unionDetail.eventReason', { reason: event.reason })}
              </Text>
            )}
            <Text size="xs" c="dimmed" mt={2}>
              {t('unionDetail.recordedAt', { at: formatDateTime(event.recordedAt) })}
              {event.actorName ? ` · ${t('unionDetail.eventBy', { name: event.actorName })}` : ''}
            </Text>
          </Timeline.Item>
        )
      })}
    </Timeline>
  )
}
