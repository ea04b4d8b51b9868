import { useState, type ReactNode } from 'react'
import { Anchor, Breadcrumbs, Button, Card, Grid, Group, Menu, SimpleGrid, Stack, Tabs, Text, Title } from '@mantine/core'
import {
  IconArrowsMove,
  IconChevronDown,
  IconGitMerge,
  IconPencil,
  IconPlus,
  IconTrash,
} from '@tabler/icons-react'
import { Link, useParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import type { Union } from '@liendoan/contracts'
import { QueryError } from '../../components/query-error'
import { formatDate, formatDateTime, formatNumber } from '../../lib/format'
import { can } from '../../lib/permissions'
import { paths } from '../../app/paths'
import { useCurrentUser } from '../../app/session'
import { useUnion } from './api/get-union'
import type { RestructureOperation } from './api/restructure-union'
import { UnionStatusBadge } from './union-labels'
import { UnionChildren } from './union-children'
import { UnionHistory } from './union-history'
import { UnionRatings } from './union-ratings'
import { RestructureModal } from './restructure-modal'
import { DetailField, DetailSkeleton } from '../../components/detail-field'

/**
 * A tab another module adds to the union page (e.g. the officers tab). The router
 * composes it in, so this feature does not import the other one.
 */
export interface UnionTab {
  value: string
  label: ReactNode
  render: (union: Union) => ReactNode
  /** Only on some unions (e.g. agreements on grassroots unions); default: every union. */
  when?: (union: Union) => boolean
}

export function UnionDetailPage({ extraTabs = [] }: { extraTabs?: readonly UnionTab[] }) {
  const { id = '' } = useParams()
  const query = useUnion(id)
  if (query.isPending) return <DetailSkeleton />
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />
  return <UnionDetail union={query.data.union} extraTabs={extraTabs} />
}

function UnionDetail({ union, extraTabs: allExtraTabs }: { union: Union; extraTabs: readonly UnionTab[] }) {
  const { t, i18n } = useTranslation()
  const extraTabs = allExtraTabs.filter((tab) => !tab.when || tab.when(union))
  const user = useCurrentUser()
  const [operation, setOperation] = useState<RestructureOperation | null>(null)
  const isGrassroots = union.unitType.isGrassroots
  const active = union.status === 'active'
  // The person's own union is the top of their scope: it cannot be moved from inside it.
  const canRestructure = can(user, 'union.restructure') && active && union.id !== user.unionId

  return (
    <>
      <Stack gap={4} mb="md">
        <AncestorBreadcrumbs union={union} />
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <div>
            <Group gap="sm">
              <Title order={2}>{union.name}</Title>
              <UnionStatusBadge status={union.status} />
            </Group>
            <Text c="dimmed" size="sm">
              {union.code} · {i18n.language === 'en' ? union.unitType.nameEn : union.unitType.name}
            </Text>
          </div>
          <Group gap="xs">
            {can(user, 'union.update') && active && (
              <Button component={Link} to={paths.unionEdit(union.id)} leftSection={<IconPencil size={16} />}>
                {t('app.edit')}
              </Button>
            )}
            {can(user, 'union.create') && active && !isGrassroots && (
              <Button
                component={Link}
                to={`${paths.unionNew}?parentId=${encodeURIComponent(union.id)}`}
                variant="light"
                leftSection={<IconPlus size={16} />}
              >
                {t('unions.newChild')}
              </Button>
            )}
            {canRestructure && (
              // The menu must not take focus back when it closes: the dialog it opens holds it.
              <Menu position="bottom-end" returnFocus={false}>
                <Menu.Target>
                  <Button variant="default" rightSection={<IconChevronDown size={14} />}>
                    {t('unionDetail.actions')}
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item leftSection={<IconArrowsMove size={16} />} onClick={() => setOperation('move')}>
                    {t('restructure.move')}
                  </Menu.Item>
                  <Menu.Item leftSection={<IconGitMerge size={16} />} onClick={() => setOperation('merge')}>
                    {t('restructure.merge')}
                  </Menu.Item>
                  <Menu.Item color="red" leftSection={<IconTrash size={16} />} onClick={() => setOperation('dissolve')}>
                    {t('restructure.dissolve')}
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            )}
          </Group>
        </Group>
      </Stack>

      <Grid>
        <Grid.Col span={{ base: 12, lg: isGrassroots ? 7 : 12 }}>
          <Card withBorder h="100%">
            <Title order={3} size="h5" mb="sm">
              {t('union.generalSection')}
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="sm">
              <DetailField label={t('union.fields.code')} value={union.code} />
              <DetailField label={t('union.fields.unitType')} value={i18n.language === 'en' ? union.unitType.nameEn : union.unitType.name} />
              <DetailField
                label={t('union.fields.parent')}
                value={
                  union.parentId && union.parentName ? (
                    <Anchor component={Link} to={paths.union(union.parentId)}>
                      {union.parentName}
                    </Anchor>
                  ) : null
                }
                testId="field-parent"
              />
              <DetailField label={t('union.fields.establishedOn')} value={formatDate(union.establishedOn)} />
              <DetailField label={t('union.fields.address')} value={union.address} testId="field-address" />
              <DetailField label={t('union.fields.phone')} value={union.phone} />
              <DetailField label={t('union.fields.childCount')} value={formatNumber(union.childCount)} />
              <DetailField label={t('union.fields.updatedAt')} value={formatDateTime(union.updatedAt)} />
              {!active && (
                <>
                  <DetailField label={t('union.fields.statusEffectiveDate')} value={formatDate(union.statusEffectiveDate)} />
                  <DetailField label={t('union.fields.statusReason')} value={union.statusReason} />
                </>
              )}
            </SimpleGrid>
          </Card>
        </Grid.Col>
        {isGrassroots && (
          <Grid.Col span={{ base: 12, lg: 5 }}>
            <Card withBorder h="100%">
              <Title order={3} size="h5" mb="sm">
                {t('union.grassrootsSection')}
              </Title>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="sm">
                <DetailField label={t('union.fields.employerName')} value={union.employerName} />
                <DetailField label={t('union.fields.employerTaxCode')} value={union.employerTaxCode} />
                <DetailField label={t('union.fields.sector')} value={union.sector && t(`union.sectors.${union.sector}`)} />
                <DetailField label={t('union.fields.sectorKind')} value={union.sectorKind && t(`union.sectorKinds.${union.sectorKind}`)} />
                <DetailField
                  label={t('union.fields.workersEmployed')}
                  value={union.workersEmployed == null ? null : formatNumber(union.workersEmployed)}
                  testId="field-workersEmployed"
                />
                <DetailField
                  label={t('union.fields.latestRating')}
                  value={union.latestRating && `${union.latestRating.gradeLabel} (${union.latestRating.year})`}
                />
              </SimpleGrid>
              <Title order={4} size="h6" mt="md" mb="xs">
                {t('union.foundingSection')}
              </Title>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="sm">
                <DetailField label={t('union.fields.foundingDecisionNumber')} value={union.foundingDecisionNumber} />
                <DetailField label={t('union.fields.foundingDecisionDate')} value={union.foundingDecisionDate && formatDate(union.foundingDecisionDate)} />
                <DetailField label={t('union.fields.foundingIssuerId')} value={union.foundingIssuerName} />
              </SimpleGrid>
            </Card>
          </Grid.Col>
        )}
      </Grid>

      <Tabs defaultValue={isGrassroots ? 'ratings' : 'children'} mt="lg" keepMounted={false}>
        <Tabs.List>
          {!isGrassroots && <Tabs.Tab value="children">{t('unionDetail.children')}</Tabs.Tab>}
          {isGrassroots && <Tabs.Tab value="ratings">{t('unionDetail.ratings')}</Tabs.Tab>}
          {extraTabs.map((tab) => (
            <Tabs.Tab key={tab.value} value={tab.value}>
              {tab.label}
            </Tabs.Tab>
          ))}
          <Tabs.Tab value="history">{t('unionDetail.history')}</Tabs.Tab>
        </Tabs.List>
        {!isGrassroots && (
          <Tabs.Panel value="children" pt="md">
            <UnionChildren union={union} />
          </Tabs.Panel>
        )}
        {isGrassroots && (
          <Tabs.Panel value="ratings" pt="md">
            <UnionRatings union={union} canRate={can(user, 'union.rate') && active} />
          </Tabs.Panel>
        )}
        {extraTabs.map((tab) => (
          <Tabs.Panel key={tab.value} value={tab.value} pt="md">
            {tab.render(union)}
          </Tabs.Panel>
        ))}
        <Tabs.Panel value="history" pt="md">
          <UnionHistory unionId={union.id} />
        </Tabs.Panel>
      </Tabs>

      {operation && <RestructureModal union={union} operation={operation} onClose={() => setOperation(null)} />}
    </>
  )
}

/** Ancestors root first; the ones above the person's own union are shown but not linked. */
function AncestorBreadcrumbs({ union }: { union: Union }) {
  const { t } = useTranslation()
  const user = useCurrentUser()
  if (union.ancestors.length === 0) return null
  const ownIndex = union.ancestors.findIndex((ancestor) => ancestor.id === user.unionId)
  return (
    <nav aria-label={t('unionDetail.breadcrumbLabel')}>
      <Breadcrumbs separatorMargin={6} style={{ flexWrap: 'wrap' }}>
        {union.ancestors.map((ancestor, index) =>
          ownIndex !== -1 && index >= ownIndex ? (
            <Anchor key={ancestor.id} component={Link} to={paths.union(ancestor.id)} size="sm">
              {ancestor.name}
            </Anchor>
          ) : (
            <Text key={ancestor.id} size="sm" c="dimmed">
              {ancestor.name}
            </Text>
          ),
        )}
        <Text size="sm" c="dimmed">
          {union.name}
        </Text>
      </Breadcrumbs>
    </nav>
  )
}

