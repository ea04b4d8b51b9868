import Type from 'typebox'
import { IdParams, IfMatchHeaders, IsoDateTime, Nullable, Page, PageQuery, Uuid, problems } from './common.js'
import { IdempotencyHeaders, UnionRef } from './members.js'

/* ---------- events ---------- */

/**
 * What a webhook subscription can receive. A change writes its event in the same transaction as
 * the change itself (an outbox), so an event exists exactly when the change committed.
 */
export const WebhookEventTypes = [
  'member.admitted',
  'member.readmitted',
  'member.transferred',
  'member.left',
  'union.created',
  'union.moved',
  'union.merged',
  'union.dissolved',
  'agreement.registered',
  'agreement.expired',
  'payment.approved',
  'payment.disbursed',
] as const
export const WebhookEventType = Type.Enum([...WebhookEventTypes], {
  description:
    'member.admitted, member.readmitted, member.transferred, member.left (left, moved out or died); union.created, union.moved, union.merged, union.dissolved; ' +
    'agreement.registered, agreement.expired; payment.approved, payment.disbursed',
})
export type WebhookEventType = (typeof WebhookEventTypes)[number]

/**
 * The body of every delivery. `unionId` is the union in whose subtree the event happened, as
 * the receiving subscription sees it; `data` depends on `type` (see docs/integration.md).
 * Personal fields (CCCD, phone) are always masked.
 */
export const WebhookEnvelope = Type.Object({
  /** The event's id: the same for every subscription and every retry. */
  id: Uuid,
  type: WebhookEventType,
  occurredAt: IsoDateTime,
  unionId: Uuid,
  data: Type.Record(Type.String(), Type.Unknown()),
})
export type WebhookEnvelope = Type.Static<typeof WebhookEnvelope>

/** Request headers of a delivery. */
export const WEBHOOK_SIGNATURE_HEADER = 'liendoan-signature'
export const WEBHOOK_EVENT_HEADER = 'liendoan-event'
export const WEBHOOK_DELIVERY_HEADER = 'liendoan-delivery'

/* ---------- subscriptions ---------- */

export const WebhookUrl = Type.String({
  minLength: 8,
  maxLength: 2000,
  pattern: '^[Hh][Tt][Tt][Pp][Ss]?://',
  description: 'http:// or https:// address that receives the POSTs',
  examples: ['https://hr.example.vn/hooks/liendoan'],
})

export const Webhook = Type.Object({
  id: Uuid,
  name: Type.String(),
  url: Type.String(),
  eventTypes: Type.Array(WebhookEventType),
  /** Root of the subtree whose events the subscription receives. */
  union: UnionRef,
  active: Type.Boolean(),
  createdBy: Nullable(Uuid),
  version: Type.Integer(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
})
export type Webhook = Type.Static<typeof Webhook>
export const WebhookPage = Page(Webhook)

/** A subscription as its creation and a secret rotation answer: the only time the secret is shown. */
export const WebhookWithSecret = Type.Object({
  ...Webhook.properties,
  /** HMAC-SHA256 key of the Liendoan-Signature header. Shown once: store it now. */
  secret: Type.String(),
})
export type WebhookWithSecret = Type.Static<typeof WebhookWithSecret>

const EventTypeList = Type.Array(WebhookEventType, { minItems: 1, maxItems: WebhookEventTypes.length, uniqueItems: true })

export const CreateWebhookBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    url: WebhookUrl,
    eventTypes: EventTypeList,
    /** Root of the subtree; default: your union. Must be in your scope. */
    unionId: Type.Optional(Uuid),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)
export type CreateWebhookBody = Type.Static<typeof CreateWebhookBody>

export const UpdateWebhookBody = Type.Object(
  {
    name: Type.Optional(CreateWebhookBody.properties.name),
    url: Type.Optional(WebhookUrl),
    eventTypes: Type.Optional(EventTypeList),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
)
export type UpdateWebhookBody = Type.Static<typeof UpdateWebhookBody>

export const WebhookListQuery = Type.Object(
  {
    ...PageQuery,
    /** Subscriptions rooted in this union's subtree (default: your union's). */
    under: Type.Optional(Uuid),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)
export type WebhookListQuery = Type.Static<typeof WebhookListQuery>

/* ---------- deliveries ---------- */

/** pending: waiting for its (next) attempt; succeeded: a 2xx came back; dead: every attempt failed (replay it by hand). */
export const WebhookDeliveryStatuses = ['pending', 'succeeded', 'dead'] as const
export const WebhookDeliveryStatus = Type.Enum([...WebhookDeliveryStatuses])
export type WebhookDeliveryStatus = (typeof WebhookDeliveryStatuses)[number]

export const WebhookAttempt = Type.Object({
  /** 1 for the first attempt of a run; a replay starts a new run at 1. */
  attempt: Type.Integer(),
  attemptedAt: IsoDateTime,
  durationMs: Type.Integer(),
  /** The receiver's HTTP status; null when no answer came (timeout, refused connection). */
  statusCode: Nullable(Type.Integer()),
  error: Nullable(Type.String()),
  succeeded: Type.Boolean(),
})
export type WebhookAttempt = Type.Static<typeof WebhookAttempt>

export const WebhookDelivery = Type.Object({
  id: Uuid,
  webhookId: Uuid,
  eventId: Uuid,
  eventType: WebhookEventType,
  status: WebhookDeliveryStatus,
  /** Attempts of the current run (a replay starts a new run). */
  attempts: Type.Integer(),
  nextAttemptAt: Nullable(IsoDateTime),
  lastStatusCode: Nullable(Type.Integer()),
  lastError: Nullable(Type.String()),
  lastAttemptAt: Nullable(IsoDateTime),
  createdAt: IsoDateTime,
  /** Every attempt, oldest first. */
  log: Type.Array(WebhookAttempt),
})
export type WebhookDelivery = Type.Static<typeof WebhookDelivery>
export const WebhookDeliveryPage = Page(WebhookDelivery)

export const WebhookDeliveryListQuery = Type.Object(
  {
    ...PageQuery,
    status: Type.Optional(WebhookDeliveryStatus),
  },
  { additionalProperties: false },
)
export type WebhookDeliveryListQuery = Type.Static<typeof WebhookDeliveryListQuery>

export const WebhookDeliveryParams = Type.Object({ id: Uuid, deliveryId: Uuid }, { additionalProperties: false })
export type WebhookDeliveryParams = Type.Static<typeof WebhookDeliveryParams>

/* ---------- routes ---------- */

export const webhookRoutes = {
  list: {
    method: 'GET',
    url: '/api/v1/webhooks',
    querystring: WebhookListQuery,
    response: { 200: WebhookPage, ...problems(400, 401, 403, 404) },
  },
  create: {
    method: 'POST',
    url: '/api/v1/webhooks',
    headers: IdempotencyHeaders,
    body: CreateWebhookBody,
    response: { 201: WebhookWithSecret, ...problems(400, 401, 403, 404, 422) },
  },
  get: {
    method: 'GET',
    url: '/api/v1/webhooks/:id',
    params: IdParams,
    response: { 200: Webhook, ...problems(400, 401, 403, 404) },
  },
  update: {
    method: 'PATCH',
    url: '/api/v1/webhooks/:id',
    params: IdParams,
    headers: IfMatchHeaders,
    body: UpdateWebhookBody,
    response: { 200: Webhook, ...problems(400, 401, 403, 404, 412, 428) },
  },
  delete: {
    method: 'DELETE',
    url: '/api/v1/webhooks/:id',
    params: IdParams,
    response: { 204: Type.Null(), ...problems(400, 401, 403, 404) },
  },
  rotateSecret: {
    method: 'POST',
    url: '/api/v1/webhooks/:id/rotate-secret',
    params: IdParams,
    response: { 200: WebhookWithSecret, ...problems(400, 401, 403, 404) },
  },
  deliveries: {
    method: 'GET',
    url: '/api/v1/webhooks/:id/deliveries',
    params: IdParams,
    querystring: WebhookDeliveryListQuery,
    response: { 200: WebhookDeliveryPage, ...problems(400, 401, 403, 404) },
  },
  replay: {
    method: 'POST',
    url: '/api/v1/webhooks/:id/deliveries/:deliveryId/replay',
    params: WebhookDeliveryParams,
    response: { 202: WebhookDelivery, ...problems(400, 401, 403, 404, 409) },
  },
} as const
