import type { Database } from '../../db/client.js'
import type { MembersService } from '../members/members.service.js'
import type { UnionsService } from '../unions/unions.service.js'

export interface OfficersServiceDeps {
  db: Database
  unions: UnionsService
  members: MembersService
}

/** Union officers: positions as data, terms, one chairperson at a time. */
export function createOfficersService(deps: OfficersServiceDeps) {
  void deps
  return {}
}

export type OfficersService = ReturnType<typeof createOfficersService>
