import type { FastifyRequest } from 'fastify'

/**
 * preValidation for routes whose body has only optional fields (approve, entry into force, an
 * expiry run): no body at all means `{}`, so a client need not send one.
 */
export async function emptyBodyAsObject(request: FastifyRequest): Promise<void> {
  if (request.body === undefined || request.body === null) request.body = {}
}
