import { Badge, Button, Card, Group, Skeleton, Table, TextInput } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { IconSearch } from '@tabler/icons-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { EmptyState } from '../../components/empty-state'
import { NotFound } from '../../components/not-found'
import { PageHeader } from '../../components/page-header'
import { QueryError } from '../../components/query-error'
import { formatDateTime } from '../../lib/format'
import { can } from '../../lib/permissions'
import { useCurrentUser } from '../../app/session'
import { useUserList } from './api/list-users'

/** Accounts in the admin's subtree (read-only for now; managing accounts comes next). */
export function UsersPage() {
  const { t } = useTranslation()
  const user = useCurrentUser()
  const [search, setSearch] = useState('')
  const [q] = useDebouncedValue(search.trim(), 300)
  const allowed = can(user, 'users.view')
  const list = useUserList(q ? { q } : {}, allowed)
  if (!allowed) return <NotFound />
  const items = list.data?.pages.flatMap((page) => page.items) ?? []

  return (
    <>
      <PageHeader title={t('users.title')} />
      <TextInput
        mb="md"
        maw={420}
        aria-label={t('users.searchPlaceholder')}
        placeholder={t('users.searchPlaceholder')}
        leftSection={<IconSearch size={16} />}
        value={search}
        onChange={(event) => setSearch(event.currentTarget.value)}
      />
      {list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Card withBorder p={0}>
          <Table.ScrollContainer minWidth={800}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('users.fullName')}</Table.Th>
                  <Table.Th>{t('users.email')}</Table.Th>
                  <Table.Th>{t('users.role')}</Table.Th>
                  <Table.Th>{t('users.union')}</Table.Th>
                  <Table.Th>{t('users.status')}</Table.Th>
                  <Table.Th>{t('users.lastLogin')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.isPending
                  ? Array.from({ length: 5 }, (_, row) => (
                      <Table.Tr key={row}>
                        {Array.from({ length: 6 }, (_, cell) => (
                          <Table.Td key={cell}>
                            <Skeleton height={14} />
                          </Table.Td>
                        ))}
                      </Table.Tr>
                    ))
                  : items.map((item) => (
                      <Table.Tr key={item.id}>
                        <Table.Td>{item.fullName}</Table.Td>
                        <Table.Td>{item.email}</Table.Td>
                        <Table.Td>{t(`roles.${item.role}`)}</Table.Td>
                        <Table.Td>{item.unionName}</Table.Td>
                        <Table.Td>
                          <Badge variant="light" color={item.status === 'active' ? 'teal' : 'gray'}>
                            {t(`users.statuses.${item.status}`)}
                          </Badge>
                        </Table.Td>
                        <Table.Td>{formatDateTime(item.lastLoginAt)}</Table.Td>
                      </Table.Tr>
                    ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {!list.isPending && items.length === 0 && <EmptyState text={t('users.empty')} />}
          {list.hasNextPage && (
            <Group justify="flex-end" p="sm">
              <Button variant="light" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
                {t('app.loadMore')}
              </Button>
            </Group>
          )}
        </Card>
      )}
    </>
  )
}
