import { randomInt } from 'node:crypto'
import { v7 as uuidv7 } from 'uuid'
import { memberships, members } from '../../src/db/schema/index.js'
import type { TestContext } from './app.js'

const PROVINCES = ['001', '027', '030', '079', '031', '040', '048']

/** A citizen ID with a real province prefix, random enough that parallel test files never collide. */
export function newCitizenId(): string {
  const province = PROVINCES[randomInt(PROVINCES.length)] ?? '001'
  return `${province}${String(randomInt(1_000_000_000)).padStart(9, '0')}`
}

/** A phone number in normalised form. */
export function newPhone(): string {
  return `09${String(randomInt(100_000_000)).padStart(8, '0')}`
}

export interface MemberFactoryInput {
  fullName?: string
  dateOfBirth?: string
  gender?: 'male' | 'female'
  citizenId?: string
  phone?: string | null
  admittedOn?: string
  cardNumber?: string | null
}

export interface CreatedMember {
  id: string
  unionId: string
  fullName: string
  citizenId: string
  phone: string | null
}

/** Inserts an active member of `union` with an open membership (factories skip the API under test). */
export async function createMember(ctx: TestContext, union: { id: string }, input: MemberFactoryInput = {}): Promise<CreatedMember> {
  const id = uuidv7()
  const fullName = input.fullName ?? 'Nguyễn Thị Lan Anh'
  const citizenId = input.citizenId ?? newCitizenId()
  const phone = input.phone === undefined ? newPhone() : input.phone
  const admittedOn = input.admittedOn ?? '2020-03-01'
  await ctx.db.insert(members).values({
    id,
    unionId: union.id,
    fullName,
    dateOfBirth: input.dateOfBirth ?? '1990-05-17',
    gender: input.gender ?? 'female',
    citizenId,
    phone,
    admittedOn,
    cardNumber: input.cardNumber ?? null,
    cardStatus: input.cardNumber ? 'active' : 'none',
    cardIssuedOn: input.cardNumber ? admittedOn : null,
  })
  await ctx.db.insert(memberships).values({ id: uuidv7(), memberId: id, unionId: union.id, startedOn: admittedOn })
  return { id, unionId: union.id, fullName, citizenId, phone }
}
