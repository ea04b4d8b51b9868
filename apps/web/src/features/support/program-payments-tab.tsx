import { Card, Chip, Group, Stack, Text } from '@mantine/core'
import { useSearchParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { PaymentStatuses, type SupportProgram } from '@liendoan/contracts'
import { EmptyState } from '../../components/empty-state'
import { PagedListEnd } from '../../components/list-footer'
import { QueryError } from '../../components/query-error'
import { usePaymentList } from './api/list-payments'
import { PaymentTable } from './payment-rows'
import { paymentStatusesFromParams, withParam } from './support-filters'

/** The programme's payments, filtered by status (kept in the URL), with the steps the person may take. */
export function ProgramPaymentsTab({ program, runsProgram }: { program: SupportProgram; runsProgram: boolean | null }) {
  const { t } = useTranslation()
  const [params, setParams] = useSearchParams()
  const statuses = paymentStatusesFromParams(params)
  const list = usePaymentList({ programId: program.id, ...(statuses.length > 0 ? { status: statuses } : {}) })
  const items = list.data?.pages.flatMap((page) => page.items) ?? []
  return (
    <Stack data-testid="program-payments">
      <Group gap="xs" align="center">
        <Text size="sm" fw={500} id="payment-status-filter">
          {t('support.fields.status')}:
        </Text>
        <Chip.Group multiple value={statuses} onChange={(value) => setParams((current) => withParam(current, 'paymentStatus', value), { replace: true })}>
          <Group gap={6} role="group" aria-labelledby="payment-status-filter">
            {PaymentStatuses.map((status) => (
              <Chip key={status} value={status} size="xs" variant="outline">
                {t(`support.paymentStatuses.${status}`)}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
      </Group>
      {list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Card withBorder p={0}>
          <PaymentTable items={items} loading={list.isPending} busy={list.isFetching} showProgram={false} runsProgram={runsProgram} />
          <PagedListEnd
            list={list}
            count={items.length}
            shownText={(counted) => t('support.payments.shownCount', counted)}
            empty={<EmptyState text={statuses.length > 0 ? t('support.payments.emptyFiltered') : t('support.payments.empty')} />}
          />
        </Card>
      )}
    </Stack>
  )
}
