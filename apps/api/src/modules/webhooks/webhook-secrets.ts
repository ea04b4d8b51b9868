import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto'

/**
 * Webhook secrets. The dispatcher needs the secret itself to sign (a hash would not do), so it is
 * stored: sealed with AES-256-GCM under WEBHOOK_SECRET_KEY when that is set, plain otherwise.
 * A stored value says which, so setting the key later still reads the older plain secrets.
 */

const PLAIN = 'plain:'
const SEALED = 'aes256gcm:'

export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`
}

/** Any passphrase of the configuration becomes a 256-bit key. */
const keyOf = (passphrase: string) => createHash('sha256').update(passphrase).digest()

export function sealWebhookSecret(secret: string, passphrase: string | undefined): string {
  if (!passphrase) return `${PLAIN}${secret}`
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', keyOf(passphrase), iv)
  const encrypted = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()])
  return `${SEALED}${iv.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}.${encrypted.toString('base64url')}`
}

export class WebhookSecretUnavailableError extends Error {}

export function openWebhookSecret(stored: string, passphrase: string | undefined): string {
  if (stored.startsWith(PLAIN)) return stored.slice(PLAIN.length)
  if (!stored.startsWith(SEALED) || !passphrase) throw new WebhookSecretUnavailableError('The webhook secret is sealed and WEBHOOK_SECRET_KEY is not set.')
  const [iv, tag, encrypted] = stored.slice(SEALED.length).split('.')
  if (iv === undefined || tag === undefined || encrypted === undefined) throw new WebhookSecretUnavailableError('The stored webhook secret is damaged.')
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyOf(passphrase), Buffer.from(iv, 'base64url'))
    decipher.setAuthTag(Buffer.from(tag, 'base64url'))
    return Buffer.concat([decipher.update(Buffer.from(encrypted, 'base64url')), decipher.final()]).toString('utf8')
  } catch {
    throw new WebhookSecretUnavailableError('The webhook secret was sealed with another WEBHOOK_SECRET_KEY.')
  }
}

/** `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`: the Liendoan-Signature header. */
export function signWebhookBody(secret: string, body: string, unixSeconds: number): string {
  const digest = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex')
  return `t=${unixSeconds},v1=${digest}`
}
