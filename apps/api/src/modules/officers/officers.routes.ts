import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { OfficersService } from './officers.service.js'

export interface OfficersRoutesOptions {
  officers: OfficersService
}

/** HTTP for officer positions and terms. */
export const officersRoutes: FastifyPluginAsyncTypebox<OfficersRoutesOptions> = async (_app, _options) => {}
