import { useState } from 'react'
import { Anchor, Button, Stack, Table, Text } from '@mantine/core'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import type { SupportPayment } from '@liendoan/contracts'
import { SkeletonRows } from '../../components/skeleton-rows'
import { formatDate, formatDateTime, formatMoney } from '../../lib/format'
import { paths } from '../../app/paths'
import { useCurrentUser } from '../../app/session'
import { PaymentActionModal } from './payment-action-modal'
import { needsOverride, paymentActions, type PaymentAction } from './payment-actions'
import { PaymentStatusBadge, useRoleLabel } from './support-labels'

/** Where a payment's reason and beneficiary are shown in the app. */
function reasonPath(payment: Pick<SupportPayment, 'reason'>): string | null {
  if (payment.reason.kind === 'agreement') return paths.agreement(payment.reason.id)
  if (payment.reason.kind === 'union_founding') return paths.union(payment.reason.id)
  return null
}

function beneficiaryPath(payment: Pick<SupportPayment, 'beneficiary'>): string | null {
  if (payment.beneficiary.kind === 'union') return paths.union(payment.beneficiary.id)
  if (payment.beneficiary.kind === 'member') return paths.member(payment.beneficiary.id)
  return null
}

const ACTION_COLORS: Record<PaymentAction, string | undefined> = { approve: undefined, reject: 'red', disburse: 'teal', cancel: 'orange' }

/**
 * Payments as a table, with the steps the person may take on each (approve, reject, record the
 * disbursement, cancel) opening a small form. Shared by the programme, the approval queue and
 * the pages of the union, member and agreement a payment concerns.
 */
export function PaymentTable({
  items,
  loading,
  busy,
  showProgram,
  runsProgram,
  only,
  testId = 'payment-rows',
}: {
  items: readonly SupportPayment[]
  loading: boolean
  busy: boolean
  showProgram: boolean
  /** Whether the person runs the programme (null: not known, e.g. across programmes). */
  runsProgram: boolean | null
  /** Offer only these steps (the approval queue: approve and reject). */
  only?: readonly PaymentAction[]
  testId?: string
}) {
  const { t } = useTranslation()
  const user = useCurrentUser()
  const roleLabel = useRoleLabel()
  const [open, setOpen] = useState<{ payment: SupportPayment; action: PaymentAction } | null>(null)
  const columns = showProgram ? 6 : 5
  return (
    <>
      <Table.ScrollContainer minWidth={showProgram ? 1060 : 900}>
        <Table striped highlightOnHover verticalSpacing="sm" aria-busy={busy}>
          <Table.Thead>
            <Table.Tr>
              {showProgram && <Table.Th>{t('support.fields.program')}</Table.Th>}
              <Table.Th>{t('support.fields.reason')}</Table.Th>
              <Table.Th>{t('support.fields.beneficiary')}</Table.Th>
              <Table.Th ta="right">{t('support.fields.amount')}</Table.Th>
              <Table.Th>{t('support.fields.status')}</Table.Th>
              <Table.Th w={130} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody data-testid={testId}>
            {loading ? (
              <SkeletonRows rows={4} columns={columns} />
            ) : (
              items.map((payment) => {
                const actions = paymentActions(payment, user, runsProgram).filter((action) => !only || only.includes(action))
                const reasonLink = reasonPath(payment)
                const beneficiaryLink = beneficiaryPath(payment)
                return (
                  <Table.Tr
                    key={payment.id}
                    data-payment={payment.id}
                    data-reason={payment.reason.id}
                    data-role={payment.role}
                    data-amount={payment.amountVnd}
                    data-status={payment.status}
                    data-testid="payment-row"
                  >
                    {showProgram && (
                      <Table.Td w={220}>
                        <Anchor component={Link} to={paths.supportProgram(payment.program.id)} size="xs" lineClamp={3} title={payment.program.name}>
                          {payment.program.name}
                        </Anchor>
                      </Table.Td>
                    )}
                    <Table.Td maw={340}>
                      {reasonLink ? (
                        <Anchor component={Link} to={reasonLink} size="sm" fw={500}>
                          {payment.reason.label}
                        </Anchor>
                      ) : (
                        <Text size="sm" fw={500}>
                          {payment.reason.label}
                        </Text>
                      )}
                      {payment.union.id !== payment.beneficiary.id && (
                        <Text size="xs" c="dimmed">
                          {payment.union.name} ({payment.union.code})
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {beneficiaryLink ? (
                        <Anchor component={Link} to={beneficiaryLink} size="sm">
                          {payment.beneficiary.name}
                        </Anchor>
                      ) : (
                        <Text size="sm">{payment.beneficiary.name}</Text>
                      )}
                      <Text size="xs" c="dimmed">
                        {roleLabel(payment.role)}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right" className="nowrap">
                      <Text size="sm" fw={500} data-testid="payment-amount">
                        {formatMoney(payment.amountVnd)}
                      </Text>
                      {needsOverride(payment) && (
                        <Text size="xs" c="orange">
                          {t('support.payment.ruleGives', { amount: formatMoney(payment.ruleAmountVnd) })}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <PaymentStatusBadge status={payment.status} />
                      <PaymentTrail payment={payment} />
                    </Table.Td>
                    <Table.Td>
                      <Stack gap={4} align="stretch">
                        {actions.map((action) => (
                          <Button
                            key={action}
                            size="compact-sm"
                            variant={action === 'approve' || action === 'disburse' ? 'filled' : 'light'}
                            color={ACTION_COLORS[action]}
                            onClick={() => setOpen({ payment, action })}
                            data-testid={`payment-${action}`}
                          >
                            {t(`support.actions.${action}`)}
                          </Button>
                        ))}
                      </Stack>
                    </Table.Td>
                  </Table.Tr>
                )
              })
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {open && <PaymentActionModal payment={open.payment} action={open.action} onClose={() => setOpen(null)} />}
    </>
  )
}

/** Who did what and when: proposer, approver, the disbursement or the reason it was closed. */
function PaymentTrail({ payment }: { payment: SupportPayment }) {
  const { t } = useTranslation()
  const lines = [t('support.payment.proposedBy', { name: payment.proposedBy.name, at: formatDateTime(payment.proposedAt) })]
  if (payment.approvedBy) lines.push(t('support.payment.approvedBy', { name: payment.approvedBy.name, at: formatDateTime(payment.approvedAt) }))
  if (payment.disbursedOn) {
    lines.push(
      t('support.payment.disbursedLine', {
        date: formatDate(payment.disbursedOn),
        method: payment.disbursementMethod ? t(`support.methods.${payment.disbursementMethod}`) : t('app.none'),
        reference: payment.disbursementReference ?? t('app.none'),
      }),
    )
  }
  if (payment.closedBy) lines.push(t('support.payment.closedBy', { name: payment.closedBy.name, at: formatDateTime(payment.closedAt), reason: payment.closeReason ?? '' }))
  if (payment.overrideReason) lines.push(t('support.payment.override', { reason: payment.overrideReason }))
  return (
    <>
      {lines.map((line, index) => (
        <Text key={index} size="xs" c="dimmed" mt={index === 0 ? 4 : 0}>
          {line}
        </Text>
      ))}
    </>
  )
}
