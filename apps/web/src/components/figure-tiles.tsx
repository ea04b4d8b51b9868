import { Paper, Skeleton, SimpleGrid, type SimpleGridProps, Text } from '@mantine/core'
import { formatNumber } from '../lib/format'

export interface Figure {
  key: string
  label: string
  value: number
  /** The value as written when it is not a plain count (a share: `64,94%`). */
  display?: string
  /** A line under the value: its parts or its context (`Nhà nước 12 · Ngoài nhà nước 40`). */
  detail?: string
}

/** A report's headline figures as tiles (label above, number below), with placeholders while they load. */
export function FigureTiles({
  figures,
  loadingCount,
  cols,
  testId,
}: {
  figures: readonly Figure[]
  /** Placeholders to show while the figures load (0: none). */
  loadingCount: number
  cols: SimpleGridProps['cols']
  testId: string
}) {
  return (
    <SimpleGrid cols={cols} data-testid={testId}>
      {figures.map((figure) => (
        <Paper key={figure.key} withBorder p="sm" data-figure={figure.key} data-value={figure.value}>
          <Text size="xs" c="dimmed">
            {figure.label}
          </Text>
          <Text size="xl" fw={700}>
            {figure.display ?? formatNumber(figure.value)}
          </Text>
          {figure.detail && (
            <Text size="xs" c="dimmed">
              {figure.detail}
            </Text>
          )}
        </Paper>
      ))}
      {Array.from({ length: loadingCount }, (_, index) => (
        <Skeleton key={index} height={64} />
      ))}
    </SimpleGrid>
  )
}
