import { Button, Group, Text } from '@mantine/core'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { formatNumber } from '../lib/format'

interface ListFooterProps {
  /** "N shown", in the list's own words. */
  shownText: string
  hasNextPage: boolean
  isFetchingNextPage: boolean
  onLoadMore: () => void
}

/** Under a cursor-paged table: how many rows are shown, and "load more" while there are more. */
export function ListFooter({ shownText, hasNextPage, isFetchingNextPage, onLoadMore }: ListFooterProps) {
  const { t } = useTranslation()
  return (
    <Group justify="space-between" p="sm">
      <Text size="sm" c="dimmed" aria-live="polite">
        {shownText}
      </Text>
      {hasNextPage && (
        <Button variant="light" onClick={onLoadMore} loading={isFetchingNextPage}>
          {t('app.loadMore')}
        </Button>
      )}
    </Group>
  )
}

interface PagedListEndProps {
  /** The infinite query behind the list. */
  list: { isPending: boolean; hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => Promise<unknown> }
  /** Rows shown so far. */
  count: number
  /** "N shown", in the list's own words, from the count and its formatted form. */
  shownText: (counted: { count: number; formattedCount: string }) => string
  /** What an empty list shows once loaded. */
  empty: ReactNode
}

/** The end of a cursor-paged table: its empty state once loaded, or the count and "load more". */
export function PagedListEnd({ list, count, shownText, empty }: PagedListEndProps) {
  if (count === 0) return list.isPending ? null : empty
  return (
    <ListFooter
      shownText={shownText({ count, formattedCount: formatNumber(count) })}
      hasNextPage={list.hasNextPage}
      isFetchingNextPage={list.isFetchingNextPage}
      onLoadMore={() => void list.fetchNextPage()}
    />
  )
}
