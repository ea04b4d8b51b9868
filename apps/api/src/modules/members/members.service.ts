import type { Config } from '../../config.js'
import type { Database } from '../../db/client.js'
import type { UnionsService } from '../unions/unions.service.js'

export interface MembersServiceDeps {
  db: Database
  config: Config
  unions: UnionsService
}

/** Members and their cards: admission, reads with masking, status, timeline, personal-data rights. */
export function createMembersService(deps: MembersServiceDeps) {
  void deps
  return {}
}

export type MembersService = ReturnType<typeof createMembersService>
