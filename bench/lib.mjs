// Helpers shared by the benchmark scripts. The bench has no dependencies of its own: it borrows
// the API's (fastify, pg, drizzle-orm, autocannon) so it measures exactly what the API runs on.
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import net from 'node:net'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const API_DIR = path.join(ROOT, 'apps/api')

/** `require` as seen from apps/api, for its CommonJS dependencies. */
export const apiRequire = createRequire(path.join(API_DIR, 'package.json'))

/**
 * Imports the ESM build of one of the API's dependencies, so the instance is the one
 * apps/api/dist itself loads (drizzle-orm ships both builds).
 */
export async function importFromApi(name) {
  let dir = path.dirname(apiRequire.resolve(name))
  for (;;) {
    const manifest = path.join(dir, 'package.json')
    if (existsSync(manifest)) {
      const pkg = JSON.parse(readFileSync(manifest, 'utf8'))
      if (pkg.name === name) {
        const root = pkg.exports?.['.'] ?? pkg.exports
        const entry =
          (typeof root === 'string' ? root : (root?.import?.default ?? root?.import ?? root?.default)) ?? pkg.module ?? pkg.main
        return import(pathToFileURL(path.join(dir, entry)).href)
      }
    }
    const parent = path.dirname(dir)
    if (parent === dir) throw new Error(`cannot find the package ${name} from apps/api`)
    dir = parent
  }
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

export async function waitForReady(url, { timeoutMs = 60_000, isAlive = () => true } = {}) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error(`the process behind ${url} exited`)
    try {
      const response = await fetch(url)
      if (response.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error(`${url} was not ready after ${timeoutMs / 1000} s`)
}

export function maskUrl(url) {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')
}
