import type { ApiClientScope, Role } from '@liendoan/contracts'
import { ProblemError, forbidden } from './errors.js'

/** An API client calling with a client-credentials token: its rights are its scopes, nothing more. */
export interface ClientCaller {
  id: string
  scopes: ReadonlySet<Permission>
  /** Its own requests per minute (applied even when the general per-account limit is off). */
  rateLimitPerMinute: number
}

/**
 * Who is asking: the signed-in account and its role, or an API client and its scopes; and the
 * union whose subtree it may see.
 */
export interface Actor {
  /** The account; null when an API client calls (it is no person: routes that need one answer 403). */
  userId: string | null
  /** The account's role; null for an API client. */
  role: Role | null
  unionId: string
  /** Set when an API client calls. */
  client?: ClientCaller
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
  | 'api-clients:manage'

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
    'api-clients:manage',
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

// Every scope a client may hold is a permission of this API (a compile-time check).
const _clientScopesArePermissions: readonly Permission[] = [] as readonly ApiClientScope[]
void _clientScopesArePermissions

export function can(actor: Actor, permission: Permission): boolean {
  if (actor.client) return actor.client.scopes.has(permission)
  return actor.role !== null && ROLE_PERMISSIONS[actor.role].has(permission)
}

/**
 * The account acting, for records that name a person (who created, proposed, imported). An API
 * client is no account: such actions answer 403 to it.
 */
export function actingUserId(actor: Actor): string {
  if (actor.userId === null) {
    throw new ProblemError(403, 'user_required', 'This action needs a user account; an API client cannot perform it.')
  }
  return actor.userId
}

/** Throws 403. Call it after the scope check, so out-of-scope records still answer 404. */
export function requirePermission(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) throw forbidden()
}
