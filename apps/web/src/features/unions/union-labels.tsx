import { Badge } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { UnionStatus } from '@liendoan/contracts'

const STATUS_COLORS: Record<UnionStatus, string> = { active: 'teal', dissolved: 'gray', merged: 'violet' }

export function UnionStatusBadge({ status }: { status: UnionStatus }) {
  const { t } = useTranslation()
  return (
    <Badge color={STATUS_COLORS[status]} variant="light" style={{ flexShrink: 0, overflow: 'visible' }} styles={{ label: { overflow: 'visible' } }}>
      {t(`union.statuses.${status}`)}
    </Badge>
  )
}
