import { Badge, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { AgreementStatus } from '@liendoan/contracts'
import { useAgreementGrades } from './api/list-agreement-grades'

const STATUS_COLORS: Record<AgreementStatus, string> = {
  negotiating: 'gray',
  signed: 'blue',
  registered: 'indigo',
  in_force: 'teal',
  expired: 'orange',
  replaced: 'grape',
  terminated: 'red',
}

/** Grades as the federation pays for them: A and B stand out, lower grades stay quiet. */
const GRADE_COLORS: Record<string, string> = { A: 'teal', B: 'blue', C: 'yellow', D: 'gray' }

// A badge clips its label by default: in a table column squeezed to its narrowest it then shows
// "CÓ H…". The whole word is the point of the badge.
const WHOLE_LABEL = { root: { overflow: 'visible', flexShrink: 0 }, label: { overflow: 'visible' } } as const

export function AgreementStatusBadge({ status }: { status: AgreementStatus }) {
  const { t } = useTranslation()
  return (
    <Badge color={STATUS_COLORS[status]} variant="light" styles={WHOLE_LABEL} data-status={status} data-testid="agreement-status">
      {t(`agreement.statuses.${status}`)}
    </Badge>
  )
}

/** The grade by its name ("Loại A", from the scheme when only the code is known), or a quiet "not graded". */
export function GradeBadge({ code, name }: { code: string | null; name?: string | undefined }) {
  const { t } = useTranslation()
  const grades = useAgreementGrades()
  if (!code) {
    return (
      <Text size="xs" c="dimmed" className="nowrap" data-grade="">
        {t('agreement.ungraded')}
      </Text>
    )
  }
  return (
    <Badge color={GRADE_COLORS[code] ?? 'gray'} variant="filled" styles={WHOLE_LABEL} data-grade={code} data-testid="agreement-grade">
      {name ?? grades.data?.find((grade) => grade.code === code)?.name ?? code}
    </Badge>
  )
}
