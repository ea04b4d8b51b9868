import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { MemberSheetsService } from './member-sheets.service.js'

export interface MemberSheetsRoutesOptions {
  sheets: MemberSheetsService
}

/** HTTP for member imports (multipart upload, jobs, commit) and exports. */
export const memberSheetsRoutes: FastifyPluginAsyncTypebox<MemberSheetsRoutesOptions> = async (_app, _options) => {}
