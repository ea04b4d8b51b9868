import { useMemo, useState } from 'react'
import { ActionIcon, Anchor, Box, Card, Group, Skeleton, Text, Title } from '@mantine/core'
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import { QueryError } from '../../components/query-error'
import { todayIso } from '../../lib/format'
import { paths } from '../../app/paths'
import { useTrainingCalendar } from './api/list-training-calendar'
import type { TrainingFilters } from './api/training-keys'
import { groupSessionsByDay, monthGrid, monthRange, shiftMonth } from './calendar'

const STATUS_COLORS = { planned: 'gray', open: 'blue', running: 'orange', completed: 'teal', cancelled: 'red' } as const

/** A month of sessions, Monday first; each session links to its class. */
export function TrainingCalendar({ filters }: { filters: TrainingFilters }) {
  const { t, i18n } = useTranslation()
  const today = todayIso()
  const [month, setMonth] = useState(() => ({ year: Number(today.slice(0, 4)), month: Number(today.slice(5, 7)) }))
  const { from, to } = monthRange(month.year, month.month)
  // The calendar's own month replaces the list's date filters (the query sets from and to last).
  const classes = useTrainingCalendar(from, to, filters)
  const days = useMemo(() => groupSessionsByDay(classes.data ?? [], from, to), [classes.data, from, to])
  const weeks = monthGrid(month.year, month.month)
  const locale = i18n.language === 'en' ? 'en-GB' : 'vi-VN'
  const monthTitle = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(month.year, month.month - 1, 1)),
  )
  const weekdays = weeks[0]?.map((day) => new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`))) ?? []

  return (
    <Card withBorder data-testid="training-calendar">
      <Group justify="space-between" mb="sm">
        <ActionIcon variant="default" aria-label={t('trainings.previousMonth')} onClick={() => setMonth(shiftMonth(month.year, month.month, -1))}>
          <IconChevronLeft size={16} />
        </ActionIcon>
        <Title order={3} size="h4" tt="capitalize" aria-live="polite">
          {monthTitle}
        </Title>
        <ActionIcon variant="default" aria-label={t('trainings.nextMonth')} onClick={() => setMonth(shiftMonth(month.year, month.month, 1))}>
          <IconChevronRight size={16} />
        </ActionIcon>
      </Group>
      {classes.isError && <QueryError error={classes.error} onRetry={() => void classes.refetch()} />}
      <Box style={{ display: 'grid', gridTemplateColumns: 'repeat(7, minmax(0, 1fr))', gap: 4 }} aria-busy={classes.isFetching}>
        {weekdays.map((name) => (
          <Text key={name} size="xs" fw={600} c="dimmed" ta="center">
            {name}
          </Text>
        ))}
        {weeks.flat().map((day) => {
          const inMonth = day >= from && day <= to
          const entries = days.get(day) ?? []
          return (
            <Box
              key={day}
              data-date={day}
              p={4}
              mih={96}
              style={{
                border: '1px solid var(--mantine-color-default-border)',
                borderRadius: 4,
                background: day === today ? 'var(--mantine-color-blue-light)' : undefined,
                opacity: inMonth ? 1 : 0.45,
              }}
            >
              <Text size="xs" fw={day === today ? 700 : 500}>
                {Number(day.slice(8, 10))}
              </Text>
              {classes.isPending && inMonth ? (
                <Skeleton height={10} mt={4} />
              ) : (
                entries.map((entry) => (
                  <Anchor
                    key={entry.session.id}
                    component={Link}
                    to={paths.training(entry.classId)}
                    size="xs"
                    display="block"
                    mt={2}
                    lineClamp={2}
                    c={`${STATUS_COLORS[entry.status]}.8`}
                    title={`${entry.title} · ${entry.session.startTime}–${entry.session.endTime} · ${entry.session.place}`}
                  >
                    {entry.session.startTime} {entry.title}
                    {entry.count > 1 ? ` (${entry.index}/${entry.count})` : ''}
                  </Anchor>
                ))
              )}
            </Box>
          )
        })}
      </Box>
    </Card>
  )
}
