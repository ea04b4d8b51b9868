import { Badge, Card, Group, List, SimpleGrid, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { AgreementTerms } from '@liendoan/contracts'
import { formatMoney } from '../../lib/format'
import { tenthsToMonths } from './agreement-body'

const decimal = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 })

/** The structured terms as read on paper, with how many improve on the law. */
export function AgreementTermsCard({ terms, favourableTerms }: { terms: AgreementTerms; favourableTerms: number }) {
  const { t } = useTranslation()
  const rows: { key: string; label: string; value: string }[] = []
  const add = (key: string, label: string, value: string | null) => value !== null && rows.push({ key, label, value })
  add('wage', t('agreement.terms.wageAboveMinimumPercent'), terms.wageAboveMinimumPercent === null ? null : t('agreement.termValues.percent', { value: terms.wageAboveMinimumPercent }))
  add('raise', t('agreement.terms.annualRaisePercent'), terms.annualRaisePercent === null ? null : t('agreement.termValues.percent', { value: terms.annualRaisePercent }))
  add(
    'tet',
    t('agreement.terms.tetBonusMonths'),
    terms.tetBonusTenthsOfMonth === null ? null : t('agreement.termValues.months', { value: decimal.format(tenthsToMonths(terms.tetBonusTenthsOfMonth)) }),
  )
  add('meal', t('agreement.terms.mealAllowanceVnd'), terms.mealAllowanceVnd === null ? null : formatMoney(terms.mealAllowanceVnd))
  add('leave', t('agreement.terms.extraLeaveDays'), terms.extraLeaveDays === null ? null : t('agreement.termValues.days', { value: terms.extraLeaveDays }))
  add(
    'checkups',
    t('agreement.terms.healthCheckupsPerYear'),
    terms.healthCheckupsPerYear === null ? null : t('agreement.termValues.times', { value: terms.healthCheckupsPerYear }),
  )
  add('insurance', t('agreement.terms.extraInsurance'), terms.extraInsurance ? t('app.yes') : null)

  return (
    <Card withBorder h="100%" data-testid="agreement-terms">
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h5">
          {t('agreementDetail.termsSection')}
        </Title>
        <Badge variant="light" color={favourableTerms > 0 ? 'teal' : 'gray'} data-testid="favourable-terms">
          {t('agreementForm.favourableCount', { count: favourableTerms })}
        </Badge>
      </Group>
      {rows.length === 0 && terms.allowances.length === 0 && !terms.otherTerms && (
        <Text size="sm" c="dimmed">
          {t('agreementDetail.noTerms')}
        </Text>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="sm">
        {rows.map((row) => (
          <div key={row.key}>
            <Text size="xs" c="dimmed" fw={500}>
              {row.label}
            </Text>
            <Text size="sm">{row.value}</Text>
          </div>
        ))}
      </SimpleGrid>
      {terms.allowances.length > 0 && (
        <>
          <Text size="xs" c="dimmed" fw={500} mt="sm">
            {t('agreement.terms.allowances')}
          </Text>
          <List size="sm" spacing={2}>
            {terms.allowances.map((allowance, index) => (
              <List.Item key={`${allowance.name}-${index}`}>
                {allowance.name}: {t('agreement.termValues.perMonth', { value: formatMoney(allowance.amountVnd) })}
              </List.Item>
            ))}
          </List>
        </>
      )}
      {terms.otherTerms && (
        <>
          <Text size="xs" c="dimmed" fw={500} mt="sm">
            {t('agreement.terms.otherTerms')}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {terms.otherTerms}
          </Text>
        </>
      )}
    </Card>
  )
}
