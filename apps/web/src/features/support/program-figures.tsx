import { Card, Group, Progress, SimpleGrid, Text, Title, Tooltip } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { SupportProgramFigures } from '@liendoan/contracts'
import { formatMoney, formatPercent } from '../../lib/format'
import { budgetShares } from './support-figures'

type FigureName = 'budget' | 'proposed' | 'approved' | 'disbursed' | 'remaining'

const COLORS = { disbursed: 'teal.6', approved: 'blue.5', proposed: 'yellow.4' } as const

/**
 * Where the programme's money stands: the budget, what waits for approval, what is approved,
 * paid, and what remains, with the budget as a bar. Each figure carries its exact integer in
 * `data-value` (browser tests compare them).
 */
export function ProgramFiguresCard({ figures }: { figures: SupportProgramFigures }) {
  const { t } = useTranslation()
  const shares = budgetShares(figures)
  const values: Record<FigureName, number> = {
    budget: figures.budgetVnd,
    proposed: figures.proposedVnd,
    approved: figures.approvedVnd,
    disbursed: figures.disbursedVnd,
    remaining: figures.remainingVnd,
  }
  return (
    <Card withBorder h="100%" data-testid="program-figures">
      <Title order={3} size="h5" mb="sm">
        {t('support.figures.title')}
      </Title>
      <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm" verticalSpacing="sm">
        {(Object.keys(values) as FigureName[]).map((name) => (
          <div key={name}>
            <Text size="xs" c="dimmed" fw={500}>
              {t(`support.figures.${name}`)}
            </Text>
            <Text
              fw={name === 'remaining' || name === 'budget' ? 700 : 500}
              c={name === 'remaining' && values.remaining <= 0 ? 'red' : undefined}
              data-testid={`figure-${name}`}
              data-value={values[name]}
              className="nowrap"
            >
              {formatMoney(values[name])}
            </Text>
          </div>
        ))}
      </SimpleGrid>
      <Progress.Root size="xl" mt="md" aria-label={t('support.figures.barLabel')}>
        {(['disbursed', 'approved', 'proposed'] as const).map((name) =>
          shares[name] > 0 ? (
            <Tooltip key={name} label={`${t(`support.figures.${name}`)}: ${formatMoney(values[name])} (${formatPercent(shares[name])})`}>
              <Progress.Section value={shares[name]} color={COLORS[name]} striped={name === 'proposed'} />
            </Tooltip>
          ) : null,
        )}
      </Progress.Root>
      <Group gap="md" mt="xs">
        {(['disbursed', 'approved', 'proposed'] as const).map((name) => (
          <Group key={name} gap={6}>
            <Progress value={100} color={COLORS[name]} w={14} size="sm" aria-hidden />
            <Text size="xs">
              {t(`support.figures.${name}`)} {formatPercent(shares[name])}
            </Text>
          </Group>
        ))}
      </Group>
      <Text size="xs" c="dimmed" mt="xs">
        {t('support.figures.hint')}
      </Text>
    </Card>
  )
}
