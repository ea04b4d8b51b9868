import type { Database } from '../db/client.js'
import { agreementGrades } from '../db/schema/index.js'

/**
 * The grading scheme for collective agreements as the Hanoi federation applies it: the grade
 * follows how many terms improve on the law (the payment rules pay for A and B). Kept as data so
 * another federation can load its own scheme.
 */
export const AGREEMENT_GRADES = [
  {
    code: 'A',
    name: 'Loại A',
    criteria:
      'Có từ 5 nội dung có lợi hơn cho người lao động so với quy định của pháp luật trở lên, trong đó có tiền lương cao hơn mức lương tối thiểu vùng; được thương lượng thực chất và lấy ý kiến đa số người lao động.',
    minFavourableTerms: 5,
    sortOrder: 10,
  },
  {
    code: 'B',
    name: 'Loại B',
    criteria: 'Có từ 3 đến 4 nội dung có lợi hơn cho người lao động so với quy định của pháp luật.',
    minFavourableTerms: 3,
    sortOrder: 20,
  },
  {
    code: 'C',
    name: 'Loại C',
    criteria: 'Có 1 đến 2 nội dung có lợi hơn cho người lao động so với quy định của pháp luật.',
    minFavourableTerms: 1,
    sortOrder: 30,
  },
  {
    code: 'D',
    name: 'Loại D',
    criteria: 'Chủ yếu nhắc lại quy định của pháp luật, không có nội dung có lợi hơn cho người lao động.',
    minFavourableTerms: 0,
    sortOrder: 40,
  },
] as const
export type AgreementGradeCode = (typeof AGREEMENT_GRADES)[number]['code']

/** Inserts the grades that are missing (idempotent; an admin's edits stay). */
export async function seedAgreementGrades(db: Database): Promise<void> {
  await db.insert(agreementGrades).values([...AGREEMENT_GRADES]).onConflictDoNothing({ target: agreementGrades.code })
}
