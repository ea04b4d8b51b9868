/** NumberInput props for whole đồng with Vietnamese grouping (8.500.000 ₫) while typing. */
export const VND_INPUT = {
  thousandSeparator: '.',
  decimalSeparator: ',',
  allowDecimal: false,
  allowNegative: false,
  suffix: ' ₫',
  min: 0,
} as const
