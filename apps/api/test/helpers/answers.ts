import { randomBytes } from 'node:crypto'
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import { OPENAPI_DOCUMENT, repositoryRoot } from '../../src/openapi-document.js'

/**
 * Every answer the test apps give, as `METHOD /route status`, checked at the end of the run
 * against the committed OpenAPI document: a status a route really answers in some test but the
 * document does not declare fails the run. The folder is made by the global setup and handed
 * to the test processes in the environment.
 */
const ANSWERS_DIR = 'LIENDOAN_TEST_ANSWERS_DIR'

/** Records the app's answers; returns what writes them down (call it when the app closes). */
export function recordAnswers(app: FastifyInstance): () => Promise<void> {
  const dir = process.env[ANSWERS_DIR]
  if (!dir) return async () => undefined
  const answers = new Set<string>()
  app.addHook('onResponse', async (request, reply) => {
    // Unknown URLs have no route: the not-found handler's 404 is not an operation's answer.
    const route = request.routeOptions.url
    if (route) answers.add(`${request.method} ${route} ${reply.statusCode}`)
  })
  return async () => {
    if (answers.size === 0) return
    await writeFile(path.join(dir, `${process.pid}-${randomBytes(6).toString('hex')}.json`), JSON.stringify([...answers]))
  }
}

/** Makes the folder the test processes write their answers to. */
export async function startRecordingAnswers(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'liendoan-answers-'))
  process.env[ANSWERS_DIR] = dir
  return dir
}

/** The answers recorded in `dir` that the committed document does not declare for their operation. */
export async function undeclaredAnswers(dir: string): Promise<string[]> {
  const document = JSON.parse(await readFile(path.join(repositoryRoot(), OPENAPI_DOCUMENT), 'utf8')) as {
    paths: Record<string, Record<string, { responses?: Record<string, unknown> }>>
  }
  const declared = new Map<string, Set<string>>()
  for (const [url, item] of Object.entries(document.paths)) {
    const route = url.replace(/\{([^}]+)\}/g, ':$1')
    for (const [method, operation] of Object.entries(item)) declared.set(`${method.toUpperCase()} ${route}`, new Set(Object.keys(operation.responses ?? {})))
  }
  const undeclared = new Set<string>()
  for (const file of await readdir(dir)) {
    for (const answer of JSON.parse(await readFile(path.join(dir, file), 'utf8')) as string[]) {
      const cut = answer.lastIndexOf(' ')
      // Routes outside the document (hidden ones such as /health, HEAD twins of GETs) are not checked here.
      const statuses = declared.get(answer.slice(0, cut))
      if (statuses && !statuses.has(answer.slice(cut + 1))) undeclared.add(answer)
    }
  }
  return [...undeclared].sort()
}

export async function stopRecordingAnswers(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true })
}
