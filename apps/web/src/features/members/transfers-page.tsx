import { useMemo, useState } from 'react'
import { Anchor, Button, Card, Group, Modal, Select, Stack, Table, Tabs, Text, Textarea } from '@mantine/core'
import { useForm } from '@mantine/form'
import { IconCheck, IconX, IconArrowBackUp } from '@tabler/icons-react'
import { Link, useSearchParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { DecideTransferBody, RejectTransferBody, TransferStatuses, type Transfer } from '@liendoan/contracts'
import { isApiError } from '../../api/api-error'
import { PagedListEnd } from '../../components/list-footer'
import { EmptyState } from '../../components/empty-state'
import { PageHeader } from '../../components/page-header'
import { QueryError } from '../../components/query-error'
import { SkeletonRows } from '../../components/skeleton-rows'
import { applyProblemToForm, checkBody } from '../../lib/form-errors'
import { formatDate, formatDateTime } from '../../lib/format'
import { notifyError, notifySuccess } from '../../lib/notify'
import { can } from '../../lib/permissions'
import { currentLanguage } from '../../i18n'
import { paths } from '../../app/paths'
import { useCurrentUser } from '../../app/session'
import { useAcceptTransfer } from './api/accept-transfer'
import { useCancelTransfer } from './api/cancel-transfer'
import { useTransferList } from './api/list-transfers'
import { useRejectTransfer } from './api/reject-transfer'
import { TransferStatusBadge } from './member-labels'
import { transferFiltersFromParams } from './member-filters'

type Decision = { transfer: Transfer; action: 'accept' | 'reject' | 'cancel' }

/**
 * Whether the member's record is in the person's scope now, so their name can link
 * to it: an incoming member only once accepted, an outgoing one until accepted.
 */
function memberInScope(transfer: Transfer, direction: 'incoming' | 'outgoing'): boolean {
  if (transfer.kind === 'direct') return true
  return direction === 'incoming' ? transfer.status === 'accepted' : transfer.status !== 'accepted'
}

/** Transfer requests: incoming ones wait for this scope's decision, outgoing ones can be withdrawn. */
export function TransfersPage() {
  const { t } = useTranslation()
  const user = useCurrentUser()
  const [params, setParams] = useSearchParams()
  const filters = useMemo(() => transferFiltersFromParams(params), [params])
  const list = useTransferList(filters)
  const [decision, setDecision] = useState<Decision | null>(null)
  const canDecide = can(user, 'member.write')

  const setParam = (key: 'direction' | 'status', value: string | null) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current)
        if (value) next.set(key, value)
        else next.delete(key)
        return next
      },
      { replace: true },
    )

  const items = list.data?.pages.flatMap((page) => page.items) ?? []
  const incoming = filters.direction === 'incoming'

  return (
    <>
      <PageHeader
        above={
          <Anchor component={Link} to={paths.members} size="sm">
            {t('memberDetail.backToList')}
          </Anchor>
        }
        title={t('transfers.title')}
      />
      <Tabs value={filters.direction} onChange={(value) => setParam('direction', value === 'outgoing' ? 'outgoing' : null)} mb="md">
        <Tabs.List>
          <Tabs.Tab value="incoming">{t('transfers.incoming')}</Tabs.Tab>
          <Tabs.Tab value="outgoing">{t('transfers.outgoing')}</Tabs.Tab>
        </Tabs.List>
      </Tabs>
      <Group mb="md">
        <Select
          label={t('transfers.status')}
          data={[
            { value: 'all', label: t('transfers.allStatuses') },
            ...TransferStatuses.map((status) => ({ value: status, label: t(`transfers.statuses.${status}`) })),
          ]}
          value={filters.status ?? 'all'}
          onChange={(value) => setParam('status', value === 'pending' ? null : value)}
          allowDeselect={false}
          w={240}
        />
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        {incoming ? t('transfers.incomingHint') : t('transfers.outgoingHint')}
      </Text>
      {list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Card withBorder p={0}>
          <Table.ScrollContainer minWidth={1000}>
            <Table striped verticalSpacing="sm" aria-busy={list.isFetching}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('transfers.member')}</Table.Th>
                  <Table.Th>{t('transfers.fromUnion')}</Table.Th>
                  <Table.Th>{t('transfers.toUnion')}</Table.Th>
                  <Table.Th>{t('transfers.effectiveDate')}</Table.Th>
                  <Table.Th>{t('transfers.kind')}</Table.Th>
                  <Table.Th>{t('transfers.status')}</Table.Th>
                  <Table.Th>{t('transfers.requested')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody data-testid="transfer-rows">
                {list.isPending ? (
                  <SkeletonRows rows={4} columns={8} />
                ) : (
                  items.map((transfer) => (
                    <Table.Tr key={transfer.id}>
                      <Table.Td>
                        {memberInScope(transfer, filters.direction) ? (
                          <Anchor component={Link} to={paths.member(transfer.memberId)} fw={500}>
                            {transfer.memberName}
                          </Anchor>
                        ) : (
                          <Text size="sm" fw={500}>
                            {transfer.memberName}
                          </Text>
                        )}
                        {transfer.reason && (
                          <Text size="xs" c="dimmed">
                            {transfer.reason}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>{transfer.fromUnion.name}</Table.Td>
                      <Table.Td>{transfer.toUnion.name}</Table.Td>
                      <Table.Td className="nowrap">{formatDate(transfer.effectiveDate)}</Table.Td>
                      <Table.Td>{t(`transfers.kinds.${transfer.kind}`)}</Table.Td>
                      <Table.Td>
                        <TransferStatusBadge status={transfer.status} />
                        {transfer.decisionNote && (
                          <Text size="xs" c="dimmed">
                            {transfer.decisionNote}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{formatDateTime(transfer.requestedAt)}</Text>
                        {transfer.requestedByName && (
                          <Text size="xs" c="dimmed">
                            {transfer.requestedByName}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {canDecide && transfer.status === 'pending' && (
                          <Stack gap={6} align="stretch">
                            {incoming ? (
                              <>
                                <Button size="xs" color="teal" leftSection={<IconCheck size={14} />} onClick={() => setDecision({ transfer, action: 'accept' })}>
                                  {t('transfers.accept')}
                                </Button>
                                <Button size="xs" color="red" variant="light" leftSection={<IconX size={14} />} onClick={() => setDecision({ transfer, action: 'reject' })}>
                                  {t('transfers.reject')}
                                </Button>
                              </>
                            ) : (
                              <Button size="xs" variant="light" leftSection={<IconArrowBackUp size={14} />} onClick={() => setDecision({ transfer, action: 'cancel' })}>
                                {t('transfers.cancel')}
                              </Button>
                            )}
                          </Stack>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <PagedListEnd list={list} count={items.length} shownText={(counted) => t('transfers.shownCount', counted)} empty={<EmptyState text={incoming ? t('transfers.emptyIncoming') : t('transfers.emptyOutgoing')} />} />
        </Card>
      )}
      {decision && <DecisionModal decision={decision} onClose={() => setDecision(null)} />}
    </>
  )
}

/** Confirms a decision; rejecting needs a reason, which the sending side will read. */
function DecisionModal({ decision, onClose }: { decision: Decision; onClose: () => void }) {
  const { t } = useTranslation()
  const accept = useAcceptTransfer()
  const reject = useRejectTransfer()
  const cancel = useCancelTransfer()
  const form = useForm({ initialValues: { note: '' } })
  const { transfer, action } = decision
  const pending = accept.isPending || reject.isPending || cancel.isPending

  const callbacks = {
    onSuccess: () => {
      notifySuccess(t(`transfers.done.${action}`, { name: transfer.memberName }))
      onClose()
    },
    onError: (error: unknown) => {
      if (isApiError(error) && error.fieldErrors.length > 0) {
        const rest = applyProblemToForm(error.fieldErrors, ['note'], form.setErrors, currentLanguage())
        if (Object.keys(rest).length === 0) return
      }
      notifyError(error, t)
    },
  }

  const submit = form.onSubmit((values) => {
    const note = values.note.trim()
    if (action === 'reject') {
      const checked = checkBody(RejectTransferBody, { note }, currentLanguage())
      if (!checked.ok) return form.setErrors(checked.errors)
      return reject.mutate({ transfer, body: checked.value }, callbacks)
    }
    const checked = checkBody(DecideTransferBody, note ? { note } : {}, currentLanguage())
    if (!checked.ok) return form.setErrors(checked.errors)
    if (action === 'accept') accept.mutate({ transfer, body: checked.value }, callbacks)
    else cancel.mutate({ transfer, body: checked.value }, callbacks)
  })

  return (
    <Modal opened onClose={onClose} title={t(`transfers.confirmTitle.${action}`)} centered>
      <form noValidate onSubmit={submit}>
        <Stack>
          <Text size="sm">
            {t(`transfers.confirmText.${action}`, { name: transfer.memberName, from: transfer.fromUnion.name, to: transfer.toUnion.name })}
          </Text>
          <Textarea
            label={action === 'reject' ? t('transfers.rejectReason') : t('transfers.note')}
            required={action === 'reject'}
            autosize
            minRows={2}
            maxLength={1000}
            data-autofocus
            {...form.getInputProps('note')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('app.cancel')}
            </Button>
            <Button type="submit" color={action === 'accept' ? 'teal' : 'red'} loading={pending}>
              {t(`transfers.${action}`)}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
