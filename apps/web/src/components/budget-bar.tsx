import { Group, Progress, Text, Tooltip, type MantineSize, type MantineSpacing } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { SupportProgramFigures } from '@liendoan/contracts'
import { budgetShares } from '../lib/budget'
import { formatMoney, formatPercent } from '../lib/format'

const PARTS = ['disbursed', 'approved', 'proposed'] as const
const COLORS = { disbursed: 'teal.6', approved: 'blue.5', proposed: 'yellow.4' } as const
const AMOUNTS = { disbursed: 'disbursedVnd', approved: 'approvedVnd', proposed: 'proposedVnd' } as const

/**
 * A support programme's budget as one bar: disbursed, approved and proposed stacked (each with its
 * amount in a tooltip), and under it a legend with each part's share of the budget.
 */
export function BudgetBar({ figures, size = 'xl', label, mt }: { figures: SupportProgramFigures; size?: MantineSize; label: string; mt?: MantineSpacing }) {
  const { t } = useTranslation()
  const shares = budgetShares(figures)
  return (
    <>
      <Progress.Root size={size} mt={mt} aria-label={label}>
        {PARTS.map((name) =>
          shares[name] > 0 ? (
            <Tooltip key={name} label={`${t(`support.figures.${name}`)}: ${formatMoney(figures[AMOUNTS[name]])} (${formatPercent(shares[name])})`}>
              <Progress.Section value={shares[name]} color={COLORS[name]} striped={name === 'proposed'} />
            </Tooltip>
          ) : null,
        )}
      </Progress.Root>
      <Group gap="md" mt="xs">
        {PARTS.map((name) => (
          <Group key={name} gap={6}>
            <Progress value={100} color={COLORS[name]} w={14} size="sm" aria-hidden />
            <Text size="xs">
              {t(`support.figures.${name}`)} {formatPercent(shares[name])}
            </Text>
          </Group>
        ))}
      </Group>
    </>
  )
}
