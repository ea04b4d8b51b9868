import { Anchor, Card, Text } from '@mantine/core'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import { EmptyState } from '../../components/empty-state'
import { PagedListEnd } from '../../components/list-footer'
import { NotFound } from '../../components/not-found'
import { PageHeader } from '../../components/page-header'
import { QueryError } from '../../components/query-error'
import { can } from '../../lib/permissions'
import { paths } from '../../app/paths'
import { useCurrentUser } from '../../app/session'
import { usePaymentList } from './api/list-payments'
import type { PaymentAction } from './payment-actions'
import { PaymentTable } from './payment-rows'

const QUEUE_ACTIONS: readonly PaymentAction[] = ['approve', 'reject']

/**
 * "Chờ phê duyệt": proposals the person may approve: in programmes they run, never their own
 * (the API leaves those out). Approving checks the budget at that moment.
 */
export function ApprovalQueuePage() {
  const { t } = useTranslation()
  const user = useCurrentUser()
  const allowed = can(user, 'support.approve')
  const list = usePaymentList({ awaitingMyApproval: true }, allowed)
  const items = list.data?.pages.flatMap((page) => page.items) ?? []
  if (!allowed) return <NotFound />
  return (
    <>
      <PageHeader
        above={
          <Anchor component={Link} to={paths.supportPrograms} size="sm">
            {t('support.backToList')}
          </Anchor>
        }
        title={t('support.queue.title')}
      />
      <Text size="sm" c="dimmed" mb="md">
        {t('support.queue.hint')}
      </Text>
      {list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Card withBorder p={0}>
          <PaymentTable items={items} loading={list.isPending} busy={list.isFetching} showProgram runsProgram={true} only={QUEUE_ACTIONS} testId="queue-rows" />
          <PagedListEnd
            list={list}
            count={items.length}
            shownText={(counted) => t('support.payments.shownCount', counted)}
            empty={<EmptyState title={t('support.queue.emptyTitle')} text={t('support.queue.emptyText')} />}
          />
        </Card>
      )}
    </>
  )
}
