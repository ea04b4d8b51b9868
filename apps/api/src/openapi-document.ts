import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildApp } from './app.js'
import { loadConfig } from './config.js'
import { openDatabase } from './db/client.js'
import { sortKeys } from './lib/canonical-json.js'

/** The committed document, relative to the repository root. */
export const OPENAPI_DOCUMENT = 'docs/openapi.json'

/** The folder holding pnpm-workspace.yaml, found upwards from this file. */
export function repositoryRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url))
  while (!existsSync(path.join(dir, 'pnpm-workspace.yaml'))) {
    const parent = path.dirname(dir)
    if (parent === dir) throw new Error('pnpm-workspace.yaml not found above openapi-document')
    dir = parent
  }
  return dir
}

/**
 * The OpenAPI document as committed: the app built as the server builds it, without listening,
 * on an empty in-memory database and a fixed configuration (the document must not depend on the
 * environment it is made in), with sorted keys and a final newline.
 */
export async function generateOpenApiDocument(): Promise<string> {
  const config = loadConfig({
    NODE_ENV: 'production',
    JWT_SECRET: 'openapi-document-generation-only-not-a-secret',
    DATA_DIR: 'memory://',
    SEED_DEMO: 'false',
    // Off by default, but an operator may turn it on: the document shows the 429 every route can then answer.
    API_RATE_LIMIT_PER_MINUTE: '1200',
  })
  const database = await openDatabase({ dataDir: 'memory://', poolSize: 1 })
  const app = await buildApp({ config, database })
  try {
    await app.ready()
    return `${JSON.stringify(sortKeys(app.swagger()), null, 2)}\n`
  } finally {
    await app.close()
    await database.close()
  }
}
