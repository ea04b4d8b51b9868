import { createHash, randomUUID } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Transform, type Readable, type TransformCallback } from 'node:stream'
import { pipeline } from 'node:stream/promises'

/**
 * An uploaded spreadsheet spooled to a temporary file: the import reads it back as a stream, so
 * a large file never sits in memory. Whoever holds it last calls `discard()`.
 */
export interface SpooledUpload {
  path: string
  fileName: string
  mimeType: string
  size: number
  sha256: string
  /** The first bytes, for telling XLSX (a zip) from CSV. */
  head: Buffer
  discard(): Promise<void>
}

/** Counts, hashes and keeps the first bytes of whatever passes through. */
class Fingerprint extends Transform {
  readonly hash = createHash('sha256')
  size = 0
  head = Buffer.alloc(0)

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.hash.update(chunk)
    this.size += chunk.length
    if (this.head.length < 16) this.head = Buffer.concat([this.head, chunk.subarray(0, 16 - this.head.length)])
    callback(null, chunk)
  }
}

/** Writes `stream` to a new file in the system's temporary folder, hashing it on the way (SHA-256). */
export async function spoolUpload(stream: Readable, fileName: string, mimeType: string): Promise<SpooledUpload> {
  const filePath = path.join(tmpdir(), `liendoan-import-${randomUUID()}`)
  const discard = () => rm(filePath, { force: true })
  const fingerprint = new Fingerprint()
  try {
    await pipeline(stream, fingerprint, createWriteStream(filePath, { flags: 'wx', mode: 0o600 }))
  } catch (error) {
    await discard()
    throw error
  }
  return {
    path: filePath,
    fileName,
    mimeType,
    size: fingerprint.size,
    sha256: fingerprint.hash.digest('hex'),
    head: fingerprint.head,
    discard,
  }
}
