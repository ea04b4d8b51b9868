import { Badge } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { BeneficiaryRole, LedgerEntryKind, PaymentStatus, SupportProgramStatus } from '@liendoan/contracts'

const PAYMENT_COLORS: Record<PaymentStatus, string> = {
  proposed: 'yellow',
  approved: 'blue',
  disbursed: 'teal',
  rejected: 'red',
  cancelled: 'gray',
}

const LEDGER_COLORS: Record<LedgerEntryKind, string> = {
  proposed: 'yellow',
  approved: 'blue',
  disbursed: 'teal',
  rejected: 'red',
  cancelled: 'gray',
}

// A badge clips its label by default; the whole word is the point of it.
const WHOLE_LABEL = { root: { overflow: 'visible', flexShrink: 0 }, label: { overflow: 'visible' } } as const

export function PaymentStatusBadge({ status }: { status: PaymentStatus }) {
  const { t } = useTranslation()
  return (
    <Badge color={PAYMENT_COLORS[status]} variant="light" styles={WHOLE_LABEL} data-status={status} data-testid="payment-status">
      {t(`support.paymentStatuses.${status}`)}
    </Badge>
  )
}

export function ProgramStatusBadge({ status }: { status: SupportProgramStatus }) {
  const { t } = useTranslation()
  return (
    <Badge color={status === 'open' ? 'teal' : 'gray'} variant="light" styles={WHOLE_LABEL} data-status={status} data-testid="program-status">
      {t(`support.programStatuses.${status}`)}
    </Badge>
  )
}

export function LedgerKindBadge({ kind }: { kind: LedgerEntryKind }) {
  const { t } = useTranslation()
  return (
    <Badge color={LEDGER_COLORS[kind]} variant="dot" styles={WHOLE_LABEL}>
      {t(`support.ledgerKinds.${kind}`)}
    </Badge>
  )
}

export function useRoleLabel() {
  const { t } = useTranslation()
  return (role: BeneficiaryRole) => t(`support.roles.${role}`)
}
