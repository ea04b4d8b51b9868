import { Group, Progress, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { TargetMetricKind } from '@liendoan/contracts'
import { formatFigure, progressValue, resultOfTarget } from '../../lib/target-figures'
import { formatPercent } from '../../lib/format'

/**
 * A result against its target: "result / target", the achievement the API computed, and a bar
 * filled to it (full once the target is met). Without a target, the result alone. The exact
 * figures ride in data attributes for browser tests.
 */
export function TargetProgress({
  value,
  targetValue,
  achievement,
  kind,
  label,
}: {
  value: number
  targetValue: number | null
  achievement: number | null
  kind: TargetMetricKind
  /** The bar's accessible name. */
  label: string
}) {
  const { t } = useTranslation()
  if (targetValue === null) {
    return (
      <Group justify="space-between" gap="xs" data-testid="target-progress" data-value={value}>
        <Text size="sm" fw={500} data-testid="progress-figures">
          {formatFigure(value, kind)}
        </Text>
        <Text size="xs" c="dimmed">
          {t('dashboard.targets.noTarget')}
        </Text>
      </Group>
    )
  }
  const met = achievement !== null && achievement >= 100
  return (
    <div data-testid="target-progress" data-value={value} data-target={targetValue} data-achievement={achievement ?? ''}>
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text size="sm" fw={500} className="nowrap" data-testid="progress-figures">
          {resultOfTarget(value, targetValue, kind)}
        </Text>
        <Text size="sm" fw={700} c={met ? 'teal' : undefined} className="nowrap" data-testid="progress-achievement">
          {formatPercent(achievement)}
        </Text>
      </Group>
      <Progress value={progressValue(achievement)} color={met ? 'teal' : 'blue'} size="lg" mt={4} aria-label={label} />
    </div>
  )
}
