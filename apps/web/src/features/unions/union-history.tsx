import { Button, Card, Skeleton, Stack, Text, Timeline } from '@mantine/core'
import { IconArrowsMove, IconCirclePlus, IconGitMerge, IconPencil, IconStar, IconTrash } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import type { UnionEvent } from '@liendoan/contracts'
import { EmptyState } from '../../components/empty-state'
import { QueryError } from '../../components/query-error'
import { formatDate, formatDateTime } from '../../lib/format'
import { useUnionHistory } from './api/get-history'

const ICONS: Record<UnionEvent['kind'], typeof IconPencil> = {
  created: IconCirclePlus,
  updated: IconPencil,
  moved: IconArrowsMove,
  merged_into: IconGitMerge,
  absorbed: IconGitMerge,
  dissolved: IconTrash,
  rated: IconStar,
}

/** Changed field names from an `updated` event's details, shown with their Vietnamese labels. */
function changedFields(details: Record<string, unknown>): string[] {
  const fields = details.fields ?? details.changed ?? details.changes
  if (Array.isArray(fields)) return fields.filter((field): field is string => typeof field === 'string')
  if (fields && typeof fields === 'object') return Object.keys(fields)
  return []
}

export function UnionHistory({ unionId }: { unionId: string }) {
  const { t, i18n } = useTranslation()
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

  const fieldLabel = (field: string) => {
    const key = `union.fields.${field}`
    return i18n.exists(key) ? String(t(key as 'union.fields.name')) : field
  }

  return (
    <Card withBorder>
      <Timeline bulletSize={26} lineWidth={2}>
        {events.map((event) => {
          const Icon = ICONS[event.kind]
          const fields = event.kind === 'updated' ? changedFields(event.details) : []
          return (
            <Timeline.Item key={event.id} bullet={<Icon size={14} />} title={t(`unionDetail.events.${event.kind}`)}>
              <Text size="sm">{formatDate(event.effectiveDate)}</Text>
              {event.decisionNumber && (
                <Text size="sm">{t('unionDetail.eventDecision', { number: event.decisionNumber })}</Text>
              )}
              {event.reason && (
                <Text size="sm" c="dimmed">
                  {event.reason}
                </Text>
              )}
              {fields.length > 0 && (
                <Text size="sm" c="dimmed">
                  {t('unionDetail.eventFields', { fields: fields.map(fieldLabel).join(', ') })}
                </Text>
              )}
              <Text size="xs" c="dimmed" mt={2}>
                {formatDateTime(event.recordedAt)}
                {event.actorName ? ` · ${t('unionDetail.eventBy', { name: event.actorName })}` : ''}
              </Text>
            </Timeline.Item>
          )
        })}
      </Timeline>
      {history.hasNextPage && (
        <Button mt="md" variant="light" size="xs" onClick={() => void history.fetchNextPage()} loading={history.isFetchingNextPage}>
          {t('app.loadMore')}
        </Button>
      )}
    </Card>
  )
}
