import { Button, Card, Group, Stack } from '@mantine/core'
import { IconPlus } from '@tabler/icons-react'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import type { Union } from '@liendoan/contracts'
import { EmptyState } from '../../components/empty-state'
import { PagedListEnd } from '../../components/list-footer'
import { QueryError } from '../../components/query-error'
import { can } from '../../lib/permissions'
import { paths } from '../../app/paths'
import { useCurrentUser } from '../../app/session'
import { useAgreementList } from './api/list-agreements'
import { AgreementRows } from './agreement-rows'

/**
 * The "Thỏa ước" tab of a grassroots union: its agreements, newest first, and the registration of
 * a new one with the union already picked. The router composes it into the union page, so the
 * unions feature does not depend on this one.
 */
export function UnionAgreementsTab({ union }: { union: Union }) {
  const { t } = useTranslation()
  const user = useCurrentUser()
  const list = useAgreementList({ unionId: union.id })
  const items = list.data?.pages.flatMap((page) => page.items) ?? []
  const canCreate = can(user, 'agreement.manage') && union.status === 'active'
  return (
    <Stack data-testid="union-agreements">
      {canCreate && (
        <Group>
          <Button component={Link} to={`${paths.agreementNew}?unionId=${encodeURIComponent(union.id)}`} leftSection={<IconPlus size={16} />}>
            {t('agreements.unionCreate')}
          </Button>
        </Group>
      )}
      {list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Card withBorder p={0}>
          <AgreementRows items={items} loading={list.isPending} busy={list.isFetching} showUnion={false} />
          <PagedListEnd
            list={list}
            count={items.length}
            shownText={(counted) => t('agreements.shownCount', counted)}
            empty={<EmptyState text={t('agreements.unionEmpty')} />}
          />
        </Card>
      )}
    </Stack>
  )
}

/** The tab as the union page takes it; only grassroots unions sign enterprise agreements. */
export const unionAgreementsTab = {
  value: 'agreements',
  label: <AgreementsTabLabel />,
  render: (union: Union) => <UnionAgreementsTab union={union} />,
  when: (union: Union) => union.unitType.isGrassroots,
}

function AgreementsTabLabel() {
  const { t } = useTranslation()
  return <>{t('agreements.unionTab')}</>
}
