import { Button, Card, Group, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core'
import { IconList, IconSitemap } from '@tabler/icons-react'
import { useQuery } from '@tanstack/react-query'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import { unionRoutes } from '@liendoan/contracts'
import { api } from '../../api/client'
import { PageHeader } from '../../components/page-header'
import { QueryError } from '../../components/query-error'
import { formatNumber } from '../../lib/format'
import { paths } from '../../app/paths'
import { useCurrentUser } from '../../app/session'

/**
 * Starting point after sign-in: the person's own union at a glance. The figures
 * dashboard (targets and results) arrives with the targets module.
 */
export function DashboardPage() {
  const { t, i18n } = useTranslation()
  const user = useCurrentUser()
  // Features do not import each other: the dashboard reads the union through the shared client.
  const union = useQuery({
    queryKey: ['dashboard', 'union', user.unionId],
    queryFn: ({ signal }) => api.call(unionRoutes.get, { params: { id: user.unionId }, signal }),
  })

  return (
    <>
      <PageHeader title={t('dashboard.welcome', { name: user.fullName })} />
      <Card withBorder maw={900}>
        <Text size="xs" c="dimmed" fw={500} tt="uppercase">
          {t('dashboard.yourUnion')}
        </Text>
        {union.isPending ? (
          <Stack mt="sm">
            <Skeleton height={24} width="60%" />
            <Skeleton height={60} />
          </Stack>
        ) : union.isError ? (
          <QueryError error={union.error} onRetry={() => void union.refetch()} />
        ) : (
          <>
            <Title order={3} mt={4}>
              {union.data.name}
            </Title>
            <Text c="dimmed" size="sm">
              {union.data.code} · {i18n.language === 'en' ? union.data.unitType.nameEn : union.data.unitType.name}
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 2 }} mt="md">
              <div>
                <Text size="xs" c="dimmed">
                  {t('dashboard.directUnits')}
                </Text>
                <Text size="xl" fw={700}>
                  {formatNumber(union.data.childCount)}
                </Text>
              </div>
              {union.data.latestRating && (
                <div>
                  <Text size="xs" c="dimmed">
                    {t('dashboard.latestRating')}
                  </Text>
                  <Text size="xl" fw={700}>
                    {union.data.latestRating.gradeLabel} ({union.data.latestRating.year})
                  </Text>
                </div>
              )}
            </SimpleGrid>
            <Group mt="md">
              <Button component={Link} to={paths.union(union.data.id)} variant="light">
                {t('dashboard.openUnion')}
              </Button>
              <Button component={Link} to={paths.unionTree} variant="default" leftSection={<IconSitemap size={16} />}>
                {t('dashboard.browseTree')}
              </Button>
              <Button component={Link} to={paths.unions} variant="default" leftSection={<IconList size={16} />}>
                {t('dashboard.searchUnions')}
              </Button>
            </Group>
          </>
        )}
      </Card>
    </>
  )
}
