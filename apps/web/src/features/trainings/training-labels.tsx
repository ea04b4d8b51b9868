import { Badge } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { CertificateStatus, ParticipantOutcome, TrainingStatus } from '@liendoan/contracts'

const STATUS_COLORS: Record<TrainingStatus, string> = { planned: 'gray', open: 'blue', running: 'orange', completed: 'teal', cancelled: 'red' }
const OUTCOME_COLORS: Record<ParticipantOutcome, string> = { pending: 'gray', completed: 'teal', not_completed: 'red' }

export function TrainingStatusBadge({ status }: { status: TrainingStatus }) {
  const { t } = useTranslation()
  return (
    <Badge color={STATUS_COLORS[status]} variant="light" data-status={status}>
      {t(`trainings.statuses.${status}`)}
    </Badge>
  )
}

/** The outcome; an expected one (before the class is completed) is drawn as an outline. */
export function OutcomeBadge({ outcome, expected }: { outcome: ParticipantOutcome; expected?: boolean }) {
  const { t } = useTranslation()
  return (
    <Badge color={OUTCOME_COLORS[outcome]} variant={expected ? 'outline' : 'light'} data-outcome={outcome}>
      {t(`trainings.outcomes.${outcome}`)}
      {expected ? ` (${t('results.expected')})` : ''}
    </Badge>
  )
}

export function CertificateStatusBadge({ status }: { status: CertificateStatus }) {
  const { t } = useTranslation()
  return (
    <Badge color={status === 'valid' ? 'teal' : 'red'} variant="light">
      {t(`trainings.certificateStatuses.${status}`)}
    </Badge>
  )
}
