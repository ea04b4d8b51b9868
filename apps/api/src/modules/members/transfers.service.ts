import type { Database } from '../../db/client.js'
import type { UnionsService } from '../unions/unions.service.js'
import type { MembersService } from './members.service.js'

export interface TransfersServiceDeps {
  db: Database
  unions: UnionsService
  members: MembersService
}

/** Transfers between unions (chuyển sinh hoạt công đoàn): direct inside a scope, requests across scopes. */
export function createTransfersService(deps: TransfersServiceDeps) {
  void deps
  return {}
}

export type TransfersService = ReturnType<typeof createTransfersService>
