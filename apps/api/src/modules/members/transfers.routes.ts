import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { TransfersService } from './transfers.service.js'

export interface TransfersRoutesOptions {
  transfers: TransfersService
}

/** HTTP for transfers and the incoming-requests inbox. */
export const transfersRoutes: FastifyPluginAsyncTypebox<TransfersRoutesOptions> = async (_app, _options) => {}
