import type { ReactNode } from 'react'
import { Card, Skeleton, Stack, Text, Title } from '@mantine/core'
import type { UseQueryResult } from '@tanstack/react-query'
import { QueryError } from '../../components/query-error'

/**
 * A dashboard section: its title, then its content once the report is there, a placeholder while
 * it loads, or the failure with a retry. Each section stands alone, so one failing report leaves
 * the others readable.
 */
export function ReportCard<T>({
  title,
  hint,
  query,
  skeletonHeight = 220,
  testId,
  children,
}: {
  title: string
  hint?: ReactNode
  query: UseQueryResult<T>
  skeletonHeight?: number
  testId: string
  children: (data: T) => ReactNode
}) {
  return (
    <Card withBorder component="section" aria-label={title} data-testid={testId} h="100%" className="dashboard-section">
      <Title order={3} size="h5">
        {title}
      </Title>
      {hint && (
        <Text size="sm" c="dimmed">
          {hint}
        </Text>
      )}
      <Stack mt="sm" gap="sm">
        {query.isError ? (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        ) : query.isPending ? (
          <Skeleton height={skeletonHeight} aria-busy="true" />
        ) : (
          children(query.data)
        )}
      </Stack>
    </Card>
  )
}
