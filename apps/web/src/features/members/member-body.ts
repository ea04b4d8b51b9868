import type { Gender, Member } from '@liendoan/contracts'

/** What the admission and edit inputs hold; converted to the contract bodies below. */
export interface MemberFormValues {
  unionId: string | null
  fullName: string
  dateOfBirth: string | null
  gender: Gender | null
  citizenId: string
  phone: string
  /** Edit only: remove the stored phone (its box shows it masked, so it cannot be emptied). */
  clearPhone: boolean
  ethnicity: string
  occupation: string
  admittedOn: string | null
  cardNumber: string
  cardIssuedOn: string | null
}

export const MEMBER_FORM_FIELDS: readonly (keyof MemberFormValues)[] = [
  'unionId', 'fullName', 'dateOfBirth', 'gender', 'citizenId', 'phone', 'clearPhone', 'ethnicity', 'occupation', 'admittedOn', 'cardNumber',
  'cardIssuedOn',
]

/** Most members are Kinh; the officer changes it for the others. */
export const DEFAULT_ETHNICITY = 'Kinh'

export function emptyMemberForm(unionId: string | null, today: string): MemberFormValues {
  return {
    unionId, fullName: '', dateOfBirth: null, gender: null, citizenId: '', phone: '', clearPhone: false, ethnicity: DEFAULT_ETHNICITY,
    occupation: '', admittedOn: today, cardNumber: '', cardIssuedOn: null,
  }
}

/**
 * The edit form starts from the record. CCCD and phone arrive masked, so their
 * boxes start empty and only a newly typed value is sent.
 */
export function memberToForm(member: Member): MemberFormValues {
  return {
    unionId: member.union.id,
    fullName: member.fullName,
    dateOfBirth: member.dateOfBirth,
    gender: member.gender,
    citizenId: '',
    phone: '',
    clearPhone: false,
    ethnicity: member.ethnicity ?? '',
    occupation: member.occupation ?? '',
    admittedOn: member.admittedOn,
    cardNumber: member.cardNumber ?? '',
    cardIssuedOn: member.cardIssuedOn,
  }
}

/** A name as typed, with runs of spaces collapsed ("Trần  Văn Hùng " → "Trần Văn Hùng"). */
export const cleanName = (value: string): string => value.trim().replace(/\s+/g, ' ')
/** CCCD typed with spaces or dots for readability ("001 203 004 567") → digits as typed. */
export const cleanCitizenId = (value: string): string => value.replace(/[\s.]/g, '')
/** Card numbers are upper-case codes. */
export const cleanCardNumber = (value: string): string => value.trim().toUpperCase()

/**
 * Body for `POST /members`, not yet validated (the caller checks it against
 * CreateMemberBody). Empty inputs are left out so the schema says "required"
 * for required ones and the API keeps null for the rest.
 */
export function toCreateBody(values: MemberFormValues): Record<string, unknown> {
  const body: Record<string, unknown> = { fullName: cleanName(values.fullName) }
  if (values.unionId) body.unionId = values.unionId
  if (values.dateOfBirth) body.dateOfBirth = values.dateOfBirth
  if (values.gender) body.gender = values.gender
  body.citizenId = cleanCitizenId(values.citizenId)
  if (values.phone.trim()) body.phone = values.phone.trim()
  if (values.ethnicity.trim()) body.ethnicity = values.ethnicity.trim()
  if (values.occupation.trim()) body.occupation = values.occupation.trim()
  if (values.admittedOn) body.admittedOn = values.admittedOn
  const cardNumber = cleanCardNumber(values.cardNumber)
  if (cardNumber) {
    body.cardNumber = cardNumber
    if (values.cardIssuedOn) body.cardIssuedOn = values.cardIssuedOn
  }
  return body
}

/** Body for `PATCH /members/:id`: only what the person changed; a cleared optional text becomes null. */
export function toUpdateBody(initial: MemberFormValues, values: MemberFormValues): Record<string, unknown> {
  const body: Record<string, unknown> = {}
  const fullName = cleanName(values.fullName)
  if (fullName !== cleanName(initial.fullName)) body.fullName = fullName
  if (values.dateOfBirth !== initial.dateOfBirth) body.dateOfBirth = values.dateOfBirth ?? undefined
  if (values.gender !== initial.gender && values.gender) body.gender = values.gender
  if (values.admittedOn !== initial.admittedOn) body.admittedOn = values.admittedOn ?? undefined
  // Masked fields: a typed value replaces the stored one; an empty box keeps it.
  const citizenId = cleanCitizenId(values.citizenId)
  if (citizenId) body.citizenId = citizenId
  if (values.clearPhone) body.phone = null
  else if (values.phone.trim()) body.phone = values.phone.trim()
  for (const key of ['ethnicity', 'occupation'] as const) {
    const after = values[key].trim() || null
    if (after !== (initial[key].trim() || null)) body[key] = after
  }
  return body
}
