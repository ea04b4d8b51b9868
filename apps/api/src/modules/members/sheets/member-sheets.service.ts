import type { Config } from '../../../config.js'
import type { Database } from '../../../db/client.js'
import type { UnionsService } from '../../unions/unions.service.js'
import type { MembersService } from '../members.service.js'

export interface MemberSheetsServiceDeps {
  db: Database
  config: Config
  unions: UnionsService
  members: MembersService
}

/** Spreadsheet import (dry run, then an all-or-nothing commit) and streamed export of members. */
export function createMemberSheetsService(deps: MemberSheetsServiceDeps) {
  void deps
  return {}
}

export type MemberSheetsService = ReturnType<typeof createMemberSheetsService>
