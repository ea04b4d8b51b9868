import { Card, SimpleGrid, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { SupportProgramFigures } from '@liendoan/contracts'
import { BudgetBar } from '../../components/budget-bar'
import { formatMoney } from '../../lib/format'

type FigureName = 'budget' | 'proposed' | 'approved' | 'disbursed' | 'remaining'

/**
 * Where the programme's money stands: the budget, what waits for approval, what is approved,
 * paid, and what remains, with the budget as a bar. Each figure carries its exact integer in
 * `data-value` (browser tests compare them).
 */
export function ProgramFiguresCard({ figures }: { figures: SupportProgramFigures }) {
  const { t } = useTranslation()
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
      <BudgetBar figures={figures} mt="md" label={t('support.figures.barLabel')} />
      <Text size="xs" c="dimmed" mt="xs">
        {t('support.figures.hint')}
      </Text>
    </Card>
  )
}
