import { describe, expect, it } from 'vitest'
import i18n from '../../i18n'
import { candidateKinds, ruleSentences } from './rule-sentences'

const t = i18n.getFixedT('vi')
const en = i18n.getFixedT('en')

describe('rules in words', () => {
  it('writes the agreement scheme as the federation states it', () => {
    const sentences = ruleSentences({
      agreementGrade: {
        amounts: [
          { grade: 'A', amountVnd: 8_500_000 },
          { grade: 'B', amountVnd: 6_000_000 },
        ],
      },
    })
    expect(sentences.map((sentence) => t(sentence.key, sentence.values))).toEqual([
      '8.500.000 ₫ cho mỗi thỏa ước loại A được đăng ký trong thời gian thực hiện',
      '6.000.000 ₫ cho mỗi thỏa ước loại B được đăng ký trong thời gian thực hiện',
    ])
  })

  it('writes the new-union scheme with its organiser amount, and hardship with its cap', () => {
    const sentences = ruleSentences({
      newUnion: { sector: 'non_state', minMembers: 25, unionAmountVnd: 5_000_000, organiserAmountVnd: 1_000_000 },
      hardship: { maxAmountVnd: 1_000_000, maxPerYear: 2 },
    })
    expect(sentences.map((sentence) => t(sentence.key, sentence.values))).toEqual([
      '5.000.000 ₫ cho mỗi CĐCS ngoài khu vực nhà nước thành lập mới trong thời gian thực hiện, có từ 25 đoàn viên trở lên',
      '1.000.000 ₫ cho cán bộ công đoàn cấp trên trực tiếp vận động thành lập CĐCS đó',
      'Tối đa 1.000.000 ₫ mỗi lần cho đoàn viên có hoàn cảnh khó khăn, không quá 2 lần mỗi năm',
    ])
    expect(en(sentences[0]!.key, sentences[0]!.values)).toBe('5.000.000 ₫ for each non-state grassroots union founded in the period with at least 25 members')
  })

  it('leaves the organiser out when the rule pays none, and says "any sector" when none is set', () => {
    const sentences = ruleSentences({ newUnion: { sector: null, minMembers: 1_000, unionAmountVnd: 2_000_000, organiserAmountVnd: null } })
    expect(sentences).toEqual([{ key: 'support.rules.newUnionAnySector', values: { amount: '2.000.000 ₫', min: '1.000' } }])
  })

  it('lists candidates only for agreement and founding rules', () => {
    expect(candidateKinds({ hardship: { maxAmountVnd: 1_000_000, maxPerYear: 1 } })).toEqual([])
    expect(candidateKinds({ agreementGrade: { amounts: [{ grade: 'A', amountVnd: 1 }] }, newUnion: { sector: null, minMembers: 1, unionAmountVnd: 1, organiserAmountVnd: null } })).toEqual([
      'agreement',
      'union_founding',
    ])
  })
})
