import type { SupportRules } from '@liendoan/contracts'
import { formatMoney, formatNumber } from '../../lib/format'

/**
 * A programme's rules as sentences a person reads ("8.500.000 ₫ cho mỗi thỏa ước loại A…"): the
 * message key and its values, already written the Vietnamese way. Amounts by grade come in the
 * rule's order.
 */
export type RuleSentence =
  | { key: 'support.rules.agreementGrade'; values: { amount: string; grade: string } }
  | { key: 'support.rules.newUnionAnySector' | 'support.rules.newUnionState' | 'support.rules.newUnionNonState'; values: { amount: string; min: string } }
  | { key: 'support.rules.organiser'; values: { amount: string } }
  | { key: 'support.rules.hardship'; values: { amount: string; count: number } }

export function ruleSentences(rules: SupportRules): RuleSentence[] {
  const sentences: RuleSentence[] = []
  for (const row of rules.agreementGrade?.amounts ?? []) {
    sentences.push({ key: 'support.rules.agreementGrade', values: { amount: formatMoney(row.amountVnd), grade: row.grade } })
  }
  const newUnion = rules.newUnion
  if (newUnion) {
    const key =
      newUnion.sector === 'state' ? 'support.rules.newUnionState' : newUnion.sector === 'non_state' ? 'support.rules.newUnionNonState' : 'support.rules.newUnionAnySector'
    sentences.push({ key, values: { amount: formatMoney(newUnion.unionAmountVnd), min: formatNumber(newUnion.minMembers) } })
    if (newUnion.organiserAmountVnd !== null) sentences.push({ key: 'support.rules.organiser', values: { amount: formatMoney(newUnion.organiserAmountVnd) } })
  }
  if (rules.hardship) {
    sentences.push({ key: 'support.rules.hardship', values: { amount: formatMoney(rules.hardship.maxAmountVnd), count: rules.hardship.maxPerYear } })
  }
  return sentences
}

/** What the candidates list can hold under these rules (hardship cases are proposed one by one). */
export function candidateKinds(rules: SupportRules): ('agreement' | 'union_founding')[] {
  return [...(rules.agreementGrade ? (['agreement'] as const) : []), ...(rules.newUnion ? (['union_founding'] as const) : [])]
}
