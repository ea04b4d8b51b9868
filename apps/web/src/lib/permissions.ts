import type { Role, User } from '@liendoan/contracts'

/** What each role may do in the web app; mirrors the API's rules so we hide actions that would be refused. */
const abilities = {
  'union.create': ['admin', 'federation_officer'],
  'union.update': ['admin', 'federation_officer', 'union_officer'],
  'union.restructure': ['admin', 'federation_officer'],
  'union.rate': ['admin', 'federation_officer'],
  'users.view': ['admin'],
  'users.manage': ['admin'],
} as const satisfies Record<string, readonly Role[]>

export type Ability = keyof typeof abilities

export function can(user: Pick<User, 'role'> | null | undefined, ability: Ability): boolean {
  return !!user && (abilities[ability] as readonly Role[]).includes(user.role)
}
