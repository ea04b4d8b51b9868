import { randomUUID } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdir, open, rename, rm, stat } from 'node:fs/promises'
import path from 'node:path'
import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { v7 as uuidv7 } from 'uuid'

/**
 * Where uploaded documents' bytes live. The database keeps what a document is (name, type, size,
 * hash) and its storage key; the storage keeps the bytes under that key. Keys are made by
 * `newStorageKey`, never from a client's file name, so nothing a client sends reaches a path.
 * Another implementation (S3-compatible object storage) fits behind the same three calls.
 */
export interface DocumentStorage {
  /**
   * Stores the stream's bytes under `key`. Either the whole content is stored or nothing is: a
   * stream that fails (too large, wrong content) leaves no object behind.
   */
  put(key: string, content: Readable): Promise<void>
  /** The bytes under `key`; throws DocumentNotStoredError when there are none. */
  get(key: string): Promise<Readable>
  /** Removes the object; a missing one is not an error. */
  delete(key: string): Promise<void>
  /** Whether an object exists under `key` (for checks and tests). */
  exists(key: string): Promise<boolean>
}

export class DocumentNotStoredError extends Error {
  constructor(key: string) {
    super(`No stored document under ${key}`)
    this.name = 'DocumentNotStoredError'
  }
}

const KEY = /^[a-z0-9][a-z0-9-]*(\/[a-z0-9][a-z0-9-]*)*$/

/** A new storage key: `namespace/yyyy/mm/<uuid v7>`, spread over folders by month. */
export function newStorageKey(namespace: string, now: Date = new Date()): string {
  const month = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}`
  return `${namespace}/${month}/${uuidv7()}`
}

function checkKey(key: string): void {
  // Keys are ours, but check anyway: a key must never climb out of the root.
  if (!KEY.test(key) || key.length > 200) throw new Error(`Invalid storage key: ${key}`)
}

/**
 * Documents on the local disk under `rootDir` (created on first use). A file is written to a
 * temporary name beside its final place and renamed when complete, so a reader never sees half
 * a file and a failed upload leaves nothing.
 */
export function createLocalDocumentStorage(rootDir: string): DocumentStorage {
  const root = path.resolve(rootDir)
  const pathOf = (key: string) => {
    checkKey(key)
    return path.join(root, ...key.split('/'))
  }

  return {
    async put(key, content) {
      const target = pathOf(key)
      await mkdir(path.dirname(target), { recursive: true })
      const temporary = `${target}.${randomUUID()}.part`
      try {
        await pipeline(content, createWriteStream(temporary, { flags: 'wx', mode: 0o600 }))
        await rename(temporary, target)
      } catch (error) {
        await rm(temporary, { force: true })
        throw error
      }
    },

    async get(key) {
      // Opened first: a missing file is a clear error here rather than a stream failing later.
      let handle
      try {
        handle = await open(pathOf(key), 'r')
      } catch {
        throw new DocumentNotStoredError(key)
      }
      return handle.createReadStream()
    },

    async delete(key) {
      await rm(pathOf(key), { force: true })
    },

    async exists(key) {
      try {
        return (await stat(pathOf(key))).isFile()
      } catch {
        return false
      }
    },
  }
}
