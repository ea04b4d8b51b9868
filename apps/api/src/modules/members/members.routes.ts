import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { MembersService } from './members.service.js'

export interface MembersRoutesOptions {
  members: MembersService
}

/** HTTP for members and cards. */
export const membersRoutes: FastifyPluginAsyncTypebox<MembersRoutesOptions> = async (_app, _options) => {}
