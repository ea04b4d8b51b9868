#!/usr/bin/env node
// Runs the whole system for one machine: the API on PORT (default 3000) and the web app on
// WEB_PORT (default 5173, proxying /api to the API). Embedded database in ./data unless
// DATABASE_URL is set. `--dev` runs both from source with reload instead of the built files.
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const dev = process.argv.includes('--dev')

if (existsSync(path.join(root, '.env'))) process.loadEnvFile(path.join(root, '.env'))

const env = { ...process.env }
env.PORT ??= '3000'
env.WEB_PORT ??= '5173'
env.DATA_DIR ??= path.join(root, 'data')
env.CORS_ORIGINS ??= `http://localhost:${env.WEB_PORT},http://127.0.0.1:${env.WEB_PORT}`
env.API_URL ??= `http://127.0.0.1:${env.PORT}`

// No default secret in the API itself: on a developer machine we make one per install and keep it.
if (!env.JWT_SECRET) {
  const secretFile = path.join(env.DATA_DIR, '.jwt-secret')
  mkdirSync(env.DATA_DIR, { recursive: true })
  if (!existsSync(secretFile)) writeFileSync(secretFile, randomBytes(48).toString('base64url'), { mode: 0o600 })
  env.JWT_SECRET = readFileSync(secretFile, 'utf8').trim()
}

const children = []
function run(name, command, args, cwd) {
  const child = spawn(command, args, { cwd, env, stdio: 'inherit' })
  children.push(child)
  child.on('exit', (code, signal) => {
    if (stopping) return
    console.error(`\n${name} stopped (${signal ?? `exit code ${code}`}); stopping everything.`)
    stop(code ?? 1)
  })
  return child
}

let stopping = false
function stop(code = 0) {
  stopping = true
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM')
  setTimeout(() => process.exit(code), 3000).unref()
  Promise.all(children.map((child) => (child.exitCode === null ? new Promise((resolve) => child.on('exit', resolve)) : null))).then(() =>
    process.exit(code),
  )
}
process.on('SIGINT', () => stop(0))
process.on('SIGTERM', () => stop(0))

async function waitForApi(timeoutMs = 180_000) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (stopping) return false
    try {
      const response = await fetch(`${env.API_URL}/ready`)
      if (response.ok) return true
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  return false
}

const apiDir = path.join(root, 'apps/api')
const webDir = path.join(root, 'apps/web')
if (dev) {
  run('API', process.execPath, [path.join(apiDir, 'node_modules/tsx/dist/cli.mjs'), 'watch', 'src/server.ts'], apiDir)
} else {
  run('API', process.execPath, [path.join(apiDir, 'dist/src/server.js')], root)
}

if (!(await waitForApi())) {
  console.error(`The API did not become ready on ${env.API_URL}.`)
  stop(1)
} else {
  const vite = path.join(webDir, 'node_modules/vite/bin/vite.js')
  run('Web app', process.execPath, dev ? [vite, '--port', env.WEB_PORT, '--strictPort'] : [vite, 'preview', '--port', env.WEB_PORT, '--strictPort'], webDir)
  const demo = env.SEED_DEMO !== 'false'
  const lines = [
    '',
    '  Liendoan is running',
    `  Web app:  http://localhost:${env.WEB_PORT}`,
    `  API:      http://localhost:${env.PORT}   (docs: http://localhost:${env.PORT}/api/docs)`,
    `  Database: ${env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `embedded, in ${env.DATA_DIR}`}`,
  ]
  if (demo) {
    lines.push(
      '',
      '  Demo accounts (password Liendoan@2026):',
      '    admin@liendoan.vn     admin, LĐLĐ thành phố Hà Nội',
      '    hanoi@liendoan.vn     federation officer, LĐLĐ thành phố Hà Nội',
      '    phuctho@liendoan.vn   federation officer, LĐLĐ huyện Phúc Thọ',
      '    thanhtri@liendoan.vn  federation officer, LĐLĐ huyện Thanh Trì',
      '    cdcs@liendoan.vn      union officer, a grassroots union in Phúc Thọ',
      '    viewer@liendoan.vn    viewer, LĐLĐ quận Thanh Xuân',
    )
  }
  console.log(`${lines.join('\n')}\n`)
}
