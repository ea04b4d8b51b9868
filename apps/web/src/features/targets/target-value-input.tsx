import { NumberInput, type NumberInputProps } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { TargetMetricKind } from '@liendoan/contracts'
import { VND_INPUT } from '../../lib/vnd-input'

const WHOLE = { allowDecimal: false, allowNegative: false, thousandSeparator: '.', decimalSeparator: ',', min: 1 } as const
// Shares are typed in percent with up to two decimals (64,94 %); the API takes hundredths of a percent.
const PERCENT = { allowNegative: false, decimalScale: 2, decimalSeparator: ',', thousandSeparator: '.', suffix: ' %', min: 0, max: 100 } as const

/** The target's figure in the metric's terms: a count, whole đồng, or a percentage. */
export function TargetValueInput({ kind, ...rest }: { kind: TargetMetricKind } & Omit<NumberInputProps, 'label' | 'description'>) {
  const { t } = useTranslation()
  const format = kind === 'share' ? PERCENT : kind === 'amount_vnd' ? VND_INPUT : WHOLE
  return <NumberInput label={t('targets.fields.targetValue')} description={t(`targets.form.valueHint.${kind}`)} {...format} {...rest} />
}
