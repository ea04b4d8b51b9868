import { Badge } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { CardStatus, MemberStatus, TransferStatus } from '@liendoan/contracts'

const NO_TRUNCATE = { root: { flexShrink: 0, overflow: 'visible' }, label: { overflow: 'visible' } } as const

const STATUS_COLORS: Record<MemberStatus, string> = { active: 'teal', transferred_out: 'blue', left: 'gray', deceased: 'dark' }

export function MemberStatusBadge({ status }: { status: MemberStatus }) {
  const { t } = useTranslation()
  return (
    <Badge color={STATUS_COLORS[status]} variant="light" styles={NO_TRUNCATE} data-testid="member-status">
      {t(`member.statuses.${status}`)}
    </Badge>
  )
}

const CARD_COLORS: Record<CardStatus, string> = { none: 'gray', active: 'teal', lost: 'red' }

export function CardStatusBadge({ status }: { status: CardStatus }) {
  const { t } = useTranslation()
  return (
    <Badge color={CARD_COLORS[status]} variant="light" styles={NO_TRUNCATE}>
      {t(`member.cardStatuses.${status}`)}
    </Badge>
  )
}

const TRANSFER_COLORS: Record<TransferStatus, string> = {
  pending: 'yellow',
  accepted: 'teal',
  completed: 'teal',
  rejected: 'red',
  cancelled: 'gray',
}

export function TransferStatusBadge({ status }: { status: TransferStatus }) {
  const { t } = useTranslation()
  return (
    <Badge color={TRANSFER_COLORS[status]} variant="light" styles={NO_TRUNCATE}>
      {t(`transfers.statuses.${status}`)}
    </Badge>
  )
}
