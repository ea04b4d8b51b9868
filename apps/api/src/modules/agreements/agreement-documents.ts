import { type AgreementDocumentMediaType, AgreementDocumentMediaTypes } from '@liendoan/contracts'
import { createHash } from 'node:crypto'
import { Transform, type Readable, type TransformCallback } from 'node:stream'
import { type DocumentStorage, newStorageKey } from '../../lib/document-storage.js'
import { ProblemError } from '../../lib/errors.js'

/** The first bytes each accepted type starts with: a file is what its content says, not its name. */
const SIGNATURES: Record<AgreementDocumentMediaType, Buffer> = {
  'application/pdf': Buffer.from('%PDF-', 'latin1'),
  'image/jpeg': Buffer.from([0xff, 0xd8, 0xff]),
  'image/png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
}

export function isDocumentMediaType(value: string): value is AgreementDocumentMediaType {
  return (AgreementDocumentMediaTypes as readonly string[]).includes(value)
}

export function unsupportedMediaType(): ProblemError {
  return new ProblemError(
    415,
    'unsupported_media_type',
    'Documents are PDF, JPEG or PNG files (application/pdf, image/jpeg, image/png). (Chỉ nhận tệp PDF, JPEG hoặc PNG.)',
  )
}

export function documentTooLarge(maxBytes: number): ProblemError {
  const megabytes = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }).format(maxBytes / (1024 * 1024))
  return new ProblemError(413, 'payload_too_large', `Tệp vượt quá giới hạn ${megabytes} MB. (The file is larger than the limit.)`)
}

function contentMismatch(): ProblemError {
  return new ProblemError(422, 'invalid_file', 'The file content does not match its declared type.', [{ field: 'file', code: 'file_content_mismatch' }])
}

/**
 * Passes a document through while counting, hashing and checking its first bytes against the
 * declared type. It fails the stream (so the storage keeps nothing) as soon as the file is too
 * large or its content is not what it claims to be.
 */
class DocumentCheck extends Transform {
  readonly hash = createHash('sha256')
  size = 0
  private head = Buffer.alloc(0)
  private checked = false

  constructor(
    private readonly signature: Buffer,
    private readonly maxBytes: number,
  ) {
    super()
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.size += chunk.length
    if (this.size > this.maxBytes) {
      callback(documentTooLarge(this.maxBytes))
      return
    }
    if (!this.checked) {
      this.head = Buffer.concat([this.head, chunk.subarray(0, this.signature.length - this.head.length)])
      if (this.head.length >= this.signature.length) {
        if (!this.head.equals(this.signature)) {
          callback(contentMismatch())
          return
        }
        this.checked = true
      }
    }
    this.hash.update(chunk)
    callback(null, chunk)
  }

  override _flush(callback: TransformCallback): void {
    if (this.size === 0) callback(new ProblemError(422, 'invalid_file', 'The file is empty.', [{ field: 'file', code: 'file_empty' }]))
    else if (!this.checked) callback(contentMismatch())
    else callback()
  }
}

export interface ReceivedDocument {
  storageKey: string
  mediaType: AgreementDocumentMediaType
  sizeBytes: number
  sha256: string
}

/**
 * Writes an uploaded document to the storage under a new key, checked on the way. Either the
 * whole checked file is stored, or nothing is and the error says why (413, 415-checked by the
 * caller, 422 invalid_file).
 */
export async function receiveDocument(storage: DocumentStorage, content: Readable, mediaType: AgreementDocumentMediaType, maxBytes: number): Promise<ReceivedDocument> {
  const check = new DocumentCheck(SIGNATURES[mediaType], maxBytes)
  const storageKey = newStorageKey('agreements')
  // Errors of the source (the multipart limit) reach the pipeline inside put through the check.
  content.on('error', (error) => check.destroy(error))
  // The check may fail before the storage's pipeline listens (a small file is read at once): the
  // pipeline still sees the stored error, this only keeps it from being an uncaught 'error' event.
  check.on('error', () => undefined)
  try {
    await storage.put(storageKey, content.pipe(check))
  } catch (error) {
    // Read the rest of the part, so the form's later fields still come through.
    content.unpipe(check)
    content.resume()
    throw error
  }
  return { storageKey, mediaType, sizeBytes: check.size, sha256: check.hash.digest('hex') }
}

/** A client's file name made safe to keep and show: no folders, no control characters, bounded. */
export function cleanFileName(name: string | undefined, mediaType: AgreementDocumentMediaType): string {
  // Some browsers send a path ("C:\\fakepath\\thoa-uoc.pdf"): keep the name only.
  // eslint-disable-next-line no-control-regex
  const base = (name ?? '').split(/[\\/]/).pop()?.replace(/[\u0000-\u001f\u007f]/g, '').trim().normalize('NFC') ?? ''
  const fallback = mediaType === 'application/pdf' ? 'tai-lieu.pdf' : mediaType === 'image/png' ? 'tai-lieu.png' : 'tai-lieu.jpg'
  return (base || fallback).slice(0, 255)
}

/**
 * Content-Disposition for a download: an ASCII fallback name for old clients, and the real name
 * (Vietnamese) as RFC 5987 `filename*`.
 */
export function contentDisposition(fileName: string): string {
  const ascii = fileName
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\;]/g, '_')
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`
}
