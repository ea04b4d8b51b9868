/**
 * The committed OpenAPI document, docs/openapi.json: third parties build on it, so a change to
 * it must be committed with the code that makes it.
 *
 *   pnpm openapi:write   regenerates the file from the routes
 *   pnpm openapi:check   fails, with a summary of what differs, when the file is not what the
 *                        routes generate (part of `pnpm test`)
 *
 * The app is built as the server builds it, without listening, on an empty in-memory database
 * and a fixed configuration (the document must not depend on the environment it is made in).
 */
import { existsSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { OPENAPI_DOCUMENT, generateOpenApiDocument, repositoryRoot } from './openapi-document.js'

const DOCUMENT = OPENAPI_DOCUMENT

type Json = Record<string, unknown>
const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'])

/** Operations (METHOD /path) and other top-level parts added, removed or changed. */
function summarizeDifferences(committed: Json, generated: Json): string[] {
  const operations = (document: Json) => {
    const out = new Map<string, string>()
    for (const [url, item] of Object.entries((document.paths ?? {}) as Record<string, Json>)) {
      for (const [method, operation] of Object.entries(item)) {
        if (HTTP_METHODS.has(method)) out.set(`${method.toUpperCase()} ${url}`, JSON.stringify(operation))
      }
    }
    return out
  }
  const before = operations(committed)
  const after = operations(generated)
  const lines: string[] = []
  for (const [name, operation] of after) {
    if (!before.has(name)) lines.push(`  + ${name}`)
    else if (before.get(name) !== operation) lines.push(`  ~ ${name}`)
  }
  for (const name of before.keys()) if (!after.has(name)) lines.push(`  - ${name}`)
  for (const key of new Set([...Object.keys(committed), ...Object.keys(generated)])) {
    if (key !== 'paths' && JSON.stringify(committed[key]) !== JSON.stringify(generated[key])) lines.push(`  ~ ${key}`)
  }
  return lines
}

async function main(mode: string | undefined) {
  const file = path.join(repositoryRoot(), DOCUMENT)
  const generated = await generateOpenApiDocument()
  if (mode === 'write') {
    await writeFile(file, generated)
    console.log(`wrote ${DOCUMENT}`)
    return
  }
  if (mode !== 'check') throw new Error('usage: openapi-cli write|check')
  const committed = existsSync(file) ? await readFile(file, 'utf8') : undefined
  if (committed === generated) {
    console.log(`${DOCUMENT} matches the routes`)
    return
  }
  const lines = committed === undefined ? ['  (no committed document)'] : summarizeDifferences(JSON.parse(committed) as Json, JSON.parse(generated) as Json)
  const shown = lines.slice(0, 30)
  if (lines.length > shown.length) shown.push(`  … and ${lines.length - shown.length} more`)
  if (lines.length === 0) shown.push('  (formatting only)')
  console.error(
    [
      `${DOCUMENT} is not what the routes generate (+ added, - removed, ~ changed in the code):`,
      ...shown,
      'If the change is intended, run `pnpm openapi:write` and commit docs/openapi.json with it;',
      'integrators build on this document, so a breaking change must be deliberate.',
    ].join('\n'),
  )
  process.exitCode = 1
}

await main(process.argv[2])
