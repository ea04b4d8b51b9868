import { useState } from 'react'
import { ActionIcon, Anchor, Badge, Box, Button, Card, Group, Skeleton, Stack, Text } from '@mantine/core'
import { IconChevronDown, IconChevronRight, IconPoint } from '@tabler/icons-react'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import type { Union } from '@liendoan/contracts'
import { PageHeader } from '../../components/page-header'
import { QueryError } from '../../components/query-error'
import { formatNumber } from '../../lib/format'
import { paths } from '../../app/paths'
import { useCurrentUser } from '../../app/session'
import { useUnion } from './api/get-union'
import { useUnionChildren } from './api/get-children'
import { UnionStatusBadge } from './union-labels'

/** The organisation tree from the signed-in person's own union down; children load when a node opens. */
export function UnionTreePage() {
  const { t } = useTranslation()
  const user = useCurrentUser()
  const root = useUnion(user.unionId)
  return (
    <>
      <PageHeader title={t('unions.treeTitle')} />
      <Card withBorder>
        {root.isPending ? (
          <TreeSkeleton />
        ) : root.isError ? (
          <QueryError error={root.error} onRetry={() => void root.refetch()} />
        ) : (
          <ul role="tree" aria-label={t('unions.treeTitle')} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            <TreeNode union={root.data.union} depth={0} initiallyOpen />
          </ul>
        )}
      </Card>
    </>
  )
}

function TreeNode({ union, depth, initiallyOpen = false }: { union: Union; depth: number; initiallyOpen?: boolean }) {
  const { t, i18n } = useTranslation()
  const hasChildren = union.childCount > 0
  const [open, setOpen] = useState(initiallyOpen && hasChildren)
  const children = useUnionChildren(union.id, open)
  const items = children.data?.pages.flatMap((page) => page.items) ?? []

  return (
    <li role="treeitem" aria-expanded={hasChildren ? open : undefined} aria-level={depth + 1}>
      <Group gap={6} wrap="nowrap" py={4} pl={depth * 22}>
        {hasChildren ? (
          <ActionIcon
            variant="subtle"
            size="sm"
            onClick={() => setOpen((value) => !value)}
            aria-label={open ? t('unions.collapse', { name: union.name }) : t('unions.expand', { name: union.name })}
          >
            {open ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
          </ActionIcon>
        ) : (
          <Box w={22} ta="center" c="dimmed" aria-hidden>
            <IconPoint size={12} />
          </Box>
        )}
        <Anchor component={Link} to={paths.union(union.id)} fw={depth === 0 ? 700 : 500}>
          {union.name}
        </Anchor>
        <Badge variant="outline" color="gray" size="sm" visibleFrom="sm">
          {i18n.language === 'en' ? union.unitType.nameEn : union.unitType.name}
        </Badge>
        {hasChildren && (
          <Text size="xs" c="dimmed" className="nowrap">
            ({formatNumber(union.childCount)})
          </Text>
        )}
        {union.status !== 'active' && <UnionStatusBadge status={union.status} />}
      </Group>
      {open && (
        <ul role="group" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {children.isPending && (
            <li>
              <Box pl={(depth + 1) * 22}>
                <TreeSkeleton rows={Math.min(union.childCount, 3)} />
              </Box>
            </li>
          )}
          {children.isError && (
            <li>
              <QueryError error={children.error} onRetry={() => void children.refetch()} />
            </li>
          )}
          {items.map((child) => (
            <TreeNode key={child.id} union={child} depth={depth + 1} />
          ))}
          {children.hasNextPage && (
            <li>
              <Box pl={(depth + 1) * 22 + 28}>
                <Button size="xs" variant="subtle" onClick={() => void children.fetchNextPage()} loading={children.isFetchingNextPage}>
                  {t('app.loadMore')}
                </Button>
              </Box>
            </li>
          )}
        </ul>
      )}
    </li>
  )
}

function TreeSkeleton({ rows = 5 }: { rows?: number }) {
  return (
    <Stack gap={8} py={4}>
      {Array.from({ length: rows }, (_, index) => (
        <Skeleton key={index} height={16} width={`${60 - index * 5}%`} />
      ))}
    </Stack>
  )
}
