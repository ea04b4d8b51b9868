import type { Role, User } from '@liendoan/contracts'

/** What each role may do in the web app; mirrors the API's rules so we hide actions that would be refused. */
const abilities = {
  'union.create': ['admin', 'federation_officer'],
  'union.update': ['admin', 'federation_officer', 'union_officer'],
  'union.restructure': ['admin', 'federation_officer'],
  'union.rate': ['admin', 'federation_officer'],
  'users.view': ['admin'],
  'users.manage': ['admin'],
  // API clients (integrations): created, rotated and revoked by administrators only.
  'apiClients.manage': ['admin'],
  'member.write': ['admin', 'federation_officer', 'union_officer'],
  // Unmasking CCCD and phone; every reveal is audited by the API.
  'member.reveal': ['admin', 'federation_officer', 'union_officer'],
  'member.erase': ['admin', 'federation_officer'],
  'member.import': ['admin', 'federation_officer', 'union_officer'],
  'officer.manage': ['admin', 'federation_officer', 'union_officer'],
  // Classes, enrolment, attendance, results and revocation (the API's trainings:manage).
  'training.manage': ['admin', 'federation_officer', 'union_officer'],
  // Agreements: a grassroots union's officers record, sign, bring into force, end and renew theirs
  // and upload its documents; registering with the federation and grading are the federation's.
  'agreement.manage': ['admin', 'federation_officer', 'union_officer'],
  'agreement.assess': ['admin', 'federation_officer'],
  // Support programmes: federations set them up and pay out (approve, reject, disburse); any officer
  // may propose a payment for a record in their scope. Maker-checker: whoever proposed a payment
  // never approves it, whatever their role (payment-actions.ts).
  'support.manage': ['admin', 'federation_officer'],
  'support.propose': ['admin', 'federation_officer', 'union_officer'],
  'support.approve': ['admin', 'federation_officer'],
  // Targets come from above: upper unions assign them to the units below (the API's targets:manage).
  'target.manage': ['admin', 'federation_officer'],
} as const satisfies Record<string, readonly Role[]>

export type Ability = keyof typeof abilities

export function can(user: Pick<User, 'role'> | null | undefined, ability: Ability): boolean {
  return !!user && (abilities[ability] as readonly Role[]).includes(user.role)
}
