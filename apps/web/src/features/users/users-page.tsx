import { useMemo } from 'react'
import { Anchor, Badge, Button, Card, Grid, Group, Select, Table } from '@mantine/core'
import { IconPlus } from '@tabler/icons-react'
import { Link, useSearchParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { Roles, type Role } from '@liendoan/contracts'
import { PagedListEnd } from '../../components/list-footer'
import { EmptyState } from '../../components/empty-state'
import { NotFound } from '../../components/not-found'
import { SearchBox } from '../../components/search-box'
import { PageHeader } from '../../components/page-header'
import { QueryError } from '../../components/query-error'
import { formatDateTime } from '../../lib/format'
import { can } from '../../lib/permissions'
import { paths } from '../../app/paths'
import { useCurrentUser } from '../../app/session'
import { useUserList } from './api/list-users'
import type { UserFilters } from './api/user-keys'
import { SkeletonRows } from '../../components/skeleton-rows'

const NO_TRUNCATE = { flexShrink: 0, overflow: 'visible' } as const

/** Reads filters from the URL so a filtered list survives reloads and the back button. */
export function userFiltersFromParams(params: URLSearchParams): UserFilters {
  const filters: UserFilters = {}
  const q = params.get('q')?.trim()
  if (q) filters.q = q.slice(0, 200)
  const role = params.get('role')
  if (role && (Roles as readonly string[]).includes(role)) filters.role = role as Role
  return filters
}

/** Accounts in the admin's subtree: search, filter by role, open one to edit it. */
export function UsersPage() {
  const { t } = useTranslation()
  const me = useCurrentUser()
  const [params, setParams] = useSearchParams()
  const filters = useMemo(() => userFiltersFromParams(params), [params])
  const allowed = can(me, 'users.view')
  const list = useUserList(filters, allowed)

  const setFilter = (key: 'q' | 'role', value: string | null) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current)
        if (value) next.set(key, value)
        else next.delete(key)
        return next
      },
      { replace: key === 'q' },
    )

  if (!allowed) return <NotFound />
  const items = list.data?.pages.flatMap((page) => page.items) ?? []
  const filtered = Object.keys(filters).length > 0

  return (
    <>
      <PageHeader
        title={t('users.title')}
        actions={
          can(me, 'users.manage') && (
            <Button component={Link} to={paths.userNew} leftSection={<IconPlus size={16} />}>
              {t('users.newUser')}
            </Button>
          )
        }
      />
      <Grid mb="md" gutter="sm" role="search" aria-label={t('users.searchLabel')}>
        <Grid.Col span={{ base: 12, sm: 7, md: 5 }}>
          <SearchBox
            aria-label={t('users.searchLabel')}
            placeholder={t('users.searchPlaceholder')}
            maxLength={200}
            value={filters.q ?? ''}
            onSearch={(value) => setFilter('q', value)}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 5, md: 3 }}>
          <Select
            aria-label={t('users.filterRole')}
            placeholder={t('users.anyRole')}
            clearable
            data={Roles.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
            value={filters.role ?? null}
            onChange={(value) => setFilter('role', value)}
          />
        </Grid.Col>
      </Grid>
      {list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Card withBorder p={0}>
          <Table.ScrollContainer minWidth={800}>
            <Table striped highlightOnHover>
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
              <Table.Tbody data-testid="user-rows">
                {list.isPending
                  ? <SkeletonRows rows={5} columns={6} />
                  : items.map((item) => (
                      <Table.Tr key={item.id}>
                        <Table.Td>
                          <Group gap={6} wrap="nowrap">
                            <Anchor component={Link} to={paths.user(item.id)}>
                              {item.fullName}
                            </Anchor>
                            {item.id === me.id && (
                              <Badge size="xs" variant="outline" style={NO_TRUNCATE} styles={{ label: NO_TRUNCATE }}>
                                {t('users.you')}
                              </Badge>
                            )}
                          </Group>
                        </Table.Td>
                        <Table.Td>{item.email}</Table.Td>
                        <Table.Td>{t(`roles.${item.role}`)}</Table.Td>
                        <Table.Td>{item.unionName}</Table.Td>
                        <Table.Td>
                          <Badge variant="light" color={item.status === 'active' ? 'teal' : 'gray'} style={NO_TRUNCATE} styles={{ label: NO_TRUNCATE }}>
                            {t(`users.statuses.${item.status}`)}
                          </Badge>
                        </Table.Td>
                        <Table.Td>{formatDateTime(item.lastLoginAt)}</Table.Td>
                      </Table.Tr>
                    ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <PagedListEnd list={list} count={items.length} shownText={(counted) => t('users.shownCount', counted)} empty={<EmptyState text={filtered ? t('users.emptyFiltered') : t('users.empty')} />} />
        </Card>
      )}
    </>
  )
}
