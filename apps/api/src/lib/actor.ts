import type { Role } from '@liendoan/contracts'
import { forbidden } from './errors.js'

/** Who is asking: the signed-in account, its role and the union whose subtree it may see. */
export interface Actor {
  userId: string
  role: Role
  unionId: string
}

/** What a service needs to know about the request it serves. */
export interface RequestContext {
  actor: Actor
  requestId: string
}

export type Permission =
  | 'unions:read'
  | 'unions:update'
  | 'unions:create'
  | 'unions:restructure'
  | 'unions:rate'
  | 'users:manage'
  | 'reference:manage'
  | 'members:read'
  | 'members:write'
  | 'members:reveal'
  | 'members:erase'
  | 'members:import'
  | 'officers:manage'
  | 'trainings:read'
  | 'trainings:manage'
  | 'agreements:read'
  | 'agreements:write'
  | 'agreements:assess'
  | 'agreements:run-expiry'
  | 'support:read'
  | 'support:propose'
  | 'support:approve'
  | 'support:manage'
  | 'targets:read'
  | 'targets:manage'
  | 'webhooks:manage'

const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  admin: new Set<Permission>([
    'unions:read',
    'unions:update',
    'unions:create',
    'unions:restructure',
    'unions:rate',
    'users:manage',
    'reference:manage',
    'members:read',
    'members:write',
    'members:reveal',
    'members:erase',
    'members:import',
    'officers:manage',
    'trainings:read',
    'trainings:manage',
    'agreements:read',
    'agreements:write',
    'agreements:assess',
    'agreements:run-expiry',
    'support:read',
    'support:propose',
    'support:approve',
    'support:manage',
    'targets:read',
    'targets:manage',
    'webhooks:manage',
  ]),
  federation_officer: new Set<Permission>([
    'unions:read',
    'unions:update',
    'unions:create',
    'unions:restructure',
    'unions:rate',
    'members:read',
    'members:write',
    'members:reveal',
    'members:erase',
    'members:import',
    'officers:manage',
    'trainings:read',
    'trainings:manage',
    'agreements:read',
    'agreements:write',
    // The federation registers and grades the agreements its unions bring.
    'agreements:assess',
    // The federation sets up support programmes and approves and pays out their money.
    'support:read',
    'support:propose',
    'support:approve',
    'support:manage',
    // Upper unions assign targets to the units below them.
    'targets:read',
    'targets:manage',
    // A federation connects its own systems to the events of its subtree.
    'webhooks:manage',
  ]),
  // A grassroots union's own officers keep its member records, so they may see personal fields.
  union_officer: new Set<Permission>([
    'unions:read',
    'unions:update',
    'members:read',
    'members:write',
    'members:reveal',
    'members:import',
    'officers:manage',
    // Grassroots unions run their own classes for their members; federations run theirs.
    'trainings:read',
    'trainings:manage',
    // A grassroots union negotiates, signs and keeps its agreements; registering and grading are the federation's.
    'agreements:read',
    'agreements:write',
    // A grassroots union may propose support for its own records; approving is the federation's.
    'support:read',
    'support:propose',
    'targets:read',
  ]),
  // Viewers read lists and reports; personal fields stay masked for them.
  viewer: new Set<Permission>(['unions:read', 'members:read', 'trainings:read', 'agreements:read', 'support:read', 'targets:read']),
}

export function can(actor: Actor, permission: Permission): boolean {
  return ROLE_PERMISSIONS[actor.role].has(permission)
}

/** Throws 403. Call it after the scope check, so out-of-scope records still answer 404. */
export function requirePermission(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) throw forbidden()
}
