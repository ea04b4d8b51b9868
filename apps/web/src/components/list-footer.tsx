import { Button, Group, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'

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
