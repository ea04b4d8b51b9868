import { Anchor, Button, Card, Group, Table } from '@mantine/core'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import type { Union } from '@liendoan/contracts'
import { EmptyState } from '../../components/empty-state'
import { QueryError } from '../../components/query-error'
import { formatNumber } from '../../lib/format'
import { paths } from '../../app/paths'
import { useUnionChildren } from './api/get-children'
import { UnionStatusBadge } from './union-labels'
import { SkeletonRows } from '../../components/skeleton-rows'

export function UnionChildren({ union }: { union: Union }) {
  const { t, i18n } = useTranslation()
  const children = useUnionChildren(union.id)
  const items = children.data?.pages.flatMap((page) => page.items) ?? []

  if (children.isError) return <QueryError error={children.error} onRetry={() => void children.refetch()} />
  return (
    <Card withBorder p={0}>
      <Table.ScrollContainer minWidth={640}>
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('union.fields.code')}</Table.Th>
              <Table.Th>{t('union.fields.name')}</Table.Th>
              <Table.Th>{t('union.fields.unitType')}</Table.Th>
              <Table.Th ta="right">{t('union.fields.childCount')}</Table.Th>
              <Table.Th>{t('union.fields.status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {children.isPending
              ? <SkeletonRows rows={4} columns={5} />
              : items.map((child) => (
                  <Table.Tr key={child.id}>
                    <Table.Td>{child.code}</Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={paths.union(child.id)}>
                        {child.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{i18n.language === 'en' ? child.unitType.nameEn : child.unitType.name}</Table.Td>
                    <Table.Td ta="right">{formatNumber(child.childCount)}</Table.Td>
                    <Table.Td>
                      <UnionStatusBadge status={child.status} />
                    </Table.Td>
                  </Table.Tr>
                ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {!children.isPending && items.length === 0 && <EmptyState text={t('unions.emptyChildren')} />}
      <Group justify="space-between" p="sm">
        {items.length > 0 ? (
          <Anchor component={Link} to={`${paths.unions}?under=${encodeURIComponent(union.id)}`} size="sm">
            {t('unions.viewAllUnder')}
          </Anchor>
        ) : (
          <span />
        )}
        {children.hasNextPage && (
          <Button variant="light" size="xs" onClick={() => void children.fetchNextPage()} loading={children.isFetchingNextPage}>
            {t('app.loadMore')}
          </Button>
        )}
      </Group>
    </Card>
  )
}
