import {
  CardStatuses,
  Genders,
  MemberStatuses,
  TransferStatuses,
  type CardStatus,
  type Gender,
  type MemberStatus,
  type TransferStatus,
} from '@liendoan/contracts'
import type { MemberFilters, TransferFilters } from './api/member-keys'

/** Every filter the member list keeps in its URL, in the order they are written back. */
export const MEMBER_FILTER_KEYS = [
  'q',
  'under',
  'unionId',
  'status',
  'gender',
  'ageMin',
  'ageMax',
  'admittedFrom',
  'admittedTo',
  'cardStatus',
  'position',
] as const satisfies readonly (keyof MemberFilters)[]
export type MemberFilterKey = (typeof MEMBER_FILTER_KEYS)[number]

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const CARD_FILTERS: readonly string[] = [...CardStatuses, 'due']

function isoDate(value: string | null): string | undefined {
  if (!value) return undefined
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (!match) return undefined
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? value : undefined
}

function age(value: string | null): number | undefined {
  if (value === null || value.trim() === '') return undefined
  const number = Number(value)
  return Number.isInteger(number) && number >= 0 && number <= 120 ? number : undefined
}

/**
 * Reads the list's filters from the URL, so a filtered list can be bookmarked,
 * shared and exported as seen. Values the API would refuse (a mistyped link) are
 * dropped rather than turned into a 400.
 */
export function memberFiltersFromParams(params: URLSearchParams): MemberFilters {
  const filters: MemberFilters = {}
  const q = params.get('q')?.trim()
  if (q) filters.q = q.slice(0, 120)
  for (const key of ['under', 'unionId'] as const) {
    const id = params.get(key)
    if (id && UUID.test(id)) filters[key] = id
  }
  const status = params.get('status')
  if (status && (MemberStatuses as readonly string[]).includes(status)) filters.status = status as MemberStatus
  const gender = params.get('gender')
  if (gender && (Genders as readonly string[]).includes(gender)) filters.gender = gender as Gender
  const ageMin = age(params.get('ageMin'))
  const ageMax = age(params.get('ageMax'))
  if (ageMin !== undefined) filters.ageMin = ageMin
  if (ageMax !== undefined && (ageMin === undefined || ageMax >= ageMin)) filters.ageMax = ageMax
  const admittedFrom = isoDate(params.get('admittedFrom'))
  const admittedTo = isoDate(params.get('admittedTo'))
  if (admittedFrom) filters.admittedFrom = admittedFrom
  if (admittedTo && (!admittedFrom || admittedTo >= admittedFrom)) filters.admittedTo = admittedTo
  const cardStatus = params.get('cardStatus')
  if (cardStatus && CARD_FILTERS.includes(cardStatus)) filters.cardStatus = cardStatus as CardStatus | 'due'
  const position = params.get('position')?.trim()
  if (position) filters.position = position.slice(0, 40)
  return filters
}

/** The URL query for a set of filters (links to a filtered list, e.g. after an import). */
export function memberFiltersToParams(filters: MemberFilters): URLSearchParams {
  const params = new URLSearchParams()
  for (const key of MEMBER_FILTER_KEYS) {
    const value = filters[key]
    if (value !== undefined && value !== '') params.set(key, String(value))
  }
  return params
}

/** Sets one filter in the current URL query; empty values remove it. */
export function withMemberFilter(current: URLSearchParams, key: MemberFilterKey, value: string | number | null): URLSearchParams {
  const next = new URLSearchParams(current)
  if (value === null || value === '') next.delete(key)
  else next.set(key, String(value))
  return next
}

/**
 * The transfers inbox's tab and status from the URL. Without them it shows what
 * needs doing: incoming requests still pending. `status=all` shows every status.
 */
export function transferFiltersFromParams(params: URLSearchParams): TransferFilters {
  const direction = params.get('direction') === 'outgoing' ? 'outgoing' : 'incoming'
  const status = params.get('status')
  if (status === 'all') return { direction }
  if (status && (TransferStatuses as readonly string[]).includes(status)) return { direction, status: status as TransferStatus }
  return { direction, status: 'pending' }
}
