import { Card, Stack, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { Agreement, Union } from '@liendoan/contracts'
import { EmptyState } from '../../components/empty-state'
import { PagedListEnd } from '../../components/list-footer'
import { QueryError } from '../../components/query-error'
import { usePaymentList } from './api/list-payments'
import type { PaymentFilters } from './api/support-keys'
import { PaymentTable } from './payment-rows'

/** The support payments about one record, across programmes. */
function RelatedPayments({ filters, empty, testId }: { filters: PaymentFilters; empty: string; testId: string }) {
  const { t } = useTranslation()
  const list = usePaymentList(filters)
  const items = list.data?.pages.flatMap((page) => page.items) ?? []
  if (list.isError) return <QueryError error={list.error} onRetry={() => void list.refetch()} />
  return (
    <Card withBorder p={0} data-testid={testId}>
      <PaymentTable items={items} loading={list.isPending} busy={list.isFetching} showProgram runsProgram={null} testId={`${testId}-rows`} />
      <PagedListEnd list={list} count={items.length} shownText={(counted) => t('support.payments.shownCount', counted)} empty={<EmptyState text={empty} />} />
    </Card>
  )
}

function SupportTabLabel() {
  const { t } = useTranslation()
  return <>{t('support.related.tab')}</>
}

/**
 * The "Hỗ trợ" tab of a union: payments to it or for its founding. The router composes it into the
 * union page, so the unions feature does not depend on this one.
 */
export const unionSupportTab = {
  value: 'support',
  label: <SupportTabLabel />,
  render: (union: Union) => <UnionSupport unionId={union.id} />,
  when: (union: Union) => union.unitType.isGrassroots,
}

function UnionSupport({ unionId }: { unionId: string }) {
  const { t } = useTranslation()
  return <RelatedPayments filters={{ unionId }} empty={t('support.related.unionEmpty')} testId="union-support" />
}

/** "Hỗ trợ đã nhận" on a member's page (hardship support), composed in by the router. */
export function MemberSupportSection({ memberId }: { memberId: string }) {
  const { t } = useTranslation()
  return (
    <Stack gap="sm" component="section">
      <Title order={3} size="h4">
        {t('support.related.memberTitle')}
      </Title>
      <RelatedPayments filters={{ memberId }} empty={t('support.related.memberEmpty')} testId="member-support" />
    </Stack>
  )
}

/** The "Hỗ trợ" tab of an agreement: what the union was paid for it, composed in by the router. */
export const agreementSupportTab = {
  value: 'support',
  label: <SupportTabLabel />,
  render: (agreement: Agreement) => <AgreementSupport agreementId={agreement.id} />,
}

function AgreementSupport({ agreementId }: { agreementId: string }) {
  const { t } = useTranslation()
  return <RelatedPayments filters={{ agreementId }} empty={t('support.related.agreementEmpty')} testId="agreement-support" />
}
